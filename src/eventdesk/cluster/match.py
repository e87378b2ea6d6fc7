"""Does an event mention report the same real-world event as another one? Pure functions.

Two mentions match when all of these hold (the relation is symmetric):

- the same blocking key: PLOVER type, polarity (factual, or negated/modality: non-factual
  mentions only ever match mentions of the same polarity), the sorted countries (or codes, for
  actors without a country such as IGONATO) of the source actors and of the target actors. For
  the mutual types (CONSULT, AGREE, COOPERATE) sources and targets are pooled: "Russia met
  Ukraine" and "Russia and Ukraine met" are one meeting;
- compatible actor codes on each side: one code is a prefix of the other (RUS ~ RUSGOV,
  RUSGOV !~ RUSMIL);
- dates within a day (day precision), or equal (month or year precision), or both unknown;
- the same or no location (same GeoNames id or name, or a country containing the other place);
- similar evidence: token-set Jaccard of the sentence's content words (actor words, reporting
  words and day names removed, light stemming) at least ``threshold``.

Mentions with no actor at all never match anything (their cluster is themselves).
A cluster is a connected component of this relation, so the clustering of a set of mentions does
not depend on the order they arrive in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

THRESHOLD = 0.15
MUTUAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})

STOPWORDS = frozenset(" ".join([
    "a an the and or but of in on at to for from by with without into onto over under after",
    "before since until about against between during as than that this these those it its it's",
    "their them they he she his her we our you your i is are was were be been being has have",
    "had do does did will would could should may might can must not no so also then there here",
    "which who whom whose what when where why how all any some more most other such only own",
    "same very just again once said says say saying told tell according reported reports",
    "report officials official sources source people statement spokesman spokeswoman",
    "spokesperson monday tuesday wednesday thursday friday saturday sunday yesterday today",
    "tonight week weekend day days",
]).split())
_WORD = re.compile(r"[a-z0-9]{2,}")


@dataclass(frozen=True)
class Mention:
    """What clustering needs of one stored event mention."""

    event_id: str
    block: str | None  # None: never matches
    date: str | None
    sides: tuple[tuple[tuple[str, str], ...], ...]  # per side: sorted (key, code) pairs
    location: tuple[int | None, str | None, str | None, str | None] | None
    # (geonameid, name casefolded, country, feature)
    tokens: frozenset[str]


def mention_from_event(event: dict) -> Mention:
    """Build a Mention from a contract Event dict."""
    source = [_actor_pair(a) for a in event.get("source") or ()]
    target = [_actor_pair(a) for a in event.get("target") or ()]
    ptype = event["plover_type"]
    if ptype in MUTUAL_TYPES:
        source, target = source + target, []
    sides = (tuple(sorted(set(source))), tuple(sorted(set(target))))
    block = None
    if source or target:
        keys = [",".join(sorted({k for k, _ in side})) for side in sides]
        block = "|".join([ptype, polarity(event), *keys])
    actor_words = _actor_words(event)
    return Mention(
        event_id=event["id"],
        block=block,
        date=event.get("date"),
        sides=sides,
        location=_location(event.get("location")),
        tokens=evidence_tokens(event.get("sentence_text") or "", actor_words),
    )


def polarity(event: dict) -> str:
    modality = event.get("modality") or "factual"
    return f"negated-{modality}" if event.get("negated") else modality


def is_factual(event: dict) -> bool:
    """Happened as the news says: not negated, not planned or supposed, not background."""
    return polarity(event) == "factual" and not event.get("historical")


def evidence_tokens(text: str, exclude: Iterable[str] = ()) -> frozenset[str]:
    drop = STOPWORDS | set(exclude)
    return frozenset(_stem(w) for w in _WORD.findall(text.lower()) if w not in drop)


def similarity(a: Mention, b: Mention) -> float:
    if not a.tokens or not b.tokens:
        return 0.0
    return len(a.tokens & b.tokens) / len(a.tokens | b.tokens)


def matches(a: Mention, b: Mention, threshold: float = THRESHOLD) -> bool:
    """True when ``a`` and ``b`` report the same event (symmetric)."""
    if a.block is None or a.block != b.block or a.event_id == b.event_id:
        return False
    if not dates_close(a.date, b.date) or not places_compatible(a.location, b.location):
        return False
    if not all(_side_compatible(x, y) for x, y in zip(a.sides, b.sides)):
        return False
    return similarity(a, b) >= threshold


def dates_close(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    if len(a) == 10 and len(b) == 10:
        try:
            return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= 1
        except ValueError:
            return a == b
    return a == b


def date_window(day: str | None) -> tuple[str, str] | None:
    """The (low, high) dates a candidate for a mention on ``day`` may have; None: equal only."""
    if day is None or len(day) != 10:
        return None
    try:
        d = date.fromisoformat(day)
    except ValueError:
        return None
    low = d - timedelta(days=1) if d > date.min else d  # 0001-01-01 and 9999-12-31 have
    high = d + timedelta(days=1) if d < date.max else d  # no day before or after
    return low.isoformat(), high.isoformat()


def places_compatible(a, b) -> bool:
    if a is None or b is None:
        return True
    (gid_a, name_a, country_a, feature_a), (gid_b, name_b, country_b, feature_b) = a, b
    if gid_a is not None and gid_a == gid_b:
        return True
    if name_a and name_a == name_b:
        return True
    if feature_a == "country" and country_a and country_a == country_b:
        return True
    return feature_b == "country" and bool(country_b) and country_b == country_a


def components(mentions: list[Mention], threshold: float = THRESHOLD) -> list[list[Mention]]:
    """Connected components of ``matches`` (each sorted by date then id), in anchor order."""
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_block: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.block is not None:
            by_block.setdefault(m.block, []).append(i)
    for members in by_block.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if find(i) != find(j) and matches(mentions[i], mentions[j], threshold):
                    parent[find(i)] = find(j)
    groups: dict[int, list[Mention]] = {}
    for i, m in enumerate(mentions):
        groups.setdefault(find(i), []).append(m)
    result = [sorted(g, key=lambda m: anchor_key(m.date, m.event_id)) for g in groups.values()]
    return sorted(result, key=lambda g: anchor_key(g[0].date, g[0].event_id))


def anchor_key(day: str | None, event_id: str) -> tuple[str, str]:
    """Order of mentions in a cluster: earliest date first (unknown dates last), then id."""
    return (day or "\uffff", event_id)


def cluster_id(anchor_event_id: str) -> str:
    """The canonical id of a cluster: derived from its anchor (earliest) mention's id."""
    return "ce_" + anchor_event_id.removeprefix("ev_")


