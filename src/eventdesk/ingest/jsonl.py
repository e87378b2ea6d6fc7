"""JSON Lines: one article object a line, as in the output contract.

Records are split on ``\\n`` only, never with ``str.splitlines()``: strings may
hold raw U+2028 or U+0085, which are not line breaks in JSON Lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from eventdesk.errors import InputError
from eventdesk.ingest.common import Result, normalise_date
from eventdesk.model import Article

_STRING_FIELDS = ("title", "source", "url")
_KNOWN = {"id", "text", "title", "date", "source", "url"}


class _BadRecord(Exception):
    """A record that parses as JSON but breaks the schema."""


def read(text: str, origin: str, date: str | None) -> Iterator[Result]:
    """One article per non-blank line; one InputError per bad line."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _record(line, origin, number, date)


def _record(line: str, origin: str, number: int, date: str | None) -> Result:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(origin, f"malformed JSON: {exc.msg} (column {exc.colno})", number)
    if not isinstance(obj, dict):
        return InputError(origin, f"expected a JSON object, got {type(obj).__name__}", number)
    try:
        return _article(obj, f"{origin}:{number}", date)
    except _BadRecord as exc:
        return InputError(origin, str(exc), number)


def _article(obj: dict[str, Any], origin: str, date: str | None) -> Article:
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _BadRecord("record without text: 'text' must be a non-empty string")
    fields = {name: _string(obj, name) for name in _STRING_FIELDS}
    meta = {key: value for key, value in obj.items() if key not in _KNOWN}
    meta["format"] = "jsonl"
    return Article(text=text, date=_date(obj, date), id=_id(obj), meta=meta, origin=origin,
                   **fields)


def _string(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    if value is not None and not isinstance(value, str):
        raise _BadRecord(f"'{name}' must be a string, got {type(value).__name__}")
    return value or None


def _id(obj: dict[str, Any]) -> str | None:
    value = obj.get("id")
    if isinstance(value, bool) or not isinstance(value, (str, int, type(None))):
        raise _BadRecord(f"'id' must be a string or an integer, got {type(value).__name__}")
    return None if value is None or value == "" else str(value)


def _date(obj: dict[str, Any], default: str | None) -> str | None:
    value = obj.get("date")
    if value is None or value == "":
        return default
    day = normalise_date(value) if isinstance(value, str) else None
    if day is None:
        raise _BadRecord(f"invalid date {value!r}: expected YYYY-MM-DD or an ISO datetime")
    return day
