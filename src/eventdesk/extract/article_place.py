"""The country an article's events happen in, for physical acts that name no place.

A careful reader of a report from Syria knows that "the strikes killed nine" happened in Syria
though the sentence does not say so. An event of a type marked ``located`` in types.yaml (an
attack, an arrest, a withdrawal) that has no place of its own takes the article's country, but
only when one country clearly dominates the places the article names, and only as that
country's own mention in the text (its offsets are the evidence). Pure functions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from eventdesk.extract.places import LOCATIVE_PREPS
from eventdesk.lexicon.events import EventLexicon
from eventdesk.model import Event, Place

MIN_MENTIONS = 3  # place names in the dominant country
MIN_SHARE = 0.5  # of all place names with a country
MIN_LEAD = 2.0  # times as many as the next country


def article_country(settings: list[str]) -> str | None:
    """The one country most of the article's settings are in, or None when none dominates.
    ``settings`` holds the country of every place named as a setting (see ``setting``)."""
    counts = Counter(c for c in settings if c)
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if n >= MIN_MENTIONS and n >= MIN_SHARE * sum(counts.values()) and n >= MIN_LEAD * second:
        return top
    return None


def setting(place: Place, span) -> str | None:
    """The country of a place named as a setting: a town or region ("Baghuz", "Idlib
    province"), or a country after a locative preposition ("in Syria"); a country named as
    an actor ("Russia warned") or by its demonym is none."""
    if not place.country:
        return None
    if place.feature != "country":
        return place.country
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS and _named_place(place):
        return place.country
    return None


def home_place(places: list[Place], country: str | None) -> Place | None:
    """The article's first mention of the country itself ("Syria"), or None."""
    if country is None:
        return None
    return next((p for p in places if p.country == country and p.feature == "country"
                 and _named_place(p)), None)


def with_home_place(events: list[Event], home: Place | None,
                    lexicon: EventLexicon) -> list[Event]:
    """Located events with no place of their own, not historical, take ``home``."""
    if home is None:
        return events
    return [replace(e, location=home)
            if e.location is None and not e.historical
            and lexicon.behaviour(e.plover_type).located else e
            for e in events]


def _named_place(place: Place) -> bool:
    """A place named as such, not a demonym: the country's own name, or any other feature."""
    if place.feature != "country":
        return True
    return (place.name or "").lower() == place.text.lower() or place.text.isupper()
