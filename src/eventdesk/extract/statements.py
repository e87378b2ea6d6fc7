"""Events carried by what someone says: threats, allegations, demands in reported clauses, and
the content of demands, agreements and refusals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventdesk.extract.constructions import conjuncts
from eventdesk.extract.draft import Context, Draft
from eventdesk.extract.participants import MOVING_TYPES, actors, classes, without_own_agents
from eventdesk.extract.reinterpret import row_codes, verb_cue
from eventdesk.extract.triggers import Found
from eventdesk.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "obj")


# Whom reporting an act accuses: states, organisations, office holders and armed groups.
ACCUSABLE = frozenset({"state", "organised", "official", "armed"})


def charged(draft: Draft, ctx: Context) -> Draft | None:
    """"Ruritania said that Osterlich had attacked ...": the attack is coded as reported, and
    saying so first, about another country, is also an accusation by the speaker (ACCUSE)."""
    codes = row_codes(ctx.lexicon, "allegation")
    if draft.plover_type not in codes or draft.reported_by is None or draft.negated \
            or not draft.source or draft.modality != "factual":
        return None
    verb = reporting_verb(draft.found.token, ctx)
    if verb is None or verb.i > draft.found.token.i:
        return None  # "..., officials said": an attribution, not an accusation
    speakers = actors(ctx.roles(verb).sources, ctx.resolver)
    countries = {a.country for a in speakers}
    accused = [a for a in draft.source if a.country and a.country not in countries
               and classes(a, ctx.lexicon) & ACCUSABLE]  # not "she" of "said she fought"
    if not speakers or None in countries or not accused:
        return None
    victims = {a.country for a in draft.target}
    if victims - countries - {a.country for a in accused}:
        return None  # "officials said Vell had struck Osterlich refineries": a report
    return statement(draft.found, verb, ("ccomp",), speakers, accused, None, ctx,
                     "ACCUSE", codes[draft.plover_type], "allegation")


def reporting_verb(token: Token, ctx: Context) -> Token | None:
    steps = 0
    while token.head.i != token.i and steps < 6:
        if token.dep_ == "ccomp" and verb_cue(token.head, "reporting_verbs", ctx.lexicon):
            return token.head
        token, steps = token.head, steps + 1
    return None


def threat(found: Found, plover_type: str, verb: Token, ctx: Context, targets: list[Actor],
           reporter: Actor | None) -> Draft:
    """"She hinted that such measures could be imposed if Osterlich ...": THREATEN."""
    sources = actors(ctx.roles(verb).sources, ctx.resolver)
    if not targets:
        targets = condition_subjects(found.token, ctx, sources)
    return statement(found, verb, ("ccomp", "xcomp"), sources, targets, reporter, ctx,
                     "THREATEN", row_codes(ctx.lexicon, "threat")[plover_type], "threat")


def allegation(found: Found, plover_type: str, verb: Token, ctx: Context,
               accused: list[Actor]) -> Draft:
    """"Ruritania claimed that the rebels had attacked Vell": Ruritania accuses the rebels."""
    sources = actors(ctx.roles(verb).sources, ctx.resolver)
    codes = {a.code for a in sources}
    targets = [a for a in accused if a.code not in codes]
    return statement(found, verb, ("ccomp",), sources, targets, None, ctx, "ACCUSE",
                     row_codes(ctx.lexicon, "allegation")[plover_type], "allegation")


def statement(found: Found, verb: Token, complement_deps: tuple[str, ...],
              sources: list[Actor], targets: list[Actor], reporter: Actor | None,
              ctx: Context, plover_type: str, code: str, why: str) -> Draft:
    """The event of the verb that says it (a threat, an allegation); what was said, with the
    event the coder found in it, becomes its content."""
    complement = next((c for c in verb.children if c.dep_ in complement_deps), found.token)
    content = verb.doc[complement.left_edge.i:complement.right_edge.i + 1].text.strip(" .,")
    confidence = found.entry.confidence * (1.0 if sources else 0.7) * 0.8
    said = Found(verb, verb.i, verb.i, found.entry, nominal=False)
    return Draft(said, ctx.span(verb, verb), tuple(sources), tuple(targets), False, "factual",
                 reporter, content, round(confidence, 3), plover_type, code, why)


def condition_subjects(token: Token, ctx: Context, sources: list[Actor]) -> list[Actor]:
    """The subject of the "if" clause attached to the threatened act."""
    codes = {s.code for s in sources}
    for clause in token.children:
        if clause.dep_ == "advcl":
            for subject in clause.children:
                if subject.dep_ in ("nsubj", "nsubjpass"):
                    return [a for a in ctx.resolver.resolve_all(subject) if a.code not in codes]
    return []


def directives(sent: SpacySpan, ctx: Context) -> list[Draft]:
    """"X said Y must/should do Z": a REQUEST from X to Y whose content is Z."""
    lexicon = ctx.lexicon
    modals = lexicon.cue("directive_modals")
    entry = lexicon.by_rule.get("request.demand")
    drafts: list[Draft] = []
    if not modals or entry is None:
        return drafts
    for verb in sent:
        if not verb_cue(verb, "reporting_verbs", lexicon) \
                or verb_cue(verb, "opinion_verbs", lexicon):
            continue
        for clause in verb.children:
            modal = next((c for c in clause.children if c.dep_ == "aux"
                          and c.lower_ in modals), None)
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")),
                           None)
            if clause.dep_ != "ccomp" or modal is None or subject is None:
                continue
            sources = actors(ctx.roles(verb).sources, ctx.resolver)
            codes = {a.code for a in sources}
            addressee = next((c for c in verb.children if c.dep_ in ("dobj", "dative")
                              and c.pos_ in ("PROPN", "NOUN")), None)
            # "told the EU it must take back its fighters": the pronoun is the addressee
            said_to = subject if subject.pos_ != "PRON" or addressee is None else addressee
            if said_to.dep_ == "nsubjpass":
                continue  # "the zone should be cleared", "she should be allowed": by whom?
            targets = [a for party in conjuncts(said_to)
                       for a in ctx.resolver.resolve_all(party) if a.code not in codes]
            if not targets:
                continue  # a demand of nobody is none
            doc = verb.doc
            content = doc[clause.left_edge.i:clause.right_edge.i + 1].text.strip(" .,")
            found = Found(clause, modal.i, modal.i, entry, nominal=False)
            drafts.append(Draft(found, ctx.span(modal, modal), tuple(sources), tuple(targets),
                                False, "factual", None, content, 0.6, "REQUEST", entry.cameo,
                                "directive"))
    return drafts


def content(found: Found, sent: SpacySpan) -> str | None:
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
    """"Vell must end X, stop Y, and recognise Z" -> "end X; stop Y; recognise Z"."""
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


def targets_from_complement(trigger: Token, ctx: Context, sources: list[Actor],
                            plover_type: str) -> list[Actor]:
    """"demanded that its partners refuse ...", "its demands that Vell's government grant
    ...", "threatened to cut off power to X", "threatened to stop talks if Osterlich ..."."""
    codes = {s.code for s in sources}
    clauses = ("ccomp", "xcomp") if trigger.pos_ in ("VERB", "AUX") else ("ccomp", "acl")
    children = list(trigger.children)
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj"):
        children += [c for c in trigger.head.children if c.dep_ == "ccomp" and c.i > trigger.i]
    if trigger.pos_ in ("VERB", "AUX"):  # "insisted on its demands that Vell's government"
        children += [c for p in trigger.children if p.dep_ == "prep" for o in p.children
                     if o.dep_ == "pobj" for c in o.children if c.dep_ in ("acl", "ccomp")]
    for child in children:
        if child.dep_ not in clauses + ("acl",):
            continue
        subjects = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
        heads = subjects if child.dep_ != "xcomp" and subjects else ctx.roles(child).targets
        found = [a for a in actors(heads, ctx.resolver) if a.code not in codes]
        moving = next((t.plover_type for t in ctx.lexicon.verbs.get(child.lemma_.lower(), ())
                       if t.plover_type in MOVING_TYPES), None)
        if moving is not None:  # "threatened to send troops": its own troops
            found = without_own_agents(found, sources, moving)
        if not found and plover_type == "THREATEN":
            found = condition_subjects(child, ctx, sources)
        if found:
            return found
    return []


def subject_after(found: Found, sent: SpacySpan, ctx: Context,
                  sources: list[Actor]) -> list[Actor]:
    """"set conditions: Vell must end ...": the subject of the clause after the colon."""
    codes = {s.code for s in sources}
    doc = found.token.doc
    colon = next((t.i for t in doc[found.last + 1:sent.end] if t.text == ":"), None)
    if colon is None:
        return []  # "... withdrawal of the fighters," the observatory said: no subject of it
    for token in doc[colon + 1:sent.end]:
        if token.dep_ in ("nsubj", "nsubjpass") and not verb_cue(
                token.head, "reporting_verbs", ctx.lexicon):
            found_actors = [a for a in ctx.resolver.resolve_all(token) if a.code not in codes]
            if found_actors:
                return found_actors
    return []
