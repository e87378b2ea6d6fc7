"""Stage 5: the classifier beside the rules (extract/arbitrate.py), on invented sentences and on
hand-made scores so that each decision is checked on its own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventdesk import code_text
from eventdesk.classify import TypeScores
from eventdesk.config import Settings
from eventdesk.extract import arbitrate
from eventdesk.lexicon import load_lexicon
from eventdesk.model import PLOVER_TYPES, Actor

DATE = "2024-03-12"
LEXICON = load_lexicon().events


def scores(p_event: float, **types: float) -> TypeScores:
    rest = (1.0 - sum(types.values())) / (len(PLOVER_TYPES) - len(types))
    return TypeScores(p_event, {t: types.get(t, rest) for t in PLOVER_TYPES})


class FakeDraft:
    """What the decisions read of a draft."""

    def __init__(self, kind: str, source=(), target=(), confidence=0.5, refers_back=False):
        self.plover_type, self.source, self.target = kind, tuple(source), tuple(target)
        self.confidence, self.refers_back = confidence, refers_back


ARMY = Actor("the army", "body", 0, 8, None, "OST", "MIL", "OSTMIL", "organization")
CROWD = Actor("farmers", "body", 0, 7, None, None, "CVL", "CVL", "group")


def test_a_probable_event_is_never_vetoed() -> None:
    assert not arbitrate.vetoed(FakeDraft("ASSAULT"), scores(0.9, ASSAULT=0.1), LEXICON)


def test_a_doubted_sentence_keeps_a_state_actors_event_but_not_a_crowds() -> None:
    doubt = scores(0.35, MOBILIZE=0.05)
    assert not arbitrate.vetoed(FakeDraft("MOBILIZE", [ARMY]), doubt, LEXICON)
    assert arbitrate.vetoed(FakeDraft("MOBILIZE", [CROWD]), doubt, LEXICON)


def test_strong_doubt_needs_the_classifiers_agreement_on_the_type() -> None:
    assert arbitrate.vetoed(FakeDraft("MOBILIZE", [ARMY]), scores(0.2, MOBILIZE=0.1), LEXICON)
    assert not arbitrate.vetoed(FakeDraft("PROTEST", [CROWD]), scores(0.25, PROTEST=0.6),
                                LEXICON)


def test_a_later_mention_of_a_coded_event_is_kept_under_doubt() -> None:
    later = FakeDraft("CONSULT", [ARMY], refers_back=True)
    assert not arbitrate.vetoed(later, scores(0.2, CONSULT=0.05), LEXICON)


def test_near_certain_non_events_go_unless_a_sure_rule_has_both_parties() -> None:
    none = scores(0.05, ASSAULT=0.5)
    assert arbitrate.vetoed(FakeDraft("ASSAULT", [ARMY]), none, LEXICON)
    assert not arbitrate.vetoed(FakeDraft("ASSAULT", [ARMY], [CROWD], confidence=0.8), none,
                                LEXICON)


def test_the_classifier_chooses_between_the_types_a_trigger_allows() -> None:
    from eventdesk.coder import get_coder

    coder = get_coder()
    doc = coder.nlp("The workers went on strike.")
    [found] = [f for f in coder.stages.triggers.find(doc) if f.token.lower_ == "strike"]
    assert found.alternatives, "the lexicon lets 'strike' be a walkout or an attack"
    options = {found.entry.plover_type, *(e.plover_type for e in found.alternatives)}
    for kind in options:
        chosen = arbitrate.choose_entry(found, scores(0.9, **{kind: 0.8}))
        assert chosen.entry.plover_type == kind


def test_confidence_follows_the_type_probability() -> None:
    from eventdesk.extract.draft import Draft

    base = Draft(None, None, (), (), False, "factual", None, None, 0.6, "AID", "070")
    likely = arbitrate.weighed(base, scores(0.9, AID=0.7))
    unlikely = arbitrate.weighed(base, scores(0.9, AID=0.01))
    assert likely.confidence > unlikely.confidence
    assert replace(base, confidence=0.6) == arbitrate.weighed(base, None)


@pytest.mark.parametrize("text", [
    "A magnitude 6 earthquake killed eleven people in the mountain villages.",
    "Floods swept away two bridges and killed four people after days of rain.",
    "A fire at the textile factory killed nine workers on the night shift.",
])
def test_disasters_give_no_event_with_the_classifier(text: str) -> None:
    assert code_text(text, date=DATE)["events"] == []


def test_the_rules_alone_and_with_the_classifier_agree_on_a_plain_attack() -> None:
    text = "Ruritanian artillery shelled the border town of Vell, killing six soldiers."
    plain = code_text(text, date=DATE, settings=Settings(classifier="none"))["events"]
    full = code_text(text, date=DATE)["events"]
    assert {e["plover_type"] for e in plain} == {e["plover_type"] for e in full} == {"ASSAULT"}


def test_a_short_sentence_is_left_to_the_rules() -> None:
    """The classifier's p_event falls with the length of the text; below SHORT_WORDS words it
    vetoes nothing."""
    none = scores(0.05, ASSAULT=0.5)
    draft = FakeDraft("ASSAULT", [ARMY])
    assert arbitrate.vetoed(draft, none, LEXICON, words=arbitrate.SHORT_WORDS)
    assert not arbitrate.vetoed(draft, none, LEXICON, words=arbitrate.SHORT_WORDS - 1)
    found = code_text("Chadian rebels seized the town.", date=DATE)["events"]
    assert [e["plover_type"] for e in found] == ["ASSAULT"], found


@pytest.mark.parametrize("text, kind", [
    ("Eritrea waged war on its neighbour Ethiopia.", "ASSAULT"),
    ("The Sudanese army is waging war against the rebels.", "ASSAULT"),
    ("The IMF forgave the debts of Zambia.", "AID"),
    ("A court in Lima fined the opposition party.", "SANCTION"),
])
def test_verb_forms_the_pipeline_lemmatises_wrongly_still_trigger(text, kind) -> None:
    """data/nlp/lemmas.tsv: "waged" is no form of "wag", "fined" none of "fin"."""
    found = code_text(text, date=DATE, settings=Settings(classifier="none"))["events"]
    assert kind in {e["plover_type"] for e in found}, found
