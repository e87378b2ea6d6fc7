"""Input readers: files, folders, stdin and URLs in; Articles (or InputErrors) out.

One module per format, each with ``read(text, origin, date)`` yielding Articles
or per-record InputErrors: seed, text, jsonl, html, feed. ``detect`` picks the
format; ``sources`` and ``decode`` turn PATH arguments into text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import import_module
from typing import BinaryIO

from eventdesk.errors import InputError
from eventdesk.ingest.common import Reader, check_day
from eventdesk.ingest.decode import decode
from eventdesk.ingest.detect import detect_format
from eventdesk.ingest.sources import Source, iter_sources
from eventdesk.model import Article

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
FORMATS = ("seed", "text", "jsonl", "html", "feed")
_THIRD_PARTY = ("html", "feed")  # parsed by libraries that may raise on odd input

__all__ = ["DEFAULT_MAX_BYTES", "FORMATS", "iter_articles", "read_source"]


def iter_articles(paths: Iterable[str], input_format: str | None = None,
                  date: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  stdin: BinaryIO | None = None) -> Iterator[Article | InputError]:
    """Yield, in input order, one Article per article read or one InputError per bad input.

    Raises ValueError at once (bad usage) for an unknown format, a date that is
    not YYYY-MM-DD or a max_bytes below 1.
    """
    if input_format is not None and input_format not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; "
                         f"choose one of {', '.join(FORMATS)}")
    check_day(date)
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be at least 1, got {max_bytes}")
    return _iter(paths, input_format, date, max_bytes, stdin)


def _iter(paths: Iterable[str], input_format: str | None, date: str | None,
          max_bytes: int, stdin: BinaryIO | None) -> Iterator[Article | InputError]:
    for source in iter_sources(paths, max_bytes, stdin):
        if isinstance(source, InputError):
            yield source
        else:
            yield from read_source(source, input_format, date)


def read_source(source: Source, input_format: str | None = None,
                date: str | None = None) -> Iterator[Article | InputError]:
    """Decode one input, pick its format and read it."""
    text = decode(source.data, source.origin, source.encoding)
    if isinstance(text, InputError):
        yield text
        return
    fmt = input_format or detect_format(source.origin, text, is_url=source.is_url)
    reader = _reader(fmt, source)
    if fmt not in _THIRD_PARTY:
        yield from reader(text, source.origin, date)
        return
    try:
        yield from reader(text, source.origin, date)
    except Exception as exc:  # noqa: BLE001 - a parser crash must not stop the run
        yield InputError(source.origin, f"cannot read as {fmt}: {exc}")


def _reader(fmt: str, source: Source) -> Reader:
    module = import_module(f"eventdesk.ingest.{fmt}")
    if fmt == "html" and source.is_url:
        return lambda text, origin, date: module.read(text, origin, date, url=origin)
    return module.read
