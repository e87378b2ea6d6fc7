"""Input readers: files, folders, stdin and URLs in; Articles (or InputErrors) out.

One module per format, each with ``read(text, origin, date)`` yielding Articles
or per-record InputErrors: seed, text, jsonl, json, html, feed. ``detect`` picks the
format; ``sources`` and ``decode`` turn PATH arguments into text. Whatever a reader raises
becomes one InputError for its input, and an article over ``max_chars`` one for itself: the
run always goes on with the next input.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import import_module
from typing import BinaryIO

from eventdesk.errors import InputError, describe
from eventdesk.ingest.common import Reader, check_day
from eventdesk.ingest.decode import decode
from eventdesk.ingest.detect import detect_format
from eventdesk.ingest.fetch import DEADLINE
from eventdesk.ingest.sources import Source, iter_sources
from eventdesk.model import Article

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_CHARS = 1_000_000
FORMATS = ("seed", "text", "jsonl", "json", "html", "feed")

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_CHARS", "FORMATS", "iter_articles", "read_source"]


def iter_articles(paths: Iterable[str], input_format: str | None = None,
                  date: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  stdin: BinaryIO | None = None, *, max_chars: int = DEFAULT_MAX_CHARS,
                  fetch_timeout: float = DEADLINE) -> Iterator[Article | InputError]:
    """Yield, in input order, one Article per article read or one InputError per bad input.

    Raises ValueError at once (bad usage) for an unknown format, a date that is
    not YYYY-MM-DD or a limit below 1.
    """
    if input_format is not None and input_format not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; "
                         f"choose one of {', '.join(FORMATS)}")
    check_day(date)
    for name, value in (("max_bytes", max_bytes), ("max_chars", max_chars),
                        ("fetch_timeout", fetch_timeout)):
        if value < 1:
            raise ValueError(f"{name} must be at least 1, got {value}")
    return _iter(paths, input_format, date, max_bytes, stdin, max_chars, fetch_timeout)


def _iter(paths: Iterable[str], input_format: str | None, date: str | None, max_bytes: int,
          stdin: BinaryIO | None, max_chars: int,
          fetch_timeout: float) -> Iterator[Article | InputError]:
    for source in iter_sources(paths, max_bytes, stdin, fetch_timeout):
        if isinstance(source, InputError):
            yield source
            continue
        for item in read_source(source, input_format, date):
            yield item if isinstance(item, InputError) else within(item, max_chars)


def within(article: Article, max_chars: int) -> Article | InputError:
    """The article, or an InputError when its title and text are longer than ``max_chars``."""
    size = len(article.text) + len(article.title or "")
    if size <= max_chars:
        return article
    return InputError(article.origin, f"article is {size} characters long (title and text), "
                                      f"over the limit of {max_chars}; raise it with "
                                      "--max-chars")


def read_source(source: Source, input_format: str | None = None,
                date: str | None = None) -> Iterator[Article | InputError]:
    """Decode one input, pick its format and read it."""
    text = decode(source.data, source.origin, source.encoding)
    if isinstance(text, InputError):
        yield text
        return
    fmt = input_format or detect_format(source.origin, text, is_url=source.is_url,
                                        media_type=source.media_type)
    reader = _reader(fmt, source)
    try:
        yield from reader(text, source.origin, date)
    except Exception as exc:  # noqa: BLE001 - a reader's crash must not stop the run
        yield InputError(source.origin, f"cannot read as {fmt}: {describe(exc)}")


_MODULES = {"json": "jsondoc"}  # not "json": that would read like the standard library


def _reader(fmt: str, source: Source) -> Reader:
    module = import_module(f"eventdesk.ingest.{_MODULES.get(fmt, fmt)}")
    if fmt == "html" and source.is_url:
        return lambda text, origin, date: module.read(text, origin, date, url=origin)
    return module.read
