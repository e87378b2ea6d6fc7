"""Turn triggers into coded events: roles, actors, modality, content, CAMEO facts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from eventdesk.extract.actors import ActorResolver
from eventdesk.extract.modality import analyse, planned_nominal
from eventdesk.extract.roles import conjuncts, noun_roles, verb_roles
from eventdesk.extract.syntax import to_infinitive
from eventdesk.extract.triggers import Found, find_triggers
from eventdesk.lexicon.events import EventLexicon
from eventdesk.model import Actor, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

CONTENT_TYPES = frozenset({"REQUEST", "AGREE", "REJECT", "CONCEDE", "ACCUSE", "THREATEN",
                           "SUPPORT", "RETREAT"})
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "obj")
PRONOUNS = frozenset({"he", "she", "his", "her", "him", "it", "its", "they", "their", "them",
                      "our"})
# Event nouns whose "on"/"of"/"for" phrases give the topic, not a party ("talks on trade").
TOPICAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Armed or civilian roles: a clash between them is a fight, not a quarrel between politicians.
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "CRM", "CVL", "SPY"})
# Talking, asking, agreeing, refusing...: political events only when a state, an organisation or
# a public role takes part ("He complied", "I asked him what he wanted" are private acts).
PUBLIC_TYPES = frozenset({"CONSULT", "REQUEST", "CONCEDE", "AGREE", "REJECT", "SUPPORT",
                          "ACCUSE", "THREATEN", "COOPERATE", "AID"})
# Violence with no named author is coded from the country where it happened.
UNATTRIBUTED_TYPES = frozenset({"ASSAULT"})
# Event nouns whose "from" names a place left or taken ("withdrawal from Gorazde"); for the
# others it names the source ("support from Moscow", "pressure from Congress").
PLACE_FROM_TYPES = frozenset({"RETREAT", "COERCE", "MOBILIZE", "ASSAULT"})
# Event types that, with a domestic actor and no other target, are aimed at its own country.
DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE"})
# Dependency links through which a trigger is part of another trigger's argument.
EMBEDDING_DEPS = frozenset({"ccomp", "xcomp", "dobj", "obj", "pobj", "prep", "pcomp", "acl",
                            "relcl", "nsubjpass", "compound", "amod", "attr", "oprd", "advcl",
                            "dative", "agent", "poss", "nmod", "appos", "acomp", "csubj"})


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
    plover_type: str
    cameo: str


def sentence_events(sent: SpacySpan, offset: int, lexicon: EventLexicon,
                    resolver: ActorResolver) -> list[Draft]:
    """Code every trigger (so later "the talks" can find their participants), keep main ones."""
    found = find_triggers(sent, lexicon)
    _antecedents(sent, resolver)
    main = {f.token.i for f in main_triggers(found, lexicon)}
    drafts = [d for d in directives(sent, offset, lexicon, resolver)
              if not _elaborates(d.found.token.head, main, lexicon)]
    demanded = {t.i for d in drafts for t in d.found.token.subtree} | _listed(found, sent)
    for trigger in found:
        draft = _draft(trigger, sent, offset, lexicon, resolver)
        if draft is None:
            continue
        if trigger.nominal and not (draft.source or draft.target):
            draft = _with_earlier_participants(draft, resolver)
        if draft.source and draft.target or len(draft.source) >= 2:
            resolver.memory.participants[draft.plover_type] = (draft.source, draft.target)
        if trigger.token.i not in main or trigger.token.i in demanded:
            continue  # part of another event's argument
        if trigger.nominal and not (draft.source or draft.target) and \
                not _asserted(trigger.token, lexicon):
            continue  # "a potential ceasefire": a topic, not an event
        drafts.append(draft)
        accusation = _charged(draft, lexicon, resolver, offset)
        if accusation is not None:
            drafts.append(accusation)
    drafts = _merged_means(_joint(_riots(drafts, lexicon), lexicon))
    drafts = [d for d in drafts if not _alone(d, lexicon)]
    locative, country = resolver.context_country(sent)
    drafts = [_localised(d, locative, country, resolver) for d in drafts]
    drafts = [d for d in drafts if d.plover_type not in PUBLIC_TYPES
              or any(_public(a) for a in d.source + d.target)]
    return [d for d in drafts if d.source or d.target]  # nobody did anything to anyone


def _merged_means(drafts: list[Draft]) -> list[Draft]:
    """"were killed in Israeli tank shelling", "opened fire ..., killing one person": two
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
        merged = replace(whole, source=whole.source or part.source, target=target, cameo=cameo)
        out[out.index(whole)] = merged
        out.remove(part)
    return out


