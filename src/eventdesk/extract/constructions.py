"""Stage 2, role assignment: the role constructions of the lexicon (constructions.yaml) run as
one spaCy DependencyMatcher over a Doc; each trigger takes its source and target words from
the constructions anchored at it, in lexicon order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventdesk.extract.depmatch import matches
from eventdesk.extract.syntax import bare_conjunct, passive, passive_top, passive_voice
from eventdesk.lexicon.events import Construction, EventLexicon, TypeBehaviour

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NO_OWN_CLAUSE = ("aux", "auxpass", "nsubj", "nsubjpass", "mark")


def _bare_participle(trigger: Token, nodes: dict[str, Token]) -> bool:
    """"Backed by Osterlich, the rebels ...": a past participle before its head, on its own."""
    return trigger.tag_ == "VBN" and trigger.dep_ == "advcl" and trigger.i < trigger.head.i \
        and not any(c.dep_ in _NO_OWN_CLAUSE for c in trigger.children)


def _undergone(trigger: Token, lexicon: EventLexicon) -> bool:
    """"faced attacks", "came under attack": the event is suffered by the subject."""
    head = trigger.head
    return trigger.dep_ == "pobj" and head.lower_ == "under" or trigger.dep_ in (
        "dobj", "obj") and head.lemma_.lower() in lexicon.cue("receiving_verbs") and not any(
        c.dep_ == "prt" for c in head.children)  # "drew up sanctions" is no undergoing


def _carrying(verb: Token, lexicon: EventLexicon, triggers: frozenset[int]) -> bool:
    """A verb that carries the noun's event ("launched an attack") rather than being an
    event of its own ("condemned the attack"): a light verb, or any verb no trigger."""
    return verb.lemma_.lower() in lexicon.cue("light_verbs") or verb.i not in triggers


class Anchors:
    """A Doc's construction matches, computed per token when first asked for, and the tokens
    that are triggers."""

    def __init__(self, doc: Doc, constructions, triggers=()):
        self.doc = doc
        self.constructions = constructions
        self.triggers = frozenset(triggers)
        self._by_token: dict[int, dict[str, list[dict[str, int]]]] = {}

    def at(self, i: int) -> dict[str, list[dict[str, int]]]:
        """Construction name -> the matched nodes (node id -> token index) anchored at i."""
        if i not in self._by_token:
            token = self.doc[i]
            found = {}
            for construction in self.constructions:
                nodes = matches(construction.pattern, token)
                if nodes:
                    found[construction.name] = nodes
            self._by_token[i] = found
        return self._by_token[i]


# A predicate sees the trigger, the matched nodes, the lexicon and the Doc's trigger tokens.
Predicate = Callable[["Token", dict[str, "Token"], EventLexicon, frozenset[int]], bool]
PREDICATES: dict[str, Predicate] = {
    "filler_before_trigger": lambda trigger, nodes, lex, trig: nodes["filler"].i < trigger.i,
    "bare_participle": lambda trigger, nodes, lex, trig: _bare_participle(trigger, nodes),
    "not_bare_participle": lambda trigger, nodes, lex, trig: not _bare_participle(
        trigger, nodes),
    "governor_without_particle": lambda trigger, nodes, lex, trig: not any(
        c.dep_ == "prt" for c in nodes["verb"].children),
    "passive_trigger": lambda trigger, nodes, lex, trig: passive_voice(trigger),
    "not_undergone": lambda trigger, nodes, lex, trig: not _undergone(trigger, lex),
    "carrying_verb": lambda trigger, nodes, lex, trig: _carrying(nodes["verb"], lex, trig),
    # "imposed sanctions on Vell" (a light verb) or "seized weapons from Vell" (no event noun),
    # but not "condemned the attack on Vell": that target is the attack's
    "noun_carried": lambda trigger, nodes, lex, trig: trigger.lemma_.lower() in lex.cue(
        "light_verbs") or nodes["noun"].i not in trig,
    # "journalists arrested by the police", not "sanctions imposed by the EU" (the noun is the
    # event the participle carries)
    "filler_no_trigger": lambda trigger, nodes, lex, trig: nodes["filler"].i not in trig,
    # "Russia said Israel was responsible for the attack", not "Hamas denied it was
    # responsible" nor "was not behind it": a denied attribution names no doer
    "attribution_upheld": lambda trigger, nodes, lex, trig: _upheld(nodes["verb"], lex),
    "small_clause": lambda trigger, nodes, lex, trig: _small_clause(trigger),
    "not_small_clause": lambda trigger, nodes, lex, trig: not _small_clause(trigger),
    "order_governs": lambda trigger, nodes, lex, trig: trigger.head.i == nodes["verb"].i or (
        trigger.dep_ == "acl" and trigger.head.dep_ in ("dobj", "obj")
        and trigger.head.head.i == nodes["verb"].i),
    "nearest_verb": lambda trigger, nodes, lex, trig: next(
        (t.i for t in nodes["prep"].ancestors if t.pos_ in ("VERB", "AUX")), None)
    == nodes["head"].i,
    "not_passive_conjunct": lambda trigger, nodes, lex, trig: not (
        trigger.dep_ == "conj" and any(c.dep_ == "auxpass" for c in trigger.children)
        and not any(c.dep_ in ("nsubjpass", "nsubj") for c in trigger.children)
        or passive_top(trigger) is not None),
    "misattached_subject": lambda trigger, nodes, lex, trig: _misattached(
        trigger, nodes["participle"], nodes["filler"]),
    "passive_chain": lambda trigger, nodes, lex, trig: getattr(
        passive_top(trigger), "i", None) == nodes["head"].i,
    "agent_of_chain": lambda trigger, nodes, lex, trig: _agent_of_chain(trigger,
                                                                        nodes["agent"]),
    # "civilians were killed in airstrikes and shelling": a gerund joined to a passive verb
    # is mostly a noun the parser took for a verb; the passive's subject underwent the
    # first verb and does not do it ("were attacked and shelled the town" keeps its subject)
    "not_passive_of_conjunct": lambda trigger, nodes, lex, trig: not (
        trigger.dep_ == "conj" and trigger.tag_ == "VBG"
        and nodes["filler"].dep_ in ("nsubjpass", "csubjpass")),
}


def _misattached(trigger: Token, participle: Token, subject: Token) -> bool:
    """A subject the parser hung on a gerund between it and a verb without a subject."""
    return subject.i < participle.i < trigger.i and not any(
        c.dep_ in ("aux", "mark") for c in participle.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in trigger.children)


def _agent_of_chain(trigger: Token, agent: Token) -> bool:
    """The "by" agent belongs to a later participle of the trigger's passive chain."""
    if not (passive(trigger) or passive_top(trigger) is not None):
        return False
    verb = agent.head
    while verb.i != trigger.i and bare_conjunct(verb):
        verb = verb.head
    return verb.i == trigger.i and agent.head.i != trigger.i


