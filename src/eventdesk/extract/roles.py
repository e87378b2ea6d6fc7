"""Who did it to whom: source and target heads of a trigger from the dependency parse."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
OBJECT_DEPS = ("dobj", "obj", "dative", "iobj")
TARGET_PREPS = frozenset({"with", "against", "on", "to", "toward", "towards", "at", "into",
                          "upon", "over", "from", "for", "of", "in"})
NOUN_TARGET_PREPS = frozenset({"with", "against", "on", "to", "toward", "towards", "at",
                               "into", "upon", "for", "from", "of"})
TOPIC_PREPS = frozenset({"on", "of", "for", "over"})
# "hosted a meeting between A and B": the host is a party to the meeting with both.
CONVENING_VERBS = frozenset({"host", "organize", "organise", "convene", "arrange", "broker",
                             "sponsor", "chair"})
# "five days of fighting", "a new round of talks": the event is where the measure stands.
MEASURE_NOUNS = frozenset({"day", "week", "month", "year", "hour", "night", "round", "series",
                           "wave", "spate", "string", "bout", "period", "session", "decade"})
DURING_PREPS = frozenset({"after", "during", "following", "since", "before", "within", "amid",
                          "throughout", "despite"})
# "faces pressure", "came under fire", "received threats": the subject undergoes the event.
RECEIVING_VERBS = frozenset({"face", "receive", "suffer", "endure", "draw", "attract", "incur",
                             "undergo", "weather"})  # "drew up sanctions": not with a particle
INHERIT_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acl", "ccomp", "acomp")


def conjuncts(token: Token) -> list[Token]:
    """The token and the words coordinated with it ("Russia and Ukraine")."""
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


def verb_roles(verb: Token) -> tuple[list[Token], list[Token]]:
    sources = _children(verb, SUBJECT_DEPS)
    targets = _children(verb, OBJECT_DEPS)
    passive = _children(verb, PASSIVE_SUBJECT_DEPS)
    agents = [g for a in verb.children if a.dep_ == "agent" for g in _pobjs(a)]
    if passive:
        targets = passive + targets
        sources = agents or sources or _instruments(verb)
    if not sources and _bare_passive_participle(verb):
        targets = inherited_subject(verb) + targets  # "Asked about it, the ministry said"
        sources = agents
    elif not sources:
        sources = inherited_subject(verb)
    if not sources:  # "talks between Russia and China were held": the pair held them
        sources = [p for t in targets if t.pos_ == "NOUN" for c in t.children
                   if c.dep_ == "prep" and c.lower_ == "between" for p in _pobjs(c)]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in TARGET_PREPS:
            targets += [p for p in _pobjs(prep) if p not in sources]
    for obj in list(targets):  # "imposed sanctions on Russia", "hosted talks between A and B"
        if obj.pos_ == "NOUN":
            targets += [p for c in obj.children if c.dep_ == "prep"
                        and c.lower_ in NOUN_TARGET_PREPS | {"between"} for p in _pobjs(c)]
    return _expand(sources), _expand(targets)


def noun_roles(noun: Token, topical: bool = False,
               from_source: bool = False) -> tuple[list[Token], list[Token], bool]:
    """Sources, targets, and whether the participants are symmetric ("talks between").

    ``topical``: for talks and agreements "on", "of", "for" and "over" name the topic
    ("an agreement on the fate of the offices"), not a party; for sanctions and attacks
    they name the target ("sanctions on Russia")."""
    target_preps = NOUN_TARGET_PREPS - TOPIC_PREPS if topical else NOUN_TARGET_PREPS
    sources = [c for c in noun.children if c.i < noun.i and (
        c.dep_ == "poss" or c.dep_ in ("compound", "amod", "nmod") and c.text[:1].isupper())]
    targets: list[Token] = []
    symmetric = False
    for prep in noun.children:
        if prep.dep_ != "prep":
            continue
        word = prep.lower_
        if word == "between" or word == "among":
            symmetric = True
            sources += _pobjs(prep)
        elif word == "by" or word == "from" and from_source:  # "support from Moscow"
            sources += _pobjs(prep)
        elif word in target_preps:
            targets += _pobjs(prep)
    head = noun.head
    named = [s for s in sources if s.dep_ != "amod" and s.pos_ != "PRON"]
    measure = head.head if noun.dep_ == "pobj" and head.lower_ == "of" else None
    if measure is not None and measure.lemma_.lower() in MEASURE_NOUNS and (
            measure.dep_ in ("dobj", "obj") or measure.dep_ == "pobj"
            and measure.head.lower_ in DURING_PREPS):
        noun = measure  # "after five days of fighting", "launched ten days of war games"
        head = noun.head
    undergoer = None
    if noun.dep_ in ("dobj", "obj") and head.lemma_.lower() in RECEIVING_VERBS and not any(
            c.dep_ == "prt" for c in head.children):
        undergoer = head  # "Obama faces pressure from Congress", "endured months of attacks"
    elif noun.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ in ("VERB", "AUX"):
        undergoer = head.head  # "has been under pressure from progressive groups"
    if undergoer is not None:
        authors = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"
                   for p in _pobjs(c)]
        sources = [s for s in sources if s not in authors] + authors
        return _expand(sources), _expand([t for t in targets if t not in authors]
                                          + verb_roles(undergoer)[0]), symmetric
    if symmetric and noun.dep_ in ("dobj", "obj") and head.lemma_.lower() in CONVENING_VERBS:
        hosts = verb_roles(head)[0]
        if hosts:  # "hosted a meeting between A and B": the host meets both
            return _expand(hosts), _expand(sources + targets), False
    if not named and noun.dep_ in ("dobj", "obj", "attr", "pobj", "nsubjpass"):
        governor = head.head if noun.dep_ == "pobj" and head.dep_ == "prep" else head
        if governor.pos_ in ("VERB", "AUX"):
            verb_sources, verb_targets = verb_roles(governor)
            if verb_sources:  # "held their first meeting": "their" is the subject
                sources = [s for s in sources if s.pos_ != "PRON"]
            sources = verb_sources + sources
            if not targets:
                targets = [t for t in verb_targets if t.i != noun.i]
    return _expand(sources), _expand(targets), symmetric


def inherited_subject(verb: Token, depth: int = 0) -> list[Token]:
    """Subject of the governing clause for "to discuss", "accusing", "and met"."""
    if depth > 3 or verb.dep_ not in INHERIT_DEPS + ("relcl",) or verb.head.i == verb.i:
        return []
    head = verb.head
    if verb.dep_ == "relcl" or verb.dep_ == "acl" and verb.tag_ == "VBG":
        # "Sharon, who vowed", "protesters demanding": the noun the clause is about
        return [head] if head.pos_ in ("NOUN", "PROPN") else []
    if verb.dep_ == "ccomp":
        return []  # a complement clause has its own subject
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        # "stopped short of announcing": climb the preposition to the verb it hangs from
        while head.dep_ in ("prep", "advmod", "acomp") and head.head.i != head.i:
            head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            return []
    subjects = _children(head, SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS)
    if subjects:
        return subjects
    if head.dep_ == "pobj" or head.dep_ == "prep":
        return []
    return inherited_subject(head, depth + 1)


def _bare_passive_participle(verb: Token) -> bool:
    """"Asked about X, the ministry said ...", "Backed by Russia, Assad ...": the subject of the
    main clause underwent the participle's act."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and verb.i < verb.head.i and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in verb.children)


def _children(token: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def _expand(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    seen: set[int] = set()
    for token in tokens:
        for t in conjuncts(token):
            if t.i not in seen:
                seen.add(t.i)
                out.append(t)
    return out


def _instruments(verb: Token) -> list[Token]:
    """"were killed in Israeli shelling": the attack's author stands for the agent."""
    return [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in ("in", "by")
            for p in _pobjs(prep) if p.pos_ == "NOUN" and any(
                c.dep_ in ("amod", "compound", "poss") and c.text[:1].isupper()
                for c in p.children)]
