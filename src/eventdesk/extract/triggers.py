"""Stage 1, trigger matching: the trigger words of the lexicon, compiled once into a spaCy
Matcher (phrases tokenised by the pipeline's own tokenizer, so "cross-border attack" and
"back-room deal" match as written), then checked against each rule's constraints (objects,
prepositions, particles). Pure over a parsed Doc; no roles here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventdesk.extract.syntax import passive_top, relative_antecedent
from eventdesk.lexicon.events import EventLexicon, Trigger

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
# Words inside these named entities are names, not triggers ("Forces for Defence of Democracy",
# "March", "the Kinect").
NAME_ENTITIES = frozenset({"ORG", "GPE", "PERSON", "FAC", "LOC", "NORP", "WORK_OF_ART", "LAW",
                           "PRODUCT", "DATE", "EVENT"})


@dataclass(frozen=True)
class Found:
    token: Token  # the head word of the trigger
    first: int  # first token index of the trigger words
    last: int  # last token index (inclusive)
    entry: Trigger
    nominal: bool
    alternatives: tuple[Trigger, ...] = ()  # other rules the same words match, other types


def event_words(found: list[Found]):
    """The token of every trigger that names an event of its own: the object a verb rule names
    as part of its sense ("resisted pressure", "pulled its troops") is not one."""
    consumed = {c.i for f in found if not f.nominal and f.entry.objects
                for c in f.token.children if c.dep_ in OBJECT_DEPS
                and c.lemma_.lower() in f.entry.objects}
    return [f.token.i for f in found if f.token.i not in consumed]


class TriggerMatcher:
    """The lexicon's trigger words, indexed by their last word; ``find(doc)`` gives every
    trigger. A noun trigger is its words in order, the last one a noun whose lemma or
    lower-case form is the entry's last word ("peace talks"); a verb trigger is a verb (or a
    past participle tagged as an adjective) with the entry's first word as lemma."""

    def __init__(self, lexicon: EventLexicon, nlp):
        self.lexicon = lexicon
        self.nouns: dict[str, list[Trigger]] = defaultdict(list)
        self.verbs: dict[str, list[Trigger]] = defaultdict(list)
        self.noun_index: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
        for trigger in lexicon.triggers:
            if trigger.nominal:
                self._add_noun(trigger, nlp)
            else:
                self._add_verb(trigger)
        self.found: Counter[str] = Counter()  # rule -> triggers found (lexicon stats)
        self.idioms: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
        for phrase in lexicon.cues["idioms"].phrases if "idioms" in lexicon.cues else ():
            for k, word in enumerate(phrase):
                self.idioms[word].append((k, phrase))  # word -> (its place, the phrase)

    def _add_noun(self, trigger: Trigger, nlp) -> None:
        words = [t.lower_ for t in nlp.make_doc(" ".join(trigger.words))]
        key = "N:" + " ".join(words)
        if key not in self.nouns:
            self.noun_index[words[-1]].append((key, tuple(words[:-1])))
        self.nouns[key].append(trigger)

    def _add_verb(self, trigger: Trigger) -> None:
        self.verbs["V:" + trigger.words[0]].append(trigger)

    def _matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(key, start, end) of every trigger word sequence, in text order."""
        found = set()
        for token in doc:
            pos = token.pos_
            if pos in ("VERB", "AUX") or pos == "ADJ" and token.tag_ == "VBN":
                key = "V:" + token.lemma_
                if key in self.verbs:
                    found.add((token.i, token.i + 1, key))
            if pos in ("NOUN", "PROPN"):
                for word in {token.lemma_, token.lower_}:
                    for key, mods in self.noun_index.get(word, ()):
                        start = token.i - len(mods)
                        if start >= 0 and all(doc[start + k].lower_ == mod
                                              for k, mod in enumerate(mods)):
                            found.add((start, token.i + 1, key))
        return [(key, start, end) for start, end, key in sorted(found)]

    def find(self, doc: Doc) -> list[Found]:
        """Every trigger of the Doc, one per head word, in text order."""
        by_head: dict[int, Found] = {}
        for key, start, end in self._matches(doc):
            head = doc[end - 1]
            if head.dep_ == "amod" or head.ent_type_ in NAME_ENTITIES or self._in_idiom(head):
                continue
            if key.startswith("N:"):
                hit = self._noun(head, start, self.nouns[key])
            else:
                hit = self._verb(head, self.verbs[key])
            if hit is None:
                continue
            old = by_head.get(head.i)
            if old is None or _longer(hit, old):
                by_head[head.i] = hit
        found = [by_head[i] for i in sorted(by_head)]
        found = _drop_light_doubles(found, self.lexicon.cue("light_verbs"))
        for f in found:
            self.found[f.entry.rule] += 1
        return found

    def _in_idiom(self, token: Token) -> bool:
        """The word is part of a fixed phrase of cue list 'idioms' ("in order to")."""
        doc = token.doc
        for k, phrase in self.idioms.get(token.lower_, ()):
            start = token.i - k
            if start >= 0 and start + len(phrase) <= len(doc) and all(
                    doc[start + j].lower_ == word for j, word in enumerate(phrase)):
                return True
        return False

    # -- nouns ---------------------------------------------------------------------------
    def _noun(self, token: Token, first: int, candidates: list[Trigger]) -> Found | None:
        if first < token.sent.start:
            return None
        preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
        governor = token.head.lemma_.lower() if token.dep_ in ("dobj", "obj", "nsubjpass") \
            else None
        fitting = [entry for entry in candidates
                   if not ((entry.preps or entry.governors)
                           and not (entry.preps & preps or governor in entry.governors))
                   and not entry.excluded_preps & preps]
        if not fitting:
            return None  # "evidence" alone is none, "evidence against Russia" is
        fitting.sort(key=lambda e: -e.confidence)  # the likelier sense first; the classifier
        return _choose(token, first, token.i, fitting, nominal=True)  # may choose another

    # -- verbs ---------------------------------------------------------------------------
    def _verb(self, token: Token, candidates: list[Trigger]) -> Found | None:
        lemma = token.lemma_.lower()
        if lemma in self.lexicon.cue("naming_verbs") and any(
                c.dep_ == "oprd" and c.pos_ in ("NOUN", "PROPN")
                and c.ent_type_ not in ("DATE", "TIME") for c in token.children):
            return None  # "they called him a traitor": naming, not a phone call
        particles = [c for c in token.children if c.dep_ in ("prt", "prep", "dative", "advmod")
                     and c.i > token.i and not _of_time(c)]
        attached = {c.lower_ for c in particles}
        obj = self._object_lemma(token)
        direct = self._direct_object(token)
        kinds = _compounds(direct) if obj in self.lexicon.cue("agreement_nouns") else set()
        if direct is not None and direct.ent_type_:
            kinds.add(f"entity:{direct.ent_type_.lower()}")  # "recognised Kosovo": a place
        preps = {c.lower_ for c in token.children if c.dep_ == "prep" and c.i > token.i
                 and not _of_time(c)}
        best: list[tuple[tuple, Trigger, int]] = []
        for entry in candidates:
            last = token.i
            entry_obj = obj
            if len(entry.words) > 1:
                match = _match_particles(entry.words[1:], particles)
                if match is None:
                    continue
                last = match
                if entry_obj is None:  # "called upon reservists": the particle's object
                    entry_obj = _particle_object(token.doc[match])
            if entry.objects and entry_obj not in entry.objects and not kinds & entry.objects \
                    or entry_obj in entry.excluded or entry.excluded_preps & attached \
                    or entry.verb_preps and not entry.verb_preps & preps:
                continue  # "violating the ceasefire agreement": the agreement's kind names it
            # a particle after the object ("pulled its troops out") ranks below a rule that
            # names the object ("pull" + troops) and above the bare verb
            separated = direct is not None and last > direct.i
            size = 1 if separated else len(entry.words)
            best.append(((size, bool(entry.objects), separated), entry, last))
        if not best:
            return None
        top = max(score for score, _, _ in best)
        chosen = [(entry, last) for score, entry, last in best if score == top]
        entry, last = chosen[0]
        others = tuple(e for e, _ in chosen[1:] if e.plover_type != entry.plover_type)
        return Found(token, token.i, last, entry, nominal=False, alternatives=others)

    def _direct_object(self, token: Token) -> Token | None:
        """The direct object's noun ("hundreds of hackers": hackers)."""
        for child in token.children:
            if child.dep_ in OBJECT_DEPS:
                return self._partitive(child)
        return None

    def _partitive(self, noun: Token) -> Token:
        """"hundreds of hackers", "a contingent of troops": the noun after "of"."""
        if noun.lemma_.lower() not in self.lexicon.cue("quantity_nouns"):
            return noun
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((p for p in prep.children if p.dep_ == "pobj"), noun)
        return noun

    def _object_lemma(self, token: Token) -> str | None:
        """The direct object, or the passive subject ("measures could be imposed"); a
        relative pronoun stands for the noun its clause modifies ("the fighters that we
        captured", "villagers who were targeted"), and a bare participle joined to a passive
        verb shares its subject ("were robbed and [beaten]")."""
        direct = self._direct_object(token)
        if direct is not None:
            return _antecedent(direct).lemma_.lower()
        for child in token.children:
            if child.dep_ == "nsubjpass" or child.dep_ == "nsubj" and token.tag_ == "VBN" \
                    and token.dep_ in ("ccomp", "xcomp", "oprd"):  # "ordered it revoked"
                return self._partitive(_antecedent(child)).lemma_.lower()
        if token.dep_ == "acl" and token.tag_ == "VBN":  # "a report released on Tuesday"
            return token.head.lemma_.lower()
        top = passive_top(token)
        return self._object_lemma(top) if top is not None else None


