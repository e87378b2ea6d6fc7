"""GDELT 2.0 tables: the event table (61 columns in GDELT's order, plus ``DatePrecision`` of
ours as a 62nd) and the Mentions table (16 columns), tab-separated, no header.

Filled where eventdesk has the value, empty where not (AvgTone, ethnic, religion codes, actor
geography). Choices, documented in docs/corpus.md:
- GlobalEventID: an integer below 2**53 (exact in any double-based reader: R, JavaScript,
  pandas float columns), from the cluster id; stable across runs and versions.
- One row per actor pair: a side with several actors ("Greece and Turkey") gives one row for
  every source x target pair, as GDELT does. The first pair keeps the cluster's id; the other
  rows get ids from the cluster id and the pair.
- Day/MonthYear/Year/FractionDate are the first day of the period the event is dated to; the
  last column, ``DatePrecision`` (day, month or year), says how much of that date is known.
- Actor country codes are the CAMEO three-letter codes (ISO3), as in GDELT; geographic country
  codes are FIPS 10-4 and ADM1Code GDELT's FIPS country + region code (``SY04``), from the
  tables in ``eventdesk/data/gdelt/`` (the country code alone where the region has no code
  there). eventdesk's own formats keep ISO3.
- IsRootEvent is 1 when the anchor mention is in the title or the body's first sentence.
- DATEADDED is when the first mention was stored (UTC, YYYYMMDDHHMMSS); SOURCEURL the anchor
  article's URL.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from datetime import date
from functools import cache
from importlib import resources
from typing import IO

from eventdesk.dates import first_day, with_period

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
EXTRA_COLUMNS = ["DatePrecision"]  # ours, after GDELT's 61
EXPORT_COLUMNS = [*GDELT_COLUMNS, *EXTRA_COLUMNS]

MENTION_COLUMNS = [
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
]
assert len(MENTION_COLUMNS) == 16

MAX_ID = 2 ** 53


def global_event_id(cluster_id: str, pair: tuple[int, int] = (0, 0)) -> int:
    """A stable id below 2**53 for the row of actor pair ``pair`` of a cluster."""
    if pair == (0, 0):
        digits = cluster_id.split("_", 1)[-1]
        try:
            return int(digits[:13], 16) or 1
        except ValueError:
            pass
    key = f"{cluster_id}|{pair[0]}|{pair[1]}".encode()
    return int(hashlib.sha256(key).hexdigest()[:13], 16) or 1


def gdelt_rows(event: dict) -> list[list[str]]:
    """The event table rows of one event: one per source x target actor pair."""
    event = with_period(dict(event))
    key = event.get("cluster_id") or event["id"]
    sources = event.get("source") or [None]
    targets = event.get("target") or [None]
    rows = []
    for i, source in enumerate(sources):
        for j, target in enumerate(targets):
            rows.append(_row(event, global_event_id(key, (i, j)), source, target))
    return rows


def gdelt_row(event: dict) -> list[str]:
    """The first row of ``gdelt_rows`` (first source, first target)."""
    return gdelt_rows(event)[0]


def _row(event: dict, row_id: int, source: dict | None, target: dict | None) -> list[str]:
    cells: list[object] = [row_id, *_dates(event.get("date"))]
    cells += _actor(source) if source else [""] * 10
    cells += _actor(target) if target else [""] * 10
    code = event.get("cameo_code") or ""
    root = event.get("segment") == "title" or event.get("sentence") == 0
    cells += [int(root), code, code[:3], code[:2], event.get("quad_class"),
              event.get("goldstein"), event.get("num_mentions", 1),
              event.get("num_sources", 1), event.get("num_articles", 1), ""]
    cells += [""] * 16  # Actor1Geo_*, Actor2Geo_*: eventdesk does not place actors
    cells += _geo(event.get("location"))
    cells += [_timestamp(event.get("first_added")), event.get("article_url") or ""]
    cells.append(event.get("date_precision") or "")
    return ["" if c is None else str(c) for c in cells]


def write_gdelt(events: Iterable[dict], out: IO[str]) -> int:
    """Write the event table; return the number of events (rows may be more: pairs)."""
    count = 0
    for event in events:
        for row in gdelt_rows(event):
            out.write("\t".join(_clean(c) for c in row) + "\n")
        count += 1
    return count


def mention_row(mention: dict) -> list[str]:
    """One row of GDELT's Mentions table for one mention (with its cluster fields)."""
    mention = with_period(dict(mention))
    key = mention.get("cluster_id") or mention["id"]
    offsets = []
    for side in ("source", "target"):
        actors = mention.get(side) or []
        offsets.append(actors[0]["start"] if actors and actors[0].get("segment")
                       == mention.get("segment") else -1)
    trigger = mention.get("trigger") or {}
    day = first_day(mention.get("date"))
    article_day = first_day(mention.get("article_date"))
    url = mention.get("article_url")
    cells: list[object] = [
        global_event_id(key), _day_stamp(day), _day_stamp(article_day) or
        _timestamp(mention.get("first_added")), 1 if url else 6,
        mention.get("article_source") or "", url or mention.get("article_id") or "",
        (mention.get("sentence") or 0) + 1, offsets[0], offsets[1],
        trigger.get("start", -1), 1, round(100 * float(mention.get("confidence") or 0)),
        "", "", "", ""]
    return ["" if c is None else str(c) for c in cells]


def write_mentions(mentions: Iterable[dict], out: IO[str]) -> int:
    """Write GDELT's Mentions table, one row per mention; return the count."""
    count = 0
    for mention in mentions:
        out.write("\t".join(_clean(c) for c in mention_row(mention)) + "\n")
        count += 1
    return count


def _dates(day: str | None) -> list[object]:
    first = first_day(day)
    if first is None:
        return ["", "", "", ""]
    doy = first.timetuple().tm_yday
    return [first.strftime("%Y%m%d"), first.strftime("%Y%m"), first.year,
            f"{first.year + doy / 365:.4f}"]


def _day_stamp(day: date | None) -> str:
    return day.strftime("%Y%m%d000000") if day else ""


def _timestamp(added: str | None) -> str:
    text = (added or "").replace("-", "").replace(":", "")
    return text.replace("T", "").rstrip("Z")


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
    fips = fips_country(country)
    adm1 = fips
    if feature != "country":
        adm1 = fips_admin1(country, place.get("admin1") or
                           (place.get("name") if feature == "admin1" else None)) or fips
    return [kind, place.get("name") or place.get("text"), fips, adm1, "",
            place.get("lat"), place.get("lon"), place.get("geonameid")]


def fips_country(iso3: str | None) -> str:
    """The FIPS 10-4 code of an ISO3 country ("" if unknown)."""
    return _fips_tables()[0].get(iso3 or "", "")


def fips_admin1(iso3: str | None, admin1: str | None) -> str:
    """GDELT's ADM1Code of a first-level region by its gazetteer name ("" if not listed)."""
    return _fips_tables()[1].get((iso3 or "", admin1 or ""), "")


@cache
def _fips_tables() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    folder = resources.files("eventdesk") / "data" / "gdelt"
    countries = {row["iso3"]: row["fips"] for row in _tsv(folder / "fips_countries.tsv")}
    regions = {(row["iso3"], row["admin1"]): row["adm1_code"]
               for row in _tsv(folder / "fips_admin1.tsv")}
    return countries, regions


def _tsv(path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


def _clean(cell: str) -> str:
    return cell.replace("\t", " ").replace("\n", " ").replace("\r", " ")
