"""RSS and Atom feeds: one article per entry, via feedparser."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from eventdesk.errors import InputError
from eventdesk.ingest.common import Result
from eventdesk.model import Article

_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""")
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
          "blockquote", "pre", "tr", "table", "section", "article", "header", "footer"}
_SKIP = {"script", "style"}


def read(text: str, origin: str, date: str | None) -> Iterator[Result]:
    """One article per feed entry; an InputError when the feed cannot be read."""
    import feedparser  # lazy

    # Text is already decoded: say so in the XML declaration, and pass a stream so
    # feedparser never treats the content as a URL or a file name.
    data = _XML_ENCODING.sub(r"\1\2utf-8\2", text, count=1).encode("utf-8")
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.bozo:
            reason = parsed.get("bozo_exception") or "unreadable XML"
            yield InputError(origin, f"broken feed: {reason}")
        elif not parsed.version:
            yield InputError(origin, "not an RSS or Atom feed")
        return
    source = parsed.feed.get("title") or None
    results = [_article(entry, number, origin, date, source)
               for number, entry in enumerate(parsed.entries, start=1)]
    broken = _xml_error(parsed)
    if broken is None:
        yield from results
        return
    # Broken XML (a truncated download, say): feedparser recovers what it can. Keep the
    # entries that have text and say once, naming the XML error, that the feed is broken.
    kept = [r for r in results if isinstance(r, Article)]
    yield InputError(origin, f"broken feed: {broken}; kept {len(kept)} of "
                             f"{len(results)} entries")
    yield from kept


def _xml_error(parsed: Any) -> str | None:
    """The XML error of a feed parsed leniently, or None (benign encoding notes too)."""
    from feedparser.exceptions import ThingsNobodyCaresAboutButMe

    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if exc is None or isinstance(exc, ThingsNobodyCaresAboutButMe):
        return None
    return str(exc).replace("<unknown>:", "line ", 1) or type(exc).__name__


def _article(entry: Any, number: int, origin: str, date: str | None,
             source: str | None) -> Result:
    text = html_to_text(_content(entry))
    if not text:
        return InputError(origin, f"record without text: feed entry {number} has no content")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return Article(
        text=text,
        title=entry.get("title") or None,
        date=time.strftime("%Y-%m-%d", stamp) if stamp else date,
        source=source,
        url=entry.get("link") or None,
        id=entry.get("id") or None,
        meta={"format": "feed", "entry": number},
        origin=origin,
    )


def _content(entry: Any) -> str:
    for part in entry.get("content") or ():
        if part.get("value", "").strip():
            return part["value"]
    return entry.get("summary") or ""


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.skip += tag in _SKIP
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in _SKIP and self.skip > 0
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Strip tags: one line per block, spaces collapsed, blank lines dropped."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