def _same_act(token: Token) -> bool:
    """"killed in shelling" (the means), "opened fire, killing one" (a participle without a
    subject of its own); not "struck Gaza after Hamas attacked Israel"."""
    if token.dep_ == "pobj":
        return True
    return token.dep_ in ("advcl", "xcomp") and token.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in token.children)


def _charged(draft: Draft, lexicon: EventLexicon, resolver: ActorResolver,
             offset: int) -> Draft | None:
    """"The US said that Iraq had attacked ...": the attack is coded as reported, and saying so
    first, about another country, is also an accusation by the speaker (ACCUSE)."""
    codes = lexicon.reinterpret.get("allegation", {})
    if draft.plover_type not in codes or draft.reported_by is None or draft.negated \
            or not draft.source or draft.modality != "factual":
        return None
    verb = _reporting_verb(draft.found.token, lexicon)
    if verb is None or verb.i > draft.found.token.i:
        return None  # "..., officials said": an attribution, not an accusation
    speakers = _actors(verb_roles(verb)[0], resolver)
    countries = {a.country for a in speakers}
    accused = [a for a in draft.source if a.country and a.country not in countries]
    if not speakers or None in countries or not accused:
        return None
    victims = {a.country for a in draft.target}
    if victims - countries - {a.country for a in accused}:
        return None  # "Pentagon officials said Ukraine had struck Russian refineries": a report
    return _statement(draft.found, verb, ("ccomp",), speakers, accused, None, offset,
                      "ACCUSE", codes[draft.plover_type])


def _reporting_verb(token: Token, lexicon: EventLexicon) -> Token | None:
    steps = 0
    while token.head.i != token.i and steps < 6:
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in lexicon.cue("reporting_verbs"):
            return token.head
        token, steps = token.head, steps + 1
    return None


def _public(actor: Actor) -> bool:
    """Anyone but a single private person ("He complied"): states, organisations, groups and
    crowds ("protesters demanded ..."), holders of public roles."""
    return actor.kind != "person" or actor.sector not in (None, "CVL")


def _alone(draft: Draft, lexicon: EventLexicon) -> bool:
    """"The cabinet met on Sunday (in Beirut)": a body meeting by itself consults nobody; the
    venue of its meeting is no party to it."""
    home = {a.country for a in draft.source}
    parties = [a for a in draft.target if not _venue(a, home)]
    return draft.plover_type == "CONSULT" and not draft.found.nominal \
        and draft.found.token.lemma_.lower() in lexicon.cue("gathering_verbs") \
        and len(draft.source) <= 1 and not parties \
        and not any(a.kind == "group" for a in draft.source)  # "the two leaders met"


def _joint(drafts: list[Draft], lexicon: EventLexicon) -> list[Draft]:
    """Exercises and patrols held by the forces of two countries together: cooperation."""
    codes, rules = lexicon.reinterpret.get("joint", {}), lexicon.cue("joint_rules")
    return [replace(d, plover_type="COOPERATE", cameo=codes[d.plover_type])
            if d.plover_type in codes and d.found.entry.rule in rules
            and len({a.country for a in d.source + d.target if a.country}) >= 2
            and not d.target else d for d in drafts]


def _riots(drafts: list[Draft], lexicon: EventLexicon) -> list[Draft]:
    """Protesters' violence against property or people is a riot (PROTEST), as is the violence
    done in the course of a protest by the same actors ("rioted, setting fire to ..."). In a
    clash between forces and rioters, the rioters' side is a riot too."""
    codes = lexicon.reinterpret.get("riot", {})
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
        if clash and people and all(a.kind == "person" and a.sector not in ARMED_SECTORS
                                    for a in people) \
                and "verbal_clash" in lexicon.reinterpret:
            out.append(replace(draft, plover_type="ACCUSE",  # "has clashed with Trump"
                               cameo=lexicon.reinterpret["verbal_clash"][draft.plover_type]))
            continue
        rioters = draft.source and all(protester(a) or a.code in protesting and a.kind != "state"
                                       and a.sector in (None, "CVL", "OPP") for a in draft.source)
        crowd = tuple(a for a in draft.target if protester(a)) if clash else ()
        if rioters and (draft.found.entry.mode in modes or clash):
            draft = replace(draft, plover_type="PROTEST", cameo=codes[draft.plover_type])
        elif crowd:  # "Syrian forces clash with rioters": the rioters riot against them
            out.append(replace(draft, source=crowd, target=draft.source, plover_type="PROTEST",
                               cameo=codes[draft.plover_type]))
        out.append(draft)
    return out


