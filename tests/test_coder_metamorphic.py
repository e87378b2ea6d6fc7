"""Metamorphic tests of the event coder: a change to a sentence whose effect on the events is
known in advance (rename the countries, add an attribution, negate the verb, swap a title for
an unknown surname, move the article date) must have exactly that effect.

Every sentence is written for this test. The rules run alone, without the learned classifier
(see ``events`` in test_coder_rules.py), through the cached coder.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest
import yaml

from test_coder_rules import events

# -- renaming the countries permutes the codes ------------------------------------------------

# {A}/{a}: first country and its demonym, {B}/{b}: the second.
RENAMING_TEMPLATES = [
    "{A} accused {B} of violating the treaty.",
    "The {a} government imposed sanctions on {B}.",
    "{A} sent humanitarian aid to {B}.",
    "{a} troops attacked {b} positions along the border.",
    "The {a} foreign minister met his {b} counterpart on Tuesday.",
    "{A} demanded that {B} release the detained journalists.",
    "{A} praised {B} for its handling of the crisis.",
    "{a} police arrested dozens of {b} protesters.",
    "{A} expelled two {b} diplomats.",
    "{A} threatened to cut off gas supplies to {B}.",
]
BASE = (("France", "French", "FRA"), ("Germany", "German", "DEU"))
RENAMINGS = [
    (("Peru", "Peruvian", "PER"), ("Chile", "Chilean", "CHL")),
    (("Kenya", "Kenyan", "KEN"), ("Uganda", "Ugandan", "UGA")),
    (("Germany", "German", "DEU"), ("France", "French", "FRA")),  # a swap
]


def _fill(template: str, first: tuple, second: tuple) -> str:
    return template.format(A=first[0], a=first[1], B=second[0], b=second[1])


def _recode(code: str | None, countries: dict[str, str]) -> str | None:
    if code and code[:3] in countries:
        return countries[code[:3]] + code[3:]
    return code


def _event_shapes(text: str, countries: dict[str, str] | None = None) -> Counter:
    """The events as (type, source codes, target codes), country codes renamed."""
    countries = countries or {}
    shapes = Counter()
    for e in events(text):
        src = tuple(sorted(str(_recode(a["code"], countries)) for a in e["source"]))
        tgt = tuple(sorted(str(_recode(a["code"], countries)) for a in e["target"]))
        shapes[(e["plover_type"], src, tgt)] += 1
    return shapes


@pytest.mark.parametrize("template", RENAMING_TEMPLATES)
def test_renaming_the_countries_permutes_the_codes(template: str) -> None:
    base = _fill(template, *BASE)
    expected_types = {shape[0] for shape in _event_shapes(base)}
    assert expected_types, base
    for first, second in RENAMINGS:
        renamed = _fill(template, first, second)
        permutation = {BASE[0][2]: first[2], BASE[1][2]: second[2]}
        assert _event_shapes(renamed) == _event_shapes(base, permutation), renamed


def test_the_renaming_sentences_cover_several_types() -> None:
    found = {shape[0] for t in RENAMING_TEMPLATES for shape in _event_shapes(_fill(t, *BASE))}
    assert len(found) >= 8, found


# -- a trailing attribution changes no event type ---------------------------------------------

FACTUAL_SENTENCES = [
    "Turkish jets bombed Kurdish militant bases in northern Iraq.",
    "Argentina recalled its ambassador from Venezuela.",
    "Chinese coast guard ships fired water cannon at a Philippine supply boat.",
    "The Indian prime minister held talks with the Nepalese king in Kathmandu.",
    "Saudi Arabia pledged two billion dollars in reconstruction aid to Yemen.",
    "Thousands of farmers protested outside the Polish parliament.",
    "Sweden granted asylum to three Belarusian activists.",
    "The Estonian foreign ministry summoned the Russian ambassador.",
    "Mali ordered French troops to leave the country.",
]


def _types(text: str) -> set[str]:
    return {e["plover_type"] for e in events(text)}


@pytest.mark.parametrize("sentence", FACTUAL_SENTENCES)
def test_a_trailing_attribution_keeps_the_event_types(sentence: str) -> None:
    plain = _types(sentence)
    assert plain, sentence
    for attribution in (", officials said.", ", the ministry said."):
        attributed = sentence.removesuffix(".") + attribution
        assert _types(attributed) == plain, attributed


# -- negation ---------------------------------------------------------------------------------

def _refused_types() -> set[str]:
    """The types that reinterpret.yaml's 'refusal' row turns into REJECT when a verb is
    negated ("will not accept refugees")."""
    table = yaml.safe_load((resources.files("eventdesk") / "data" / "events" /
                            "reinterpret.yaml").read_text(encoding="utf-8"))
    [refusal] = [row for row in table["rows"] if row["name"] == "refusal"]
    assert refusal["then"]["type"] == "REJECT"
    return set(refusal["codes"])


NEGATIONS = [  # (affirmative, negated, the affirmative's type)
    ("Russia attacked Ukrainian ports.", "Russia did not attack Ukrainian ports.", "ASSAULT"),
    ("Iran accused Israel of the bombing.", "Iran never accused Israel of the bombing.",
     "ACCUSE"),
    ("Poland expelled three Russian diplomats.", "Poland did not expel any Russian diplomats.",
     "SANCTION"),
    ("Police arrested the opposition leader.", "Police did not arrest the opposition leader.",
     "COERCE"),
    ("Kenya deployed troops to Somalia.", "Kenya did not deploy troops to Somalia.",
     "MOBILIZE"),
    ("Armenia threatened to leave the alliance.",
     "Armenia never threatened to leave the alliance.", "THREATEN"),
    ("Greek farmers protested against the new tax.",
     "Greek farmers did not protest against the new tax.", "PROTEST"),
    ("The Turkish president met the Greek prime minister.",
     "The Turkish president did not meet the Greek prime minister.", "CONSULT"),
    ("Egypt publicly supported Sudan's transitional government.",
     "Egypt never publicly supported Sudan's transitional government.", "SUPPORT"),
    ("Norway donated tents to Turkish earthquake victims.",
     "Norway did not donate tents to Turkish earthquake victims.", "AID"),
    ("Lithuania provided shelter to Belarusian dissidents.",
     "Lithuania did not provide shelter to Belarusian dissidents.", "AID"),
]


@pytest.mark.parametrize("affirmative, negative, kind", NEGATIONS)
def test_negation_negates_or_turns_a_cooperative_act_into_a_rejection(
        affirmative: str, negative: str, kind: str) -> None:
    assert any(e["plover_type"] == kind and not e["negated"] for e in events(affirmative))
    found = events(negative)
    assert not any(e["plover_type"] == kind and not e["negated"] for e in found), found
    if kind in _refused_types():
        assert any(e["plover_type"] == "REJECT" and not e["negated"] for e in found), found
    else:
        assert any(e["plover_type"] == kind and e["negated"] for e in found), found


def test_the_negation_cases_cover_both_outcomes() -> None:
    kinds = {kind for _, _, kind in NEGATIONS}
    assert len(kinds & _refused_types()) >= 3 and len(kinds - _refused_types()) >= 5


# -- an unknown surname is nobody; a title and a country are somebody -------------------------

# (sentence with {who}, invented surname, title with country, the title's code)
PEOPLE_SENTENCES = [
    ("{who} met the Italian foreign minister in Rome.", "Vantrell",
     "The French president", "FRAGOV"),
    ("{who} criticized the Brazilian government.", "Quorrind",
     "The Mexican president", "MEXGOV"),
    ("{who} praised the Japanese prime minister.", "Belsask",
     "The Indian foreign minister", "INDGOV"),
    ("{who} called for an immediate ceasefire in Sudan.", "Harmondine",
     "The British prime minister", "GBRGOV"),
    ("{who} threatened to impose tariffs on Canada.", "Ostrevik",
     "The American president", "USAGOV"),
    ("{who} visited Kenya on Monday.", "Vantrell", "The German chancellor", "DEUGOV"),
    ("{who} rejected the Turkish proposal.", "Quorrind", "The Greek prime minister", "GRCGOV"),
    ("{who} accused Serbia of stoking tensions.", "Belsask",
     "The Croatian president", "HRVGOV"),
]


def _source_codes(found: list[dict]) -> set[str | None]:
    return {a["code"] for e in found for a in e["source"]}


@pytest.mark.parametrize("template, surname, title, code", PEOPLE_SENTENCES)
def test_an_unknown_surname_gives_no_code_but_a_title_does(
        template: str, surname: str, title: str, code: str) -> None:
    assert code in _source_codes(events(template.format(who=title)))
    unknown = events(template.format(who=surname))
    assert _source_codes(unknown) <= {None}, unknown
    assert all(a["code"] is None for e in unknown for a in e["source"] + e["target"]
               if surname in (a.get("name") or "")), unknown


# -- a surname alone names a lexicon person only while in office ------------------------------

# (sentence, surname, a date in office, a date out of office, the code in office); the people
# and their terms are rows of src/eventdesk/data/actors/people*.tsv.
TERMS = [
    ("Merkel met the Greek prime minister in Brussels.", "Merkel",
     "2015-06-01", "2023-06-01", "DEUGOV"),
    ("Bolsonaro criticized the Argentine government.", "Bolsonaro",
     "2020-03-01", "2015-03-01", "BRAGOV"),
    ("Macri praised the Chilean government.", "Macri", "2017-07-01", "2021-07-01", "ARGGOV"),
    ("Mandela visited Nigeria to discuss the crisis.", "Mandela",
     "1996-02-01", "2005-02-01", "ZAFGOV"),
    ("Mulroney signed a free trade agreement with the United States.", "Mulroney",
     "1988-09-01", "2000-09-01", "CANGOV"),
    ("Thatcher rejected the demands of the striking miners.", "Thatcher",
     "1985-01-10", "2000-01-10", "GBRGOV"),
    ("Morrison called for an inquiry into the origins of the virus.", "Morrison",
     "2020-05-01", "2010-05-01", "AUSGOV"),
    ("Nakasone welcomed the American proposal.", "Nakasone", "1984-05-01", "1995-05-01",
     "JPNGOV"),
]


@pytest.mark.parametrize("sentence, surname, inside, outside, code", TERMS)
def test_a_surname_alone_codes_its_office_only_during_the_term(
        sentence: str, surname: str, inside: str, outside: str, code: str) -> None:
    during = events(sentence, inside)
    assert any(a["code"] == code and surname in (a.get("name") or "")
               for e in during for a in e["source"]), during
    after = events(sentence, outside)
    actors = [a for e in after for a in e["source"] + e["target"]]
    assert code not in {a["code"] for a in actors}, after
    assert all(a["code"] is None for a in actors if surname in (a.get("name") or "")), after
