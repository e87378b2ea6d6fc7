"""Which triggers are the sentence's own events and which are part of another event's argument
("agreed that their countries should cooperate": the cooperation is what was agreed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventdesk.extract.modality import planned_nominal
from eventdesk.extract.reinterpret import verb_cue
from eventdesk.extract.syntax import described, to_infinitive
from eventdesk.extract.triggers import Found
from eventdesk.lexicon.events import EventLexicon

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Links that make a trigger part of a clause another trigger says, asks or intends.
CLAUSAL_DEPS = frozenset({"ccomp", "xcomp", "pcomp", "csubj", "acomp"})
# Dependency links through which a trigger is part of another trigger's argument.
EMBEDDING_DEPS = frozenset({"ccomp", "xcomp", "dobj", "obj", "pobj", "prep", "pcomp", "acl",
                            "relcl", "nsubjpass", "compound", "amod", "attr", "oprd", "advcl",
                            "dative", "agent", "poss", "nmod", "appos", "acomp", "csubj"})


def main_triggers(found: list[Found], lexicon: EventLexicon) -> list[Found]:
    """The triggers that are events of their own: all but what another event says.

    "agreed that their countries should cooperate", "demanded the withdrawal", "urged Osterlich
    to withdraw": the inner event is what was agreed, demanded or urged (the outer event's
    content, not a fact). Events named as objects of other acts stay events: "condemned the
    attack" reports an attack, "welcomed the withdrawal" a withdrawal; so do events in
    relative clauses and in prepositional phrases ("killed in the shelling").
    """
    positions = {f.token.i for f in found}
    attempts = {f.token.i for f in found if _attempt(f, lexicon) or _topic(f, lexicon)
                or _promise(f, positions, lexicon)}
    by_position = {f.token.i: f for f in found if f.token.i not in attempts}
    kept = []
    for f in found:
        if f.token.i in attempts:
            continue
        governor, clausal, steps = _governing_trigger(f.token, set(by_position), lexicon)
        outer = by_position.get(governor.i) if governor is not None else None
        content = governor is not None and (clausal or outer is not None and (
            steps <= 2 and _says(outer, lexicon) or steps <= 3 and _same_act(f, outer)))
        if not content or (f.nominal and planned_nominal(f.token, lexicon)) \
                or (f.entry.plover_type == "PROTEST" and _purpose(f.token, lexicon)):
            kept.append(f)
    return kept


def _same_act(inner: Found, outer: Found) -> bool:
    """"signed an agreement", "imposed sanctions", "met for a round of talks": the noun names
    the act the verb does (its rule asks for that object, or both are of one type)."""
    if not inner.nominal:
        return False
    if inner.entry.plover_type == outer.entry.plover_type:
        return True
    return bool(outer.entry.objects) and inner.token.lemma_.lower() in outer.entry.objects


def _says(governor: Found, lexicon: EventLexicon) -> bool:
    """A governing event whose object is what it asks, offers, refuses or threatens (not one
    that judges an event that happened: "condemned the attack", "welcomed the withdrawal")."""
    return lexicon.behaviour(governor.entry.plover_type).content and \
        governor.entry.plover_type not in ("ACCUSE", "SUPPORT")


def _purpose(token: Token, lexicon: EventLexicon) -> bool:
    """"shunned work to protest at the settlements": the act was the protest (not "urged
    Russians to protest", "plans to protest": asked for or intended)."""
    head = token.head.lemma_.lower()
    return token.dep_ in ("advcl", "xcomp") and token.head.i < token.i \
        and to_infinitive(token) and not (
        verb_cue(token.head, "directive_verbs", lexicon) or head in lexicon.cue("intent")
        or verb_cue(token.head, "planned", lexicon) or head in lexicon.cue("commissive_verbs"))


def _topic(found: Found, lexicon: EventLexicon) -> bool:
    """"was asked about the deal", "a book about the war": what is talked about."""
    token = found.token
    return found.nominal and token.dep_ == "pobj" and \
        token.head.lower_ in lexicon.cue("topic_preps")


def _attempt(found: Found, lexicon: EventLexicon) -> bool:
    """"are trying to widen their trade ties": the subject tries its own act (coded with
    intent); "seek" is a request only when it asks for something ("sought help")."""
    return not found.nominal and found.token.lemma_.lower() in lexicon.cue("attempt_verbs") \
        and any(c.dep_ == "xcomp" for c in found.token.children)


def _promise(found: Found, positions: set[int], lexicon: EventLexicon) -> bool:
    """"pledged to keep attacking", "promised to withdraw": the promised act is the event,
    stated as intent (reinterpret.yaml: hostile -> THREATEN, a retreat -> CONCEDE)."""
    token = found.token
    if found.nominal or token.lemma_.lower() not in lexicon.cue("promise_verbs"):
        return False
    for child in token.children:
        if child.dep_ == "xcomp" and to_infinitive(child):
            inner = [child, *[c for c in child.children if c.dep_ == "xcomp"]]
            return any(t.i in positions for t in inner)
    return False


def _consequence(verb: Token) -> bool:
    """"..., killing one person and arresting 12": a participle after the main clause."""
    return verb.tag_ == "VBG" and verb.i > verb.head.i and not any(
        c.dep_ in ("mark", "aux") for c in verb.children)


def elaborates(verb: Token, main: set[int], lexicon: EventLexicon) -> bool:
    """A demand reported by ", saying he must resign" after a coded main act."""
    head = verb.head
    return verb.dep_ == "advcl" and _consequence(verb) and _elaboration(verb, lexicon) and (
        head.i in main or any(c.i in main for c in head.children if c.dep_ in ("dobj", "obj")))


def _elaboration(verb: Token, lexicon: EventLexicon) -> bool:
    """"rejected the proposal, saying ...", "staged rallies, urging ...": what the actor said
    while doing the main act explains that act; it is not a second event."""
    return verb_cue(verb, "reporting_verbs", lexicon) or \
        verb_cue(verb, "directive_verbs", lexicon)


def _governing_trigger(token: Token, positions: set[int],
                       lexicon: EventLexicon) -> tuple[Token | None, bool, int]:
    """The trigger whose argument ``token`` is part of, whether a clause lies between them
    ("urged Osterlich to withdraw", "said it would attack"), and how many links up."""
    start, steps, clausal = token.i, 0, False
    clause_marks, light_verbs = lexicon.cue("clause_marks"), lexicon.cue("light_verbs")
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "were killed or wounded": embedded where its first conjunct is
    while token.dep_ in EMBEDDING_DEPS and token.head.i != token.i and steps < 8:
        if described(token):
            return None, False, steps  # "freed the men whom police arrested": a fact told
        if token.dep_ == "advcl" and (any(c.dep_ == "mark" and c.lower_ in clause_marks
                                          for c in token.children) or _consequence(token)
                                      and not _elaboration(token, lexicon)):
            return None, False, steps  # "While Ukraine expressed support, ...": its own clause
        purpose = token.dep_ in ("advcl", "xcomp") and to_infinitive(token)
        elaborating = token.dep_ == "advcl" and _consequence(token)
        complement = token.dep_ == "ccomp"
        clausal = clausal or token.dep_ in CLAUSAL_DEPS
        token = token.head
        steps += 1
        if token.i in positions:
            return token, clausal, steps
        if complement:  # "reiterated its demand that Israel ease ...": the demand's clause
            demand = next((c for c in token.children if c.dep_ in ("dobj", "obj")
                           and c.i in positions and c.i < start), None)
            if demand is not None:
                return demand, True, steps
        if (purpose and token.lemma_.lower() in light_verbs or elaborating) and any(
                c.i in positions and c.i != start for c in token.children
                if c.dep_ in ("dobj", "obj")):
            return token, True, steps  # "held a phone call ... to discuss": the call is it
    return None, False, steps


def listed(found: list[Found], sent: SpacySpan, lexicon: EventLexicon) -> set[int]:
    """Tokens of a list after a demand's colon ("set conditions: Ukraine must end its
    mobilization, ..."): the items are the demand's content, not events of their own."""
    doc = sent.doc
    for trigger in found:
        if not lexicon.behaviour(trigger.entry.plover_type).content:
            continue
        colon = next((t for t in doc[trigger.last + 1:sent.end] if t.text == ":"), None)
        if colon is not None and colon.i - trigger.last <= 4:
            return set(range(colon.i + 1, sent.end))
    return set()
