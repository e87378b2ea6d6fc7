"""POLECAT's public TSV layout: one event a line, a header line, 40 tab-separated columns.

The column list and order are those of the header line of the published POLECAT weekly files
(``Event ID``, ``Event Date``, ``Event Type``, ``Event Mode``, ``Intensity``, ``Quad Code``,
``Contexts``, actor, recipient and place columns, ``Source`` ... ``Version``). Event types and
modes are written in lower case as POLECAT does; Intensity is the Goldstein score and Quad Code
the QuadClass as its label (``QUAD_LABELS``); country codes are ISO3. A side with several
actors lists them joined by "; " as POLECAT does, without empty items (an actor with no
value for a column is left out of that column). ``Actor Name Raw`` is the words of the text,
except a pronoun ("it", "they"), for which the canonical name is given. COW codes, titles,
story-level people and organisations are left empty where eventdesk has no value.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from eventdesk.dates import first_day
from eventdesk.export.gdelt import _clean

POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
]
assert len(POLECAT_COLUMNS) == 40
QUAD_LABELS = {1: "Verbal Cooperation", 2: "Material Cooperation", 3: "Verbal Conflict",
               4: "Material Conflict"}
SEPARATOR = "; "
PRONOUNS = frozenset(["it", "its", "they", "them", "their", "he", "him", "his", "she", "her",
                      "we", "us", "our", "who", "which"])


def polecat_row(event: dict, version: str = "") -> list[str]:
    place = event.get("location") or {}
    day = first_day(event.get("date"))
    cells = [event.get("cluster_id") or event["id"], day.isoformat() if day else None,
             event["plover_type"].lower(), (event.get("plover_mode") or "").lower(),
             event.get("goldstein"), QUAD_LABELS.get(event.get("quad_class"), ""), ""]
    cells += _actors(event.get("source") or [])
    cells += _actors(event.get("target") or [])
    city = place.get("name") if place.get("feature") == "city" else ""
    cells += [place.get("name"), city, "", place.get("admin1"), place.get("country"),
              place.get("lat"), place.get("lon"), place.get("geonameid"), place.get("text"),
              place.get("feature"), event.get("article_source") or event.get("article_url"),
              event.get("article_date"), "", "", "", "en", version]
    return ["" if c is None else str(c) for c in cells]


def write_polecat(events: Iterable[dict], out: IO[str], version: str = "") -> int:
    out.write("\t".join(POLECAT_COLUMNS) + "\n")
    count = 0
    for event in events:
        out.write("\t".join(_clean(c) for c in polecat_row(event, version)) + "\n")
        count += 1
    return count


def _actors(actors: list[dict]) -> list[object]:
    """Name, Country, COW, Primary Sector, Sectors, Title, Name Raw, Wikipedia id."""
    if not actors:
        return [""] * 8
    first = actors[0]
    raw = [a.get("name") if (a.get("text") or "").lower() in PRONOUNS else a.get("text")
           for a in actors]
    return [_join(a.get("name") for a in actors), _join(a.get("country") for a in actors), "",
            first.get("sector"), _join(a.get("sector") for a in actors), "", _join(raw),
            _join(a.get("wikidata") for a in actors)]


def _join(values) -> str:
    """Values joined by "; ", without empty items or repeats, in order."""
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return SEPARATOR.join(seen)