def _antecedents(sent: SpacySpan, resolver: ActorResolver) -> None:
    """"King Hassan was quoted as saying he would ...": the subjects before a pronoun are
    what it can refer to, even when they are no event's participant."""
    pronoun = next((t for t in sent if t.pos_ == "PRON" and t.lower_ in PRONOUNS), None)
    if pronoun is None:
        return
    for token in sent.doc[sent.start:pronoun.i]:
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("PROPN", "NOUN"):
            resolver.resolve_all(token)


def _localised(draft: Draft, locative: tuple | None, country: str | None,
               resolver: ActorResolver) -> Draft:
    """Domestic actors without a country ("the police", "President X") take the context's;
    an event with a source but no target is aimed at the country where it happened."""
    if country is None:
        return draft
    source = tuple(resolver.with_country(a, country) for a in draft.source)
    target = tuple(resolver.with_country(a, country) for a in draft.target)
    place = resolver.event_place(draft.found.token)
    if place is not None and len(source) == 1 and not target:
        target = (resolver.place_actor(place),)
    elif len(source) == 1 and not target and source[0].country and draft.plover_type in \
            DOMESTIC_TYPES and (source[0].sector or draft.plover_type == "PROTEST"
                                and source[0].kind != "state"):
        target = (resolver.home_country(source[0]),)  # police arrests, protests: at home
    if place is not None and target and not source and draft.plover_type in UNATTRIBUTED_TYPES \
            and all(a.country == place[0] and a.sector for a in target):
        source = (resolver.place_actor(place),)  # "killed by a bomb in Beirut": no author
    if source == draft.source and target == draft.target:
        return draft
    return replace(draft, source=source, target=target)


def main_triggers(found: list[Found], lexicon: EventLexicon) -> list[Found]:
    """Drop triggers inside the argument of another trigger.

    "agreed that their countries should cooperate", "condemned the attack",
    "demanded the withdrawal": the sentence reports the outer event; the inner
    one is what was agreed, condemned or demanded (kept as that event's content).
    """
    attempts = {f.token.i for f in found if _attempt(f, lexicon) or _topic(f)}
    positions = {f.token.i for f in found} - attempts
    return [f for f in found if (_governing_trigger(f.token, positions, lexicon) is None
                                 and not _background(f.token, positions)
                                 and f.token.i not in attempts)
            or (f.nominal and planned_nominal(f.token, lexicon))
            or (f.entry.plover_type == "PROTEST" and _purpose(f.token, lexicon))]


def _purpose(token: Token, lexicon: EventLexicon) -> bool:
    """"shunned work to protest at the settlements": the act was the protest (not "urged
    Russians to protest", "plans to protest": asked for or intended)."""
    head = token.head.lemma_.lower()
    return token.dep_ in ("advcl", "xcomp") and token.head.i < token.i \
        and to_infinitive(token) and not (
        head in lexicon.cue("directive_verbs") or head in lexicon.cue("intent")
        or head in lexicon.cue("planned") or head in lexicon.cue("commissive_verbs"))


def _topic(found: Found) -> bool:
    """"was asked about the deal", "a book about the war": what is talked about."""
    token = found.token
    return found.nominal and token.dep_ == "pobj" and token.head.lower_ in (
        "about", "regarding", "concerning")


def _attempt(found: Found, lexicon: EventLexicon) -> bool:
    """"are seeking to deepen a partnership": the subject tries its own act (coded with
    intent); "seek" is a request only when it asks for something ("sought help")."""
    return not found.nominal and found.token.lemma_.lower() in lexicon.cue("attempt_verbs") \
        and any(c.dep_ == "xcomp" for c in found.token.children)


