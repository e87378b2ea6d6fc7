"""JSON Lines: one article object a line, as in the output contract.

Records are split on ``\\n`` only, never with ``str.splitlines()``: strings may
hold raw U+2028 or U+0085, which are not line breaks in JSON Lines. Each line is read
on its own: whatever is wrong with one (``eventdesk.ingest.records``) costs that line only.
"""

from __future__ import annotations

from collections.abc import Iterator

from eventdesk.errors import InputError
from eventdesk.ingest import records
from eventdesk.ingest.common import Result


def read(text: str, origin: str, date: str | None) -> Iterator[Result]:
    """One article per non-blank line; one InputError per bad line."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _record(line, origin, number, date)


def _record(line: str, origin: str, number: int, date: str | None) -> Result:
    try:
        return records.article(records.parse(line), f"{origin}:{number}", date, "jsonl")
    except records.BadRecord as exc:
        return InputError(origin, str(exc), number)
