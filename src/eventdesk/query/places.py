"""Where events happened, as GeoJSON: one Point per place with its canonical-event counts.

Places come from the anchor mention's ``location`` (a gazetteer place with coordinates and a
country). The FeatureCollection carries ``countries`` (ISO3 -> events located there) as a
foreign member for a choropleth, and ``unlocated`` (events with no such place).
"""

from __future__ import annotations

from eventdesk.query.canonical import ClusterFilter, filter_sql
from eventdesk.query.extra import Extra, cluster_conditions
from eventdesk.store.db import Store

# located: a place with a country (a column, no JSON to read); a place without one (a sea, a
# continent) is not on the map
_LOCATED = "e.location_country IS NOT NULL"


def places_geojson(store: Store, flt: ClusterFilter, extra: Extra, limit: int = 1000) -> dict:
    where, params = filter_sql(flt, store.conn)
    more, more_params = cluster_conditions(extra)
    where = " AND ".join(filter(None, [where[len(" WHERE "):], *more])) or "1"
    params = [*params, *more_params]
    base = f"FROM clusters c JOIN events e ON e.id = c.anchor_event_id WHERE {where}"
    point_sql = (
        "SELECT json_extract(e.data, '$.location.lat') AS lat, "
        "json_extract(e.data, '$.location.lon') AS lon, "
        "json_extract(e.data, '$.location.name') AS name, e.location_country AS country, "
        "json_extract(e.data, '$.location.feature') AS feature, COUNT(*) AS events, "
        "SUM(c.quad_class IN (1, 2)) AS cooperation, SUM(c.quad_class IN (3, 4)) AS conflict, "
        f"SUM(c.num_mentions) AS mentions {base} AND {_LOCATED} "
        "AND json_extract(e.data, '$.location.lat') IS NOT NULL "
        "GROUP BY 1, 2, 3, 4, 5 ORDER BY events DESC, name LIMIT ?")
    features = [_feature(dict(row)) for row in store.conn.execute(point_sql,
                                                                  [*params, int(limit)])]
    countries = dict(store.conn.execute(
        f"SELECT e.location_country, COUNT(*) {base} AND e.location_country IS NOT NULL "
        "GROUP BY 1 ORDER BY 1", params).fetchall())
    unlocated = store.conn.execute(f"SELECT COUNT(*) {base} AND NOT ({_LOCATED})",
                                   params).fetchone()[0]
    return {"type": "FeatureCollection", "features": features, "countries": countries,
            "unlocated": unlocated}


def _feature(row: dict) -> dict:
    lat, lon = row.pop("lat"), row.pop("lon")
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": row}
