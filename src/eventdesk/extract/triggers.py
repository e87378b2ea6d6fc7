"""Find event triggers in a sentence: verbs (with particles) and event nouns.

Pure functions over spaCy tokens and the event lexicon; no roles here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventdesk.lexicon.events import EventLexicon, Trigger

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
# Words inside these named entities are names, not triggers.
NAME_ENTITIES = frozenset({"ORG", "GPE", "PERSON", "FAC", "LOC", "NORP", "WORK_OF_ART", "LAW",
                           "PRODUCT"})
# Objects whose modifier says what they are about ("the ceasefire agreement", "the peace deal").
AGREEMENT_NOUNS = frozenset({"agreement", "deal", "accord", "pact", "treaty", "arrangement",
                             "understanding", "plan", "protocol", "memorandum"})
# Verbs that name someone when they have an object predicate ("called him a traitor").
NAMING_VERBS = frozenset({"call", "name", "dub", "label", "brand", "term"})
# Words that count or group what follows "of" ("hundreds of hackers").
QUANTITY_NOUNS = frozenset({"hundred", "thousand", "million", "dozen", "score", "number",
                            "group", "batch", "contingent", "unit", "team", "couple", "lot",
                            "convoy", "battalion", "brigade", "company", "squad"})


@dataclass(frozen=True)
class Found:
    token: Token  # the head word of the trigger
    first: int  # first token index of the trigger words
    last: int  # last token index (inclusive)
    entry: Trigger
    nominal: bool


def find_triggers(sent: Span, lexicon: EventLexicon) -> list[Found]:
    found = []
    for token in sent:
        if token.dep_ == "amod" or token.ent_type_ in NAME_ENTITIES:
            continue  # "the Israeli-occupied West Bank", "Forces for Defence of Democracy"
        hit = None
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.tag_ == "VBN"):
            hit = _verb_trigger(token, lexicon)
        elif token.pos_ in ("NOUN", "PROPN"):
            hit = _noun_trigger(token, lexicon, sent.start)
        if hit is not None:
            found.append(hit)
    return _drop_light_doubles(found, lexicon.cue("light_verbs"))


def _verb_trigger(token: Token, lexicon: EventLexicon) -> Found | None:
    lemma = token.lemma_.lower()
    candidates = lexicon.verbs.get(lemma)
    if not candidates or lemma in NAMING_VERBS and any(
            c.dep_ == "oprd" and c.pos_ in ("NOUN", "PROPN") and c.ent_type_ not in ("DATE", "TIME")
            for c in token.children):
        return None  # "they called him a traitor": naming, not a phone call
    particles = [c for c in token.children if c.dep_ in ("prt", "prep", "dative", "advmod")
                 and c.i > token.i]
    attached = {c.lower_ for c in particles}
    obj = _object_lemma(token)
    kinds = _compounds(_direct_object(token)) if obj in AGREEMENT_NOUNS else set()
    best = None
    for entry in candidates:
        extra = entry.words[1:]
        last = token.i
        if extra:
            match = _match_particles(extra, particles)
            if match is None:
                continue
            last = match
        if entry.objects and obj not in entry.objects and not kinds & entry.objects \
                or obj in entry.excluded or entry.excluded_preps & attached:
            continue  # "violating the ceasefire agreement": the agreement's kind names it
        score = (len(entry.words), bool(entry.objects))
        if best is None or score > best[0]:
            best = (score, entry, last)
    if best is None:
        return None
    return Found(token, token.i, best[2], best[1], nominal=False)


def _match_particles(words: tuple[str, ...], particles: list[Token]) -> int | None:
    """The last particle of "call for", "pull out of"; they follow the verb closely
    ("signed a deal on Thursday" is no "sign on")."""
    if particles:
        verb = particles[0].head
        particles = [p for p in particles if p.i - verb.i <= 3 and not any(
            t.dep_ in ("dobj", "obj") for t in verb.doc[verb.i + 1:p.i])]
    lemmas = [p.lower_ for p in particles]
    if list(words) == lemmas[:len(words)]:
        return particles[len(words) - 1].i
    if len(words) == 1 and words[0] in lemmas:
        return particles[lemmas.index(words[0])].i
    return None


def _partitive(noun: Token) -> Token:
    """"hundreds of hackers", "a contingent of troops": the noun after "of"."""
    if noun.lemma_.lower() not in QUANTITY_NOUNS:
        return noun
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((p for p in prep.children if p.dep_ == "pobj"), noun)
    return noun


def _direct_object(token: Token) -> Token | None:
    """The direct object's noun ("hundreds of hackers": hackers)."""
    for child in token.children:
        if child.dep_ in OBJECT_DEPS:
            return _partitive(child)
    return None


def _compounds(noun: Token | None) -> set[str]:
    """Compound words before a noun ("the ceasefire agreement": ceasefire)."""
    if noun is None:
        return set()
    return {c.lemma_.lower() for c in noun.children if c.dep_ == "compound" and c.i < noun.i}


def _object_lemma(token: Token) -> str | None:
    """The direct object, or the passive subject ("measures could be imposed")."""
    direct = _direct_object(token)
    if direct is not None:
        return direct.lemma_.lower()
    for child in token.children:
        if child.dep_ == "nsubjpass":
            return _partitive(child).lemma_.lower()
    if token.dep_ == "acl" and token.tag_ == "VBN":  # "a report released on Tuesday"
        return token.head.lemma_.lower()
    return None


def _noun_trigger(token: Token, lexicon: EventLexicon, sent_start: int) -> Found | None:
    candidates = lexicon.nouns.get(token.lemma_.lower()) or lexicon.nouns.get(token.lower_)
    if not candidates:
        return None
    doc = token.doc
    best = None
    preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
    governor = token.head.lemma_.lower() if token.dep_ in ("dobj", "obj", "nsubjpass") else None
    for entry in candidates:
        if (entry.preps or entry.governors) and not (
                entry.preps & preps or governor in entry.governors):
            continue  # "evidence against Russia", "set conditions"; "evidence" alone is none
        if entry.excluded_preps & preps:
            continue
        mods = entry.words[:-1]
        first = token.i - len(mods)
        if mods:
            if first < sent_start:
                continue
            words = tuple(t.lemma_.lower() for t in doc[first:token.i])
            plain = tuple(t.lower_ for t in doc[first:token.i])
            if mods not in (words, plain):
                continue
        if best is None or len(entry.words) > len(best[0].words):
            best = (entry, first)
    if best is None:
        return None
    return Found(token, best[1], token.i, best[0], nominal=True)


def _drop_light_doubles(found: list[Found], light_verbs: frozenset[str]) -> list[Found]:
    """"held talks", "launched an offensive": the noun carries the event, not the light verb.

    A light verb stays when its own entry needs this object and codes another type
    ("launched strikes" is not a PROTEST). Nouns inside another trigger's argument are
    left to ``events.main_triggers``.
    """
    by_token = {f.token.i: f for f in found}
    keep = []
    for f in found:
        if not f.nominal and f.token.lemma_.lower() in light_verbs:
            obj = next((c for c in f.token.children if c.dep_ in OBJECT_DEPS), None)
            noun = by_token.get(obj.i) if obj is not None else None
            if noun is not None and noun.nominal and (
                    not f.entry.objects or noun.entry.plover_type == f.entry.plover_type
                    or len(noun.entry.words) > 1):  # "launched a hunger strike"
                continue
        keep.append(f)
    return keep
