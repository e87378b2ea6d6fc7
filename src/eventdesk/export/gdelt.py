"""The GDELT 2.0 event table: 61 tab-separated columns, no header, in GDELT's order.

Filled where eventdesk has the value, empty where not (AvgTone, actor geography, ethnic,
religion and known-group codes). Choices, documented in docs/corpus.md:
- GlobalEventID: the first 15 hex digits of the cluster id as an integer (stable, < 2**60).
- Actor1 is the first source actor, Actor2 the first target actor (GDELT has one per side).
- Geo country codes are ISO 3166-1 alpha-3 as everywhere in eventdesk, not GDELT's FIPS 10-4;
  ADM1Code is the admin1 name as the gazetteer gives it.
- IsRootEvent is 1 when the anchor mention is in the title or the body's first sentence.
- DATEADDED is when the first mention was stored (UTC, YYYYMMDDHHMMSS); SOURCEURL the anchor
  article's URL.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import IO

ACTOR_FIELDS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
              "FeatureID"]
GDELT_COLUMNS = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in ACTOR_FIELDS), *(f"Actor2{f}" for f in ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in GEO_FIELDS), *(f"Actor2Geo_{f}" for f in GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in GEO_FIELDS), "DATEADDED", "SOURCEURL",
]
assert len(GDELT_COLUMNS) == 61


def global_event_id(cluster_id: str) -> int:
    return int(cluster_id.split("_", 1)[1][:15], 16)


def gdelt_row(event: dict) -> list[str]:
    cells: list[object] = [global_event_id(event.get("cluster_id") or event["id"])]
    cells += _dates(event.get("date"))
    for side in ("source", "target"):
        actors = event.get(side) or []
        cells += _actor(actors[0]) if actors else [""] * 10
    code = event.get("cameo_code") or ""
    root = event.get("segment") == "title" or event.get("sentence") == 0
    cells += [int(root), code, code[:3], code[:2], event.get("quad_class"),
              event.get("goldstein"), event.get("num_mentions", 1),
              event.get("num_sources", 1), event.get("num_articles", 1), ""]
    cells += [""] * 16  # Actor1Geo_*, Actor2Geo_*: eventdesk does not place actors
    cells += _geo(event.get("location"))
    added = (event.get("first_added") or "").replace("-", "").replace(":", "")
    cells += [added.replace("T", "").rstrip("Z"), event.get("article_url") or ""]
    return ["" if c is None else str(c) for c in cells]


def write_gdelt(events: Iterable[dict], out: IO[str]) -> int:
    count = 0
    for event in events:
        out.write("\t".join(_clean(c) for c in gdelt_row(event)) + "\n")
        count += 1
    return count


def _dates(day: str | None) -> list[object]:
    if not day:
        return ["", "", "", ""]
    try:
        year = int(day[:4])
        month = int(day[5:7]) if len(day) >= 7 else 1
        dom = int(day[8:10]) if len(day) >= 10 else 1
        doy = date(year, month, dom).timetuple().tm_yday
    except ValueError:  # not a calendar date: leave the date columns empty
        return ["", "", "", ""]
    return [f"{year:04d}{month:02d}{dom:02d}", f"{year:04d}{month:02d}", year,
            f"{year + doy / 365:.4f}"]


def _actor(actor: dict) -> list[object]:
    code = actor.get("code") or ""
    known = code[3:] if code.startswith("IGO") else ""
    return [code, (actor.get("name") or actor.get("text") or "").upper(),
            actor.get("country") or "", known, "", "", "", actor.get("sector") or "", "", ""]


def _geo(place: dict | None) -> list[object]:
    if not place:
        return [""] * 8
    country, feature = place.get("country"), place.get("feature")
    usa = country == "USA"
    kind = {"country": 1, "admin1": 2 if usa else 5}.get(feature, 3 if usa else 4)
    return [kind, place.get("name") or place.get("text"), country, place.get("admin1"), "",
            place.get("lat"), place.get("lon"), place.get("geonameid")]


def _clean(cell: str) -> str:
    return cell.replace("\t", " ").replace("\n", " ").replace("\r", " ")
