"""Query stored events with filters; yields contract event dicts plus article fields."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from eventdesk.dates import with_period
from eventdesk.query.canonical import MAX_CHAR, prefix_end
from eventdesk.query.extra import Extra, mention_conditions
from eventdesk.store.db import Store


@dataclass(frozen=True)
class EventFilter:
    since: str | None = None
    until: str | None = None
    actor: str | None = None  # actor code prefix: "RUS", "RUSGOV", "IGONATO"
    plover_type: str | None = None
    country: str | None = None  # ISO3 of any actor or the location
    text: str | None = None  # FTS5 query over article title and text (see literal_query)
    limit: int | None = None
    min_confidence: float | None = None  # only events coded with at least this confidence
    historical: bool | None = None  # None: all; False: no background events; True: only them
    descending: bool = False  # newest first (undated events still last)


def query_events(store: Store, flt: EventFilter) -> Iterator[dict]:
    for row in _dated_first(store, flt):
        yield event_from_row(row)


def event_from_row(row) -> dict:
    """A mention row of ``_sql``'s SELECT as the contract event plus its article fields."""
    event = with_period(json.loads(row["data"]))
    event["article_id"] = row["article_id"]
    event["article_title"] = row["title"]
    event["article_url"] = row["url"]
    event["article_date"] = row["article_date"]
    event["cluster_id"] = row["cluster_id"]
    return event


def _sql(flt: EventFilter, conn=None) -> tuple[str, list[str], list]:
    where, params = [], []
    if flt.since:
        where.append("e.date >= ?")
        params.append(flt.since)
    if flt.until:
        where.append("substr(e.date, 1, length(?)) <= ?")
        params += [flt.until, flt.until]
    if flt.plover_type:
        where.append("e.plover_type = ?")
        params.append(flt.plover_type.upper())
    if flt.actor:
        where.append(_actor_sql(flt, conn))
        low = flt.actor.upper().replace(" ", "")
        params += [low, prefix_end(low)] if low else ["", chr(MAX_CHAR)]
    if flt.country:
        where.append("(e.location_country = ? OR e.id IN (SELECT event_id FROM event_actors "
                     "WHERE role != 'reported_by' AND country = ?))")
        params += [flt.country.upper()] * 2
    if flt.text:
        where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(flt.text)
    more, more_params = mention_conditions(Extra(min_confidence=flt.min_confidence,
                                                 historical=flt.historical))
    where += more
    params += more_params
    sql = ("SELECT e.data, e.article_id, e.cluster_id, a.title, a.url, a.date AS article_date "
           "FROM events e JOIN articles a ON a.id = e.article_id")
    return sql, where, params


def _dated_first(store: Store, flt: EventFilter):
    """Rows in date order, undated events last: two queries, each able to use events_order."""
    from eventdesk.query.canonical import dated_then_undated

    select, where, params = _sql(flt, store.conn)

    def query(condition: str, order: str) -> str:
        if flt.descending:
            order = order.replace(",", " DESC,")
            return (f"{select} WHERE {' AND '.join([*where, condition])} ORDER BY {order}"
                    "e.article_id DESC, e.segment DESC, e.trigger_start DESC")
        return (f"{select} WHERE {' AND '.join([*where, condition])} ORDER BY {order}"
                "e.article_id, e.segment, e.trigger_start")

    yield from dated_then_undated(store.conn, query, "e.date", params, flt.limit)


def _actor_sql(flt: EventFilter, conn) -> str:
    """A code prefix as an index range; a common code with a limit is probed per event."""
    from eventdesk.query.canonical import COMMON, _estimate, _prefix_range

    test = "role != 'reported_by' AND code >= ? AND code < ?"
    if conn is not None and flt.limit is not None and flt.actor.strip() and \
            _estimate(conn, [_prefix_range(flt.actor)], COMMON) >= COMMON:
        return f"EXISTS (SELECT 1 FROM event_actors WHERE event_id = e.id AND {test})"
    return f"e.id IN (SELECT event_id FROM event_actors WHERE {test})"


def literal_query(text: str) -> str:
    """An FTS5 query matching the words of ``text`` as written (each quoted; all must occur)."""
    words = [w.replace('"', '""') for w in text.split()]
    return " ".join(f'"{w}"' for w in words) or '""'


def fts_problem(store: Store, query: str) -> str | None:
    """What is wrong with an FTS5 query (a syntax error, an unknown column), or None."""
    import sqlite3

    try:
        store.conn.execute("SELECT COUNT(*) FROM (SELECT rowid FROM articles_fts "
                           "WHERE articles_fts MATCH ? LIMIT 1)", (query,)).fetchone()
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if any(word in message for word in STORE_WORDS):
            raise  # about the database, not the query
        return message.removeprefix("fts5: ")
    return None


# Words of SQLite errors that concern the database, whatever the query.
STORE_WORDS = ("locked", "busy", "no such table", "disk", "malformed", "readonly", "memory",
               "not a database", "unable to open")
