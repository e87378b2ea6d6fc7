"""Actor lexicon: countries, organisations, role/sector words and people with terms of office."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from eventdesk.lexicon.tables import Row, read_tsv

ISO3 = re.compile(r"^[A-Z]{3}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KINDS = ("state", "person", "organization", "group")


@dataclass(frozen=True)
class ActorEntry:
    """One way a name can be coded: the canonical name and codes, valid between two dates."""

    name: str
    country: str | None
    sector: str | None
    kind: str
    code: str
    wikidata: str | None
    rule: str  # file:line
    start: str | None = None
    end: str | None = None
    role: str | None = None
    metonym: bool = False  # a capital or seat of power standing for the government

    def valid_on(self, date: str | None) -> bool:
        if date is None:
            return self.end is None  # no article date: only current office holders
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class SectorEntry:
    sector: str
    kind: str
    person: bool
    rule: str


@dataclass
class ActorLexicon:
    names: dict[str, list[ActorEntry]] = field(default_factory=lambda: defaultdict(list))
    demonyms: dict[str, ActorEntry] = field(default_factory=dict)
    sectors: dict[str, SectorEntry] = field(default_factory=dict)
    countries: dict[str, ActorEntry] = field(default_factory=dict)
    relations: set[str] = field(default_factory=set)
    thing_nouns: set[str] = field(default_factory=set)
    place_nouns: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    _max_sector_words: int | None = None

    def add_name(self, surface: str, entry: ActorEntry) -> None:
        self.names[surface].append(entry)
        if surface.lower().startswith("the "):
            self.names[surface[4:]].append(entry)

    @property
    def max_sector_words(self) -> int:
        if self._max_sector_words is None:
            self._max_sector_words = max((len(p.split()) for p in self.sectors), default=1)
        return self._max_sector_words


def actor_code(country: str | None, sector: str | None) -> str:
    return f"{country or ''}{sector or ''}" or "UNK"


def load_countries(path: Path, lex: ActorLexicon) -> None:
    for row in read_tsv(path, ("iso3", "name")):
        iso3 = row.values["iso3"]
        if not ISO3.match(iso3):
            lex.problems.append(f"{row.where()}: iso3 {iso3!r} is not three capital letters")
            continue
        name = row.values["name"]
        qid = row.values.get("wikidata") or None
        state = ActorEntry(name, iso3, None, "state", iso3, qid, row.where())
        lex.countries[iso3] = state
        for surface in [name, *row.split("aliases")]:
            lex.add_name(surface, state)
        gov = ActorEntry(name, iso3, "GOV", "state", iso3 + "GOV", qid, row.where(),
                         metonym=True)
        for surface in row.split("capitals"):
            lex.add_name(surface, gov)
        for surface in row.split("demonyms"):
            lex.demonyms[surface] = state


def load_organizations(path: Path, lex: ActorLexicon) -> None:
    for row in read_tsv(path, ("code", "name", "aliases", "country", "sector", "kind")):
        if not _check_common(row, lex):
            continue
        v = row.values
        entry = ActorEntry(v["name"], v["country"] or None, v["sector"] or None,
                           v["kind"] or "organization", v["code"], v.get("wikidata") or None,
                           row.where())
        for surface in [v["name"], *row.split("aliases")]:
            lex.add_name(surface, entry)


def load_sectors(path: Path, lex: ActorLexicon) -> None:
    for row in read_tsv(path, ("phrase", "sector", "kind")):
        v = row.values
        if v["kind"] not in KINDS:
            lex.problems.append(f"{row.where()}: kind {v['kind']!r} is not one of {KINDS}")
            continue
        if not v["sector"].isupper():
            lex.problems.append(f"{row.where()}: sector {v['sector']!r} must be upper case")
            continue
        person = v.get("person", "").lower() in ("yes", "true", "1")
        lex.sectors[v["phrase"].lower()] = SectorEntry(v["sector"], v["kind"], person, row.where())


def _load_nouns(path: Path, lex: ActorLexicon, into: set[str]) -> None:
    for row in read_tsv(path, ("noun",)):
        noun = row.values["noun"].strip().lower()
        if not noun or " " in noun:
            lex.problems.append(f"{row.where()}: noun {noun!r} must be one word")
            continue
        into.add(noun)


def load_relations(path: Path, lex: ActorLexicon) -> None:
    _load_nouns(path, lex, lex.relations)


def load_place_nouns(path: Path, lex: ActorLexicon) -> None:
    _load_nouns(path, lex, lex.place_nouns)


def load_thing_nouns(path: Path, lex: ActorLexicon) -> None:
    _load_nouns(path, lex, lex.thing_nouns)


def load_people(path: Path, lex: ActorLexicon) -> None:
    for row in read_tsv(path, ("name", "aliases", "country", "sector", "role", "start", "end")):
        v = row.values
        ok = _check_common(row, lex)
        for key in ("start", "end"):
            if v[key] and not _is_date(v[key]):
                lex.problems.append(f"{row.where()}: {key} {v[key]!r} is not a date "
                                    "(YYYY-MM-DD, a day that exists)")
                ok = False
        if ok and v["start"] and v["end"] and v["start"] > v["end"]:
            lex.problems.append(f"{row.where()}: start {v['start']} is after end {v['end']}")
            ok = False
        if not ok:
            continue
        entry = ActorEntry(v["name"], v["country"] or None, v["sector"] or None, "person",
                           actor_code(v["country"] or None, v["sector"] or None),
                           v.get("wikidata") or None, row.where(), v["start"] or None,
                           v["end"] or None, v["role"] or None)
        for surface in [v["name"], *row.split("aliases")]:
            lex.add_name(surface, entry)


def _is_date(text: str) -> bool:
    """YYYY-MM-DD naming a day that exists (not 2019-31-01)."""
    from datetime import date

    if not DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_common(row: Row, lex: ActorLexicon) -> bool:
    """Name, country and kind of a row; every problem found is reported."""
    v = row.values
    ok = True
    if not v.get("name"):
        lex.problems.append(f"{row.where()}: name is empty")
        ok = False
    country = v.get("country")
    if country and not ISO3.match(country):
        lex.problems.append(f"{row.where()}: country {country!r} is not an ISO3 code")
        ok = False
    elif country and lex.countries and country not in lex.countries:
        lex.problems.append(f"{row.where()}: country {country!r} is not in the country table "
                            "(actors/countries.tsv)")
        ok = False
    if v.get("kind") and v["kind"] not in KINDS:
        lex.problems.append(f"{row.where()}: kind {v['kind']!r} is not one of {KINDS}")
        ok = False
    return ok


LOADERS = {
    "countries": load_countries,
    "organizations": load_organizations,
    "sectors": load_sectors,
    "relations": load_relations,
    "place_nouns": load_place_nouns,
    "thing_nouns": load_thing_nouns,
    "people": load_people,
}
