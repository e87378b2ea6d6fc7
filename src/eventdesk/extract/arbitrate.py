"""Stage 5, the learned classifier beside the rules (docs/classifier.md): the rules propose
triggers and roles; the classifier's sentence scores veto sentences that report no political
event, choose between the types a trigger's words allow, and weigh each event's confidence.

Every decision here is a pure function of a draft and its sentence's ``TypeScores``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventdesk.extract.draft import Draft
from eventdesk.extract.participants import classes
from eventdesk.extract.triggers import Found
from eventdesk.lexicon.events import EventLexicon

if TYPE_CHECKING:
    from eventdesk.classify import TypeScores

# Below this probability that the sentence reports a political event, an event stays only
# when something speaks for it: the classifier finds an event of its type probable enough
# (p_event x P(type) >= AGREED), or a state, organisation, office holder or people takes part
# and the doubt is moderate (p_event >= STATE_FLOOR), or it is a later mention of an event
# already coded. So a government sending aid after a typhoon stays; an army digging out cars
# after a snowstorm, an aviation authority after a crash do not. VETO_BELOW is the model's own
# threshold, chosen by cross-validation on the training data.
VETO_BELOW = 0.5
AGREED = 0.1
STATE_FLOOR = 0.3
STATE_CLASSES = frozenset({"state", "organised", "official", "community"})
# Below this, any event is dropped unless a sure rule (a clear trigger with both parties
# coded) found it.
VETO_ALL_BELOW = 0.15
SURE_RULE = 0.75
# Types whose events may stand without a named political participant when the classifier is
# this sure the sentence reports an event of that type ("a car bomb killed 5 soldiers",
# "weapons were seized in the raids").
RESCUED_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT"})
RESCUE_EVENT, RESCUE_TYPE = 0.8, 0.3
# A sentence of fewer words than this gives the classifier too little to judge: its p_event
# falls with the length of the text ("The rebels attacked the town." scores far below a
# longer report of the same act), so it vetoes nothing there and the rules alone decide.
SHORT_WORDS = 9
# How much the classifier's type probability weighs in an event's confidence.
TYPE_WEIGHT = 0.5


def choose_entry(found: Found, scores: TypeScores | None) -> Found:
    """Of the rules whose words matched ("strike": an attack or a walkout), the one whose type
    the classifier finds most probable in this sentence."""
    if scores is None or not found.alternatives:
        return found
    options = (found.entry, *found.alternatives)
    best = max(options, key=lambda e: (scores.types.get(e.plover_type, 0.0), e is found.entry))
    if best is found.entry:
        return found
    others = tuple(e for e in options if e is not best)
    return replace(found, entry=best, alternatives=others)


def vetoed(draft: Draft, scores: TypeScores | None, lexicon: EventLexicon,
           words: int = SHORT_WORDS) -> bool:
    """The sentence (of ``words`` words) reports no political event and nothing speaks for
    this one."""
    if scores is None or scores.p_event >= VETO_BELOW or words < SHORT_WORDS:
        return False
    if scores.p_event < VETO_ALL_BELOW:
        return not (draft.confidence >= SURE_RULE and draft.source and draft.target)
    if draft.refers_back or scores.p_event * scores.types.get(draft.plover_type, 0) >= AGREED:
        return False
    political = any(classes(a, lexicon) & STATE_CLASSES for a in draft.source + draft.target)
    return not (political and scores.p_event >= STATE_FLOOR)


def rescued(draft: Draft, scores: TypeScores | None) -> bool:
    """A material event without a named political participant that the classifier vouches for."""
    return scores is not None and draft.plover_type in RESCUED_TYPES \
        and scores.p_event >= RESCUE_EVENT \
        and scores.types.get(draft.plover_type, 0.0) >= RESCUE_TYPE


def weighed(draft: Draft, scores: TypeScores | None) -> Draft:
    """Confidence from the rule and from how probable the classifier finds the event's type."""
    if scores is None:
        return draft
    probability = scores.p_event * scores.types.get(draft.plover_type, 0.0)
    confidence = draft.confidence * (1 - TYPE_WEIGHT + TYPE_WEIGHT * min(1.0, 2 * probability))
    return replace(draft, confidence=round(confidence, 3))
