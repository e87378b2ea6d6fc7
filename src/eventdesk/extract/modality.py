"""Negation, modality (planned, conditional, hypothetical) and reported speech of a trigger."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventdesk.extract.reinterpret import verb_cue
from eventdesk.extract.syntax import described, in_question, to_infinitive
from eventdesk.lexicon.events import EventLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

CLIMB_DEPS = frozenset({"xcomp", "ccomp", "nsubj", "nsubjpass", "dobj", "obj", "pobj", "prep",
                        "pcomp", "acl", "advcl", "relcl", "compound", "conj", "attr", "oprd",
                        "acomp", "appos"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})


@dataclass(frozen=True)
class Modality:
    negated: bool
    modality: str
    reporter: Token | None  # subject head of the verb that reports the event
    threatened: bool  # inside what a threat threatens
    intent: bool  # stated as the subject's intention or willingness ("will send", "ready to")
    threat_verb: Token | None = None  # "hinted that sanctions could be imposed": hinted
    alleging_verb: Token | None = None  # "claimed that ISIL had attacked": claimed
    preparing: bool = False  # "prepared to resume shelling", "poised to attack"
    willing: bool = False  # intent named by a word ("ready to", "offered"), not only "will"


def analyse(trigger: Token, lexicon: EventLexicon) -> Modality:
    negated = _negated(trigger, lexicon)
    modality = _own_modality(trigger, lexicon)
    intent = _future_aux(trigger, lexicon)
    reporter, threatened, threat_verb, alleging_verb = None, False, None, None
    preparing = willing = False
    # "vowed to fight until Israel withdraws": the withdrawal is nobody's stated intent
    own_clause = trigger.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass", "mark")
                                                 for c in trigger.children)
    # "armed to fight Isis", "units raised to fight Isis": a purpose, not a fight that happened
    purpose = trigger.dep_ in ("advcl", "acl") and to_infinitive(trigger) and not own_clause \
        and trigger.head.lemma_.lower() not in lexicon.cue("intent") \
        and not _committed(trigger, trigger.head, lexicon) \
        or _generic_infinitive(trigger, lexicon)
    token, steps = trigger, 0
    while token.dep_ in CLIMB_DEPS and token.head.i != token.i and steps < 6:
        if described(token):
            break  # "must take back the fighters captured by Vell": the capture happened
        parent = token.head
        lemma = parent.lemma_.lower()
        if steps <= 1 and _committed(token, parent, lexicon):
            intent = willing = True  # "the decision to withdraw", "announced the withdrawal"
        light = token.dep_ == "dobj" and lemma in lexicon.cue("light_verbs")
        infinitive = token.dep_ == "advcl" and to_infinitive(token)
        if (token.dep_ in ("xcomp", "acomp", "ccomp", "dobj") or infinitive) and (
                lemma in lexicon.cue("intent") or _future_aux(parent, lexicon)
                and (token.dep_ in ("xcomp", "acomp") or light)):
            intent = intent or not own_clause  # "ready to host", "will send aid"
            willing = willing or lemma in lexicon.cue("intent") and not own_clause
        if (token.dep_ in ("xcomp", "acomp") or infinitive) and not own_clause:
            preparing = preparing or lemma in lexicon.cue("preparation")
        denied = lemma in lexicon.cue("denial_verbs")
        if token.dep_ == "ccomp" and (verb_cue(parent, "reporting_verbs", lexicon) or denied
                                      or lemma in lexicon.cue("allegation_verbs")):
            reporter = next((c for c in parent.children if c.dep_ in ("nsubj", "nsubjpass")),
                            None)
            if lemma in lexicon.cue("allegation_verbs"):
                alleging_verb = parent
            negated = negated or denied  # "denied that its jets bombed the town"
            break
        if verb_cue(parent, "threat_verbs", lexicon) and token.dep_ in ("ccomp", "xcomp"):
            threatened, threat_verb = True, parent
            modality = modality if modality != "factual" else "hypothetical"
            break
        if _attributed(token, lexicon):
            alleging_verb = _alleged_by(token, lexicon)  # "said Russia was behind the attack"
            if alleging_verb is not None:
                reporter = next((c for c in alleging_verb.children
                                 if c.dep_ in ("nsubj", "nsubjpass")), None)
            break  # a denial of who did it does not deny the act
        if _anchored(token, lexicon):
            break  # "will be stripped of it after surrendering": the surrender happened
        if modality == "factual":
            modality = _governor_modality(parent, token, lexicon)
        if has_negation(parent, lexicon) and not negated and (
                token.dep_ == "xcomp" or token.dep_ == "ccomp" and token.i > parent.i
                or token.dep_ == "acl" and parent.pos_ == "NOUN" and to_infinitive(token)):
            # "has no plans to send"; a clause before the negated verb is mostly a misparse
            # ("Trump defended his decision ... – we never left")
            negated = not verb_cue(parent, "reporting_verbs", lexicon)
        if steps == 0 and token.dep_ in ("dobj", "obj", "nsubjpass") and not negated and \
                lemma in lexicon.cue("light_verbs") and _negated(parent, lexicon):
            negated = True  # "did not impose sanctions", "never held talks"
        if steps == 1 and token.dep_ == "prep" and not negated and \
                lemma in lexicon.cue("light_prep_verbs") and _negated(parent, lexicon):
            negated = True  # "will not go on strike"
        token, steps = parent, steps + 1
    if purpose and modality == "factual" and not (intent or preparing):
        modality = "hypothetical"
    if modality == "factual" and _scheduled(trigger):
        modality = "planned"  # "Britain is to send more troops"
    if modality == "factual" and _desired(trigger, lexicon):
        modality = "hypothetical"  # "wants forgiveness": wished for, whatever "want" intends
    if modality == "factual" and _asked_about(trigger, lexicon):
        modality = "hypothetical"  # "will Russia hit back when the US strikes?"
    if intent and modality == "hypothetical" and reporter is not None:
        modality = "planned"  # "said it would allow": future in the past, not a hypothesis
    return Modality(negated, modality, reporter, threatened, intent, threat_verb,
                    alleging_verb, preparing, willing)


# Subjects of "be" whose infinitive names an aim, not a scheduled act ("the aim is to destroy").
GOAL_NOUNS = frozenset({"aim", "goal", "plan", "idea", "priority", "objective", "task",
                        "mission", "thing", "way", "option", "solution", "answer", "challenge",
                        "purpose", "intention", "hope", "point", "job", "strategy", "policy"})
# Adjectives whose infinitive happened ("was able to capture", "the first to recognise").
FACTUAL_ADJECTIVES = frozenset({"able", "first", "last", "quick", "quicker", "slow", "only",
                                "next", "fast", "swift"})


def _generic_infinitive(trigger: Token, lexicon: EventLexicon) -> bool:
    """"It is one thing to kill a soldier", "the aim is to destroy Isis", "easier to
    prosecute returning fighters": an infinitive under "be" or an adjective names an act in
    general, not one that happened."""
    if trigger.dep_ not in ("xcomp", "ccomp", "csubj") or not to_infinitive(trigger) \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children):
        return False
    head = trigger.head
    lemma = head.lemma_.lower()
    if head.pos_ == "ADJ":
        return lemma not in FACTUAL_ADJECTIVES and lemma not in lexicon.cue("intent")
    subject = _subject_of_be(trigger, ("nsubj", "expl"))
    return subject is not None and (
        subject.lower_ in ("it", "this", "that") or subject.lemma_.lower() in GOAL_NOUNS)


def _scheduled(trigger: Token) -> bool:
    """"Britain is to send more troops": "be to" with an actor as subject."""
    if trigger.dep_ != "xcomp" or not to_infinitive(trigger):
        return False
    subject = _subject_of_be(trigger, ("nsubj",))
    return subject is not None and subject.pos_ in ("NOUN", "PROPN") \
        and subject.lemma_.lower() not in GOAL_NOUNS


def _subject_of_be(trigger: Token, deps: tuple[str, ...]) -> Token | None:
    """The subject of "be" when the trigger completes it ("the aim is to destroy": aim)."""
    head = trigger.head
    if head.lemma_.lower() != "be":
        return None
    return next((c for c in head.children if c.dep_ in deps), None)


def _desired(trigger: Token, lexicon: EventLexicon) -> bool:
    """"I want forgiveness from the UK", "hoped for a ceasefire": the object of a wish."""
    if trigger.dep_ in ("dobj", "obj"):
        verb = trigger.head
    elif trigger.dep_ == "pobj" and trigger.head.lower_ == "for":
        verb = trigger.head.head
    else:
        return False
    return verb.lemma_.lower() in lexicon.cue("desire_verbs")


def _attributed(token: Token, lexicon: EventLexicon) -> bool:
    """The event is what someone is said to be responsible for ("denied it was responsible
    for the attack", "denied any role in the bombing", "was behind the attack"): a denial or
    a hypothesis is about who did it, not whether it happened."""
    if token.dep_ != "prep":
        return False
    return token.lower_ == "behind" or token.head.lemma_.lower() in lexicon.cue(
        "responsibility_words")


def _alleged_by(prep: Token, lexicon: EventLexicon) -> Token | None:
    """The reporting verb that says someone is responsible for the act ("Kyiv says Russia was
    behind the attack": says), unless the attribution is negated or denied."""
    verb = prep.head if prep.lower_ == "behind" else prep.head.head
    if verb.dep_ != "ccomp" or has_negation(verb, lexicon):
        return None
    parent = verb.head
    if parent.lemma_.lower() in lexicon.cue("denial_verbs") or has_negation(parent, lexicon):
        return None
    if verb_cue(parent, "reporting_verbs", lexicon) or parent.lemma_.lower() in lexicon.cue(
            "allegation_verbs"):
        return parent
    return None


def _anchored(token: Token, lexicon: EventLexicon) -> bool:
    """The word links its event in time to the clause above ("after surrendering", "before
    the talks began")."""
    anchors = lexicon.cue("anchoring_preps")
    if token.dep_ == "prep" and token.lower_ in anchors:
        return True
    return token.dep_ == "advcl" and token.tag_ in ("VBD", "VBN", "VBG") and any(
        c.dep_ == "mark" and c.lower_ in anchors for c in token.children)


def _asked_about(trigger: Token, lexicon: EventLexicon) -> bool:
    """The sentence asks whether something will or could happen: a question whose main verb
    has a future or modal auxiliary."""
    if not in_question(trigger):
        return False
    modals = (lexicon.cue("future_aux") or FUTURE_AUX) | lexicon.cue("hypothetical")
    return any(c.dep_ == "aux" and c.lower_ in modals for c in trigger.sent.root.children)


def _committed(token: Token, parent: Token, lexicon: EventLexicon) -> bool:
    """The trigger is what a commitment word commits to: "the decision to withdraw", "announced
    the withdrawal", "the announcement of the pull-out"."""
    if parent.lemma_.lower() not in lexicon.cue("commitment_words"):
        return False
    if token.dep_ == "acl" and to_infinitive(token):
        return True
    if token.dep_ in ("dobj", "obj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN"):
        return True  # "announced the pullout", "the pullout was announced"
    return token.dep_ == "prep" and token.lower_ == "of"


def planned_nominal(noun: Token, lexicon: EventLexicon) -> bool:
    """"the next round", "talks which are being planned": a scheduled event of its own."""
    return noun.pos_ in ("NOUN", "PROPN") and _own_modality(noun, lexicon) == "planned"


def _future_aux(token: Token, lexicon: EventLexicon) -> bool:
    future = lexicon.cue("future_aux") or FUTURE_AUX
    return any(c.dep_ == "aux" and c.lower_ in future for c in token.children)


def _negated(trigger: Token, lexicon: EventLexicon) -> bool:
    if has_negation(trigger, lexicon) or _negated_subject(trigger, lexicon):
        return True
    if trigger.dep_ in ("pcomp", "pobj") and trigger.head.lower_ in lexicon.cue("negating_preps"):
        return True  # "without attacking"
    doc = trigger.doc
    start = max(trigger.sent.start, trigger.i - 6)
    lemmas = " ".join(t.lemma_.lower() for t in doc[start:trigger.i])
    words = " ".join(t.lower_ for t in doc[start:trigger.i])  # "no longer": lemma "long"
    cue = lexicon.cues.get("negation_phrases")
    phrases = [" ".join(p) for p in cue.phrases] + sorted(cue.words) if cue else []
    return any(before.endswith(phrase) or f"{phrase} " in before + " "
               and before.rfind(phrase) >= len(before) - len(phrase) - 25
               for phrase in phrases for before in (lemmas, words))


def has_negation(token: Token, lexicon: EventLexicon) -> bool:
    """A negation attached to the word: "did not attack", "no talks", "never met"."""
    words = lexicon.cue("negation")
    return any(c.dep_ == "neg" or c.dep_ in ("det", "advmod", "preconj") and c.lower_ in words
               for c in token.children)


def _negated_subject(token: Token, lexicon: EventLexicon) -> bool:
    """A subject that denies the act: "neither Vell nor Osterlich signed", "no country
    objected", "nobody attended"."""
    words = lexicon.cue("negation")
    for subject in token.children:
        if subject.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if subject.lower_ in words or any(c.dep_ in ("det", "preconj") and c.lower_ in words
                                          for c in subject.children):
            return True
    return False


def _own_modality(trigger: Token, lexicon: EventLexicon) -> str:
    aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    if trigger.dep_ == "advcl" and trigger.tag_ in ("VB", "VBP", "VBZ") and any(
            c.dep_ == "mark" and c.lower_ in ("until", "till") for c in trigger.children):
        return "hypothetical"  # "swore to resist until the town is theirs": a goal
    if aux & lexicon.cue("hypothetical"):
        return _conditional_or(trigger, "hypothetical", lexicon)
    if aux & FUTURE_AUX:
        return _conditional_or(trigger, "planned", lexicon)
    if trigger.pos_ in ("NOUN", "PROPN"):
        if any(c.lower_ in lexicon.cue("planned_modifiers") for c in trigger.children
               if c.dep_ in ("amod", "compound")):
            return "planned"
        for child in trigger.children:
            if child.dep_ in ("relcl", "acl") and verb_cue(child, "planned", lexicon):
                return "planned"
        head = trigger.head  # "the next round of talks"
        if trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and any(
                c.lower_ in lexicon.cue("planned_modifiers") for c in head.head.children
                if c.dep_ in ("amod", "compound")):
            return "planned"
    return _conditional_or(trigger, "factual", lexicon)


def _conditional_or(token: Token, default: str, lexicon: EventLexicon) -> str:
    conditional = lexicon.cue("conditional")
    for child in token.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in conditional
                                         for m in child.children):
            return "conditional"
    if token.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in conditional
                                     for m in token.children):
        return "conditional"
    return default