def outlet(source: str | None, url: str | None, article_id: str) -> str:
    """Who published an article: the outlet name, else the URL's host, else the article id."""
    if source and source.strip():
        return "source:" + source.strip().casefold()
    host = urlsplit(url).hostname if url else None
    if host:
        return "host:" + host.removeprefix("www.")
    return "article:" + article_id


def _actor_pair(actor: dict) -> tuple[str, str]:
    code = (actor.get("code") or "").upper()
    key = actor.get("country") or code or (actor.get("name") or actor.get("text") or "?").lower()
    return key, code or key


def _actor_words(event: dict) -> set[str]:
    words: set[str] = set()
    for actor in [*(event.get("source") or ()), *(event.get("target") or ())]:
        for field in ("text", "name"):
            words.update(_WORD.findall((actor.get(field) or "").lower()))
    return words


def _side_compatible(x: tuple[tuple[str, str], ...], y: tuple[tuple[str, str], ...]) -> bool:
    for side_a, side_b in ((x, y), (y, x)):
        for key, code in side_a:
            if not any(k == key and (c.startswith(code) or code.startswith(c)) for k, c in side_b):
                return False
    return True


def _location(place: dict | None):
    if not place:
        return None
    name = place.get("name") or place.get("text")
    return (place.get("geonameid"), name.casefold() if name else None, place.get("country"),
            place.get("feature"))


def _stem(word: str) -> str:
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