def _small_clause(trigger: Token) -> bool:
    """A bare past participle completing a verb, with no auxiliary ("ordered it revoked")."""
    return trigger.tag_ == "VBN" and trigger.dep_ in ("ccomp", "xcomp", "oprd") \
        and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children)


def _upheld(verb: Token, lexicon: EventLexicon) -> bool:
    """The attribution is asserted, or reported by someone who says it ("Kyiv said Moscow
    was behind the attack"): neither negated nor denied, nor embedded in another verb
    ("evidence proving Moscow was behind it" proves nothing yet)."""
    from eventdesk.extract.modality import has_negation
    from eventdesk.extract.reinterpret import verb_cue

    if has_negation(verb, lexicon) or verb.lemma_.lower() in lexicon.cue("denial_verbs"):
        return False
    if verb.dep_ != "ccomp":
        return verb.dep_ in ("ROOT", "conj", "relcl", "advcl")
    parent = verb.head
    return not has_negation(parent, lexicon) and (
        verb_cue(parent, "reporting_verbs", lexicon)
        or parent.lemma_.lower() in lexicon.cue("allegation_verbs"))


@dataclass
class Roles:
    """The words that fill a trigger's roles, and the constructions that gave them."""

    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    symmetric: bool = False
    used: list[str] = field(default_factory=list)


