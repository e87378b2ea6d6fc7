"""evaluate_events on small hand-written gold records (tests/fixtures/eval)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventdesk.errors import InputError
from eventdesk.evaluation import EventReport, evaluate_events
from eventdesk.evaluation.events import normalise_code

FIXTURES = Path(__file__).parent / "fixtures" / "eval"
SMALL = str(FIXTURES / "events_small.jsonl")
CAMEO = str(FIXTURES / "events_cameo.jsonl")

AGREE_TEXT = "Tokyo agreed to build a research centre with France."
PROTEST_TEXT = "Protesters in Cairo marched against the government."
FIGHT_TEXT = "Israeli troops attacked Palestinian militants and Syria threatened Israel."
REQUEST_PREFIX = "The United Nations on Monday asked Iraq"


def actor(country: str | None, code: str | None = None) -> dict:
    return {"text": "x", "country": country, "code": code or country, "sector": None}


def event(kind: str, sources: list, targets: list, cameo: str | None = None, **extra) -> dict:
    return {
        "plover_type": kind,
        "cameo_code": cameo,
        "source": sources,
        "target": targets,
        "negated": False,
        "modality": "factual",
        "rule": f"rule:{kind.lower()}",
        **extra,
    }


def fake_coder(predictions: dict[str, list[dict]], calls: list | None = None):
    """A code_batch that looks each sentence up by text (prefix match); unknown -> []."""

    def code_batch(batch):
        if calls is not None:
            calls.extend(batch)
        return [
            next((v for k, v in predictions.items() if text.startswith(k)), []) for text, _ in batch
        ]

    return code_batch


def perfect_small() -> dict[str, list[dict]]:
    return {
        AGREE_TEXT: [event("AGREE", [actor("JPN")], [actor("FRA")])],
        PROTEST_TEXT: [event("PROTEST", [actor("EGY", "EGYCVL")], [actor("EGY", "EGYGOV")])],
        REQUEST_PREFIX: [event("REQUEST", [actor(None, "IGOUNO")], [actor("IRQ")])],
        FIGHT_TEXT: [
            event("ASSAULT", [actor("ISR", "ISRMIL")], [actor("PSE")]),
            event("THREATEN", [actor("SYR")], [actor("ISR")]),
        ],
    }


def wrong_small() -> dict[str, list[dict]]:
    """AGREE coded as CONSULT, the request missed, THREATEN aimed at the wrong target."""
    return {
        AGREE_TEXT: [event("CONSULT", [actor("JPN")], [actor("FRA")])],
        PROTEST_TEXT: [event("PROTEST", [actor("EGY")], [actor("EGY")])],
        FIGHT_TEXT: [
            event("ASSAULT", [actor("ISR")], [actor("PSE")]),
            event("THREATEN", [actor("SYR")], [actor("USA")]),
        ],
    }


def scores(metric: dict) -> tuple:
    return (metric["tp"], metric["fp"], metric["fn"])


def test_perfect_predictions_score_one():
    report = evaluate_events(SMALL, fake_coder(perfect_small()))
    data = report.to_dict()
    assert data["records"] == 4
    assert scores(data["type"]) == (5, 0, 0)
    assert scores(data["triple"]) == (5, 0, 0)
    for metric in ("type", "triple"):
        assert data[metric]["precision"] == data[metric]["recall"] == data[metric]["f1"] == 1.0
    assert data["cameo_root"] is None
    assert data["errors"] == []


def test_wrong_type_gives_hand_computed_numbers():
    data = evaluate_events(SMALL, fake_coder(wrong_small())).to_dict()
    # types: AGREE->CONSULT (fp 1, fn 1), PROTEST tp, REQUEST fn, ASSAULT + THREATEN tp
    assert scores(data["type"]) == (3, 1, 2)
    assert data["type"]["precision"] == pytest.approx(0.75)
    assert data["type"]["recall"] == pytest.approx(0.6)
    assert data["type"]["f1"] == pytest.approx(2 / 3)
    # triples: CONSULT fp + AGREE fn, PROTEST tp, REQUEST fn, ASSAULT tp, THREATEN fp + fn
    assert scores(data["triple"]) == (2, 2, 3)
    assert data["triple"]["precision"] == pytest.approx(0.5)
    assert data["triple"]["recall"] == pytest.approx(0.4)
    assert data["triple"]["f1"] == pytest.approx(4 / 9)


def test_per_type_scores():
    per_type = evaluate_events(SMALL, fake_coder(wrong_small())).to_dict()["per_type"]
    assert list(per_type) == ["AGREE", "CONSULT", "REQUEST", "THREATEN", "PROTEST", "ASSAULT"]
    assert scores(per_type["AGREE"]) == (0, 0, 1)
    assert scores(per_type["CONSULT"]) == (0, 1, 0)
    assert scores(per_type["REQUEST"]) == (0, 0, 1)
    assert scores(per_type["PROTEST"]) == (1, 0, 0)
    assert per_type["PROTEST"]["f1"] == 1.0
    assert per_type["AGREE"]["precision"] == 0.0 and per_type["AGREE"]["f1"] == 0.0


def test_negated_conditional_and_hypothetical_predictions_are_ignored():
    predictions = perfect_small()
    predictions[PROTEST_TEXT] = predictions[PROTEST_TEXT] + [
        event("ASSAULT", [actor("EGY")], [], negated=True),
        event("SANCTION", [actor("EGY")], [], modality="conditional"),
        event("COERCE", [actor("EGY")], [], modality="hypothetical"),
    ]
    data = evaluate_events(SMALL, fake_coder(predictions)).to_dict()
    assert scores(data["type"]) == (5, 0, 0)
    assert scores(data["triple"]) == (5, 0, 0)
    assert set(data["per_type"]) == {"AGREE", "PROTEST", "REQUEST", "ASSAULT", "THREATEN"}


def test_planned_predictions_count():
    predictions = perfect_small()
    predictions[PROTEST_TEXT] = predictions[PROTEST_TEXT] + [
        event("SANCTION", [actor("EGY")], [], modality="planned")
    ]
    data = evaluate_events(SMALL, fake_coder(predictions)).to_dict()
    assert scores(data["type"]) == (5, 1, 0)


def test_code_normalisation():
    assert normalise_code("JAP") == "JPN"
    assert normalise_code("itl") == "ITA"
    assert normalise_code("VTNGOV") == "VNM"
    assert normalise_code("IGOUNO") == "IGO"
    assert normalise_code("---GOV") == "---"
    assert normalise_code(None) is None
    # gold JAP (Tokyo) matches a predicted country JPN, and a predicted JAP too
    for country in ("JPN", "JAP"):
        predictions = {AGREE_TEXT: [event("AGREE", [actor(country)], [actor("FRA")])]}
        data = evaluate_events(SMALL, fake_coder(predictions), errors=4).to_dict()
        assert data["triple"]["tp"] == 1
        by_id = {err["id"]: err for err in data["errors"]}
        assert "T-AGREE-1" not in by_id
        assert by_id["T-DEMAND-1"]["gold_triples"] == [["REQUEST", "IGO", "IRQ"]]


def test_dates_passed_unless_placeholder():
    calls: list = []
    evaluate_events(CAMEO, fake_coder({}, calls))
    assert calls[0] == ("Russia and Georgia held talks in Moscow on Wednesday.", "2008-08-06")
    assert [date for _, date in calls[1:]] == [None, None, None]


def cameo_predictions() -> dict[str, list[dict]]:
    return {
        "Russia and Georgia": [event("CONSULT", [actor("RUS")], [actor("GEO")], "043")],
        "Nothing of note": [event("ACCUSE", [actor("KEN")], [], "111")],
        "The government accused": [event("ACCUSE", [actor(None, "---GOV")], [actor("IRN")], "112")],
    }


def test_cameo_root_metric_and_no_event_false_positives():
    data = evaluate_events(CAMEO, fake_coder(cameo_predictions())).to_dict()
    # roots: 04 tp, no-event 11 fp, 01 (outside PLOVER) fn, 11 tp
    assert scores(data["cameo_root"]) == (2, 1, 1)
    assert data["cameo_root"]["records"] == 4
    assert data["cameo_root"]["f1"] == pytest.approx(2 / 3)
    # the no-event prediction is a false positive for types and triples too
    assert scores(data["type"]) == (2, 1, 0)
    assert scores(data["triple"]) == (2, 1, 0)


def test_cameo_perfect_including_outside_plover():
    predictions = {
        "Russia and Georgia": [event("CONSULT", [actor("RUS")], [actor("GEO")], "040")],
        "Somali militants": [
            {
                "plover_type": None,
                "cameo_code": "015",
                "source": [],
                "target": [],
                "rule": "statement",
            }
        ],
        "The government accused": [event("ACCUSE", [actor(None, "---GOV")], [actor("IRN")], "112")],
    }
    data = evaluate_events(CAMEO, fake_coder(predictions)).to_dict()
    assert scores(data["cameo_root"]) == (3, 0, 0)
    assert scores(data["type"]) == (2, 0, 0)
    assert scores(data["triple"]) == (2, 0, 0)


def test_confusion_table():
    small = evaluate_events(SMALL, fake_coder(wrong_small())).to_dict()["confusion"]
    # the two-type record (ASSAULT + THREATEN) is left out
    assert small == {"AGREE": {"CONSULT": 1}, "PROTEST": {"PROTEST": 1}, "REQUEST": {"none": 1}}
    cameo = evaluate_events(CAMEO, fake_coder(cameo_predictions())).to_dict()["confusion"]
    assert cameo == {"CONSULT": {"CONSULT": 1}, "none": {"ACCUSE": 1}, "ACCUSE": {"ACCUSE": 1}}


def test_errors_listing():
    predictions = wrong_small()
    predictions[AGREE_TEXT] = predictions[AGREE_TEXT] + [
        event("AGREE", [actor("JPN")], [actor("FRA")], negated=True)
    ]
    data = evaluate_events(SMALL, fake_coder(predictions), errors=2).to_dict()
    first, second = data["errors"]
    assert first["id"] == "T-AGREE-1"
    assert first["text"] == AGREE_TEXT
    assert first["gold_types"] == ["AGREE"] and first["predicted_types"] == ["CONSULT"]
    assert first["gold_triples"] == [["AGREE", "JPN", "FRA"]]
    assert first["predicted_triples"] == [["CONSULT", "JPN", "FRA"]]
    assert first["predicted_events"] == [
        {"plover_type": "CONSULT", "rule": "rule:consult", "counted": True},
        {"plover_type": "AGREE", "rule": "rule:agree", "counted": False},
    ]
    assert second["id"] == "T-DEMAND-1"
    assert second["text"].endswith("...") and len(second["text"]) == 160
    assert second["predicted_types"] == [] and second["predicted_events"] == []


def test_no_errors_by_default():
    assert evaluate_events(SMALL, fake_coder(wrong_small())).errors == []


def test_to_dict_is_json_and_has_the_documented_keys():
    report = evaluate_events(CAMEO, fake_coder(cameo_predictions()), errors=5)
    assert isinstance(report, EventReport)
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data) == {
        "file",
        "half",
        "records",
        "type",
        "triple",
        "cameo_root",
        "per_type",
        "confusion",
        "errors",
    }
    assert data["file"] == CAMEO


def test_format_table_order_and_width():
    table = evaluate_events(SMALL, fake_coder(wrong_small()), errors=3).format_table()
    lines = table.splitlines()
    assert all(len(line) <= 100 for line in lines)
    positions = [
        table.index(s)
        for s in (
            "event type",
            "type + source + target",
            "CAMEO root",
            "Per type",
            "Confusion",
            "Errors",
        )
    ]
    assert positions == sorted(positions)
    assert "n/a" in table
    confusion = table[table.index("Confusion") : table.index("Errors")]
    assert "AGREE" in confusion and "SANCTION" not in confusion
    assert "[T-AGREE-1]" in table and "rule:consult" in table


def test_format_table_with_cameo():
    table = evaluate_events(CAMEO, fake_coder(cameo_predictions())).format_table()
    row = next(line for line in table.splitlines() if line.startswith("CAMEO root"))
    assert "0.667" in row and "(4 records)" in row
    assert "Errors" not in table


def test_missing_file(tmp_path):
    path = str(tmp_path / "nope.jsonl")
    with pytest.raises(InputError) as info:
        evaluate_events(path, fake_coder({}))
    assert info.value.origin == path and info.value.line is None
    assert "no such file" in str(info.value)


@pytest.mark.parametrize(
    "bad_line, reason",
    [
        ('{"id": "x", "text": "A", "events": [', "invalid JSON"),
        ('{"id": "x", "events": []}', "'text'"),
        ('{"id": "x", "text": "A"}', "'events'"),
        ('{"id": "x", "text": "A", "events": {}}', "'events'"),
        ('["not", "a", "record"]', "not a JSON object"),
        ('{"id": "x", "text": "A", "events": [{"source": "USA"}]}', "malformed"),
    ],
)
def test_bad_input_names_file_and_line(tmp_path, bad_line, reason):
    path = tmp_path / "gold.jsonl"
    good = json.dumps({"id": "ok", "text": "Fine.", "events": [], "no_event": True})
    path.write_text(f"{good}\n\n{bad_line}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        evaluate_events(str(path), fake_coder({}))
    assert info.value.origin == str(path)
    assert info.value.line == 3
    assert reason in info.value.reason
    assert str(info.value).startswith(f"{path}:3: ") and "\n" not in str(info.value)


def test_code_batch_must_return_one_list_per_record():
    with pytest.raises(ValueError, match="4 records"):
        evaluate_events(SMALL, lambda batch: [])
