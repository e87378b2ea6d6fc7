"""Keep ``clusters`` (canonical events) in step with ``events`` (mentions), inside a write.

Every call here runs inside the caller's transaction: the article write that adds or removes
mentions also moves them in and out of clusters, so no committed mention is ever without a
cluster. Matching is ``eventdesk.cluster.match``; this module only reads and writes rows.

- New mentions are matched against stored mentions with the same blocking key and a date
  within a day (index ``events_block``); every cluster one of them matches is merged with it.
- Mentions removed (an article replaced or re-coded) leave their clusters; what remains of each
  cluster is split again into connected components; empty clusters are deleted.
- A cluster's id is derived from its anchor, its earliest mention by (date, event id). When a
  mention earlier than the anchor joins later, the anchor and so the id change (the result is
  the same as if the articles had been ingested in date order).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from eventdesk.cluster.match import (
    Mention,
    anchor_key,
    cluster_id,
    components,
    date_window,
    is_factual,
    matches,
    mention_from_event,
    outlet,
)
from eventdesk.store.transactions import rollback, write_transaction


def clusters_of_articles(conn: sqlite3.Connection, article_id: str, content_hash: str) -> set:
    """Ids of the clusters holding mentions of the article about to be replaced."""
    rows = conn.execute(
        "SELECT DISTINCT e.cluster_id FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE (a.id = ? OR a.content_hash = ?) AND e.cluster_id IS NOT NULL",
        (article_id, content_hash))
    return {r[0] for r in rows}


def after_write(conn: sqlite3.Connection, old_clusters: Iterable[str], article_id: str,
                new: dict[str, Mention], links: Iterable[tuple[str, str]]) -> None:
    """Split what the removed mentions left behind, then cluster the new mentions.

    ``new`` (event id -> Mention of article ``article_id``) and ``links`` (pairs of them that
    match each other, from ``internal_links``) are computed before the write transaction:
    inside it, the new mentions are only matched against other articles' mentions.
    """
    articles = ArticleFacts(conn)
    for cid in sorted(old_clusters):
        _split(conn, cid, articles)
    _join(conn, article_id, new, list(links), articles)


def internal_links(new: dict[str, Mention]) -> list[tuple[str, str]]:
    """Pairs of mentions of one article that are in one cluster: enough to connect each."""
    links = []
    for component in components(list(new.values())):
        links += [(a.event_id, b.event_id) for a, b in zip(component, component[1:])]
    return links


def backfill(conn: sqlite3.Connection) -> int:
    """Cluster every mention without a cluster (stores written before migration 2)."""
    done = 0
    while True:
        row = conn.execute("SELECT article_id FROM events WHERE cluster_id IS NULL "
                           "LIMIT 1").fetchone()
        if row is None:
            return done
        with write_transaction(conn):
            done += _cluster_article(conn, row[0])


def rebuild(conn: sqlite3.Connection) -> int:
    """Cluster all mentions again (after a change of the rules) and swap the result in at once.

    The new clustering is built beside the old one, in TEMP tables private to this connection
    and named like the real ones: SQLite resolves an unqualified table name to the temp schema
    first, so the code that clusters an ingest fills them unchanged, while ``articles`` still
    reads the store. The build reads one snapshot and takes no write lock. The swap is one
    transaction: readers see the old clusters or the new ones, never a mix, and a kill at any
    moment leaves the old ones (temp tables go with the connection). When another process
    wrote in between, the build is done again inside the swap's write transaction.
    """
    version = _data_version(conn)
    conn.execute("BEGIN")  # one read snapshot of the store for the whole build
    try:
        done = _build_beside(conn)
        conn.execute("COMMIT")  # writes only temp tables: no lock on the store
    except BaseException:
        rollback(conn)
        raise
    try:
        with write_transaction(conn):
            if _data_version(conn) != version:
                done = _build_beside(conn)
            _swap(conn)
    finally:
        _drop_beside(conn)
    return done


def _data_version(conn: sqlite3.Connection) -> int:
    """Changes whenever another connection commits to the store (``PRAGMA data_version``)."""
    return int(conn.execute("PRAGMA main.data_version").fetchone()[0])


def _build_beside(conn: sqlite3.Connection) -> int:
    """Fill temp.events and temp.clusters with a clustering of every stored mention."""
    _drop_beside(conn)
    ddl = conn.execute("SELECT sql FROM main.sqlite_master WHERE type = 'table' "
                       "AND name = 'clusters'").fetchone()[0]
    conn.execute(ddl.replace("CREATE TABLE", "CREATE TEMP TABLE", 1))
    conn.execute("CREATE TEMP TABLE events (id TEXT PRIMARY KEY, article_id TEXT NOT NULL, "
                 "date TEXT, data TEXT NOT NULL, block TEXT, cluster_id TEXT)")
    conn.execute("INSERT INTO temp.events (id, article_id, date, data) "
                 "SELECT id, article_id, date, data FROM main.events")
    for index, columns in (("article", "article_id"), ("block", "block, date"),
                           ("cluster", "cluster_id")):
        conn.execute(f"CREATE INDEX temp.beside_{index} ON events({columns})")
    done = 0
    for (article_id,) in conn.execute("SELECT id FROM main.articles ORDER BY rowid").fetchall():
        done += _cluster_article(conn, article_id)
    return done


def _swap(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE main.events SET (block, cluster_id) = (SELECT t.block, t.cluster_id "
                 "FROM temp.events t WHERE t.id = main.events.id)")
    conn.execute("DELETE FROM main.clusters")
    conn.execute("INSERT INTO main.clusters SELECT * FROM temp.clusters")


def _drop_beside(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TABLE IF EXISTS temp.events")
    conn.execute("DROP TABLE IF EXISTS temp.clusters")


def _cluster_article(conn: sqlite3.Connection, article_id: str) -> int:
    """Set the block of the article's unclustered mentions and cluster them; how many."""
    new = {}
    for event_id, data in conn.execute("SELECT id, data FROM events WHERE article_id = ? "
                                       "AND cluster_id IS NULL", (article_id,)).fetchall():
        new[event_id] = mention_from_event(json.loads(data))
        conn.execute("UPDATE events SET block = ? WHERE id = ?", (new[event_id].block, event_id))
    _join(conn, article_id, new, internal_links(new), ArticleFacts(conn))
    return len(new)


