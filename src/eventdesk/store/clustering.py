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


def clusters_of_articles(conn: sqlite3.Connection, article_id: str, content_hash: str) -> set:
    """Ids of the clusters holding mentions of the article about to be replaced."""
    rows = conn.execute(
        "SELECT DISTINCT e.cluster_id FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE (a.id = ? OR a.content_hash = ?) AND e.cluster_id IS NOT NULL",
        (article_id, content_hash))
    return {r[0] for r in rows}


def after_write(conn: sqlite3.Connection, old_clusters: Iterable[str],
                new_event_ids: Iterable[str]) -> None:
    """Split what the removed mentions left behind, then cluster the new mentions."""
    for cid in sorted(old_clusters):
        _split(conn, cid)
    _join(conn, list(dict.fromkeys(new_event_ids)))


def backfill(conn: sqlite3.Connection) -> int:
    """Cluster every mention without a cluster (stores written before migration 2)."""
    done = 0
    while True:
        row = conn.execute("SELECT article_id FROM events WHERE cluster_id IS NULL "
                           "LIMIT 1").fetchone()
        if row is None:
            return done
        conn.execute("BEGIN IMMEDIATE")
        try:
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM events WHERE article_id = ? AND cluster_id IS NULL", (row[0],))]
            for event_id, data in conn.execute(
                    f"SELECT id, data FROM events WHERE id IN ({_marks(ids)})", ids).fetchall():
                block = mention_from_event(json.loads(data)).block
                conn.execute("UPDATE events SET block = ? WHERE id = ?", (block, event_id))
            _join(conn, ids)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        done += len(ids)


def rebuild(conn: sqlite3.Connection) -> int:
    """Forget every cluster and cluster all mentions again (after a change of the rules)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM clusters")
        conn.execute("UPDATE events SET cluster_id = NULL")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return backfill(conn)


# -- internals ------------------------------------------------------------------------------

def _split(conn: sqlite3.Connection, cid: str) -> None:
    members = _mentions(conn, "SELECT id, data FROM events WHERE cluster_id = ?", (cid,))
    conn.execute("DELETE FROM clusters WHERE id = ?", (cid,))
    if not members:
        return
    for component in components(list(members.values())):
        new_id = cluster_id(component[0].event_id)
        ids = [m.event_id for m in component]
        conn.execute(f"UPDATE events SET cluster_id = ? WHERE id IN ({_marks(ids)})",
                     [new_id, *ids])
        _refresh(conn, new_id)


def _join(conn: sqlite3.Connection, new_ids: list[str]) -> None:
    if not new_ids:
        return
    new = _mentions(conn, f"SELECT id, data FROM events WHERE id IN ({_marks(new_ids)})",
                    new_ids)
    parent: dict[str, str] = {f"m:{i}": f"m:{i}" for i in new}

    def find(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for mention in new.values():
        for other, other_cluster in _candidates(conn, mention, new):
            if matches(mention, other):
                node = f"c:{other_cluster}" if other_cluster else f"m:{other.event_id}"
                parent[find(node)] = find(f"m:{mention.event_id}")
    groups: dict[str, list[str]] = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    for nodes in groups.values():
        _merge(conn, [n[2:] for n in nodes if n[0] == "m"], [n[2:] for n in nodes if n[0] == "c"],
               new)


def _candidates(conn, mention: Mention, new: dict[str, Mention]):
    if mention.block is None:
        return
    window = date_window(mention.date)
    if window is not None:
        sql, params = "date BETWEEN ? AND ?", list(window)
    elif mention.date is None:
        sql, params = "date IS NULL", []
    else:
        sql, params = "date = ?", [mention.date]
    rows = conn.execute(f"SELECT id, data, cluster_id FROM events WHERE block = ? AND {sql}",
                        [mention.block, *params])
    for event_id, data, other_cluster in rows:
        if event_id == mention.event_id:
            continue
        if other_cluster is None and event_id not in new:
            continue  # not yet clustered (backfill): it finds us when its turn comes
        other = new.get(event_id) or mention_from_event(json.loads(data))
        yield other, other_cluster


def _merge(conn, mention_ids: list[str], cluster_ids: list[str], new: dict[str, Mention]):
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
    _refresh(conn, new_id)


def _refresh(conn: sqlite3.Connection, cid: str) -> None:
    """Recompute one cluster's row from its mentions."""
    rows = conn.execute(
        "SELECT e.id, e.date, e.data, a.id, a.source, a.url, a.date, a.coded_at "
        "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = ?",
        (cid,)).fetchall()
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
