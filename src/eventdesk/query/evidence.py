"""One mention with everything behind it, and full-text search over articles (web API)."""

from __future__ import annotations

import json

from eventdesk.query.canonical import CLUSTER_FIELDS, mentions_of
from eventdesk.query.events import literal_query
from eventdesk.store.db import Store

MARK_START, MARK_END = "\x02", "\x03"  # around matched words in a search snippet


def event_evidence(store: Store, event_id: str) -> dict | None:
    """The mention ``event_id`` (contract fields), its article's metadata, its canonical event
    (cluster fields) and every mention of that event; None if there is no such mention."""
    with store.snapshot():
        row = store.conn.execute(
            "SELECT e.data, e.cluster_id, a.id AS article_id, a.title, a.url, a.source, "
            "a.date FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?",
            (event_id,)).fetchone()
        if row is None:
            return None
        event = json.loads(row["data"])
        event.update(article_id=row["article_id"], article_title=row["title"],
                     article_url=row["url"], article_source=row["source"],
                     article_date=row["date"], cluster_id=row["cluster_id"])
        cluster = None
        if row["cluster_id"]:
            found = store.conn.execute(
                f"SELECT id AS cluster_id, {', '.join(CLUSTER_FIELDS[1:])}, anchor_event_id "
                "FROM clusters WHERE id = ?", (row["cluster_id"],)).fetchone()
            cluster = dict(found) if found else None
        mentions = mentions_of(store, row["cluster_id"]) if row["cluster_id"] else []
    return {"event": event, "cluster": cluster, "mentions": mentions}


def search_articles(store: Store, text: str, limit: int) -> list[dict]:
    """Articles matching ``text`` (every word, any order), best first, with a snippet whose
    matched words sit between ``MARK_START`` and ``MARK_END``, and their number of events."""
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.date, a.source, a.url, "
        f"snippet(articles_fts, -1, '{MARK_START}', '{MARK_END}', ' … ', 16) AS snippet, "
        "(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS events "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), a.id LIMIT ?",
        (literal_query(text), int(limit)))
    return [dict(row) for row in rows]


def snippet_parts(snippet: str) -> list[dict]:
    """[{"text", "match"}] pieces of a snippet, for safe highlighting."""
    parts, matched = [], False
    for piece in snippet.replace(MARK_END, MARK_START).split(MARK_START):
        if piece:
            parts.append({"text": piece, "match": matched})
        matched = not matched
    return parts
