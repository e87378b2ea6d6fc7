"""Turn triggers into coded events: roles, actors, modality, content, CAMEO facts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventdesk.extract.actors import ActorResolver
from eventdesk.extract.modality import analyse
from eventdesk.extract.roles import noun_roles, verb_roles
from eventdesk.extract.triggers import Found, find_triggers
from eventdesk.lexicon.events import EventLexicon
from eventdesk.model import Actor, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

CONTENT_TYPES = frozenset({"REQUEST", "AGREE", "REJECT", "CONCEDE", "ACCUSE", "THREATEN",
                           "SUPPORT", "RETREAT"})
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "obj")


@dataclass(frozen=True)
class Draft:
    """An event before dates, places and ids are attached."""

    found: Found
    trigger: Span
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    negated: bool
    modality: str
    reported_by: Actor | None
    content: str | None
    confidence: float


def sentence_events(sent: SpacySpan, offset: int, lexicon: EventLexicon,
                    resolver: ActorResolver) -> list[Draft]:
    drafts = []
    for found in find_triggers(sent, lexicon):
        draft = _draft(found, sent, offset, lexicon, resolver)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _draft(found: Found, sent: SpacySpan, offset: int, lexicon: EventLexicon,
           resolver: ActorResolver) -> Draft | None:
    token = found.token
    if found.nominal:
        src_heads, tgt_heads, symmetric = noun_roles(token)
    else:
        (src_heads, tgt_heads), symmetric = verb_roles(token), False
    sources = _actors(src_heads, resolver)
    targets = [a for a in _actors(tgt_heads, resolver) if a not in sources]
    if symmetric and len(sources) >= 2 and not targets:
        resolver.note_pair(sources)
        sources, targets = sources[:1], sources[1:]
    elif len(sources) >= 2:
        resolver.note_pair(sources)
    mod = analyse(token, lexicon)
    content = _content(found, sent) if found.entry.plover_type in CONTENT_TYPES else None
    if not targets and content and found.entry.plover_type in ("REQUEST", "THREATEN"):
        targets = _actors_in_content(found, sent, resolver, sources)
    reporter = _reporter(mod.reporter, resolver)
    doc = token.doc
    trigger = Span(doc[found.first:found.last + 1].text, offset + doc[found.first].idx,
                   offset + doc[found.last].idx + len(doc[found.last].text))
    confidence = found.entry.confidence * (1.0 if sources else 0.7) * (1.0 if targets else 0.9)
    return Draft(found, trigger, tuple(sources), tuple(targets), mod.negated, mod.modality,
                 reporter, content, round(confidence, 3))


def _actors(heads: list[Token], resolver: ActorResolver) -> list[Actor]:
    actors: list[Actor] = []
    for head in heads:
        pair = resolver.resolve_pair(head)
        found = list(pair) if pair else [resolver.resolve(head)]
        if found == [None]:
            found = [_fallback(head, resolver)]
        for actor in found:
            if actor is not None and all(_key(actor) != _key(a) for a in actors):
                actors.append(actor)
    return actors


def _fallback(head: Token, resolver: ActorResolver) -> Actor | None:
    """"Trump's idea", "the government of Syria": the actor attached to a non-actor noun."""
    for child in head.children:
        if child.dep_ == "poss":
            return resolver.resolve(child)
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return resolver.resolve(pobj)
    return None


def _key(actor: Actor) -> tuple:
    return (actor.code, actor.name, actor.start)


def _reporter(head: Token | None, resolver: ActorResolver) -> Actor | None:
    return resolver.resolve(head) if head is not None else None


def _content(found: Found, sent: SpacySpan) -> str | None:
    """What was demanded, agreed, rejected...: the list after a colon, else the complement."""
    doc = found.token.doc
    colon = next((t for t in doc[found.last + 1:sent.end] if t.text == ":"), None)
    if colon is not None and colon.i - found.last <= 4:
        return _items(doc[colon.i + 1:sent.end])
    for child in found.token.children:
        if child.dep_ in CONTENT_DEPS or (found.nominal and child.dep_ in ("prep", "acl")):
            span = doc[child.left_edge.i:child.right_edge.i + 1]
            text = span.text.strip(" \"“”'.,")
            if len(text.split()) >= 2:
                return text
    return None


def _items(span: SpacySpan) -> str:
    """"Ukraine must end X, stop Y, and recognise Z" -> "end X; stop Y; recognise Z"."""
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj", "ccomp")
             and t.lemma_ not in ("must", "should")]
    if len(verbs) >= 2:
        items = []
        for verb in verbs:
            right = max([verb] + [t for c in verb.children if c.dep_ not in ("conj", "cc", "punct",
                                  "nsubj", "aux") and c.i > verb.i for t in c.subtree],
                        key=lambda t: t.i)
            items.append(span.doc[verb.i:right.i + 1].text.strip(" ,;."))
        return "; ".join(i for i in items if i)
    return span.text.strip(" .")


def _actors_in_content(found: Found, sent: SpacySpan, resolver: ActorResolver,
                       sources: list[Actor]) -> list[Actor]:
    doc = found.token.doc
    for token in doc[found.last + 1:sent.end]:
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("PROPN", "NOUN"):
            actor = resolver.resolve(token)
            if actor is not None and all(actor.code != s.code for s in sources):
                return [actor]
    return []
