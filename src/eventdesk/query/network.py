"""Actors with their counts, and dyads (who acted on whom) as weighted edges of a network.

Actors count the mentions in which they take part as source or target (an actor named twice
in one mention counts twice). Dyads count canonical
events from their anchor mention: one edge per (source, target) pair, and for events with
several sources and no target ("Russia and Ukraine met") one undirected edge per pair of
sources. An edge carries its cooperation (QuadClass 1-2) and conflict (3-4) counts and the mean
Goldstein score, which colour it. ``level`` "country" merges actors into their country (or
their code when they have none, as for IGONATO); "actor" keeps full codes.
"""

from __future__ import annotations

from eventdesk.query.canonical import ClusterFilter, _prefix_range, filter_sql
from eventdesk.query.extra import Extra, cluster_conditions
from eventdesk.store.db import Store

LEVELS = ("country", "actor")


def actor_counts(store: Store, code: str | None, name: str | None, limit: int) -> list[dict]:
    """Actors by code prefix (``code``, an index range: fast) and/or by part of a name or of
    the words that named them (``name``: reads every actor row), most frequent first: code,
    name, country, sector, events (mentions as source or target), as_source, as_target."""
    where, params = ["role IN ('source', 'target')", "code IS NOT NULL"], []
    if code and code.strip():
        where.append("code >= ? AND code < ?")
        params += _prefix_range(code.strip())
    if name and name.strip():
        pattern = "%" + _like_escape(name.strip()) + "%"
        where.append("(name LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\')")
        params += [pattern, pattern]
        group, named = "code, name", "name"
    else:  # counts from the (code, role, event_id) index alone, a name looked up per row
        group, named = "code", ("(SELECT x.name FROM event_actors x WHERE x.code = "
                                "event_actors.code AND x.name IS NOT NULL LIMIT 1)")
    sql = (f"SELECT code, {named} AS name, COUNT(*) AS events, "
           "SUM(role = 'source') AS as_source, SUM(role = 'target') AS as_target "
           f"FROM event_actors WHERE {' AND '.join(where)} GROUP BY {group} "
           "ORDER BY events DESC, code LIMIT ?")
    rows = [dict(row) for row in store.conn.execute(sql, [*params, int(limit)])]
    for row in rows:
        row["country"], row["sector"] = _code_parts(store, row["code"])
    return rows


def _code_parts(store: Store, code: str) -> tuple[str | None, str | None]:
    found = store.conn.execute("SELECT country, sector FROM event_actors WHERE code = ? LIMIT 1",
                               (code,)).fetchone()
    return (found[0], found[1]) if found else (None, None)


def dyad_network(store: Store, flt: ClusterFilter, extra: Extra, level: str = "country",
                 limit: int = 200) -> dict:
    """{"nodes": [...], "edges": [...]}: the ``limit`` heaviest edges and their nodes."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    key = "COALESCE({0}.country, {0}.code)" if level == "country" else "{0}.code"
    where, params = filter_sql(flt, store.conn)
    more, more_params = cluster_conditions(extra)
    where = " AND ".join(filter(None, [where[len(" WHERE "):], *more]))
    where = f" AND {where}" if where else ""
    params = [*params, *more_params]
    directed = (f"SELECT {key.format('s')}, {key.format('t')}, 1, c.quad_class, COUNT(*), "
                "SUM(c.goldstein), COUNT(c.goldstein) FROM clusters c "
                "JOIN event_actors s ON s.event_id = c.anchor_event_id AND s.role = 'source' "
                "JOIN event_actors t ON t.event_id = c.anchor_event_id AND t.role = 'target' "
                f"WHERE s.code IS NOT NULL AND t.code IS NOT NULL{where} GROUP BY 1, 2, 4")
    mutual = (f"SELECT {key.format('s')}, {key.format('t')}, 0, c.quad_class, COUNT(*), "
              "SUM(c.goldstein), COUNT(c.goldstein) FROM clusters c "
              "JOIN event_actors s ON s.event_id = c.anchor_event_id AND s.role = 'source' "
              "JOIN event_actors t ON t.event_id = c.anchor_event_id AND t.role = 'source' "
              "AND t.position > s.position "
              "WHERE s.code IS NOT NULL AND t.code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
              "event_actors r WHERE r.event_id = c.anchor_event_id AND r.role = 'target')"
              f"{where} GROUP BY 1, 2, 4")
    edges: dict[tuple, dict] = {}
    for sql in (directed, mutual):
        for source, target, is_directed, quad, count, gsum, gcount in store.conn.execute(
                sql, params):
            if source == target:
                continue
            if not is_directed and target < source:
                source, target = target, source
            edge = edges.setdefault((source, target, bool(is_directed)), _edge(
                source, target, bool(is_directed)))
            _add(edge, quad, count, gsum or 0.0, gcount)
    chosen = sorted(edges.values(), key=lambda e: (-e["events"], e["source"], e["target"]))
    chosen = [_finish(edge) for edge in chosen[:limit]]
    return {"nodes": _nodes(chosen), "edges": chosen}


def _edge(source: str, target: str, directed: bool) -> dict:
    return {"source": source, "target": target, "directed": directed, "events": 0,
            "cooperation": 0, "conflict": 0, "goldstein_sum": 0.0, "_gcount": 0}


def _add(edge: dict, quad: int | None, count: int, gsum: float, gcount: int) -> None:
    edge["events"] += count
    if quad in (1, 2):
        edge["cooperation"] += count
    elif quad in (3, 4):
        edge["conflict"] += count
    edge["goldstein_sum"] += gsum
    edge["_gcount"] += gcount


def _finish(edge: dict) -> dict:
    count = edge.pop("_gcount")
    total = edge.pop("goldstein_sum")
    edge["goldstein_mean"] = round(total / count, 3) if count else None
    return edge


def _nodes(edges: list[dict]) -> list[dict]:
    nodes: dict[str, dict] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            node = nodes.setdefault(end, {"id": end, "events": 0, "cooperation": 0,
                                          "conflict": 0})
            for key in ("events", "cooperation", "conflict"):
                node[key] += edge[key]
    return sorted(nodes.values(), key=lambda n: (-n["events"], n["id"]))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
