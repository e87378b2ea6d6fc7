"""Canonical events (clusters of mentions) and their mentions, filtered, as iterators.

A canonical event is shown as its anchor mention (the earliest report of it, by date then
event id) plus the cluster's id and counts. Filters look at the anchor's actors: all mentions
of a cluster have compatible actors by construction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from eventdesk.cluster.match import outlet
from eventdesk.dates import with_period
from eventdesk.store.db import Store

CLUSTER_FIELDS = ("cluster_id", "num_mentions", "num_sources", "num_articles", "first_report",
                  "last_report")


@dataclass(frozen=True)
class ClusterFilter:
    since: str | None = None
    until: str | None = None
    actors: tuple[str, ...] = ()  # code prefixes; every one must take part (source or target)
    dyads: tuple[tuple[str, str], ...] = ()  # (source prefix, target prefix); any one matches
    plover_type: str | None = None
    factual_only: bool = False
    limit: int | None = None
    country: str | None = None  # ISO3 of an actor or of the location (of the anchor mention)
    min_confidence: float | None = None  # the anchor mention's confidence at least this
    historical: bool | None = None  # None: all; False: no background events; True: only them


def parse_dyad(text: str) -> tuple[str, str]:
    """'RUS-UKR' -> ('RUS', 'UKR')."""
    parts = text.upper().replace(" ", "").split("-")
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"--dyad must look like SOURCE-TARGET, e.g. RUS-UKR; got {text!r}")
    return parts[0], parts[1]


# A cluster row with one of its mentions and that mention's article; ``{join}`` says which.
CLUSTER_SELECT = ("SELECT c.*, e.data, e.article_id, a.title, a.url, a.source AS outlet_name, "
                  "a.date AS article_date, a.coded_at FROM clusters c "
                  "JOIN events e ON {join} JOIN articles a ON a.id = e.article_id")


def canonical_events(store: Store, flt: ClusterFilter) -> Iterator[dict]:
    """One dict per canonical event: the anchor's contract fields plus the cluster fields."""
    select = CLUSTER_SELECT.format(join="e.id = c.anchor_event_id")
    for row in _dated_first(store, select, flt, "c.id"):
        yield _canonical(row)


def mentions_of(store: Store, cluster_id: str) -> list[dict]:
    """Every mention of one cluster, earliest first, with its own evidence and article."""
    rows = store.conn.execute(
        "SELECT e.data, a.id, a.title, a.url, a.source, a.date FROM events e "
        "JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = ? "
        "ORDER BY e.date IS NULL, e.date, e.id", (cluster_id,))
    return [_mention(json.loads(r[0]), r[1:]) for r in rows]


def all_mentions(store: Store, flt: ClusterFilter) -> Iterator[dict]:
    """Every mention of the clusters ``flt`` selects, cluster by cluster, with cluster fields."""
    select = CLUSTER_SELECT.format(join="e.cluster_id = c.id")
    for row in _dated_first(store, select, flt, "c.id, e.date IS NULL, e.date, e.id"):
        yield _canonical(row)


def _dated_first(store: Store, select: str, flt: ClusterFilter, then: str):
    """Rows in (date, ``then``) order, undated clusters last: two queries, each indexable."""
    where, params = filter_sql(flt, store.conn)

    def query(condition: str, order: str) -> str:
        return f"{select}{where}{' AND ' if where else ' WHERE '}{condition} ORDER BY {order}{then}"

    yield from dated_then_undated(store.conn, query, "c.date", params, flt.limit)


def dated_then_undated(conn, query, date_column: str, params: list, limit: int | None):
    """Dated rows in date order, then undated ones, at most ``limit``: two queries that can each
    read an index in order (one ORDER BY over NULLs and dates could not).
    ``query(condition, order_prefix)`` builds the SQL of one of them."""
    left = limit
    for condition, order in ((f"{date_column} IS NOT NULL", f"{date_column}, "),
                             (f"{date_column} IS NULL", "")):
        if left is not None and left <= 0:
            return
        sql = query(condition, order)
        if left is not None:
            sql += f" LIMIT {int(left)}"
        for row in conn.execute(sql, params):
            if left is not None:
                left -= 1
            yield row