class RoleFinder:
    """Built once per (lexicon, vocabulary); ``anchor(doc)`` indexes a Doc's matches."""

    def __init__(self, lexicon: EventLexicon):
        self.lexicon = lexicon
        self.constructions = list(lexicon.constructions)
        self.fired: Counter[str] = Counter()  # construction -> roles filled (lexicon stats)

    def anchor(self, doc: Doc, triggers=()) -> Anchors:
        """The construction matches of a Doc (computed per token on demand); ``triggers``
        are the token indices the trigger stage found in the Doc."""
        return Anchors(doc, self.constructions, triggers)

    def roles(self, trigger: Token, nominal: bool, plover_type: str,
              behaviour: TypeBehaviour, index: Anchors, depth: int = 0,
              of_is: str = "target") -> Roles:
        """Sources and targets of one trigger, coordinated words added."""
        found = Roles()
        anchored = index.at(trigger.i)
        for construction in self.constructions:
            matches = anchored.get(construction.name)
            if not matches or not _applies(construction, nominal, plover_type, behaviour, of_is):
                continue
            slot = found.sources if construction.role == "source" else found.targets
            if construction.only_if_empty and slot:
                continue
            fillers = self._fillers(construction, trigger, matches, behaviour, index, depth)
            fillers = [f for f in fillers if f.i not in {t.i for t in slot}]
            if fillers:
                slot.extend(fillers)
                found.used.append(construction.name)
                found.symmetric = found.symmetric or construction.symmetric
                self.fired[construction.name] += 1
        found.sources = expand(found.sources)
        found.targets = [t for t in expand(found.targets)
                         if t.i not in {s.i for s in found.sources}]
        return found


    def _fillers(self, construction: Construction, trigger: Token, matches: list[dict],
                 behaviour: TypeBehaviour, index: Anchors, depth: int) -> list[Token]:
        doc = trigger.doc
        holding = [n for n in matches if _holds(construction, trigger, n, doc, behaviour,
                                                self.lexicon, index.triggers)]
        if construction.delegate is None:
            return [doc[n["filler"]] for n in sorted(holding, key=lambda n: n["filler"])]
        if depth >= MAX_DELEGATION:
            return []
        out: list[Token] = []
        role = construction.delegate_role or construction.role
        for nodes in holding:
            node = doc[nodes[construction.delegate]]
            nominal = node.pos_ in ("NOUN", "PROPN")
            roles = self.roles(node, nominal, "ASSAULT", self.lexicon.types["ASSAULT"], index,
                               depth + 1)
            words = roles.sources if role == "source" else roles.targets
            out += [w for w in words if w.i != trigger.i]
        return out


# Delegation follows carrying verbs at most this deep ("wants to agree to hold talks").
MAX_DELEGATION = 3


def _applies(construction: Construction, nominal: bool, plover_type: str,
             behaviour: TypeBehaviour, of_is: str = "target") -> bool:
    kind = "noun" if nominal else "verb"
    if construction.trigger not in ("any", kind):
        return False
    if construction.of_is is not None and construction.of_is != of_is:
        return False
    if construction.types and plover_type not in construction.types \
            or plover_type in construction.except_types:
        return False
    return construction.from_is is None or construction.from_is == behaviour.from_is


def _holds(construction: Construction, trigger: Token, nodes: dict[str, int], doc,
           behaviour: TypeBehaviour, lexicon: EventLexicon, triggers: frozenset[int]) -> bool:
    tokens = {k: doc[i] for k, i in nodes.items()}
    if construction.skip_topic_preps and "prep" in tokens and \
            tokens["prep"].lower_ in behaviour.topic_preps:
        return False
    return all(PREDICATES[name](trigger, tokens, lexicon, triggers)
               for name in construction.requires)


def conjuncts(token: Token) -> list[Token]:
    """The token and the words coordinated with it after it ("Russia and Ukraine"); a list
    the parser read as an appositive followed by a conjunct ("the Turkish minister, his
    Russian counterpart and Iran's minister") counts as coordinated too."""
    found = [token, *[c for c in token.conjuncts if c.i > token.i]]
    for child in token.children:
        if child.dep_ == "appos" and any(c.dep_ == "cc" for c in child.children) \
                and any(c.dep_ == "conj" for c in child.children):
            found += [child, *[c for c in child.conjuncts if c.i > child.i]]
    return found


def expand(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    seen: set[int] = set()
    for token in tokens:
        for t in conjuncts(token):
            if t.i not in seen:
                seen.add(t.i)
                out.append(t)
    return out


def run_example(finder: RoleFinder, nlp, construction: Construction,
                lexicon: EventLexicon, trigger_matcher) -> list[str]:
    """The filler words one construction alone finds in its own example (for tests);
    ``trigger_matcher`` (a TriggerMatcher) tells which words of the example are triggers."""
    from eventdesk.extract.triggers import event_words

    text = construction.example or ""
    start = text.index("[")
    plain = text.replace("[", "").replace("]", "")
    doc = nlp(plain)
    trigger = next(t for t in doc if t.idx == start)
    nominal = trigger.pos_ in ("NOUN", "PROPN")
    index = finder.anchor(doc, event_words(trigger_matcher.find(doc)))
    behaviour = _example_behaviour(construction, lexicon)
    matches = index.at(trigger.i).get(construction.name, [])
    if construction.trigger not in ("any", "noun" if nominal else "verb"):
        return []
    return [t.text for t in finder._fillers(construction, trigger, matches, behaviour, index, 0)]


def _example_behaviour(construction: Construction, lexicon: EventLexicon) -> TypeBehaviour:
    """A type the construction applies to (its examples need no particular one)."""
    for name in construction.types or lexicon.types:
        behaviour = lexicon.types[name]
        if construction.from_is in (None, behaviour.from_is) and not (
                construction.skip_topic_preps and behaviour.topic_preps):
            return behaviour
    return next(iter(lexicon.types.values()))

