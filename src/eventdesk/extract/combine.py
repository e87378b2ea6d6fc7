"""Events of one sentence read together: two triggers of one act become one event; a joint
exercise of two countries is cooperation; protesters' violence is a riot, a clash between
politicians a quarrel; a body meeting alone consults nobody."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventdesk.extract.draft import Draft
from eventdesk.extract.participants import ARMED_SECTORS, venue
from eventdesk.extract.reinterpret import row_codes
from eventdesk.lexicon.events import EventLexicon
from eventdesk.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token


def merged_means(drafts: list[Draft]) -> list[Draft]:
    """"were killed in Osterlich tank shelling", "opened fire ..., killing one person": two
    triggers of one event of the same type, the second attached to the first. One event keeps
    the head's trigger, the participants of both and the more specific CAMEO code of the two."""
    out = list(drafts)
    for part in drafts:
        token = part.found.token
        head = token.head.head if token.head.dep_ in ("prep", "agent") else token.head
        whole = next((d for d in out if d is not part and d.found.token.i == head.i
                      and d.plover_type == part.plover_type), None)
        if whole is None or part not in out or not _same_act(token):
            continue
        cameo = part.cameo if len(part.cameo) > len(whole.cameo.rstrip("0")) else whole.cameo
        target = whole.target + tuple(a for a in part.target if a not in whole.target
                                      and a not in whole.source)
        merged = replace(whole, source=whole.source or part.source, target=target, cameo=cameo,
                         armed=whole.armed or part.armed)
        out[out.index(whole)] = merged
        out.remove(part)
    return out


def _same_act(token: Token) -> bool:
    """"killed in shelling" (the means), "opened fire, killing one" (a participle without a
    subject of its own); not "struck the port after the rebels attacked the town"."""
    if token.dep_ == "pobj":
        return True
    return token.dep_ in ("advcl", "xcomp") and token.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in token.children)


def alone(draft: Draft, lexicon: EventLexicon) -> bool:
    """"The cabinet met on Sunday (in the capital)": a body meeting by itself consults nobody;
    the venue of its meeting is no party to it."""
    home = {a.country for a in draft.source}
    parties = [a for a in draft.target if not venue(a, home)]
    return draft.plover_type == "CONSULT" and not draft.found.nominal \
        and draft.found.token.lemma_.lower() in lexicon.cue("gathering_verbs") \
        and len(draft.source) <= 1 and not parties \
        and not any(a.kind == "group" for a in draft.source)  # "the two leaders met"


def joint(drafts: list[Draft], lexicon: EventLexicon) -> list[Draft]:
    """Exercises and patrols held by the forces of two countries together: cooperation."""
    codes, rules = row_codes(lexicon, "joint"), lexicon.cue("joint_rules")
    return [replace(d, plover_type="COOPERATE", cameo=codes[d.plover_type], why="joint")
            if d.plover_type in codes and d.found.entry.rule in rules
            and len({a.country for a in d.source + d.target if a.country}) >= 2
            and not d.target else d for d in drafts]


def riots(drafts: list[Draft], lexicon: EventLexicon) -> list[Draft]:
    """Protesters' violence against property or people is a riot (PROTEST), as is the violence
    done in the course of a protest by the same actors ("rioted, setting fire to ..."). In a
    clash between forces and rioters, the rioters' side is a riot too."""
    codes, quarrel = row_codes(lexicon, "riot"), row_codes(lexicon, "verbal_clash")
    words, modes = lexicon.cue("protester_words"), lexicon.cue("riot_modes")
    protesting = {a.code for d in drafts if d.plover_type == "PROTEST" for a in d.source}

    def protester(actor: Actor) -> bool:
        return bool(words & {w.rstrip("s") for w in actor.text.lower().split()})

    out = []
    for draft in drafts:
        if draft.plover_type not in codes:
            out.append(draft)
            continue
        clash = draft.found.entry.rule in lexicon.cue("clash_rules")
        people = draft.source + draft.target
        if clash and people and draft.plover_type in quarrel and all(
                a.kind == "person" and a.sector not in ARMED_SECTORS | {"CVL"} for a in people):
            out.append(replace(draft, plover_type="ACCUSE",  # "has clashed with the senator"
                               cameo=quarrel[draft.plover_type], why="verbal_clash"))
            continue
        rioters = draft.source and all(protester(a) or a.code in protesting and a.kind != "state"
                                       and a.sector in (None, "CVL", "OPP") for a in draft.source)
        crowd = tuple(a for a in draft.target if protester(a)) if clash else ()
        if rioters and (draft.found.entry.mode in modes or clash):
            draft = replace(draft, plover_type="PROTEST", cameo=codes[draft.plover_type],
                            why="riot")
        elif crowd:  # "troops clashed with rioters": the rioters riot against them
            out.append(replace(draft, source=crowd, target=draft.source, plover_type="PROTEST",
                               cameo=codes[draft.plover_type], why="riot"))
        out.append(draft)
    return out