RELATIVE_TAGS = frozenset({"WDT", "WP"})


def _antecedent(word: Token) -> Token:
    """The noun a relative pronoun stands for ("that", "who"), else the word itself; only a
    word tagged as a relative pronoun (a "that" tagged as a conjunction is left alone)."""
    noun = relative_antecedent(word) if word.tag_ in RELATIVE_TAGS else None
    return noun if noun is not None and noun.pos_ in ("NOUN", "PROPN") else word


def _choose(token: Token, first: int, last: int, fitting: list[Trigger],
            nominal: bool) -> Found:
    entry = fitting[0]
    others = tuple(e for e in fitting[1:] if e.plover_type != entry.plover_type)
    return Found(token, first, last, entry, nominal=nominal, alternatives=others)


def _longer(new: Found, old: Found) -> bool:
    return (new.last - new.first, len(new.entry.words)) > (old.last - old.first,
                                                          len(old.entry.words))


# particles that may follow the object: "pushed the militants out", "called the talks off"
SEPARABLE = frozenset({"out", "back", "off", "away", "down"})


def _match_particles(words: tuple[str, ...], particles: list[Token]) -> int | None:
    """The last particle of "call for", "pull out of"; they follow the verb closely
    ("signed a deal on Thursday" is no "sign on")."""
    if particles:
        verb = particles[0].head
        particles = [p for p in particles if p.i - verb.i <= 3 and not any(
            t.dep_ in ("dobj", "obj") for t in verb.doc[verb.i + 1:p.i])
            or p.lower_ in SEPARABLE and p.i - verb.i <= 6]
    lemmas = [p.lower_ for p in particles]
    if list(words) == lemmas[:len(words)]:
        return particles[len(words) - 1].i
    if len(words) == 1 and words[0] in lemmas:
        return particles[lemmas.index(words[0])].i
    return None


