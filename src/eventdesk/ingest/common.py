"""Helpers shared by the format readers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date as _date
from datetime import datetime
from typing import Protocol

from eventdesk.errors import InputError
from eventdesk.model import Article

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)

Result = Article | InputError


class Reader(Protocol):
    """A format reader: decoded text in, articles or per-record errors out."""

    def __call__(self, text: str, origin: str, date: str | None) -> Iterator[Result]: ...


def normalise_date(value: str) -> str | None:
    """Return YYYY-MM-DD for an ISO date or datetime string, else None."""
    value = value.strip()
    if not _DAY.match(value):
        return None
    try:
        if len(value) == 10:
            return _date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value.replace("z", "Z")).date().isoformat()
    except ValueError:
        return None


def check_day(value: str | None) -> str | None:
    """Validate a YYYY-MM-DD argument; raise ValueError when it is not one."""
    if value is None:
        return None
    if len(value) != 10 or normalise_date(value) != value:
        raise ValueError(f"date must be YYYY-MM-DD, got {value!r}")
    return value


def too_big(origin: str, size: int | None, limit: int, what: str = "file") -> InputError:
    """The error for an input over ``--max-bytes`` (size None when unknown)."""
    amount = f"is {size} bytes, over" if size is not None else "is over"
    return InputError(origin, f"{what} {amount} the limit of {limit} bytes; "
                              "raise it with --max-bytes")