# -- internals ------------------------------------------------------------------------------

class ArticleFacts:
    """The outlet and dates of articles, each read once per write: reading them from a row
    means reading past the article's whole text, once per cluster otherwise."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.known: dict[str, tuple] = {}

    def __call__(self, article_id: str) -> tuple:
        """(source, url, date, coded_at) of the article."""
        if article_id not in self.known:
            self.known[article_id] = tuple(self.conn.execute(
                "SELECT source, url, date, coded_at FROM articles WHERE id = ?",
                (article_id,)).fetchone())
        return self.known[article_id]


def _split(conn: sqlite3.Connection, cid: str, articles: ArticleFacts) -> None:
    members = _mentions(conn, "SELECT id, data FROM events WHERE cluster_id = ?", (cid,))
    conn.execute("DELETE FROM clusters WHERE id = ?", (cid,))
    if not members:
        return
    for component in components(list(members.values())):
        new_id = cluster_id(component[0].event_id)
        ids = [m.event_id for m in component]
        conn.execute(f"UPDATE events SET cluster_id = ? WHERE id IN ({_marks(ids)})",
                     [new_id, *ids])
        _refresh(conn, new_id, articles)


def _join(conn: sqlite3.Connection, article_id: str, new: dict[str, Mention],
          links: list[tuple[str, str]], articles: ArticleFacts) -> None:
    """Cluster the ``new`` mentions of one article: with each other (``links``) and with the
    clustered mentions of other articles they match."""
    if not new:
        return
    parent: dict[str, str] = {f"m:{i}": f"m:{i}" for i in new}

    def find(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in links:
        parent[find(f"m:{a}")] = find(f"m:{b}")
    for (block, window), mentions in _by_window(new).items():
        stored = list(_stored_candidates(conn, block, window, article_id))
        for mention in mentions:
            for other, other_cluster in stored:
                if matches(mention, other):
                    parent[find(f"c:{other_cluster}")] = find(f"m:{mention.event_id}")
    groups: dict[str, list[str]] = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    for nodes in groups.values():
        _merge(conn, [n[2:] for n in nodes if n[0] == "m"], [n[2:] for n in nodes if n[0] == "c"],
               new, articles)


def _by_window(new: dict[str, Mention]) -> dict[tuple, list[Mention]]:
    """New mentions by (block, the dates a match may have): one query per group."""
    groups: dict[tuple, list[Mention]] = {}
    for mention in new.values():
        if mention.block is None:
            continue
        window = date_window(mention.date)
        key = ("between", *window) if window is not None else (
            ("null",) if mention.date is None else ("equal", mention.date))
        groups.setdefault((mention.block, key), []).append(mention)
    return groups


def _stored_candidates(conn, block: str, window: tuple, article_id: str):
    """Clustered mentions of other articles in ``block`` with a date in ``window``."""
    kind, *dates = window
    sql = {"between": "date BETWEEN ? AND ?", "null": "date IS NULL", "equal": "date = ?"}[kind]
    rows = conn.execute(f"SELECT data, cluster_id FROM events WHERE block = ? AND {sql} "
                        "AND article_id != ? AND cluster_id IS NOT NULL",
                        [block, *dates, article_id])
    # a mention of another article not yet clustered (backfill) finds us when its turn comes
    for data, other_cluster in rows:
        yield mention_from_event(json.loads(data)), other_cluster


def _merge(conn, mention_ids: list[str], cluster_ids: list[str], new: dict[str, Mention],
           articles: ArticleFacts):
    keys = [anchor_key(new[i].date, i) for i in mention_ids]
    if cluster_ids:
        keys += [anchor_key(r[0], r[1]) for r in conn.execute(
            f"SELECT date, anchor_event_id FROM clusters WHERE id IN ({_marks(cluster_ids)})",
            cluster_ids)]
    new_id = cluster_id(min(keys)[1])
    if mention_ids:
        conn.execute(f"UPDATE events SET cluster_id = ? WHERE id IN ({_marks(mention_ids)})",
                     [new_id, *mention_ids])
    stale = [c for c in cluster_ids if c != new_id]
    if stale:
        conn.execute(f"UPDATE events SET cluster_id = ? WHERE cluster_id IN ({_marks(stale)})",
                     [new_id, *stale])
        conn.execute(f"DELETE FROM clusters WHERE id IN ({_marks(stale)})", stale)
    _refresh(conn, new_id, articles)


def _refresh(conn: sqlite3.Connection, cid: str, articles: ArticleFacts) -> None:
    """Recompute one cluster's row from its mentions."""
    rows = [(event_id, day, data, article_id, *articles(article_id))
            for event_id, day, data, article_id in conn.execute(
                "SELECT id, date, data, article_id FROM events WHERE cluster_id = ?", (cid,))]
    anchor = min(rows, key=lambda r: anchor_key(r[1], r[0]))
    event = json.loads(anchor[2])
    reports = [r[6] or r[7][:10] for r in rows]
    conn.execute(
        "INSERT OR REPLACE INTO clusters (id, anchor_event_id, plover_type, cameo_code, "
        "goldstein, quad_class, date, factual, num_mentions, num_sources, num_articles, "
        "first_report, last_report, first_added) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (cid, anchor[0], event["plover_type"], event.get("cameo_code"), event.get("goldstein"),
         event.get("quad_class"), anchor[1], int(is_factual(event)), len(rows),
         len({outlet(r[4], r[5], r[3]) for r in rows}), len({r[3] for r in rows}),
         min(reports), max(reports), min(r[7] for r in rows)))


def _mentions(conn, sql: str, params) -> dict[str, Mention]:
    return {r[0]: mention_from_event(json.loads(r[1])) for r in conn.execute(sql, params)}


def _marks(items) -> str:
    return ",".join("?" * len(items))
