"""Offline geoparsing: find place names in a parsed Doc and resolve them to gazetteer entries.

Recognition takes spaCy's GPE/LOC entities, NORP entities that are national demonyms
("Turkish" -> Turkey) and, outside other named entities, proper-noun n-grams that name a
country, a first-level region, a capital or a city of 100,000 people or more. Resolution
ranks the gazetteer entries of a name by population, feature type, the countries and regions
the article mentions and a qualifier right after the name ("Paris, Texas"). The gazetteer is
``data/gazetteer/places.tsv.gz`` (GeoNames and others, see the README there), built by
``tools/build_gazetteer.py``; nothing is downloaded at run time.
"""

from __future__ import annotations

import gzip
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from eventdesk.extract.syntax import clause_head
from eventdesk.model import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

GAZETTEER_FILE = "places.tsv.gz"
NAMES_FILE = "names.tsv.gz"
MAX_NGRAM = 5
SCAN_MIN_POP = 100_000  # cities found without an NER entity must be at least this large
PLACE_LABELS = {"GPE", "LOC"}
SOFT_LABELS = {"ORG", "FAC"}  # place names inside these are taken if a country or region
BLOCK_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE", "FAC",
                "DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT"}
DIRECTION = re.compile(
    r"^(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"northeast|northwest|southeast|southwest|northeastern|northwestern|southeastern|"
    r"southwestern|upstate|downtown|greater|rural|coastal)\s+)+", re.I)
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "throughout", "around",
                  "within", "into", "on"}