def _consequence(verb: Token) -> bool:
    """"..., killing one person and arresting 12": a participle after the main clause."""
    return verb.tag_ == "VBG" and verb.i > verb.head.i and not any(
        c.dep_ in ("mark", "aux") for c in verb.children)


def _elaborates(verb: Token, main: set[int], lexicon: EventLexicon) -> bool:
    """A demand reported by ", saying he must resign" after a coded main act."""
    head = verb.head
    return verb.dep_ == "advcl" and _consequence(verb) and _elaboration(verb, lexicon) and (
        head.i in main or any(c.i in main for c in head.children if c.dep_ in ("dobj", "obj")))


def _elaboration(verb: Token, lexicon: EventLexicon) -> bool:
    """"rejected the proposal, saying ...", "staged rallies, urging ...": what the actor said
    while doing the main act explains that act; it is not a second event."""
    lemma = verb.lemma_.lower()
    return lemma in lexicon.cue("reporting_verbs") or lemma in lexicon.cue("directive_verbs")


def _background(token: Token, positions: set[int]) -> bool:
    """Inside a relative clause about a participant ("Sharon, who has vowed ...",
    "a resolution that aims to impose a blockade"): background, not the news."""
    steps = 0
    while token.head.i != token.i and steps < 8:
        if token.dep_ == "relcl" and token.head.i not in positions:
            return True
        token, steps = token.head, steps + 1
    return False


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


def _governing_trigger(token: Token, positions: set[int],
                       lexicon: EventLexicon) -> Token | None:
    start, steps = token.i, 0
    clause_marks, light_verbs = lexicon.cue("clause_marks"), lexicon.cue("light_verbs")
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "were killed or wounded": embedded where its first conjunct is
    while token.dep_ in EMBEDDING_DEPS and token.head.i != token.i and steps < 8:
        if token.dep_ == "advcl" and (any(c.dep_ == "mark" and c.lower_ in clause_marks
                                          for c in token.children) or _consequence(token)
                                      and not _elaboration(token, lexicon)):
            return None  # "While Ukraine expressed support, ...": a clause of its own
        purpose = token.dep_ in ("advcl", "xcomp") and to_infinitive(token)
        elaborating = token.dep_ == "advcl" and _consequence(token)
        complement = token.dep_ == "ccomp"
        token = token.head
        steps += 1
        if token.i in positions:
            return token
        if complement:  # "reiterated its demand that Israel ease ...": the demand's clause
            demand = next((c for c in token.children if c.dep_ in ("dobj", "obj")
                           and c.i in positions and c.i < start), None)
            if demand is not None:
                return demand
        if (purpose and token.lemma_.lower() in light_verbs or elaborating) and any(
                c.i in positions and c.i != start for c in token.children
                if c.dep_ in ("dobj", "obj")):
            return token  # "held a phone call ... to discuss": the call is the event
    return None


def _asserted(noun: Token, lexicon: EventLexicon) -> bool:
    """A participant-less event noun still counts when a verb asserts it happened."""
    head = noun.head.lemma_.lower()
    if noun.dep_ in ("dobj", "obj") and head in lexicon.cue("light_verbs"):
        return True
    return noun.dep_ in ("nsubj", "nsubjpass") and head in lexicon.cue("occurrence_verbs")


