"""Article records in JSON (JSON Lines and JSON documents): parse within limits, validate.

Every way a record can be bad becomes ``BadRecord`` with a one-line reason, never another
exception: malformed JSON, numbers or nesting beyond the limits, NaN and Infinity (not JSON),
strings that are not Unicode (lone surrogates such as "\\ud800", which no file can store), and
fields of the wrong type or value.
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

from eventdesk.ingest.common import normalise_date
from eventdesk.model import Article

MAX_DEPTH = 64  # arrays and objects inside a record (meta fields are stored as given)
STRING_FIELDS = ("title", "source", "url")
KNOWN = {"id", "text", "title", "date", "source", "url"}


class BadRecord(Exception):
    """A record that cannot become an article; str() is the reason."""


def _no_constant(name: str) -> Any:
    raise BadRecord(f"{name} is not a JSON number")


DECODER = json.JSONDecoder(parse_constant=_no_constant)


def parse(text: str) -> Any:
    """The JSON value of ``text``; BadRecord with a reason when it is not acceptable JSON."""
    try:
        value = DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"malformed JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise BadRecord(f"JSON nested too deeply (more than {MAX_DEPTH} levels)") from None
    except ValueError:  # an integer beyond Python's digit limit
        raise BadRecord(f"number out of range: an integer of more than "
                        f"{sys.get_int_max_str_digits()} digits") from None
    check_value(value)
    return value


def check_value(value: Any) -> None:
    """Refuse nesting deeper than MAX_DEPTH and strings that are not valid Unicode."""
    stack = [(value, 0, "")]
    while stack:
        item, depth, where = stack.pop()
        if isinstance(item, str):
            _check_string(item, where)
        elif isinstance(item, float) and not math.isfinite(item):
            raise BadRecord(f"number out of range{_in(where)}: {item}")
        elif isinstance(item, (dict, list)):
            if depth >= MAX_DEPTH:
                raise BadRecord(f"JSON nested too deeply (more than {MAX_DEPTH} levels)")
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in pairs:
                name = where or (key if isinstance(key, str) else "")
                if isinstance(key, str):
                    _check_string(key, name)
                stack.append((child, depth + 1, name))


def _check_string(text: str, where: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadRecord(f"invalid string{_in(where)}: lone surrogate "
                        f"\\u{ord(text[exc.start]):04x} at character {exc.start}") from None


def _in(where: str) -> str:
    return f" in '{where}'" if where else ""


def article(obj: Any, origin: str, date: str | None, fmt: str) -> Article:
    """The article of one parsed record; BadRecord when it breaks the schema."""
    if not isinstance(obj, dict):
        raise BadRecord(f"expected a JSON object, got {_kind(obj)}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadRecord("record without text: 'text' must be a non-empty string")
    fields = {name: _string(obj, name) for name in STRING_FIELDS}
    meta = {key: value for key, value in obj.items() if key not in KNOWN}
    meta["format"] = fmt
    return Article(text=text, date=_date(obj, date), id=_id(obj), meta=meta, origin=origin,
                   **fields)


def _kind(value: Any) -> str:
    return type(value).__name__


def _string(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    if value is not None and not isinstance(value, str):
        raise BadRecord(f"'{name}' must be a string, got {_kind(value)}")
    return value or None


def _id(obj: dict[str, Any]) -> str | None:
    value = obj.get("id")
    if isinstance(value, bool) or not isinstance(value, (str, int, type(None))):
        raise BadRecord(f"'id' must be a string or an integer, got {_kind(value)}")
    return None if value is None or value == "" else str(value)


def _date(obj: dict[str, Any], default: str | None) -> str | None:
    value = obj.get("date")
    if value is None or value == "":
        return default
    day = normalise_date(value) if isinstance(value, str) else None
    if day is None:
        shown = value if not isinstance(value, str) or len(value) <= 40 else value[:40] + "..."
        raise BadRecord(f"invalid date {shown!r}: expected YYYY-MM-DD or an ISO datetime")
    return day
