"""evaluate_times on a hand-written TimeML-style fixture with a fake tagger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventdesk.errors import InputError
from eventdesk.evaluation.times import evaluate_times, match

GOLD = Path(__file__).parent / "fixtures" / "times" / "tiny_timeml.jsonl"

# d1: exact "Wednesday" (right value), "next month for" overlaps "next month" (wrong value),
#     "three weeks" missed, "Talks" spurious.
# d2: "daily" exact (right value, wrong type), "in 1997" overlaps "1997" (right value).
SYSTEM = {
    "d1": [{"start": 15, "end": 24, "text": "Wednesday", "type": "DATE", "value": "2025-05-28"},
           {"start": 36, "end": 50, "text": "next month for", "type": "DATE", "value": "2025-07"},
           {"start": 0, "end": 5, "text": "Talks", "type": "DATE", "value": None}],
    "d2": [{"start": 12, "end": 17, "text": "daily", "type": "DURATION", "value": "P1D"},
           {"start": 18, "end": 25, "text": "in 1997", "type": "DATE", "value": "1997"}],
}


def fake_tagger(calls):
    texts = {json.loads(line)["text"]: json.loads(line)["doc_id"]
             for line in GOLD.read_text().splitlines()}

    def tag(text, dct):
        calls.append(dct)
        return SYSTEM[texts[text]]

    return tag


def test_scores_exact_numbers():
    calls = []
    report = evaluate_times(GOLD, fake_tagger(calls), errors=5)
    assert calls == ["2025-05-29", "1998-02-13T15:44:00"]
    assert (report.documents, report.gold, report.system) == (2, 5, 5)
    assert report.extraction.correct == 4
    assert report.extraction.precision == pytest.approx(0.8)
    assert report.extraction.recall == pytest.approx(0.8)
    assert report.extraction.f1 == pytest.approx(0.8)
    assert report.strict_extraction.correct == 2
    assert report.strict_extraction.f1 == pytest.approx(0.4)
    assert report.value_score.correct == 3
    assert report.value_score.f1 == pytest.approx(0.6)
    assert report.type_accuracy == pytest.approx(0.75)
    assert report.errors == [{
        "doc_id": "d1", "dct": "2025-05-29", "system_text": "next month for",
        "system_type": "DATE", "system_value": "2025-07", "gold_text": "next month",
        "gold_type": "DATE", "gold_value": "2025-06"}]
    assert [m["text"] for m in report.missed] == ["three weeks"]
    assert [m["text"] for m in report.spurious] == ["Talks"]


def test_report_dict_and_table():
    report = evaluate_times(GOLD, fake_tagger([]))
    data = report.to_dict()
    assert data["value"] == {"correct": 3, "system": 5, "gold": 5, "precision": 0.6,
                             "recall": 0.6, "f1": 0.6}
    assert data["extraction_strict"]["f1"] == 0.4
    assert data["errors"] == []
    table = report.format_table()
    assert "extraction (relaxed)" in table and "value" in table and "0.600" in table


def test_match_is_one_to_one_largest_overlap_first():
    gold = [{"start": 0, "end": 10}, {"start": 12, "end": 20}]
    system = [{"start": 5, "end": 15}, {"start": 0, "end": 3}]
    assert match(gold, system) == [(0, 1), (1, 0)]


def test_bad_gold_file(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    with pytest.raises(InputError):
        evaluate_times(bad, lambda text, dct: [])
    with pytest.raises(InputError):
        evaluate_times(tmp_path / "missing.jsonl", lambda text, dct: [])


def test_cli_command_runs_on_fixture(monkeypatch, capsys):
    from eventdesk.cli import eval_times_cmd
    from eventdesk.evaluation import times as times_eval

    monkeypatch.setattr(times_eval, "spacy_tagger", lambda nlp: fake_tagger([]))
    monkeypatch.setattr("eventdesk.nlp.pipeline.load_pipeline", lambda name: None)
    eval_times_cmd.eval_times(GOLD, errors=0, output_format="json", pipeline=None)
    data = json.loads(capsys.readouterr().out)
    assert data["value"]["f1"] == 0.6