def _draft(found: Found, sent: SpacySpan, offset: int, lexicon: EventLexicon,
           resolver: ActorResolver) -> Draft | None:
    token = found.token
    mod = analyse(token, lexicon)
    reporter = _reporter(mod.reporter, resolver)  # first: "Syria says it will ..."
    if found.nominal:
        src_heads, tgt_heads, symmetric = noun_roles(
            token, topical=found.entry.plover_type in TOPICAL_TYPES,
            from_source=found.entry.plover_type not in PLACE_FROM_TYPES)
    else:
        (src_heads, tgt_heads), symmetric = verb_roles(token), False
    sources = _actors(src_heads, resolver)
    codes = {a.code for a in sources}
    targets = _without_bare_duplicates([a for a in _actors(tgt_heads, resolver)
                                        if a not in sources and not (
                                            a.code in codes and a.text.lower() in PRONOUNS)])
    if symmetric and len(sources) >= 2 and not targets:
        resolver.note_pair(sources)
        sources, targets = sources[:1], sources[1:]
    elif len(sources) >= 2:
        resolver.note_pair(sources)
    plover_type, cameo, negated, modality = _reinterpret(found, mod, lexicon, bool(sources))
    content = _content(found, sent) if found.entry.plover_type in CONTENT_TYPES else None
    if not targets:
        targets = _targets_from_complement(token, resolver, sources, plover_type)
    if not targets and found.nominal and content:
        targets = _subject_after(found, sent, resolver, sources)
    targets = _without_own_agents(targets, sources)
    if mod.threat_verb is not None and plover_type in lexicon.reinterpret.get("threat", {}):
        return _threat(found, plover_type, mod.threat_verb, lexicon, resolver, targets,
                       reporter, offset)
    if mod.alleging_verb is not None and not mod.negated and \
            plover_type in lexicon.reinterpret.get("allegation", {}):
        return _allegation(found, plover_type, mod.alleging_verb, lexicon, resolver, sources,
                           offset)
    doc = token.doc
    trigger = Span(doc[found.first:found.last + 1].text, offset + doc[found.first].idx,
                   offset + doc[found.last].idx + len(doc[found.last].text))
    confidence = found.entry.confidence * (1.0 if sources else 0.7) * (1.0 if targets else 0.9)
    return Draft(found, trigger, tuple(sources), tuple(targets), negated, modality,
                 reporter, content, round(confidence, 3), plover_type, cameo)


def _reinterpret(found: Found, mod, lexicon: EventLexicon,
                 has_source: bool) -> tuple[str, str, bool, str]:
    """Intent to cooperate is AGREE; a refused cooperative act is REJECT (reinterpret.yaml)."""
    entry = found.entry
    kind = entry.plover_type
    cancelled = lexicon.reinterpret.get("cancellation", {})
    if kind in cancelled and found.token.dep_ in ("dobj", "obj", "xcomp") and \
            found.token.head.lemma_.lower() in lexicon.cue("cancel_verbs"):
        return "SANCTION", cancelled[kind], False, "factual"  # "cancelled a planned visit"
    asserted_noun = found.nominal and _asserted(found.token, lexicon)
    if mod.negated and kind in lexicon.reinterpret.get("refusal", {}) and (
            not found.nominal or asserted_noun):  # "will not accept", "failed to reach a deal"
        return "REJECT", lexicon.reinterpret["refusal"][kind], False, "factual"
    prepared = lexicon.reinterpret.get("preparation", {})
    if mod.preparing and has_source and not mod.negated and kind in prepared:
        return "MOBILIZE", prepared[kind], False, mod.modality  # "prepared to resume shelling"
    threat_codes = lexicon.reinterpret.get("threat", {})
    intent_codes = lexicon.reinterpret.get("intent", {})
    if mod.intent and has_source and not mod.negated and kind in threat_codes \
            and kind not in intent_codes and not found.nominal \
            and mod.modality in ("planned", "factual"):
        return "THREATEN", threat_codes[kind], False, "factual"  # "will boycott"
    offered = found.nominal and found.token.dep_ in ("dobj", "obj")  # "offered concessions"
    scheduled = kind == "CONSULT" and not mod.willing  # "will visit Israel next week"
    if mod.intent and has_source and not mod.negated and kind in intent_codes \
            and mod.modality in ("planned", "factual", "hypothetical") \
            and (not found.nominal or offered) and not scheduled:
        return "AGREE", intent_codes[kind], False, "factual"
    return kind, entry.cameo, mod.negated, mod.modality


def _actors(heads: list[Token], resolver: ActorResolver) -> list[Actor]:
    actors: list[Actor] = []
    for head in heads:
        pair = resolver.resolve_pair(head)
        found = list(pair) if pair else resolver.resolve_all(head)
        if not found:
            found = _fallback(head, resolver)
        for actor in found:
            if actor is not None and all(_key(actor) != _key(a) for a in actors):
                actors.append(actor)
    return actors


def _venue(actor: Actor, home: set) -> bool:
    """A bare state that is the sources' own country: where they met, not whom they met."""
    return actor.kind == "state" and actor.sector is None and actor.country in home


