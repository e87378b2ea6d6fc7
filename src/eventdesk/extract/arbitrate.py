"""Stage 5, the learned classifier beside the rules (docs/classifier.md): the rules propose
triggers and roles; the classifier's sentence scores veto sentences that report no political
event, choose between the types a trigger's words allow, and weigh each event's confidence.

Every decision here is a pure function of a draft and its sentence's ``TypeScores``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventdesk.extract.draft import Draft
from eventdesk.extract.triggers import Found

if TYPE_CHECKING:
    from eventdesk.classify import TypeScores

# Below this probability that the sentence reports a political event, its events are dropped;
# the model's own threshold, chosen by cross-validation on the training data.
VETO_BELOW = 0.5
# A sure rule keeps its event in a sentence the classifier doubts (a clear trigger with both
# parties coded): the veto is for the vague cases.
SURE_RULE = 0.75
# Types whose events may stand without a named political participant when the classifier is
# this sure the sentence reports an event of that type ("a car bomb killed 5 soldiers",
# "weapons were seized in the raids").
RESCUED_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT"})
RESCUE_EVENT, RESCUE_TYPE = 0.8, 0.3
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


def vetoed(draft: Draft, scores: TypeScores | None) -> bool:
    """The sentence reports no political event, and the rule is not sure enough to overrule."""
    if scores is None or scores.p_event >= VETO_BELOW:
        return False
    sure = draft.confidence >= SURE_RULE and draft.source and draft.target
    return not sure


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