def _particle_object(particle: Token) -> str | None:
    """The lemma of the noun after a verb's preposition ("called upon reservists")."""
    return next((c.lemma_.lower() for c in particle.children if c.dep_ == "pobj"), None)


def _of_time(prep: Token) -> bool:
    """"marched on Saturday", "called on Monday for": a preposition of time, no particle."""
    return prep.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME")
                                       for c in prep.children)


def _compounds(noun: Token | None) -> set[str]:
    """Compound words before a noun ("the ceasefire agreement": ceasefire)."""
    if noun is None:
        return set()
    return {c.lemma_.lower() for c in noun.children if c.dep_ == "compound" and c.i < noun.i}


def in_sentence(found: list[Found], sent: Span) -> list[Found]:
    return [f for f in found if sent.start <= f.token.i < sent.end]


def _drop_light_doubles(found: list[Found], light_verbs: frozenset[str]) -> list[Found]:
    """"held talks", "launched an offensive": the noun carries the event, not the light verb.

    A light verb stays when its own entry needs this object and codes another type
    ("launched strikes" is not a PROTEST). Nouns inside another trigger's argument are
    left to ``events.main_triggers``.
    """
    by_token = {f.token.i: f for f in found}
    keep = []
    for f in found:
        if not f.nominal and f.token.lemma_.lower() in light_verbs:
            obj = next((c for c in f.token.children if c.dep_ in OBJECT_DEPS
                        or c.dep_ == "nsubjpass"), None)  # "talks were held"
            noun = by_token.get(obj.i) if obj is not None else None
            if noun is not None and noun.nominal and (
                    not f.entry.objects or noun.entry.plover_type == f.entry.plover_type
                    or len(noun.entry.words) > 1):  # "launched a hunger strike"
                continue
        keep.append(f)
    return keep
