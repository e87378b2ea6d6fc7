"""Stored events as pandas DataFrames and Arrow tables, with the filters of the CLI.

``events(db, **filters)`` is ``eventdesk events`` as a DataFrame: one row per event mention,
the columns of ``eventdesk export --format csv`` (``eventdesk.export.FLAT_COLUMNS``), typed:
``date``/``date_start``/``date_end`` as datetime64 (``date`` is the first day of the period
``date_precision`` names), numbers as numbers, ``negated``/``historical`` as booleans, and
``source_codes`` ... ``target_countries`` as lists (one item per actor). ``events_arrow`` gives
the same as a ``pyarrow.Table`` (dates as ``date32``, lists as ``list<string>``).
``series(db, by, **filters)`` is ``eventdesk stats --by``: canonical events per period, every
period present (zeros where none fell), ``start`` and ``end`` as datetime64.

Filters (keyword arguments, as the CLI options): ``since``, ``until`` (YYYY, YYYY-MM or
YYYY-MM-DD), ``actor`` (code prefix), ``type`` (PLOVER type), ``country`` (ISO3 or a country
name), ``text`` (FTS5 query; ``literal=True`` for the words as written), ``min_confidence``,
``include_historical`` (background events are left out unless True), ``sort`` ("date" or
"-date") and ``limit``. A bad value raises ``eventdesk.UsageError`` with the CLI's message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventdesk.errors import UsageError

if TYPE_CHECKING:
    import pandas
    import pyarrow

    from eventdesk.store.db import Store

EVENT_FILTERS = ("since", "until", "actor", "type", "country", "text", "literal", "limit",
                 "min_confidence", "include_historical", "sort")
SERIES_FILTERS = ("since", "until", "actor", "dyad", "type", "country", "min_confidence",
                  "include_historical", "all_modalities")


def events(db: str | Path | Store = "eventdesk.db", **filters: Any) -> pandas.DataFrame:
    """Stored event mentions as a typed DataFrame (see the module docstring)."""
    return _to_pandas(events_arrow(db, **filters))


def events_arrow(db: str | Path | Store = "eventdesk.db", **filters: Any) -> pyarrow.Table:
    """Stored event mentions as a ``pyarrow.Table`` with the export's schema and metadata."""
    from eventdesk.export.tabular import arrow_schema, arrow_table, file_metadata, flat_row
    from eventdesk.query.events import query_events

    flt = event_filter(**filters)
    with _opened(db) as store:
        _check_text(store, flt.text)
        rows = [flat_row(event) for event in query_events(store, flt)]
    return arrow_table(rows, arrow_schema(file_metadata()))


def series(db: str | Path | Store = "eventdesk.db", by: str = "month",
           **filters: Any) -> pandas.DataFrame:
    """Canonical events per ``by`` (day, week, month, year), every period from the first to
    the last with zeros, as ``eventdesk stats --by``; ``dyad`` may be "RUS-UKR" or a list,
    ``actor`` a code or a list of codes (all must take part), ``all_modalities=True`` counts
    negated and non-factual events too."""
    import pandas as pd

    from eventdesk.cli.corpus_options import cluster_filter
    from eventdesk.query.panel import zero_filled
    from eventdesk.query.series import SERIES_COLUMNS

    _check_names(filters, SERIES_FILTERS)
    if by not in ("day", "week", "month", "year"):
        raise UsageError(f"by must be day, week, month or year, got {by!r}")
    flt = cluster_filter(filters.get("since"), filters.get("until"),
                         _as_list(filters.get("actor")), _as_list(filters.get("dyad")),
                         filters.get("type"), factual_only=not filters.get("all_modalities"),
                         country=_quiet_country(filters.get("country")),
                         min_confidence=filters.get("min_confidence"),
                         include_historical=bool(filters.get("include_historical")))
    with _opened(db) as store:
        rows = zero_filled(store, by, flt)
    frame = pd.DataFrame(rows, columns=[*SERIES_COLUMNS, "start", "end"])
    for column in ("start", "end"):
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    return frame


def event_filter(**filters: Any):
    """The ``EventFilter`` of keyword filters, each checked as the CLI checks its option."""
    from eventdesk.cli.corpus_options import check_confidence, check_dates, check_type
    from eventdesk.query.events import EventFilter, literal_query

    _check_names(filters, EVENT_FILTERS)
    since, until = filters.get("since"), filters.get("until")
    check_dates(since, until)
    check_type(filters.get("type"))
    check_confidence(filters.get("min_confidence"))
    sort = filters.get("sort", "date")
    if sort not in ("date", "-date"):
        raise UsageError(f"sort must be 'date' or '-date', got {sort!r}")
    text = filters.get("text")
    if filters.get("literal") and text is not None:
        text = literal_query(text)
    return EventFilter(since=since, until=until, actor=filters.get("actor"),
                       plover_type=filters.get("type"),
                       country=_quiet_country(filters.get("country")), text=text,
                       limit=filters.get("limit"),
                       min_confidence=filters.get("min_confidence"),
                       historical=None if filters.get("include_historical") else False,
                       descending=sort == "-date")


def _to_pandas(table) -> pandas.DataFrame:
    from eventdesk.export.tabular import LIST_COLUMNS

    frame = table.to_pandas(date_as_object=False)
    for column in LIST_COLUMNS:  # plain lists, not numpy arrays
        frame[column] = table.column(column).to_pylist()
    return frame


def _quiet_country(value: str | None) -> str | None:
    """--country's rule without the note on stderr: a code or a country name."""
    from eventdesk.countries import country_names, resolve_country

    if value is None:
        return None
    code, hint = resolve_country(value)
    if code is None:
        tip = f"; did you mean {hint} ({country_names()[hint]})?" if hint else ""
        raise UsageError(f"country must be an ISO3 code or a country name, got {value!r}{tip}")
    return code


def _check_names(filters: dict, allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(filters) - set(allowed))
    if unknown:
        raise UsageError(f"unknown filter {unknown[0]!r}; the filters are "
                         f"{', '.join(allowed)}")


def _check_text(store, text: str | None) -> None:
    from eventdesk.query.events import fts_problem

    problem = fts_problem(store, text) if text is not None else None
    if problem is not None:
        raise UsageError(f"text: {problem} (FTS5 query syntax; pass literal=True to search "
                         "for the words as written)")


def _as_list(value) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


class _opened:
    """A Store given by the caller stays open; a path is opened read-only and closed."""

    def __init__(self, db):
        self.db = db
        self.store = None

    def __enter__(self):
        from eventdesk.store.db import Store, open_store

        if isinstance(self.db, Store):
            return self.db
        self.store = open_store(self.db, readonly=True)
        return self.store

    def __exit__(self, *exc) -> None:
        if self.store is not None:
            self.store.close()
