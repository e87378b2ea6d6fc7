"""The geoparsing scorer on a tiny hand-written fixture with a fake tagger."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.errors import InputError
from eventdesk.evaluation.places import evaluate_places, haversine_km
from eventdesk.model import Place

GOLD = Path(__file__).parent / "fixtures" / "places" / "gold_tiny.jsonl"


def fake_tag(text: str, date: str | None) -> list[Place]:
    if text.startswith("Talks"):
        return [
            # overlaps gold "Istanbul", 1 km away
            Place("body", 9, 17, "Istanbul", lat=41.0, lon=28.95),
            # overlaps gold "Paris" but resolved to Paris, Texas: far
            Place("body", 27, 32, "Paris", lat=33.66, lon=-95.56),
            # spurious
            Place("body", 37, 42, "quiet"),
        ]
    # "Springfield" matched without coordinates; "Lake Nowhere" missed
    return [{"start": 11, "end": 22, "text": "Springfield", "lat": None, "lon": None}]


def test_scores_exact():
    report = evaluate_places(GOLD, fake_tag, errors=10)
    assert (report.documents, report.gold, report.predicted, report.matched) == (2, 4, 4, 3)
    assert report.precision == pytest.approx(0.75)
    assert report.recall == pytest.approx(0.75)
    assert report.f1 == pytest.approx(0.75)
    # resolvable: Istanbul, Paris, Springfield (matched, with gold coordinates)
    assert (report.resolvable, report.within) == (3, 1)
    assert report.acc161 == pytest.approx(1 / 3)
    assert len(report.errors_km) == 2
    kinds = sorted(e["kind"] for e in report.errors)
    assert kinds == ["far", "missed", "spurious", "unresolved"]
    d = report.to_dict()
    assert d["recognition"]["f1"] == 0.75 and d["resolution"]["acc161"] == 0.3333
    table = report.format_table()
    assert "Acc@161 0.333 (1/3)" in table


def test_haversine():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.01)
    assert haversine_km(41.01, 28.95, 41.01, 28.95) == 0


def test_bad_json(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    with pytest.raises(InputError, match=r"bad.jsonl:1: invalid JSON"):
        evaluate_places(bad, fake_tag)


@pytest.mark.parametrize(("line", "reason"), [
    ('["a list"]', "not a JSON object"),
    ('{"doc_id": "x", "toponyms": []}', "no 'text'"),
    ('{"text": "Talks in Paris.", "toponyms": [{"text": "Paris"}]}', "malformed toponym"),
    ('{"text": "Talks in Paris.", "toponyms": [{"start": 9, "end": "x"}]}',
     "malformed toponym"),
    ('{"text": "A", "toponyms": 5}', "no 'toponyms'"),
], ids=["list", "no-text", "no-start", "bad-end", "bad-toponyms"])
def test_malformed_gold_records_name_file_and_line(tmp_path, line, reason):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "Nothing here.", "toponyms": []}\n' + line + "\n")
    with pytest.raises(InputError) as info:
        evaluate_places(gold, lambda text, date: [Place("body", 9, 14, "Paris")])
    assert str(info.value).startswith(f"{gold}:2: ") and reason in str(info.value)