def _governor_modality(parent: Token, child: Token, lexicon: EventLexicon) -> str:
    lemma = parent.lemma_.lower()
    if child.dep_ == "xcomp" and lemma in lexicon.cue("planned_xcomp_governors"):
        return "planned"  # "talks are set to resume"
    if verb_cue(parent, "planned", lexicon) and child.dep_ in (
            "xcomp", "ccomp", "relcl", "nsubjpass", "dobj", "pobj", "prep"):
        return "planned"
    if verb_cue(parent, "hypothetical", lexicon) and (child.dep_ in ("xcomp", "ccomp", "dobj") or (
            child.dep_ == "prep" and parent.pos_ in ("NOUN", "ADJ"))):
        return "hypothetical"  # "could strike", "capable of launching"
    if parent.pos_ == "NOUN" and lemma in lexicon.cue("endeavour_nouns") and \
            child.dep_ in ("acl", "xcomp", "relcl", "advcl"):
        return "hypothetical"  # "attempts to resolve the crisis", "a pretext for the US to strike"
    if child.dep_ == "ccomp" and parent.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ in lexicon.cue("hypothetical") for c in parent.children):
        return "hypothetical"  # "it could mean that fighters are released"
    carried = child.dep_ in ("dobj", "obj", "nsubjpass") and lemma in lexicon.cue("light_verbs") \
        or child.dep_ == "prep" and lemma in lexicon.cue("light_prep_verbs")
    return _own_modality(parent, lexicon) if child.dep_ in ("xcomp", "conj") or carried \
        else "factual"  # "will hold talks": the light verb's future is the talks' future