def _without_own_agents(targets: list[Actor], sources: list[Actor]) -> list[Actor]:
    """"recalled its ambassador from Colombia", "sent their troops to Mali": the source's own
    people are what it moves, not whom it acts on, when another country is the target."""
    home = {a.country for a in sources if a.country}
    if len(sources) >= 2:  # "talks between Russia and China were held in Beijing": the venue
        targets = [a for a in targets if not _venue(a, home)]
    foreign = [a for a in targets if a.country and a.country not in home]
    if not home or not foreign:
        return targets
    return [a for a in targets if not (
        a.country in home and a.text.lower().split()[0] in PRONOUNS
        or a.country is None and a.sector == "MIL")]  # "agreed to send troops to Estonia"


def _without_bare_duplicates(actors: list[Actor]) -> list[Actor]:
    """"met Erdogan in Ankara": the country alone adds nothing beside its president."""
    coded = {a.country for a in actors if a.sector or a.kind == "person"}
    return [a for a in actors if a.sector or a.kind == "person" or a.country not in coded]


def _fallback(head: Token, resolver: ActorResolver) -> list[Actor]:
    """"Trump's idea", "the government of Syria", "the sanctions imposed by the US", "the
    agreement between the two Koreas": the actors attached to a non-actor noun."""
    for child in head.children:
        if child.dep_ == "poss":
            return [a for a in [resolver.resolve(child)] if a is not None]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "by", "between"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = [a for t in conjuncts(pobj) for a in resolver.resolve_all(t)]
                    return found if child.lower_ == "between" else found[:1]
    for clause in head.children:  # "the sanctions imposed by the US"
        if clause.dep_ == "acl" and clause.tag_ == "VBN":
            for agent in clause.children:
                if agent.dep_ == "agent":
                    return [a for p in agent.children if p.dep_ == "pobj"
                            for a in resolver.resolve_all(p)][:1]
    return []


def _key(actor: Actor) -> tuple:
    return (actor.code, actor.name, actor.start)


def _reporter(head: Token | None, resolver: ActorResolver) -> Actor | None:
    return resolver.resolve(head) if head is not None else None


def _listed(found: list[Found], sent: SpacySpan) -> set[int]:
    """Tokens of a list after a demand's colon ("set conditions: Ukraine must end its
    mobilization, ..."): the items are the demand's content, not events of their own."""
    doc = sent.doc
    for trigger in found:
        if trigger.entry.plover_type not in CONTENT_TYPES:
            continue
        colon = next((t for t in doc[trigger.last + 1:sent.end] if t.text == ":"), None)
        if colon is not None and colon.i - trigger.last <= 4:
            return set(range(colon.i + 1, sent.end))
    return set()


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


def _targets_from_complement(trigger: Token, resolver: ActorResolver, sources: list[Actor],
                             plover_type: str) -> list[Actor]:
    """"demanded that its partners refuse ...", "its demands that Burundi's government
    grant ...", "threatened to cut off power to X", "threatened to stop talks if the US ..."."""
    codes = {s.code for s in sources}
    clauses = ("ccomp", "xcomp") if trigger.pos_ in ("VERB", "AUX") else ("ccomp", "acl")
    children = list(trigger.children)
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj"):
        children += [c for c in trigger.head.children if c.dep_ == "ccomp" and c.i > trigger.i]
    if trigger.pos_ in ("VERB", "AUX"):  # "insisted on its demands that Burundi's government"
        children += [c for p in trigger.children if p.dep_ == "prep" for o in p.children
                     if o.dep_ == "pobj" for c in o.children if c.dep_ in ("acl", "ccomp")]
    for child in children:
        if child.dep_ not in clauses + ("acl",):
            continue
        subjects = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
        heads = subjects if child.dep_ != "xcomp" and subjects else verb_roles(child)[1]
        found = [a for a in _actors(heads, resolver) if a.code not in codes]
        if not found and plover_type == "THREATEN":
            found = _condition_subjects(child, resolver, sources)
        if found:
            return found
    return []


def _subject_after(found: Found, sent: SpacySpan, resolver: ActorResolver,
                   sources: list[Actor]) -> list[Actor]:
    """"set conditions: Ukraine must end ...": the subject of the clause after the colon."""
    codes = {s.code for s in sources}
    for token in found.token.doc[found.last + 1:sent.end]:
        if token.dep_ in ("nsubj", "nsubjpass"):
            actors = [a for a in resolver.resolve_all(token) if a.code not in codes]
            if actors:
                return actors
    return []