def norm(text: str) -> str:
    """Lookup key of a name: accents folded, lower case, no dots, hyphens as spaces."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
    text = text.lower().replace("’", "'").replace(".", "")
    text = re.sub(r"[-‐–]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True, slots=True)
class Entry:
    geonameid: int | None
    feature: str  # country, admin1, city, other
    name: str
    cc: str
    iso3: str
    admin1: str
    lat: float
    lon: float
    pop: int
    capital: bool


class Gazetteer:
    """Name index over the gazetteer rows; rows are parsed on first use."""

    def __init__(self, lines: list[str], names: dict[str, str]):
        self._lines = lines
        self._cache: dict[int, Entry] = {}
        self._names = names  # key -> "row,row,..." (parsed on lookup)

    def __len__(self) -> int:
        return len(self._lines)

    def entry(self, i: int) -> Entry:
        e = self._cache.get(i)
        if e is None:
            f = self._lines[i].split("\t")
            e = Entry(int(f[0]) if f[0] else None, f[1], f[2], f[3], f[4], f[5],
                      float(f[6]), float(f[7]), int(f[8]), f[9] == "1")
            self._cache[i] = e
        return e

    def _rows(self, key: str) -> list[int]:
        rows = self._names.get(key)
        return [int(r) for r in rows.split(",")] if rows else []

    def lookup(self, key: str) -> list[Entry]:
        return [self.entry(i) for i in self._rows(key)]

    def lookup_demonym(self, key: str) -> list[Entry]:
        return [self.entry(i) for i in self._rows("~" + key)]

    def __contains__(self, key: str) -> bool:
        return key in self._names


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    folder = resources.files("eventdesk") / "data" / "gazetteer"
    with (folder / GAZETTEER_FILE).open("rb") as raw, \
            gzip.open(raw, "rt", encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    with (folder / NAMES_FILE).open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        names = dict(line.split("\t", 1) for line in fh.read().split("\n")[1:] if line)
    return Gazetteer([ln for ln in lines[1:] if ln], names)


@dataclass
class _Mention:
    span: Span
    entries: list[Entry]
    demonym: bool = False
    qualifier: list[Entry] | None = None


class PlaceFinder:
    """Find and resolve the places of one parsed Doc at a time."""

    def __init__(self, gazetteer: Gazetteer | None = None, scan: bool = True,
                 keep_unresolved: bool = True):
        self.gaz = gazetteer or load_gazetteer()
        self.scan = scan
        self.keep_unresolved = keep_unresolved
        self.hints: frozenset[str] = frozenset()

    # -- recognition
    def _entries_for(self, text: str) -> tuple[list[Entry], bool]:
        abbr = STATE_ABBR.get(text.rstrip(".").replace(" ", "")) if text.endswith(".") else None
        if abbr:
            return [e for e in self.gaz.lookup(norm(abbr)) if e.feature == "admin1"], False
        key = norm(text)
        if key.startswith("the "):
            key = key[4:]
        if key.endswith("'s"):
            key = key[:-2].strip()
        entries = self.gaz.lookup_demonym(key)
        if entries:
            return entries, True
        entries = self.gaz.lookup(key)
        if entries:
            return entries, False
        stripped = DIRECTION.sub("", key)
        if stripped != key:
            return self._entries_for(stripped)
        return [], False

    def _mentions(self, doc: Doc) -> list[_Mention]:
        found: list[_Mention] = []
        taken = [False] * len(doc)
        blocked = [False] * len(doc)
        soft = [False] * len(doc)  # inside an organisation name: "Nigerian Army"
        for ent in doc.ents:
            if ent.label_ == "ORG" and self._strong(self._entries_for(ent.text)[0]):
                pass  # a bare place name tagged ORG: metonymy ("Tunisia said"), clubs
            elif ent.label_ in BLOCK_LABELS:
                for t in ent:
                    blocked[t.i] = True
                    soft[t.i] = ent.label_ in SOFT_LABELS
                continue
            if ent.label_ not in PLACE_LABELS and ent.label_ not in ("NORP", "ORG"):
                continue
            span = ent
            if span and span[0].lower_ in ("the",):
                span = span[1:]
            if not span:
                continue
            entries, demonym = self._entries_for(span.text)
            if not entries and ent.label_ in PLACE_LABELS and "," in span.text:
                # "Paris, Texas" parsed as one entity: the first part, qualified by the rest
                comma = next(t.i for t in span if t.text == ",")
                head = doc[span.start:comma]
                entries, demonym = self._entries_for(head.text)
                if entries:
                    span = head
            if ent.label_ == "LOC" and not demonym:
                # natural features and regions: small towns of the same name are unlikely
                entries = [e for e in entries if e.feature != "city" or e.pop >= 50_000]
            if not entries and (ent.label_ in ("NORP", "ORG") or not self.keep_unresolved):
                continue
            found.append(_Mention(span, entries, demonym))
            for t in ent:
                taken[t.i] = True
        if self.scan:
            found += self._scan(doc, taken, blocked, soft)
        found.sort(key=lambda m: m.span.start)
        for m in found:
            m.qualifier = self._qualifier(doc, m.span)
        return found

    def _scan(self, doc: Doc, taken: list[bool], blocked: list[bool],
              soft: list[bool]) -> list[_Mention]:
        """Proper-noun n-grams that name a well-known place, outside entities."""
        out: list[_Mention] = []
        i, n = 0, len(doc)
        while i < n:
            tok = doc[i]
            if taken[i] or (blocked[i] and not soft[i]) or not (tok.is_title or tok.is_upper) \
                    or not tok.is_alpha:
                i += 1
                continue
            hit = None
            for size in range(min(MAX_NGRAM, n - i), 0, -1):
                if any(taken[j] or (blocked[j] and not soft[j]) for j in range(i, i + size)):
                    continue
                embedded = any(blocked[j] for j in range(i, i + size))
                span = doc[i:i + size]
                last = span[-1]
                if not (last.is_title or last.is_upper):
                    continue
                if size == 1 and tok.pos_ not in ("PROPN",) and not tok.is_upper:
                    continue
                if size == 1 and tok.is_upper and len(tok) <= 3 and tok.text not in ("US", "UK"):
                    continue
                entries, demonym = self._entries_for(span.text)
                if embedded and not (demonym or any(e.feature in ("country", "admin1")
                                                    for e in entries)):
                    continue
                if self._strong(entries):
                    hit = _Mention(span, entries, demonym)
                    break
            if hit is not None:
                out.append(hit)
                i = hit.span.end
            else:
                i += 1
        return out

    @staticmethod
    def _strong(entries: list[Entry]) -> bool:
        """Whether a name is well known enough to be taken without an NER place label."""
        return any(e.feature in ("country", "admin1") or e.capital or e.pop >= SCAN_MIN_POP
                   or (e.feature == "other" and not e.cc) for e in entries)

    def _qualifier(self, doc: Doc, span: Span) -> list[Entry] | None:
        """Entries of a region or country named right after a comma: 'Paris, Texas'."""
        j = span.end
        if j + 1 >= len(doc) or doc[j].text != ",":
            return None
        for size in (3, 2, 1):
            q = doc[j + 1:j + 1 + size]
            if len(q) < size or not q[0].is_title and not q[0].is_upper:
                continue
            entries = [e for e in self.gaz.lookup(norm(q.text))
                       if e.feature in ("country", "admin1")]
            abbr = STATE_ABBR.get(q.text.rstrip(".").replace(" ", ""))
            if not entries and abbr:
                entries = [e for e in self.gaz.lookup(norm(abbr)) if e.feature == "admin1"]
            if entries:
                return entries
        return None

    # -- resolution
    def _score(self, e: Entry, m: _Mention, countries: set[str], admins: set[str]) -> float:
        s = math.log10(e.pop + 10)
        if e.feature == "country":
            s += 4.0
        elif e.feature == "admin1":
            s += 1.0
        elif e.feature == "other" and not e.cc:
            s += 3.0  # continents
        if e.capital:
            s += 2.5
        if e.feature == "city" and e.pop >= 1_000_000 and any(
                o.feature == "admin1" and o.iso3 == e.iso3 for o in m.entries):
            s += 2.0  # "New York", "Aleppo": the big city rather than its region
        if e.iso3 and e.iso3 in countries:
            s += 4.0
        elif e.iso3 and e.iso3 in self.hints:
            s += 1.5
        if e.admin1 and (e.iso3, e.admin1) in admins:
            s += 2.0
        if m.qualifier:
            if any(q.iso3 == e.iso3 and (q.feature == "country" or q.admin1 == e.admin1)
                   for q in m.qualifier):
                s += 10.0
            else:
                s -= 5.0
        return s

    def resolve(self, m: _Mention, countries: set[str], admins: set[str]) -> Entry | None:
        if not m.entries:
            return None
        if len(m.entries) == 1:
            return m.entries[0]
        return max(m.entries, key=lambda e: self._score(e, m, countries, admins))

    def is_capital(self, name: str, iso3: str | None) -> bool:
        """True when ``name`` is the capital city of ``iso3`` in the gazetteer."""
        return any(e.capital and e.iso3 == iso3 for e in self.gaz.lookup(norm(name)))

    def find(self, doc: Doc, segment: str, offset: int, context: set[str],
             exclude: set[int] = frozenset(),
             hints: frozenset[str] = frozenset()) -> list[tuple[Place, Span]]:
        """The places of a Doc; ``exclude``: token indices of names that are no places;
        ``hints``: countries of the article's organisations and people (a weaker steer than
        the places named so far, in ``context``)."""
        self.hints = hints
        mentions = [m for m in self._mentions(doc)
                    if not exclude.issuperset(range(m.span.start, m.span.end))]
        countries = set(context)
        admins: set[tuple[str, str]] = set()
        # first pass: names that point to one country or a country by its own name
        for m in mentions:
            if m.entries and (m.demonym or len({e.iso3 for e in m.entries}) == 1):
                e = m.entries[0]
                countries.add(e.iso3)
                if e.feature == "admin1":
                    admins.add((e.iso3, e.admin1))
            if m.qualifier:
                for q in m.qualifier:
                    if len(m.qualifier) == 1:
                        countries.add(q.iso3)
        out: list[tuple[Place, Span]] = []
        for m in mentions:
            e = self.resolve(m, countries, admins)
            if e is not None:
                if e.iso3:
                    countries.add(e.iso3)
                    context.add(e.iso3)
                if e.admin1:
                    admins.add((e.iso3, e.admin1))
            out.append((self._place(m.span, e, segment, offset), m.span))
        return out

    @staticmethod
    def _place(span: Span, e: Entry | None, segment: str, offset: int) -> Place:
        start = offset + span.start_char
        end = offset + span.end_char
        if e is None:
            return Place(segment=segment, start=start, end=end, text=span.text, name=span.text)
        return Place(segment=segment, start=start, end=end, text=span.text, name=e.name,
                     country=e.iso3 or None,
                     admin1=e.admin1 or None if e.feature != "country" else None,
                     lat=e.lat, lon=e.lon, geonameid=e.geonameid, feature=e.feature)


STATE_ABBR = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California",
    "Colo": "Colorado", "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida",
    "Ga": "Georgia", "Ill": "Illinois", "Ind": "Indiana", "Kan": "Kansas", "Kans": "Kansas",
    "Ky": "Kentucky", "La": "Louisiana", "Md": "Maryland", "Mass": "Massachusetts",
    "Mich": "Michigan", "Minn": "Minnesota", "Miss": "Mississippi", "Mo": "Missouri",
    "Mont": "Montana", "Neb": "Nebraska", "Nev": "Nevada", "N.H": "New Hampshire",
    "N.J": "New Jersey", "N.M": "New Mexico", "N.Y": "New York", "N.C": "North Carolina",
    "N.D": "North Dakota", "Okla": "Oklahoma", "Ore": "Oregon", "Pa": "Pennsylvania",
    "R.I": "Rhode Island", "S.C": "South Carolina", "S.D": "South Dakota", "Tenn": "Tennessee",
    "Tex": "Texas", "Va": "Virginia", "Vt": "Vermont", "Wash": "Washington",
    "Wis": "Wisconsin", "W.Va": "West Virginia", "Wyo": "Wyoming",
    "B.C": "British Columbia", "Alta": "Alberta", "Sask": "Saskatchewan", "Man": "Manitoba",
    "Ont": "Ontario", "Que": "Quebec", "N.S": "Nova Scotia", "N.B": "New Brunswick",
    "P.E.I": "Prince Edward Island", "Nfld": "Newfoundland and Labrador",
}


# -- event location


def event_location(trigger_token: Token, doc_places: list[tuple[Place, Span]],
                   physical: bool = True, is_party=None,
                   place_nouns: frozenset[str] = frozenset()) -> Place | None:
    """The place the parse attaches to the trigger: 'talks ... in Istanbul', else None.

    A place counts when its head word is the object of a locative preposition (in, at, near,
    outside ...) that hangs from the trigger, from a word whose clause is the trigger's, or
    when it modifies the trigger noun directly ("the Istanbul talks") or is the trigger verb's
    object ("shelled Idlib"). Countries used as subjects or objects (actors) are never taken.
    For an event that is no physical act (``physical`` False: talks, statements, requests),
    a place hanging from another noun of the clause is that noun's, not the event's: "discussed
    developments in Syria" happened wherever the two leaders were. A noun that is a party to
    the event (``is_party``: a test of a word) is no such noun: "met their counterparts in
    Munich". A country after a place noun (``place_nouns``: "the north of Syria") is a place
    like any other.
    """
    sent = trigger_token.sent
    clause = clause_head(trigger_token)
    best: tuple[int, Place] | None = None
    for place, span in doc_places:
        if span.doc is not trigger_token.doc or not (sent.start <= span.start < sent.end):
            continue
        root = span.root
        named_area = place.feature != "country"  # a town or region, not a country as actor
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN" \
                and (named_area or root.head.head.lower_ in place_nouns):
            root = root.head.head  # "the city of Aleppo", "the north of Syria" stand where
            named_area = True  # "Aleppo" and "Syria" would
        ok = False
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
            prep = root.head
            attach = prep.head
            ok = attach == trigger_token or clause_head(attach) == clause and (
                physical or attach.pos_ not in ("NOUN", "PROPN")
                or is_party is not None and is_party(attach)) or (
                attach.dep_ in ("relcl", "acl") and attach.head == trigger_token)
            # "talks, which are planned for June 2 in Istanbul": the talks' own clause
        elif root.dep_ in ("compound", "nmod", "amod") and root.head == trigger_token \
                and named_area:
            ok = True
        elif root.dep_ == "dobj" and root.head == trigger_token and named_area:
            ok = True  # "shelled Idlib", "visited Moscow": the place acted on (no country)
        elif root.dep_ in ("appos", "conj") and root.head.dep_ == "pobj" \
                and root.head.head.lower_ in LOCATIVE_PREPS:
            continue  # "in Douma, Syria": the first, more specific place wins
        if ok:
            dist = abs(root.i - trigger_token.i)
            if best is None or dist < best[0]:
                best = (dist, place)
    return best[1] if best else None


# -- helpers for evaluation and tools


def geocode(text: str, date: str | None = None, nlp=None,
            finder: PlaceFinder | None = None) -> list[Place]:
    """Parse a text and return its places (segment "body")."""
    if nlp is None:
        from eventdesk.config import Settings
        from eventdesk.nlp.pipeline import load_pipeline

        nlp = load_pipeline(Settings.from_env().pipeline)
    finder = finder or PlaceFinder(load_gazetteer())
    doc = nlp(text)
    return [p for p, _ in finder.find(doc, "body", 0, set())]
