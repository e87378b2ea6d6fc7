"""The events of one sentence, stage by stage: triggers (stage 1, triggers.py) -> roles
(stage 2, constructions.py) -> actors (stage 3, actors.py / participants.py) -> modality and
reinterpretation (stage 4, modality.py / reinterpret.py) -> the type's behaviour (types.yaml).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventdesk.extract.actors import SPEAKER_PRONOUNS
from eventdesk.extract.arbitrate import choose_entry, rescued, vetoed, weighed
from eventdesk.extract.combine import alone, joint, merged_means, riots
from eventdesk.extract.draft import Context, Draft
from eventdesk.extract.embedding import elaborates, listed, main_triggers
from eventdesk.extract.modality import analyse
from eventdesk.extract.participants import (
    PRONOUNS,
    acting_state,
    actors,
    armed_means,
    classes,
    forces_as_source,
    national_group,
    political,
    reporter,
    without_bare_duplicates,
    without_own_agents,
)
from eventdesk.extract.reinterpret import asserted_noun, conditions, decide, row_codes, verb_cue
from eventdesk.extract.statements import (
    allegation,
    charged,
    content,
    directives,
    subject_after,
    targets_from_complement,
    threat,
)
from eventdesk.extract.syntax import described, in_question
from eventdesk.extract.triggers import Found

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

    from eventdesk.extract.actors import ActorResolver
    from eventdesk.lexicon.events import EventLexicon


def sentence_events(sent: SpacySpan, found: list[Found], ctx: Context) -> list[Draft]:
    """Code every trigger (so later "the talks" can find their participants), keep main ones."""
    lexicon, resolver = ctx.lexicon, ctx.resolver
    scores = ctx.classifier.score(sent.text) if ctx.classifier is not None and found else None
    found = [choose_entry(f, scores) for f in found]
    words = sum(t.is_alpha for t in sent)
    _antecedents(sent, resolver)
    _speakers(sent, ctx)
    main = {f.token.i for f in main_triggers(found, lexicon)}
    drafts = [d for d in directives(sent, ctx)
              if not elaborates(d.found.token.head, main, lexicon)]
    demanded = {t.i for d in drafts for t in d.found.token.subtree} | listed(found, sent,
                                                                             lexicon)
    coded_at: dict[int, Draft] = {}
    positions = {f.token.i for f in found}
    for trigger in found:
        if _classifying(trigger, positions):
            ctx.note(trigger, "modifier of a noun")
            continue  # "aid groups", "attack helicopters", "protest leaders"
        draft = _draft(trigger, sent, ctx)
        if draft is None:
            continue
        if trigger.nominal and not (draft.source or draft.target):
            draft = _with_earlier_participants(draft, resolver,
                                               lexicon.cue("measure_nouns"))
        _remember(draft, ctx)
        coded_at[trigger.token.i] = draft
        ordered = "ordered_act" in draft.why.split()  # "ordered her citizenship revoked"
        inside = trigger.token.i not in main or trigger.token.i in demanded and not \
            described(trigger.token)  # "demanded the return of men captured by Vell": a fact
        if inside and not ordered:
            ctx.note(trigger, "inside another event")
            continue  # part of another event's argument
        if trigger.nominal and not (draft.source or draft.target) and \
                not asserted_noun(trigger.token, lexicon):
            ctx.note(trigger, "topic noun")
            continue  # "a potential ceasefire": a topic, not an event
        drafts.append(draft)
        accusation = charged(draft, ctx)
        if accusation is not None:
            drafts.append(accusation)
    drafts = merged_means(joint(riots(drafts, lexicon), lexicon))
    judged = []
    for draft in drafts:
        if alone(draft, lexicon):  # "the cabinet met": before the venue is coded as a party
            judged.append((draft, "meeting alone"))
            continue
        draft = _finished(_threatened_targets(_reaction_targets(draft, coded_at, ctx),
                                              coded_at, ctx))
        reason = _dropped(draft, ctx)
        if reason == "no political participant" and rescued(draft, scores):
            reason = None
        if reason is None and vetoed(draft, scores, lexicon, words):
            reason = "vetoed by the classifier"
        judged.append((draft, reason))
    orders = _orders_carried_out([d for d, reason in judged if reason is None], coded_at)
    kept = []
    for draft, reason in judged:
        if reason is None and draft.found.token.i in orders:
            reason = "order of an act coded"
        ctx.note(draft.found, reason or "kept")
        if reason is None:
            ctx.note_rows(draft.why)
            kept.append(weighed(draft, scores))
    return kept


def _orders_carried_out(drafts: list[Draft], coded_at: dict[int, Draft]) -> set[int]:
    """"The minister ordered that her citizenship be revoked": the order is coded as the act
    it orders, done by who gave it (construction ordered_act), not also as a request; the
    tokens of such orders (the nearest request above each ordered act)."""
    orders = set()
    for draft in drafts:
        if "ordered_act" not in draft.why.split():
            continue
        order = next((t for t in draft.found.token.ancestors if t.i in coded_at
                      and coded_at[t.i].plover_type == "REQUEST"), None)
        if order is not None:
            orders.add(order.i)
    return orders


def _classifying(trigger: Found, positions: set[int]) -> bool:
    """An event noun that only classifies the noun after it ("aid groups", "protest
    leaders"), unless that noun is an event too ("ceasefire talks")."""
    token = trigger.token
    return trigger.nominal and token.dep_ == "compound" and token.head.pos_ == "NOUN" \
        and token.head.i > token.i and token.head.i not in positions


REACTION_PREPS = frozenset({"against", "over", "of", "for", "to"})


def _reaction_targets(draft: Draft, coded_at: dict[int, Draft], ctx: Context) -> Draft:
    """"Bolivia condemned the attack", "protests against the airstrikes": a reaction to an
    act coded in the same sentence is aimed at the act's author."""
    if draft.target or not ctx.lexicon.behaviour(draft.plover_type).reacts:
        return draft
    token = draft.found.token
    acts = [c for c in token.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    acts += [g for c in token.children if c.dep_ == "prep" and c.lower_ in REACTION_PREPS
             for g in c.children if g.dep_ == "pobj"]
    return _aimed_at(draft, acts, "source", coded_at, ctx)


def _threatened_targets(draft: Draft, coded_at: dict[int, Draft], ctx: Context) -> Draft:
    """"the threat of a strike against Syria", "threatened to shoot down US missiles": a
    threat with no target of its own is aimed at the target of the act it threatens, when
    that act is coded in the same sentence."""
    if draft.target or draft.plover_type != "THREATEN":
        return draft
    token = draft.found.token
    acts = [c for c in token.children if c.dep_ in ("xcomp", "ccomp")]
    acts += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj"]
    return _aimed_at(draft, acts, "target", coded_at, ctx)


def _aimed_at(draft: Draft, acts, role: str, coded_at: dict[int, Draft], ctx: Context) -> Draft:
    """The draft with the ``role`` actors of the first act coded at one of ``acts`` as its
    targets (its own sources left out); unchanged when there are none."""
    codes = {a.code for a in draft.source}
    for act in acts:
        other = coded_at.get(act.i)
        if other is None or other is draft:
            continue
        parties = getattr(_finished(other), role)
        targets = tuple(a for a in ctx.resolver.relocate_all(parties, act)
                        if a.code not in codes)
        if targets:
            return replace(draft, target=targets)
    return draft


def _finished(draft: Draft) -> Draft:
    """Countries act through their governments, nationality groups are civilians (or the
    military of "Russian airstrikes"): the codes a user reads."""
    start = draft.trigger.end - len(draft.found.token.text)  # the head word of the trigger
    nominal, kind = draft.found.nominal, draft.plover_type

    def final(actor):
        return acting_state(national_group(actor, start, nominal, kind, draft.trigger.start))

    return replace(draft, source=tuple(map(final, draft.source)),
                   target=tuple(map(final, draft.target)))


# Who makes a journey a visit: a state, an organisation or an office holder, not a people.
TRAVELLERS = frozenset({"state", "official", "organised"})


def _dropped(draft: Draft, ctx: Context) -> str | None:
    """Why the type's behaviour drops a draft: no political participant, or one party where
    it needs two; None when it stays."""
    behaviour = ctx.lexicon.behaviour(draft.plover_type)
    if not political(draft.source, draft.target, draft.plover_type, ctx.lexicon, draft.armed):
        return "no political participant"
    if draft.found.entry.rule in ctx.lexicon.cue("journey_rules") and not any(
            classes(a, ctx.lexicon) & TRAVELLERS for a in draft.source):
        return "no political traveller"  # "British volunteers travel to Syria": no visit
    if behaviour.needs_target and not draft.target and len(draft.source) < 2:
        return "one party only"
    if behaviour.needs_object:
        # "“Why are we there?” Trump asked": what was said is a question, not a request
        question = in_question(draft.found.token)
        if not _asks_something(draft.found, ctx.lexicon, question) and not (
                draft.content and not question):
            return "asked of no one for nothing"
    return None


# what a request is made of or for: "asked Chile", "asked for weapons", "asked that ...",
# "appealed to Chile", "called on Peru" (triggers.OBJECT_DEPS are the direct objects only)
ASKED_DEPS = frozenset({"dobj", "obj", "dative", "ccomp", "xcomp", "attr", "oprd"})
ASKED_PREPS = frozenset({"for", "to", "on", "upon", "of"})


def _asks_something(found: Found, lexicon: EventLexicon, question: bool) -> bool:
    """Someone asked, or something asked for ("asked on Twitter" is neither); a quoted
    question is no object."""
    token = found.token
    if found.nominal or any(c.dep_ == "nsubjpass" for c in token.children):
        return True  # "a request", "the demand", "was asked": the noun names the object
    media = lexicon.cue("speech_media")
    words = list(token.children) + list(token.doc[found.first:found.last + 1])
    for word in words:
        if word.dep_ in ASKED_DEPS and not (word.dep_ == "ccomp" and question):
            return True
        if word.dep_ in ("prep", "prt") and word.lower_ in ASKED_PREPS and any(
                g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME")
                and g.lemma_.lower() not in media for g in word.children):
            return True
    return False


def _antecedents(sent: SpacySpan, resolver: ActorResolver) -> None:
    """"King Hassan was quoted as saying he would ...": the subjects of a sentence are what
    its pronouns (after them) and the next sentences' can refer to, even when they are no
    event's participant; a subject that names no actor ("the report") is one too, so that
    "it" after it codes no one. A person introduced with an appositive is remembered too."""
    for token in sent:
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("PROPN", "NOUN"):
            resolver.note_subject(token)
    for entity in sent.ents:  # "the father of Jane Roe, a British teenager,": Roe is
        if entity.label_ == "PERSON" and any(c.dep_ == "appos"  # known from here on
                                             for c in entity.root.children):
            resolver.resolve_all(entity.root)


def _speakers(sent: SpacySpan, ctx: Context) -> None:
    """Who speaks in this sentence ("..., the minister said"): what "we" and "our" refer to."""
    for verb in sent:
        if verb_cue(verb, "reporting_verbs", ctx.lexicon):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in SPEAKER_PRONOUNS:
                ctx.resolver.note_speaker(ctx.resolver.resolve(subject))


DEFINITE = frozenset({"the", "this", "that", "these", "those"})
SAME_WORD_WINDOW = 5  # sentences within which "the talks" refers back to earlier talks
LEAD_SENTENCES = 3  # the headline and the first sentences: the event the article is about


def _definite(noun, measures: frozenset[str]) -> bool:
    """"the talks", "their talks", "the next round of talks": a mention of a known event
    ("the bare minimum of aid" is none: a quantity, not a round of it)."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        if noun.head.head.lemma_.lower() not in measures:
            return False
        noun = noun.head.head
    return any(c.dep_ == "det" and c.lower_ in DEFINITE or c.dep_ == "poss"
               for c in noun.children)


def _specified(noun) -> bool:
    """"the climate conference", "the Geneva talks": a noun its own modifier sets apart names
    an event of its own, not the last one of another word."""
    return any(c.dep_ in ("compound", "nmod") and c.i < noun.i for c in noun.children)


def _with_earlier_participants(draft: Draft, resolver: ActorResolver,
                               measures: frozenset[str]) -> Draft:
    """"the talks", "the airstrikes", "the next round": an event noun without participants of
    its own refers back to the latest event of the same kind in the article (same word
    first, then same type) and takes its participants; "a strike" is a new event."""
    token = draft.found.token
    indefinite = token.tag_ == "NN" and any(c.lower_ in ("a", "an", "another")
                                             for c in token.children)
    if indefinite:
        return draft  # "a strike": a new event
    # "the talks" may mean talks a few sentences back; bare "airstrikes" only the event of the
    # same sentence ("retook the town after a week of fighting"), else events in general
    window = SAME_WORD_WINDOW if _definite(token, measures) else 0
    memory = resolver.memory
    earlier = memory.participants.get((draft.plover_type, draft.found.entry.rule))
    if earlier is not None and memory.sentence - earlier[2] > window:
        earlier = None
    if earlier is None and not _specified(token):  # another word for the same kind of
        recent = memory.participants.get(draft.plover_type)  # event, just before
        earlier = recent if recent and memory.sentence - recent[2] <= min(window, 1) else None
    if earlier is None and window:  # "the airstrikes", far below the lead that reported them
        earlier = memory.lead.get((draft.plover_type, draft.found.entry.rule))
    if earlier is None:
        return draft
    relocated = tuple(resolver.relocate_all(earlier[0] + earlier[1], token))
    half = len(earlier[0])
    return replace(draft, source=relocated[:half], target=relocated[half:],
                   confidence=round(draft.confidence * 0.6, 3), refers_back=True)


def _remember(draft: Draft, ctx: Context) -> None:
    """An event with participants is what later mentions of its kind may refer to (all the
    parties it needs: two for talks)."""
    needs_two = ctx.lexicon.behaviour(draft.plover_type).needs_target
    if not draft.source or needs_two and not draft.target and len(draft.source) < 2:
        return
    memory = ctx.resolver.memory
    coded = _finished(draft)  # as the user reads them: "Russian airstrikes" are RUSMIL
    entry = (coded.source, coded.target, memory.sentence)
    memory.participants[draft.plover_type] = entry
    memory.participants[(draft.plover_type, draft.found.entry.rule)] = entry
    if memory.sentence <= LEAD_SENTENCES and not draft.refers_back:
        memory.lead.setdefault((draft.plover_type, draft.found.entry.rule), entry)


def _draft(found: Found, sent: SpacySpan, ctx: Context) -> Draft | None:
    token, lexicon, resolver = found.token, ctx.lexicon, ctx.resolver
    mod = analyse(token, lexicon)
    speaker = reporter(mod.reporter, resolver)  # first: "Osterlich says it will ..."
    roles = ctx.roles(token, found.nominal, found.entry.plover_type, found.entry.of_is)
    sources = without_bare_duplicates(actors(roles.sources, resolver))
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
    sources, targets = forces_as_source(sources, targets, found.entry.plover_type)
    targets = without_own_agents(targets, sources, found.entry.plover_type)
    sources = resolver.localise_all(sources, token)
    targets = resolver.localise_all(targets, token)
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
