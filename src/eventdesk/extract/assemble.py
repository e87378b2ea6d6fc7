"""Assemble one article's coded record from its parsed pieces. Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from eventdesk.extract.actors import ActorResolver
from eventdesk.extract.antecedents import Antecedents, historical
from eventdesk.extract.article_place import (
    article_country,
    home_place,
    setting,
    with_home_place,
)
from eventdesk.extract.constructions import RoleFinder
from eventdesk.extract.draft import Context, Draft, Trace
from eventdesk.extract.events import sentence_events
from eventdesk.extract.mentions import MentionFinder, mention_countries, not_places
from eventdesk.extract.places import PlaceFinder, event_location
from eventdesk.extract.times import EventDate, TimeFinder
from eventdesk.extract.triggers import TriggerMatcher, event_words, in_sentence
from eventdesk.lexicon import Lexicon
from eventdesk.model import Article, CodedArticle, Event, Place, TimeExpr, event_id

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventdesk.classify import EventClassifier


@dataclass(frozen=True)
class Stages:
    """What a coder builds once and every article uses."""

    lexicon: Lexicon
    mentions: MentionFinder
    places: PlaceFinder
    triggers: TriggerMatcher
    roles: RoleFinder
    trace: Trace | None = None
    classifier: EventClassifier | None = None


def code_article(article: Article, pieces: list[tuple[str, int, Doc]],
                 stages: Stages) -> CodedArticle:
    """Code one article given its parsed (segment, offset, Doc) pieces."""
    lexicon, finder, place_finder = stages.lexicon, stages.mentions, stages.places
    resolver = ActorResolver(lexicon.actors, article.date, "body", 0)
    times_finder = TimeFinder(article.date)
    content_hash = article.content_hash
    events: list[Event] = []
    times: list[TimeExpr] = []
    places: list[Place] = []
    settings: list[str | None] = []  # countries of the places named as settings
    countries: set[str] = set()  # named so far: they steer place disambiguation
    sentences: list[tuple[str, int, int]] = []
    counters = {"title": 0, "body": 0}
    antecedents = Antecedents()
    source_text = {"title": article.title or "", "body": article.text}  # as given, unmasked
    hints: frozenset[str] = frozenset()
    if isinstance(pieces, list):  # the whole article at hand: its actors steer places
        found_mentions = [finder.find(doc) for _, _, doc in pieces]
        hints = frozenset(c for mentions in found_mentions for c in mention_countries(mentions))
    for number, (segment, offset, doc) in enumerate(pieces):
        mentions = found_mentions[number] if isinstance(pieces, list) else finder.find(doc)
        resolver.set_doc(mentions, segment, offset)
        doc_times = times_finder.find(doc, segment, offset)
        times.extend(t for t, _ in doc_times)
        doc_places = place_finder.find(doc, segment, offset, countries,
                                       exclude=not_places(mentions, place_finder), hints=hints)
        places.extend(p for p, _ in doc_places)
        settings.extend(setting(p, span) for p, span in doc_places)
        resolver.set_places(doc_places, place_finder.is_capital)
        found = stages.triggers.find(doc)
        anchors = stages.roles.anchor(doc, event_words(found))
        ctx = Context(lexicon.events, stages.roles, anchors, resolver, offset, stages.trace,
                      stages.classifier)
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            index = counters[segment]
            counters[segment] += 1
            resolver.memory.sentence += 1
            start, end = offset + sent.start_char, offset + sent.end_char
            sentences.append((segment, start, end))
            for draft in sentence_events(sent, in_sentence(found, sent), ctx):
                when, where = antecedents.carry(
                    draft, times_finder.event_date(draft.found.token, doc_times, draft.modality),
                    event_location(draft.found.token, doc_places,
                                   lexicon.events.behaviour(draft.plover_type).located,
                                   _party_test(draft, offset, resolver),
                                   resolver.lexicon.place_nouns))
                events.append(_event(draft, lexicon, content_hash, segment, index,
                                     source_text[segment][start:end], start, end, when, where,
                                     historical(when, article.date)))
    home = home_place(places, article_country(settings))
    events = with_home_place(events, home, lexicon.events)
    if any(source_text["title"] != doc.text for segment, _, doc in pieces
           if segment == "title"):  # a Title Case headline was parsed in sentence case
        events = [_title_words(e, source_text["title"]) for e in events]
        places = [_as_written(p, source_text["title"]) for p in places]
        times = [_as_written(t, source_text["title"]) for t in times]
    return CodedArticle(article, tuple(_unique(events)), tuple(times), tuple(places),
                        tuple(sentences))


def _as_written(item, title: str):
    """A title record with its text as the title spells it (offsets are the same)."""
    if getattr(item, "segment", None) != "title":
        return item
    return replace(item, text=title[item.start:item.end])


def _title_words(event: Event, title: str) -> Event:
    if event.segment != "title":
        return event
    trigger = replace(event.trigger, text=title[event.trigger.start:event.trigger.end])
    return replace(event, trigger=trigger,
                   source=tuple(_as_written(a, title) for a in event.source),
                   target=tuple(_as_written(a, title) for a in event.target),
                   reported_by=_as_written(event.reported_by, title),
                   location=_as_written(event.location, title))


def _distinct_parties(draft: Draft, symmetric: bool) -> Draft:
    """Each party once: "Trump ... he" is one source; in talks, agreements and other mutual
    events a target coded as a source is that source's own side, not a second party."""
    def once(actors):
        seen, kept = set(), []
        for actor in actors:
            key = (actor.code, actor.name) if actor.code else (None, actor.text, actor.start)
            if key not in seen:
                seen.add(key)
                kept.append(actor)
        return tuple(kept)

    source, target = once(draft.source), once(draft.target)
    if symmetric:
        codes = {a.code for a in source if a.code}
        target = tuple(a for a in target if a.code not in codes)
    if (source, target) == (draft.source, draft.target):
        return draft
    return replace(draft, source=source, target=target)


