"""Counts over the store, and one article with its sentences, events, times and places."""

from __future__ import annotations

import json

from eventdesk.dates import with_period
from eventdesk.errors import EventdeskError
from eventdesk.store.db import Store


def stats(store: Store) -> dict:
    with store.snapshot():
        return _stats(store)


def _stats(store: Store) -> dict:
    conn = store.conn
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    by_type = {r[0]: r[1] for r in conn.execute(
        "SELECT plover_type, COUNT(*) FROM events GROUP BY plover_type ORDER BY 2 DESC, 1")}
    by_quad = {str(r[0]): r[1] for r in conn.execute(
        "SELECT quad_class, COUNT(*) FROM events WHERE quad_class IS NOT NULL "
        "GROUP BY quad_class ORDER BY 1")}
    dates = conn.execute("SELECT MIN(date), MAX(date) FROM events").fetchone()
    return {
        "articles": one("SELECT COUNT(*) FROM articles"),
        "sentences": one("SELECT COUNT(*) FROM sentences"),
        "events": one("SELECT COUNT(*) FROM events"),
        "canonical_events": one("SELECT COUNT(*) FROM clusters"),
        "factual_events": one("SELECT COUNT(*) FROM events WHERE NOT negated "
                              "AND modality = 'factual'"),
        "times": one("SELECT COUNT(*) FROM times"),
        "places": one("SELECT COUNT(*) FROM places"),
        "events_by_type": by_type,
        "events_by_quad_class": by_quad,
        "first_event_date": dates[0],
        "last_event_date": dates[1],
        "schema_version": store.schema_version,
    }


def event_article(store: Store, event_id: str) -> str | None:
    """The id of the article holding the event ``event_id`` (a mention id, or a canonical
    event id: its anchor mention), or None."""
    row = store.conn.execute(
        "SELECT article_id FROM events WHERE id = ? UNION ALL SELECT e.article_id FROM "
        "clusters c JOIN events e ON e.id = c.anchor_event_id WHERE c.id = ? LIMIT 1",
        (event_id, event_id)).fetchone()
    return row[0] if row else None


def anchor_of(store: Store, event_id: str) -> str:
    """``event_id`` itself, or the anchor mention of the canonical event ``event_id``."""
    row = store.conn.execute("SELECT anchor_event_id FROM clusters WHERE id = ?",
                             (event_id,)).fetchone()
    return row[0] if row else event_id


def article_view(store: Store, article_id: str) -> dict:
    with store.snapshot():
        return _article_view(store, article_id)


def _article_view(store: Store, article_id: str) -> dict:
    conn = store.conn
    row = conn.execute("SELECT * FROM articles WHERE id = ? OR content_hash = ?",
                       (article_id, article_id)).fetchone()
    if row is None and article_id:  # a unique prefix of an id (the events table shows 16)
        from eventdesk.query.canonical import prefix_end

        found = conn.execute("SELECT * FROM articles WHERE id >= ? AND id < ? LIMIT 2",
                             (article_id, prefix_end(article_id))).fetchall()
        row = found[0] if len(found) == 1 else None
    if row is None:
        raise EventdeskError(f"no article with id {article_id!r} in {store.path}")
    aid = row["id"]
    events = [dict(with_period(json.loads(r["data"])), cluster_id=r["cluster_id"])
              for r in conn.execute("SELECT data, cluster_id FROM events WHERE article_id = ? "
                                    "ORDER BY segment DESC, trigger_start", (aid,))]
    times = [dict(r) for r in conn.execute(
        "SELECT segment, start, end, text, type, value FROM times WHERE article_id = ? "
        "ORDER BY segment DESC, start", (aid,))]
    places = [dict(r) for r in conn.execute(
        "SELECT segment, start, end, text, name, country, lat, lon FROM places "
        "WHERE article_id = ? ORDER BY segment DESC, start", (aid,))]
    article = {k: row[k] for k in ("id", "title", "date", "source", "url", "content_hash",
                                   "coder_version", "text")}
    article["meta"] = json.loads(row["meta"])
    return {"article": article, "events": events, "times": times, "places": places}