def _threat(found: Found, plover_type: str, verb: Token, lexicon: EventLexicon,
            resolver: ActorResolver, targets: list[Actor], reporter: Actor | None,
            offset: int) -> Draft:
    """"He hinted that such measures could be imposed if Russia ...": a THREATEN event."""
    sources = _actors(verb_roles(verb)[0], resolver)
    if not targets:
        targets = _condition_subjects(found.token, resolver, sources)
    return _statement(found, verb, ("ccomp", "xcomp"), sources, targets, reporter, offset,
                      "THREATEN", lexicon.reinterpret["threat"][plover_type])


def _allegation(found: Found, plover_type: str, verb: Token, lexicon: EventLexicon,
                resolver: ActorResolver, accused: list[Actor], offset: int) -> Draft:
    """"The US claimed that ISIL had attacked Iraq": the US accuses ISIL."""
    sources = _actors(verb_roles(verb)[0], resolver)
    codes = {a.code for a in sources}
    targets = [a for a in accused if a.code not in codes]
    return _statement(found, verb, ("ccomp",), sources, targets, None, offset, "ACCUSE",
                      lexicon.reinterpret["allegation"][plover_type])


def _statement(found: Found, verb: Token, complement_deps: tuple[str, ...],
               sources: list[Actor], targets: list[Actor], reporter: Actor | None,
               offset: int, plover_type: str, code: str) -> Draft:
    """The event of the verb that says it (a threat, an allegation); what was said, with the
    event the coder found in it, becomes its content."""
    complement = next((c for c in verb.children if c.dep_ in complement_deps), found.token)
    content = verb.doc[complement.left_edge.i:complement.right_edge.i + 1].text.strip(" .,")
    trigger = Span(verb.text, offset + verb.idx, offset + verb.idx + len(verb.text))
    confidence = found.entry.confidence * (1.0 if sources else 0.7) * 0.8
    said = Found(verb, verb.i, verb.i, found.entry, nominal=False)
    return Draft(said, trigger, tuple(sources), tuple(targets), False, "factual", reporter,
                 content, round(confidence, 3), plover_type, code)


def _condition_subjects(token: Token, resolver: ActorResolver,
                        sources: list[Actor]) -> list[Actor]:
    """The subject of the "if" clause attached to the threatened act."""
    codes = {s.code for s in sources}
    for clause in token.children:
        if clause.dep_ == "advcl":
            for subject in clause.children:
                if subject.dep_ in ("nsubj", "nsubjpass"):
                    return [a for a in resolver.resolve_all(subject) if a.code not in codes]
    return []


def directives(sent: SpacySpan, offset: int, lexicon: EventLexicon,
               resolver: ActorResolver) -> list[Draft]:
    """"X said Y must/should do Z": a REQUEST from X to Y whose content is Z."""
    modals = lexicon.cue("directive_modals")
    entry = _directive_entry(lexicon)
    drafts: list[Draft] = []
    if not modals or entry is None:
        return drafts
    for verb in sent:
        if verb.lemma_.lower() not in lexicon.cue("reporting_verbs"):
            continue
        for clause in verb.children:
            modal = next((c for c in clause.children if c.dep_ == "aux"
                          and c.lower_ in modals), None)
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")),
                           None)
            if clause.dep_ != "ccomp" or modal is None or subject is None:
                continue
            sources = _actors(verb_roles(verb)[0], resolver)
            codes = {a.code for a in sources}
            targets = [a for a in resolver.resolve_all(subject) if a.code not in codes]
            if not (sources or targets):
                continue
            doc = verb.doc
            content = doc[clause.left_edge.i:clause.right_edge.i + 1].text.strip(" .,")
            trigger = Span(modal.text, offset + modal.idx, offset + modal.idx + len(modal.text))
            found = Found(clause, modal.i, modal.i, entry, nominal=False)
            drafts.append(Draft(found, trigger, tuple(sources), tuple(targets), False,
                                "factual", None, content, 0.6, "REQUEST", entry.cameo))
    return drafts


def _directive_entry(lexicon: EventLexicon):
    """The lexicon entry a statement-borne demand is coded with: request.demand."""
    return lexicon.by_rule.get("request.demand")
