"""HTML pages: main text, title, date and canonical URL via trafilatura."""

from __future__ import annotations

from collections.abc import Iterator

from eventdesk.errors import InputError
from eventdesk.ingest.common import Result, normalise_date
from eventdesk.model import Article


def read(text: str, origin: str, date: str | None, url: str | None = None) -> Iterator[Result]:
    """One article from an HTML page, or an InputError when it has no main text."""
    import trafilatura  # lazy: slow to import

    doc = trafilatura.bare_extraction(text, url=url, with_metadata=True)
    body = _body(doc)
    if not body:
        yield InputError(origin, "no article text found in HTML")
        return
    title = (doc.title or "").strip() or None
    yield Article(
        text=_drop_title(body, title),
        title=title,
        date=normalise_date(doc.date or "") or date,
        source=doc.sitename or doc.hostname or None,
        url=doc.url or url,
        meta={"format": "html"},
        origin=origin,
    )


def _body(doc: object) -> str:
    text = getattr(doc, "text", None) if doc is not None else None
    return text.strip() if isinstance(text, str) else ""


def _drop_title(body: str, title: str | None) -> str:
    """Drop a first line that repeats the headline (trafilatura keeps the h1)."""
    first, sep, rest = body.partition("\n")
    if title and sep and first.strip() == title and rest.strip():
        return rest
    return body
