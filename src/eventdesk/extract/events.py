"""The events of one sentence, stage by stage: triggers (stage 1, triggers.py) -> roles
(stage 2, constructions.py) -> actors (stage 3, actors.py / participants.py) -> modality and
reinterpretation (stage 4, modality.py / reinterpret.py) -> the type's behaviour (types.yaml).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventdesk.extract.combine import alone, joint, merged_means, riots
from eventdesk.extract.draft import Context, Draft
from eventdesk.extract.embedding import elaborates, listed, main_triggers
from eventdesk.extract.modality import analyse
from eventdesk.extract.participants import (
    PRONOUNS,
    actors,
    armed_means,
    political,
    reporter,
    without_bare_duplicates,
    without_own_agents,
)
from eventdesk.extract.reinterpret import asserted_noun, conditions, decide, row_codes
from eventdesk.extract.statements import (
    allegation,
    charged,
    content,
    directives,
    subject_after,
    targets_from_complement,
    threat,
)
from eventdesk.extract.triggers import Found

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

    from eventdesk.extract.actors import ActorResolver


def sentence_events(sent: SpacySpan, found: list[Found], ctx: Context) -> list[Draft]:
    """Code every trigger (so later "the talks" can find their participants), keep main ones."""
    lexicon, resolver = ctx.lexicon, ctx.resolver
    _antecedents(sent, resolver)
    main = {f.token.i for f in main_triggers(found, lexicon)}
    drafts = [d for d in directives(sent, ctx)
              if not elaborates(d.found.token.head, main, lexicon)]
    demanded = {t.i for d in drafts for t in d.found.token.subtree} | listed(found, sent,
                                                                             lexicon)
    for trigger in found:
        draft = _draft(trigger, sent, ctx)
        if draft is None:
            continue
        if trigger.nominal and not (draft.source or draft.target):
            draft = _with_earlier_participants(draft, resolver)
        if draft.source and draft.target or len(draft.source) >= 2:
            resolver.memory.participants[draft.plover_type] = (draft.source, draft.target)
        if trigger.token.i not in main or trigger.token.i in demanded:
            continue  # part of another event's argument
        if trigger.nominal and not (draft.source or draft.target) and \
                not asserted_noun(trigger.token, lexicon):
            continue  # "a potential ceasefire": a topic, not an event
        drafts.append(draft)
        accusation = charged(draft, ctx)
        if accusation is not None:
            drafts.append(accusation)
    drafts = merged_means(joint(riots(drafts, lexicon), lexicon))
    return [d for d in drafts if not alone(d, lexicon) and _kept(d, ctx)]


def _kept(draft: Draft, ctx: Context) -> bool:
    """The type's behaviour: a political participant, and two parties where it needs them."""
    behaviour = ctx.lexicon.behaviour(draft.plover_type)
    if not political(draft.source, draft.target, draft.plover_type, ctx.lexicon, draft.armed):
        return False
    return not behaviour.needs_target or bool(draft.target) or len(draft.source) >= 2


def _antecedents(sent: SpacySpan, resolver: ActorResolver) -> None:
    """"King Hassan was quoted as saying he would ...": the subjects before a pronoun are
    what it can refer to, even when they are no event's participant."""
    pronoun = next((t for t in sent if t.pos_ == "PRON" and t.lower_ in PRONOUNS), None)
    if pronoun is None:
        return
    for token in sent.doc[sent.start:pronoun.i]:
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("PROPN", "NOUN"):
            resolver.resolve_all(token)


def _with_earlier_participants(draft: Draft, resolver: ActorResolver) -> Draft:
    """"the talks", "the next round": the participants of the same kind of event before."""
    token = draft.found.token
    definite = any(c.lower_ in ("the", "this", "these", "such", "next") for c in token.children)
    if not (definite or draft.modality == "planned"):
        return draft
    earlier = resolver.memory.participants.get(draft.plover_type)
    if earlier is None:
        return draft
    relocated = tuple(resolver.relocate_all(earlier[0] + earlier[1], token))
    half = len(earlier[0])
    return replace(draft, source=relocated[:half], target=relocated[half:],
                   confidence=round(draft.confidence * 0.6, 3))


def _draft(found: Found, sent: SpacySpan, ctx: Context) -> Draft | None:
    token, lexicon, resolver = found.token, ctx.lexicon, ctx.resolver
    mod = analyse(token, lexicon)
    speaker = reporter(mod.reporter, resolver)  # first: "Osterlich says it will ..."
    roles = ctx.roles(token, found.nominal, found.entry.plover_type)
    sources = actors(roles.sources, resolver)
    codes = {a.code for a in sources}
    targets = without_bare_duplicates([a for a in actors(roles.targets, resolver)
                                       if a not in sources and not (
                                           a.code in codes and a.text.lower() in PRONOUNS)])
    if roles.symmetric and len(sources) >= 2 and not targets:
        resolver.note_pair(sources)
        sources, targets = sources[:1], sources[1:]
    elif len(sources) >= 2:
        resolver.note_pair(sources)
    outcome = decide(found, conditions(found, mod, lexicon, bool(sources)), mod, lexicon)
    plover_type = outcome.plover_type
    said = content(found, sent) if lexicon.behaviour(found.entry.plover_type).content else None
    if not targets:
        targets = targets_from_complement(token, ctx, sources, plover_type)
    if not targets and found.nominal and said:
        targets = subject_after(found, sent, ctx, sources)
    targets = without_own_agents(targets, sources)
    if mod.threat_verb is not None and plover_type in row_codes(lexicon, "threat"):
        return threat(found, plover_type, mod.threat_verb, ctx, targets, speaker)
    if mod.alleging_verb is not None and not mod.negated and \
            plover_type in row_codes(lexicon, "allegation"):
        return allegation(found, plover_type, mod.alleging_verb, ctx, sources)
    doc = token.doc
    confidence = found.entry.confidence * (1.0 if sources else 0.7) * (1.0 if targets else 0.9)
    why = " ".join(roles.used + ([outcome.row] if outcome.row else []))
    return Draft(found, ctx.span(doc[found.first], doc[found.last]), tuple(sources),
                 tuple(targets), outcome.negated, outcome.modality, speaker, said,
                 round(confidence, 3), plover_type, outcome.cameo, why,
                 armed_means(token, roles.sources, lexicon))