def _party_test(draft, offset: int, resolver):
    """Whether a word of the Doc is a word of the draft's source or target that names an
    actor ("counterparts", "Erdogan"; in "Riyadh's war in Yemen" the war is none), for
    event_location."""
    spans = [(a.start - offset, a.end - offset) for a in draft.source + draft.target]

    def test(token) -> bool:
        return any(s <= token.idx < e for s, e in spans) and resolver.names_actor(token)
    return test


def _event(draft: Draft, lexicon: Lexicon, content_hash: str, segment: str, index: int,
           text: str, start: int, end: int, when: EventDate, where: Place | None,
           past: bool) -> Event:
    entry = draft.found.entry
    draft = _distinct_parties(draft, lexicon.events.behaviour(draft.plover_type).symmetric)
    cameo = lexicon.events.cameo.get(draft.cameo)
    ident = event_id(content_hash, segment, draft.trigger.start, draft.plover_type,
                     [a.code or "" for a in draft.source], [a.code or "" for a in draft.target])
    return Event(
        id=ident, segment=segment, sentence=index, sentence_text=text, sentence_start=start,
        sentence_end=end, trigger=draft.trigger, plover_type=draft.plover_type,
        plover_mode=entry.mode if draft.plover_type == entry.plover_type else None,
        cameo_code=draft.cameo,
        goldstein=cameo.goldstein if cameo else None,
        quad_class=cameo.quad_class if cameo else None,
        source=draft.source, target=draft.target, date=when.value,
        date_precision=when.precision, date_text=when.text, date_basis=when.basis,
        location=where, negated=draft.negated, modality=draft.modality,
        reported_by=draft.reported_by, content=draft.content, confidence=draft.confidence,
        historical=past,
        rule=f"{entry.rule} ({entry.where.rsplit('/', 1)[-1]})",
    )


def _unique(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    out = []
    for event in events:
        if event.id not in seen:
            seen.add(event.id)
            out.append(event)
    return out
