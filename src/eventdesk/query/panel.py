"""Series for the CLI and the Python API: zero-filled, and a panel with one series per country.

Both build on ``timeseries.filled_series``: every period between the first and the last (or
``since``/``until``) has a row. The country panel gives every country the same periods, so
the result is a balanced country x period panel.
"""

from __future__ import annotations

from dataclasses import replace

from eventdesk.query.canonical import ClusterFilter, filter_sql
from eventdesk.query.extra import Extra
from eventdesk.query.series import SERIES_COLUMNS, series
from eventdesk.query.timeseries import TooManyPeriods, filled_series, period_bounds
from eventdesk.store.db import Store

PANEL_COLUMNS = ["country", *SERIES_COLUMNS, "start", "end"]


CLI_MAX_PERIODS = 200_000  # a day series over five centuries


def zero_filled(store: Store, by: str, flt: ClusterFilter, on_gaps=None) -> list[dict]:
    """One row per period (``SERIES_COLUMNS``, ``start`` and ``end``), zeros where no event
    fell. Over more than ``CLI_MAX_PERIODS`` periods (dates at the ends of the calendar) only
    the periods with events are given, and ``on_gaps(message)`` is told why."""
    try:
        return filled_series(store, by, flt, Extra(), CLI_MAX_PERIODS)
    except TooManyPeriods as exc:
        if on_gaps is not None:
            on_gaps(f"{exc}; only the periods with events are listed")
        rows = series(store, by, flt)
        for row in rows:
            row["start"], row["end"] = period_bounds(by, row["period"])
        return rows


def country_panel(store: Store, by: str, flt: ClusterFilter, on_gaps=None) -> list[dict]:
    """``zero_filled`` for each country taking part (an actor's or the location's), over the
    periods of the whole selection; rows ``PANEL_COLUMNS``, by country then period."""
    whole = zero_filled(store, by, flt, on_gaps)
    if not whole:
        return []
    first, last = whole[0], whole[-1]
    since = first["period"] if by in ("day", "month", "year") else first["start"]
    until = last["period"] if by in ("day", "month", "year") else last["end"]
    rows = []
    for country in countries_of(store, flt):
        bounded = replace(flt, country=country, since=flt.since or since,
                          until=flt.until or until)
        for row in zero_filled(store, by, bounded, on_gaps):
            rows.append({"country": country, **row})
    return rows


def countries_of(store: Store, flt: ClusterFilter) -> list[str]:
    """The ISO3 codes of the actors and locations of the canonical events ``flt`` selects."""
    where, params = filter_sql(replace(flt, limit=None), store.conn)
    sql = (f"SELECT DISTINCT ea.country FROM clusters c JOIN event_actors ea "
           f"ON ea.event_id = c.anchor_event_id AND ea.role != 'reported_by' {where}"
           f"{' AND ' if where else ' WHERE '}ea.country IS NOT NULL "
           f"UNION SELECT DISTINCT e.location_country FROM clusters c JOIN events e "
           f"ON e.id = c.anchor_event_id {where}"
           f"{' AND ' if where else ' WHERE '}e.location_country IS NOT NULL")
    return sorted(row[0] for row in store.conn.execute(sql, [*params, *params]))
