"""One date model for events: a date at a precision, and the period it stands for.

An event's ``date`` is what the output contract allows (``YYYY-MM-DD``, ``YYYY-MM`` or
``YYYY``) with ``date_precision`` ``day``, ``month`` or ``year``; ``date_start`` and
``date_end`` are the first and last day of the period the event is known to fall in (equal to
``date`` for a day). A week found in the text ("last week") has no contract precision: it is
given as the month that holds all of its days (else the year; a week across New Year as the
year of most of its days) while ``date_start``/``date_end`` keep the exact week.

Tables (CSV, Parquet, pandas) hold ``date`` as a real date: the period's first day, always
next to ``date_precision``, so 1956 reads as 1956-01-01 at year precision and never as an
event of 1 January.

This module imports nothing from the package.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

PRECISIONS = ("day", "month", "year")  # the contract's values, finest first
_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", re.ASCII)


def period(value: str | None, precision: str | None = None) -> tuple[date, date] | None:
    """The first and last day of the period ``value`` names (``YYYY[-MM[-DD]]``); a day at
    ``week`` precision is the Monday of its week (Saturday: the weekend). None if ``value``
    is not a calendar date."""
    if not value:
        return None
    match = _VALUE.fullmatch(value[:10])
    if not match:
        return None
    year, month, day = match[1], match[2], match[3]
    try:
        if day is not None:
            first = date(int(year), int(month), int(day))
            if precision == "week":
                return first, first + timedelta(days=1 if first.weekday() == 5 else 6)
            return first, first
        if month is not None:
            last_day = calendar.monthrange(int(year), int(month))[1]
            return date(int(year), int(month), 1), date(int(year), int(month), last_day)
        return date(int(year), 1, 1), date(int(year), 12, 31)
    except ValueError:
        return None


def normalise(value: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """(date, precision) as the contract allows them; a week becomes its month or year."""
    if value is None:
        return None, None
    if precision != "week":
        return value, precision
    bounds = period(value, "week")
    if bounds is None:
        return value[:4], "year"
    first, last = bounds
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}", "month"
    if first.year == last.year:
        return f"{first.year:04d}", "year"
    days_in_first_year = (date(first.year, 12, 31) - first).days + 1
    span = (last - first).days + 1
    year = first.year if days_in_first_year * 2 > span else last.year
    return f"{year:04d}", "year"


def bounds_text(value: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """(date_start, date_end) as ``YYYY-MM-DD`` strings, or (None, None) when undated."""
    bounds = period(value, precision)
    if bounds is None:
        return None, None
    return bounds[0].isoformat(), bounds[1].isoformat()


def first_day(value: str | None) -> date | None:
    """The first day of the period ``value`` names, as a date (None if undated)."""
    bounds = period(value)
    return bounds[0] if bounds else None


def precision_of(value: str | None) -> str | None:
    """day, month or year from the shape of a contract date value."""
    if not value:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(value))


def with_period(event: dict) -> dict:
    """``event`` (a contract event dict) with ``date``/``date_precision`` made contract-valid
    and ``date_start``/``date_end`` set: events stored before these fields existed get them
    on reading. Returns the same dict."""
    if "date_start" in event and event.get("date_precision") in (*PRECISIONS, None):
        return event
    start, end = bounds_text(event.get("date"), event.get("date_precision"))
    event["date"], event["date_precision"] = normalise(event.get("date"),
                                                       event.get("date_precision"))
    event["date_start"], event["date_end"] = start, end
    return event
