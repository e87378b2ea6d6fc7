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


def load_people(path: Path, lex: ActorLexicon) -> None:
    for row in read_tsv(path, ("name", "aliases", "country", "sector", "role", "start", "end")):
        v = row.values
        if not _check_common(row, lex):
            continue
        if any(v[k] and not DATE.match(v[k]) for k in ("start", "end")):
            lex.problems.append(f"{row.where()}: start/end must be YYYY-MM-DD dates")
            continue
        if v["start"] and v["end"] and v["start"] > v["end"]:
            lex.problems.append(f"{row.where()}: start {v['start']} is after end {v['end']}")
            continue
        entry = ActorEntry(v["name"], v["country"] or None, v["sector"] or None, "person",
                           actor_code(v["country"] or None, v["sector"] or None),
                           v.get("wikidata") or None, row.where(), v["start"] or None,
                           v["end"] or None, v["role"] or None)
        for surface in [v["name"], *row.split("aliases")]:
            lex.add_name(surface, entry)


def _check_common(row: Row, lex: ActorLexicon) -> bool:
    v = row.values
    if not v.get("name"):
        lex.problems.append(f"{row.where()}: name is empty")
        return False
    if v.get("country") and not ISO3.match(v["country"]):
        lex.problems.append(f"{row.where()}: country {v['country']!r} is not an ISO3 code")
        return False
    if v.get("kind") and v["kind"] not in KINDS:
        lex.problems.append(f"{row.where()}: kind {v['kind']!r} is not one of {KINDS}")
        return False
    return True


LOADERS = {
    "countries": load_countries,
    "organizations": load_organizations,
    "sectors": load_sectors,
    "people": load_people,
}
