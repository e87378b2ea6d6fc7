"""The article eventdesk started from: the events a political scientist expects from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.coder import get_coder
from eventdesk.ingest import iter_articles

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed_lavrov_rubio_2025-05-29.txt"


@pytest.fixture(scope="module")
def events() -> list[dict]:
    [article] = list(iter_articles([str(SEED)]))
    assert article.date == "2025-05-29"
    return get_coder().code_one(article).to_dict()["events"]


def codes(actors: list[dict]) -> set[str]:
    return {a["code"] for a in actors}


def countries(actors: list[dict]) -> set[str]:
    return {a["country"] for a in actors}


def find(events, plover_type, **where) -> list[dict]:
    return [e for e in events if e["plover_type"] == plover_type
            and all(check(e) for check in where.values())]


def factual(e) -> bool:
    return not e["negated"] and e["modality"] == "factual"


def test_lavrov_phones_rubio_on_wednesday(events) -> None:
    [call] = find(events, "CONSULT", cameo=lambda e: e["cameo_code"] == "041")
    assert [a["name"] for a in call["source"]] == ["Sergey Lavrov"]
    assert codes(call["source"]) == {"RUSGOV"}
    assert [a["name"] for a in call["target"]] == ["Marco Rubio"]
    assert codes(call["target"]) == {"USAGOV"}
    assert (call["date"], call["date_precision"]) == ("2025-05-28", "day")
    assert call["trigger"]["text"] == "phone call"


def test_russia_and_ukraine_met_on_may_16(events) -> None:
    talks = find(events, "CONSULT", date=lambda e: e["date"] == "2025-05-16")
    assert talks, "the May 16 talks"
    sides = countries(talks[0]["source"]) | countries(talks[0]["target"])
    assert sides == {"RUS", "UKR"}
    assert factual(talks[0])


def test_next_round_is_planned_for_june_2(events) -> None:
    planned = [e for e in events if e["plover_type"] in ("CONSULT", "AGREE")
               and e["modality"] == "planned" and e["date"] == "2025-06-02"]
    assert planned, "the next round of talks"
    sides = countries(planned[0]["source"]) | countries(planned[0]["target"])
    assert sides == {"RUS", "UKR"}


def test_trump_accuses_putin(events) -> None:
    [accuse] = find(events, "ACCUSE")
    assert [a["name"] for a in accuse["source"]] == ["Donald Trump"]
    assert codes(accuse["source"]) == {"USAGOV"}
    assert [a["name"] for a in accuse["target"]] == ["Vladimir Putin"]
    assert codes(accuse["target"]) == {"RUSGOV"}


def test_trump_threatens_sanctions_against_russia(events) -> None:
    [threat] = find(events, "THREATEN")
    assert codes(threat["source"]) == {"USAGOV"}
    assert countries(threat["target"]) == {"RUS"}
    assert threat["cameo_code"] == "1312"
    assert "imposed" in threat["content"]


def test_russia_demands_conditions_of_ukraine(events) -> None:
    [request] = find(events, "REQUEST")
    assert countries(request["source"]) == {"RUS"}
    assert countries(request["target"]) == {"UKR"}
    for item in ("end its troop mobilization", "stop receiving foreign weapons",
                 "forgo NATO membership"):
        assert item in request["content"]


def test_no_factual_sanction(events) -> None:
    sanctions = find(events, "SANCTION")
    assert sanctions, "the sanctions Trump stopped short of announcing are coded, negated"
    assert not [e for e in sanctions if factual(e)]
    assert all(e["negated"] for e in sanctions)


def test_support_from_rubio_and_from_ukraine(events) -> None:
    support = find(events, "SUPPORT")
    rubio = [e for e in support if "Marco Rubio" in {a["name"] for a in e["source"]}]
    assert rubio and rubio[0]["trigger"]["text"] == "welcomed"
    assert rubio[0]["reported_by"]["name"] == "Tammy Bruce"
    assert any(countries(e["source"]) == {"UKR"} for e in support)


def test_evidence_offsets_point_into_the_body(events) -> None:
    [article] = list(iter_articles([str(SEED)]))
    for event in events:
        text = article.text if event["segment"] == "body" else article.title
        trigger = event["trigger"]
        assert text[trigger["start"]:trigger["end"]] == trigger["text"]
        assert text[event["sentence_start"]:event["sentence_end"]] == event["sentence_text"]
        for actor in event["source"] + event["target"]:
            assert text[actor["start"]:actor["end"]] == actor["text"]


def test_events_without_their_own_date_take_the_article_date(events) -> None:
    undated = [e for e in events if e["date_basis"] == "article_date"]
    assert undated
    assert {e["date"] for e in undated} == {"2025-05-29"}


def test_talks_and_next_round_are_in_istanbul(events) -> None:
    held = find(events, "CONSULT", date=lambda e: e["date"] == "2025-05-16")[0]
    planned = [e for e in events if e["modality"] == "planned" and e["date"] == "2025-06-02"][0]
    for event in (held, planned):
        place = event["location"]
        assert (place["name"], place["country"], place["feature"]) == ("Istanbul", "TUR", "city")
        assert abs(place["lat"] - 41.0) < 0.2 and abs(place["lon"] - 29.0) < 0.2
    assert planned["date_precision"] == "day"


def test_the_phone_call_has_no_location(events) -> None:
    [call] = find(events, "CONSULT", cameo=lambda e: e["cameo_code"] == "041")
    assert call["location"] is None
