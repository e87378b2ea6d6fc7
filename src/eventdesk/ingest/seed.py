"""The seed layout: ``date YYYY-MM-DD N``, then the headline, then the body.

A leading ``(OUTLET)`` in the body names the source outlet; the body is kept
exactly as given so that character offsets match the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from eventdesk.errors import InputError
from eventdesk.ingest.common import Result, normalise_date
from eventdesk.model import Article

HEADER = re.compile(r"^\s*date\s+([0-9]{4}-[0-9]{2}-[0-9]{2})\s+([0-9]+)\s*$")
MAX_N_DIGITS = 18  # N is kept as an integer in the article's meta: one that fits 64 bits
_OUTLET = re.compile(r"^\s*\(([^()\n]{1,80})\)")


def is_seed(text: str) -> bool:
    """True when the first line is a seed header."""
    return HEADER.match(text.lstrip("\ufeff").split("\n", 1)[0]) is not None


def read(text: str, origin: str, date: str | None) -> Iterator[Result]:
    """One article from a seed-layout file (``date`` is unused: the header has one)."""
    lines = text.lstrip("\ufeff").split("\n", 2)
    header = HEADER.match(lines[0])
    if header is None:
        yield InputError(origin, "not in the seed layout: line 1 must be 'date YYYY-MM-DD N'", 1)
        return
    day = normalise_date(header.group(1))
    if day is None:
        yield InputError(origin, f"invalid date {header.group(1)!r} in the seed header", 1)
        return
    if len(header.group(2)) > MAX_N_DIGITS:
        yield InputError(origin, f"number out of range in the seed header: N has "
                                 f"{len(header.group(2))} digits, at most {MAX_N_DIGITS}", 1)
        return
    title = lines[1].strip() if len(lines) > 1 else ""
    body = lines[2] if len(lines) > 2 else ""
    if not body.strip():
        yield InputError(origin, "record without text: the seed body (line 3 on) is empty")
        return
    outlet = _OUTLET.match(body)
    yield Article(
        text=body,
        title=title or None,
        date=day,
        source=outlet.group(1).strip() if outlet else None,
        meta={"format": "seed", "seed_n": int(header.group(2))},
        origin=origin,
    )