def filter_sql(flt: ClusterFilter, conn=None) -> tuple[str, list]:
    """The WHERE clause (with a leading space, or empty) over the clusters table ``c``.

    Actor and dyad filters are index range scans over ``event_actors``; with ``conn`` the
    rarest one drives (an IN list) and the others are probed per cluster (EXISTS). When every
    one is common and a limit is set, all are probed while clusters are read in date order.
    """
    where, params = [], []
    if flt.since:
        where.append("c.date >= ?")
        params.append(flt.since)
    if flt.until:
        where.append("c.date <= ?")  # "2025-03" takes in all of March
        params.append(flt.until + "\uffff")
    if flt.plover_type:
        where.append("c.plover_type = ?")
        params.append(flt.plover_type.upper())
    if flt.factual_only:
        where.append("c.factual = 1")
    from eventdesk.query.extra import Extra, cluster_conditions

    more, more_params = cluster_conditions(Extra(country=flt.country,
                                                 min_confidence=flt.min_confidence,
                                                 historical=flt.historical))
    where += more
    params += more_params
    filters = [_actor_filter(actor) for actor in flt.actors]
    if flt.dyads:
        filters.append(_dyad_filter(flt.dyads))
    if filters:
        # with a limit, any count from COMMON up leads to probing: no need to count further
        cap = COMMON if flt.limit is not None else CAP
        sizes = [_estimate(conn, ranges, cap) if conn is not None else 0
                 for *_, ranges in filters]
        driver = None if _probe_all(conn, flt, min(sizes)) else sizes.index(min(sizes))
        for number, (in_sql, exists_sql, values, _) in enumerate(filters):
            where.append(in_sql if number == driver else exists_sql)
            params += values
    return (" WHERE " + " AND ".join(where) if where else ""), params


COMMON = 20_000  # actor rows: more than this and probing in date order beats an IN list
CAP = 1_000_000  # count actor rows up to this many to rank the filters


def _probe_all(conn, flt: ClusterFilter, fewest: int) -> bool:
    """Read clusters in date order and probe every actor filter, rather than drive by one?"""
    if conn is None:
        return False
    if flt.limit is not None and fewest >= COMMON:
        return True
    if not (flt.since or flt.until):
        return False
    in_range = conn.execute(
        "SELECT COUNT(*) FROM (SELECT 1 FROM clusters WHERE date >= ? AND date <= ? LIMIT ?)",
        (flt.since or "", (flt.until or "9999") + "\uffff", CAP)).fetchone()[0]
    return in_range < fewest


def _actor_filter(actor: str):
    low, high = _prefix_range(actor)
    test = "role IN ('source', 'target') AND code >= ? AND code < ?"
    return (f"c.anchor_event_id IN (SELECT event_id FROM event_actors WHERE {test})",
            f"EXISTS (SELECT 1 FROM event_actors WHERE event_id = c.anchor_event_id AND {test})",
            [low, high], [(low, high)])


def _dyad_filter(dyads: tuple[tuple[str, str], ...]):
    ors, values, ranges = [], [], []
    for source, target in dyads:
        ors.append("(s.code >= ? AND s.code < ? AND t.code >= ? AND t.code < ?)")
        values += [*_prefix_range(source), *_prefix_range(target)]
        ranges.append(_prefix_range(source))
    pair = ("FROM event_actors s JOIN event_actors t ON t.event_id = s.event_id "
            "AND t.role = 'target' WHERE s.role = 'source'")
    test = " OR ".join(ors)
    return (f"c.anchor_event_id IN (SELECT s.event_id {pair} AND ({test}))",
            f"EXISTS (SELECT 1 {pair} AND s.event_id = c.anchor_event_id AND ({test}))",
            values, ranges)


def _estimate(conn, ranges: list[tuple[str, str]], cap: int = CAP) -> int:
    """How many actor rows fall in ``ranges``, counted up to ``cap`` (cheap: index only)."""
    total = 0
    for low, high in ranges:
        total += conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM event_actors "
                              "WHERE code >= ? AND code < ? LIMIT ?)",
                              (low, high, cap)).fetchone()[0]
    return min(total, cap)


def _prefix_range(code: str) -> tuple[str, str]:
    """Codes starting with ``code`` are those in [low, high): an index range, unlike LIKE."""
    low = code.upper().replace(" ", "")
    if not low:
        raise ValueError("an actor code must not be empty")
    return low, prefix_end(low)


def prefix_end(prefix: str) -> str:
    """The least string above every string that starts with ``prefix`` (never a surrogate)."""
    stem = prefix.rstrip(chr(MAX_CHAR))
    if not stem:  # only U+10FFFF (no actor code is): a valid bound is all that is needed
        return prefix + chr(MAX_CHAR)
    following = ord(stem[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:
        following = 0xE000
    return stem[:-1] + chr(following)


MAX_CHAR = 0x10FFFF


def _canonical(row) -> dict:
    event = with_period(json.loads(row["data"]))
    event["cluster_id"] = row["id"]
    for key in CLUSTER_FIELDS[1:]:
        event[key] = row[key]
    event["first_added"] = row["first_added"]
    event["article_id"] = row["article_id"]
    event["article_title"] = row["title"]
    event["article_url"] = row["url"]
    event["article_source"] = row["outlet_name"]
    event["article_date"] = row["article_date"]
    return event


def _mention(event: dict, article: tuple) -> dict:
    article_id, title, url, source, article_date = article
    return {
        "event_id": event["id"], "article_id": article_id, "article_title": title,
        "article_url": url, "article_source": source, "article_date": article_date,
        "outlet": (source or "").strip() or outlet(None, url, article_id).split(":", 1)[1],
        "date": event.get("date"), "segment": event["segment"],
        "sentence_text": event["sentence_text"], "trigger": event["trigger"],
        "negated": event.get("negated"), "modality": event.get("modality"),
    }
