"""Plain records that flow through eventdesk.

This module imports nothing from the package but ``eventdesk.dates`` (which imports
nothing). Every record is a frozen
dataclass with character offsets into the segment ("title" or "body") it came
from, and serialises to the dicts of the output contract with ``to_dict``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from eventdesk import dates

SCHEMA_VERSION = "1.0"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("factual", "planned", "conditional", "hypothetical")


def content_hash(text: str, title: str | None = None, date: str | None = None) -> str:
    """Stable SHA-256 over what determines the coding of an article."""
    payload = json.dumps([title or "", text, date or ""], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """One article as read from an input, before any NLP."""

    text: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD or None
    source: str | None = None
    url: str | None = None
    id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    origin: str = ""  # where it was read from: "path" or "path:line"

    @property
    def content_hash(self) -> str:
        return content_hash(self.text, self.title, self.date)

    @property
    def article_id(self) -> str:
        return self.id or self.content_hash[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "content_hash": self.content_hash,
            "schema_version": SCHEMA_VERSION,
            "meta": dict(self.meta),
        }


@dataclass(frozen=True)
class Actor:
    text: str
    segment: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    kind: str = "state"
    wikidata: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Place:
    segment: str
    start: int
    end: int
    text: str
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str = "other"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TimeExpr:
    segment: str
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Event:
    id: str
    segment: str
    sentence: int
    sentence_text: str
    sentence_start: int
    sentence_end: int
    trigger: Span
    plover_type: str
    plover_mode: str | None
    cameo_code: str | None
    goldstein: float | None
    quad_class: int | None
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    date_basis: str | None = None
    location: Place | None = None
    negated: bool = False
    modality: str = "factual"
    reported_by: Actor | None = None
    content: str | None = None
    confidence: float = 0.5
    rule: str = ""
    historical: bool = False  # background placed well before the article (not the news)
    date_start: str | None = None  # first day of the period the event falls in
    date_end: str | None = None  # last day of it (both set from date/date_precision)

    def __post_init__(self) -> None:
        """Keep the date contract-valid (a week becomes its month, see ``eventdesk.dates``)
        and set ``date_start``/``date_end``: the exact period, unless bounds already given
        lie inside the date's period."""
        start, end = dates.bounds_text(self.date, self.date_precision)
        value, precision = dates.normalise(self.date, self.date_precision)
        object.__setattr__(self, "date", value)
        object.__setattr__(self, "date_precision", precision)
        outer = dates.bounds_text(value, precision)
        given = (self.date_start, self.date_end)
        inside = None not in given and None not in outer and \
            outer[0] <= given[0] <= given[1] <= outer[1]
        if not inside or self.date_precision == "day":
            object.__setattr__(self, "date_start", start)
            object.__setattr__(self, "date_end", end)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["source"] = [a.to_dict() for a in self.source]
        data["target"] = [a.to_dict() for a in self.target]
        return data


def event_id(article_hash: str, segment: str, trigger_start: int, plover_type: str,
             source_codes: list[str], target_codes: list[str]) -> str:
    """Stable id: depends on the article text and what the event is, not on the version."""
    key = "|".join([article_hash, segment, str(trigger_start), plover_type,
                    ",".join(source_codes), ",".join(target_codes)])
    return "ev_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class CodedArticle:
    """One line of ``eventdesk code --format jsonl``."""

    article: Article
    events: tuple[Event, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    places: tuple[Place, ...] = ()
    sentences: tuple[tuple[str, int, int], ...] = ()  # (segment, start, end); not in the contract

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "events": [e.to_dict() for e in self.events],
            "times": [t.to_dict() for t in self.times],
            "places": [p.to_dict() for p in self.places],
        }
