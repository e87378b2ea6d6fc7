"""JSON documents (``.json``): one article object, or an array of article objects.

The document may be pretty-printed over many lines. Array elements are read one by one, so a
bad element costs that element only and its error names the line where it starts.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator

from eventdesk.errors import InputError
from eventdesk.ingest import records
from eventdesk.ingest.common import Result

_SPACE = re.compile(r"[ \t\n\r]*")


def read(text: str, origin: str, date: str | None) -> Iterator[Result]:
    """One article per object: the document itself, or each element of a top-level array."""
    start = _skip(text, 0)
    if text.startswith("\ufeff", start):
        start = _skip(text, start + 1)
    if not text.startswith("[", start):
        yield _one(text, origin, date)
        return
    yield from _elements(text, start + 1, origin, date)


def _one(text: str, origin: str, date: str | None) -> Result:
    try:
        return records.article(records.parse(text.lstrip("\ufeff")), origin, date, "json")
    except records.BadRecord as exc:
        return InputError(origin, str(exc))


def _elements(text: str, at: int, origin: str, date: str | None) -> Iterator[Result]:
    at = _skip(text, at)
    if text.startswith("]", at):
        yield InputError(origin, "an empty JSON array: no articles")
        return
    number, line, counted = 0, 1, 0
    while True:
        number += 1
        line += text.count("\n", counted, at)
        counted = at
        try:
            value, at = records.DECODER.raw_decode(text, at)
        except (ValueError, RecursionError, records.BadRecord) as exc:
            yield InputError(origin, f"element {number}: {_reason(exc)}", line)
            return  # the rest of the array cannot be found reliably
        yield _element(value, origin, line, number, date)
        at = _skip(text, at)
        if text.startswith(",", at):
            at = _skip(text, at + 1)
            continue
        if not text.startswith("]", at) or text[_skip(text, at + 1):].strip():
            yield InputError(origin, f"malformed JSON after element {number}: expected ',' "
                                     "or the end of the array",
                             line + text.count("\n", counted, at))
        return


def _element(value, origin: str, line: int, number: int, date: str | None) -> Result:
    try:
        records.check_value(value)
        return records.article(value, f"{origin}:{line}", date, "json")
    except records.BadRecord as exc:
        return InputError(origin, f"element {number}: {exc}", line)


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"malformed JSON: {exc.msg} (column {exc.colno})"
    if isinstance(exc, RecursionError):
        return f"JSON nested too deeply (more than {records.MAX_DEPTH} levels)"
    if isinstance(exc, records.BadRecord):
        return str(exc)
    return (f"number out of range: an integer of more than {sys.get_int_max_str_digits()} "
            "digits")


def _skip(text: str, at: int) -> int:
    return _SPACE.match(text, at).end()
