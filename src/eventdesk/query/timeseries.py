"""The series of ``stats --by`` for the web: also by year, zero-filled, with ``Extra`` filters.

Every period between the first and the last (or between ``since`` and ``until`` when given) has
a row, with zeros where no event falls, so that a chart's x axis is time itself. Events dated
only to a year count in the yearly series only, as month-only dates count in monthly ones.
"""

from __future__ import annotations

from datetime import date, timedelta

from eventdesk.query.canonical import ClusterFilter
from eventdesk.query.extra import Extra, cluster_conditions
from eventdesk.query.series import PERIODS, SERIES_COLUMNS, period_rows
from eventdesk.store.db import Store

BY = ("day", "week", "month", "year")
MAX_PERIODS = 5000
_PERIODS = {**PERIODS, "year": ("substr(c.date, 1, 4)", "length(c.date) >= 4")}


class TooManyPeriods(ValueError):
    """The range asked for has more periods than a chart can show."""


def filled_series(store: Store, by: str, flt: ClusterFilter, extra: Extra,
                  limit: int = MAX_PERIODS) -> list[dict]:
    """One row per period from the first to the last: ``SERIES_COLUMNS`` plus ``start`` and
    ``end``, the first and last day of the period."""
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}, got {by!r}")
    expr, valid = _PERIODS[by]
    rows = period_rows(store, by, expr, valid, flt, cluster_conditions(extra))
    found = {row["period"]: row for row in rows}
    first = _label(flt.since, by) if flt.since else (rows[0]["period"] if rows else None)
    last = _label(flt.until, by, end=True) if flt.until else (rows[-1]["period"] if rows else None)
    if first is None or last is None:
        return []
    labels = period_labels(by, first, last, limit)
    result = []
    for label in labels:
        row = found.get(label) or _zero(label)
        row["start"], row["end"] = period_bounds(by, label)
        result.append(row)
    return result


def period_bounds(by: str, label: str) -> tuple[str, str]:
    """The first and last day (YYYY-MM-DD) of the period ``label``."""
    if by == "day":
        return label, label
    if by == "week":
        monday = date.fromisocalendar(int(label[:4]), int(label[6:]), 1)
        sunday = monday + timedelta(days=6) if monday <= date.max - timedelta(days=6) \
            else date.max  # the last week of the calendar ends with it
        return monday.isoformat(), sunday.isoformat()
    return _full_day(label, False).isoformat(), _full_day(label, True).isoformat()


def period_labels(by: str, first: str, last: str, limit: int = MAX_PERIODS) -> list[str]:
    """The labels of every period from ``first`` to ``last`` (both included)."""
    labels: list[str] = []
    step = {"day": _next_day, "week": _next_week, "month": _next_month, "year": _next_year}[by]
    label = first
    while label <= last:
        labels.append(label)
        if len(labels) > limit:
            raise TooManyPeriods(f"more than {limit} periods by {by}: narrow the dates "
                                 "(since, until) or count by a longer period")
        label = step(label)
    return labels


def _label(day: str, by: str, end: bool = False) -> str:
    """The label of the period holding ``day`` (YYYY, YYYY-MM or YYYY-MM-DD)."""
    if by == "year":
        return day[:4]
    if by == "month":
        return day[:7] if len(day) >= 7 else f"{day[:4]}-{'12' if end else '01'}"
    full = _full_day(day, end)
    if by == "day":
        return full.isoformat()
    year, week, _ = full.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _full_day(day: str, end: bool) -> date:
    if len(day) == 10:
        return date.fromisoformat(day)
    year = int(day[:4])
    month = int(day[5:7]) if len(day) >= 7 else (12 if end else 1)
    if not end:
        return date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def _next_day(label: str) -> str:
    return (date.fromisoformat(label) + timedelta(days=1)).isoformat()


def _next_week(label: str) -> str:
    year, week = int(label[:4]), int(label[6:])
    monday = date.fromisocalendar(year, week, 1) + timedelta(days=7)
    year, week, _ = monday.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _next_month(label: str) -> str:
    year, month = int(label[:4]), int(label[5:7])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def _next_year(label: str) -> str:
    return f"{int(label) + 1:04d}"


def _zero(label: str) -> dict:
    row = dict.fromkeys(SERIES_COLUMNS, 0)
    row.update(period=label, goldstein_sum=0.0, goldstein_mean=None)
    return row
