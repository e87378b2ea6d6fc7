"""Plain text: the whole file is the article body."""

from __future__ import annotations

from collections.abc import Iterator

from eventdesk.ingest.common import Result
from eventdesk.model import Article


def read(text: str, origin: str, date: str | None) -> Iterator[Result]:
    """One article: the text exactly as given, no title, the date from ``--date``."""
    yield Article(text=text, date=date, meta={"format": "text"}, origin=origin)
