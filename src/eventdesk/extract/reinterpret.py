"""Stage 4b, reinterpretation: the ordered decision table of reinterpret.yaml turns an event
said as intent, refusal, cancellation or preparation into the event it really is.

``conditions`` computes the table's conditions for one trigger; ``decide`` returns the first
row that holds. Both are pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventdesk.lexicon.events import EventLexicon, Row

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventdesk.extract.modality import Modality
    from eventdesk.extract.triggers import Found


@dataclass(frozen=True)
class Outcome:
    plover_type: str
    cameo: str
    negated: bool
    modality: str
    row: str | None  # the row that decided, None when the event stays as found


def conditions(found: Found, mod: Modality, lexicon: EventLexicon,
               has_source: bool) -> dict[str, object]:
    """The facts the table's rows test, for one trigger."""
    token = found.token
    asserted = found.nominal and asserted_noun(token, lexicon)
    return {
        "cancelled": _called_off(token, lexicon),
        "negated": mod.negated,
        "nominal": found.nominal,
        "asserted_noun": asserted,
        "offered": found.nominal and token.dep_ in ("dobj", "obj"),
        "preparing": mod.preparing,
        "intent": mod.intent,
        "willing": mod.willing,
        "scheduled": found.entry.plover_type == "CONSULT" and not mod.willing,
        "has_source": has_source,
        "modality": mod.modality,
    }


def _called_off(token, lexicon: EventLexicon) -> bool:
    """What a cancelling verb calls off: its object ("cancelled a planned visit"), or the act
    a plan it calls off was for ("suspended plans to impose a curfew")."""
    if token.dep_ in ("dobj", "obj") and token.head.lemma_.lower() in lexicon.cue(
            "light_verbs"):
        token = token.head  # "impose a curfew": the imposing
    if token.dep_ in ("acl", "xcomp") and token.head.pos_ == "NOUN" \
            and token.head.lemma_.lower() in lexicon.cue("commitment_words"):
        token = token.head  # "plans to impose": the plans
    return token.dep_ in ("dobj", "obj", "xcomp") and verb_cue(token.head, "cancel_verbs",
                                                                lexicon)


def decide(found: Found, facts: dict[str, object], mod: Modality,
           lexicon: EventLexicon) -> Outcome:
    kind = found.entry.plover_type
    for row in lexicon.rows:
        if kind in row.codes and _holds(row, facts):
            then = row.then
            modality = mod.modality if then.get("modality", "keep") == "keep" \
                else then["modality"]
            negated = mod.negated if "negated" not in then else bool(then["negated"])
            return Outcome(then["type"], row.codes[kind], negated, modality, row.name)
    return Outcome(kind, found.entry.cameo, mod.negated, mod.modality, None)


def _holds(row: Row, facts: dict[str, object]) -> bool:
    for name, wanted in row.when.items():
        value = facts.get(name, False)
        if name == "modality":
            if value not in wanted:
                return False
        elif bool(value) != wanted:
            return False
    return True


def row_codes(lexicon: EventLexicon, name: str) -> dict[str, str]:
    """The CAMEO codes of a named row (threat, allegation, joint, riot, verbal_clash)."""
    row = next((r for r in lexicon.rows if r.name == name), None)
    return row.codes if row is not None else {}


def asserted_noun(noun: Token, lexicon: EventLexicon) -> bool:
    """A participant-less event noun still counts when a verb asserts it happened, or a
    preposition places something within it ("during protests", "amid the shelling")."""
    head = noun.head.lemma_.lower()
    if noun.dep_ in ("dobj", "obj") and head in lexicon.cue("light_verbs"):
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ in lexicon.cue("occurrence_preps"):
        return True
    return noun.dep_ in ("nsubj", "nsubjpass") and head in lexicon.cue("occurrence_verbs")


def verb_cue(token: Token, name: str, lexicon: EventLexicon) -> bool:
    """Is ``token`` a word of cue list ``name``, particles included ("call off")?"""
    cue = lexicon.cues.get(name)
    if cue is None:
        return False
    lemma = token.lemma_.lower()
    if lemma in cue.words or token.lower_ in cue.words:
        return True
    sequences = cue.particles.get(lemma)
    if not sequences:
        return False
    attached = [c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "advmod")
                and c.i > token.i]
    return any(list(seq) == attached[:len(seq)] for seq in sequences)
