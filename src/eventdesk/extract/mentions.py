"""Find lexicon names (countries, capitals, organisations, people, demonyms) in a Doc.

A PhraseMatcher compiled once per (lexicon, vocabulary) matches every surface form
case-sensitively; the longest match wins where two overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventdesk.lexicon.actors import ActorEntry, ActorLexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    surface: str
    entries: tuple[ActorEntry, ...]
    demonym: bool = False


# Demonyms that, written in lower case, are common English words ("polish", "poles").
COMMON_WORDS = frozenset({"pole", "poles", "polish", "kiwi", "kiwis", "swede", "swedes", "lao",
                          "finn", "finns", "turk", "dane", "danes"})


class MentionFinder:
    def __init__(self, lexicon: ActorLexicon, nlp):
        from spacy.matcher import PhraseMatcher

        self.lexicon = lexicon
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.surfaces: dict[int, tuple[str, bool]] = {}
        for surfaces, demonym in ((lexicon.names, False), (lexicon.demonyms, True)):
            for surface in surfaces:
                label = ("D:" if demonym else "N:") + surface
                self.surfaces[nlp.vocab.strings.add(label)] = (surface, demonym)
                patterns = [nlp.make_doc(surface)]
                lower = surface.lower()
                if demonym and lower != surface and " " not in surface \
                        and lower not in COMMON_WORDS:
                    patterns.append(nlp.make_doc(surface.lower()))  # "tunisian rioters"
                self.matcher.add(label, patterns)

    def find(self, doc: Doc) -> list[Mention]:
        taken: set[int] = set()
        mentions = []
        # longest first, then leftmost: the longest name wins where two overlap
        for key, start, end in sorted(self.matcher(doc),
                                      key=lambda m: (-(m[2] - m[1]), m[1], m[0])):
            if taken.intersection(range(start, end)):
                continue
            taken.update(range(start, end))
            surface, demonym = self.surfaces[key]
            entries = ((self.lexicon.demonyms[surface],) if demonym
                       else tuple(self.lexicon.names[surface]))
            if entries and all(e.kind == "person" for e in entries) and (
                    _inside_other_name(doc, start, end) or _in_date(doc, start, end)):
                continue  # "Ayn al-Assad" (an airbase), "Trump Tower", "met on May 16"
            mentions.append(Mention(start, end, surface, entries, demonym))
        return sorted(mentions, key=lambda m: m.start)


NAME_TYPES = frozenset({"FAC", "GPE", "LOC", "ORG"})


def _inside_other_name(doc: Doc, start: int, end: int) -> bool:
    """The tokens are part of a longer name of a place, building or organisation."""
    first = doc[start]
    if first.ent_type_ not in NAME_TYPES:
        return False
    return first.ent_iob_ == "I" or end < len(doc) and doc[end].ent_iob_ == "I" \
        and doc[end].ent_type_ == first.ent_type_


MONTHS = frozenset({"January", "February", "March", "April", "May", "June", "July", "August",
                    "September", "October", "November", "December"})
DATE_WORDS = frozenset({"in", "on", "by", "since", "until", "till", "from", "through", "last",
                        "next", "early", "late", "mid", "mid-", "of", "this"})


def _in_date(doc: Doc, start: int, end: int) -> bool:
    """The name is a date's word: tagged as a date, or a month name after a date word or
    before a day or year ("in May", "May 16")."""
    if doc[start].ent_type_ in ("DATE", "TIME"):
        return True
    if end - start != 1 or doc[start].text not in MONTHS:
        return False
    before = doc[start - 1].lower_ if start > 0 else ""
    after = doc[end] if end < len(doc) else None
    return before in DATE_WORDS or after is not None and after.like_num


def mention_countries(mentions: list[Mention]) -> set[str]:
    """The countries of the organisations and people an article names anywhere (they steer
    ambiguous place names: Gaza with Hamas is in Palestine); places named before a place
    steer it as the place finder goes."""
    return {m.entries[0].country for m in mentions if m.entries and m.entries[0].country
            and not m.demonym and m.entries[0].kind != "state"}


def not_places(mentions: list[Mention], place_finder) -> set[int]:
    """Token indices of names that are actors, not places: organisations and people ("Hamas"
    is no Hamm, "Pompeo" no town), and seats of power that are no capital city ("the White
    House", "the Kremlin")."""
    tokens: set[int] = set()
    for mention in mentions:
        entries = mention.entries
        if mention.demonym or not entries:
            continue
        actor = all(e.kind != "state" for e in entries)
        seat = all(e.metonym for e in entries) and not place_finder.is_capital(
            mention.surface, entries[0].country)
        if actor or seat:
            tokens.update(range(mention.start, mention.end))
    return tokens
