"""Snippet (case2021 layout) and story (ngec layout) scoring on invented records."""

import json

from eventdesk.cli.eval_cmd import gold_kind
from eventdesk.evaluation.snippets import evaluate_snippets, evaluate_stories
from eventdesk.evaluation.split import CHECK, TUNE, half


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _event(kind, confidence=0.5, negated=False, modality="factual"):
    return {"plover_type": kind, "confidence": confidence, "negated": negated,
            "modality": modality, "rule": "test"}


def test_snippet_measures(tmp_path):
    records = [
        {"id": "a", "text": "Rebels shelled a town.", "accept": ["ASSAULT"], "subtype": "S"},
        {"id": "b", "text": "Police detained ten men.", "accept": ["COERCE"], "subtype": "A"},
        {"id": "c", "text": "A flood hit the valley.", "accept": [], "none_expected": True},
        {"id": "d", "text": "A storm hit the coast.", "accept": [], "none_expected": True},
        {"id": "e", "text": "Something else.", "accept": [], "scored": False},
    ]
    path = _write(tmp_path / "s.jsonl", records)
    answers = {
        "Rebels shelled a town.": [_event("ASSAULT", 0.4), _event("ACCUSE", 0.9)],
        "Police detained ten men.": [_event("COERCE", 0.9, negated=True)],
        "A flood hit the valley.": [_event("ASSAULT")],
        "A storm hit the coast.": [],
        "Something else.": [_event("AID")],
    }
    report = evaluate_snippets(path, lambda items: [answers[t] for _, t in items], errors=5)
    assert report.scored == 2 and report.unscored == 1
    assert report.hit_rate == 0.5  # the negated COERCE is no hit
    assert report.top_accuracy == 0.0  # ACCUSE is the most confident in "a"
    assert report.disasters == 2 and report.false_alarm_rate == 0.5
    assert {e["id"] for e in report.errors} == {"a", "b", "c"}


def test_story_label_recall_is_macro_and_factual_only(tmp_path):
    records = [
        {"id": "1", "title": "T", "text": "one", "label": "AID"},
        {"id": "2", "title": "T", "text": "two", "label": "AID"},
        {"id": "3", "title": "T", "text": "three", "label": "PROTEST"},
    ]
    path = _write(tmp_path / "n.jsonl", records)
    answers = {"one": [_event("AID"), _event("CONSULT")],
               "two": [_event("AID", modality="planned")],
               "three": [_event("PROTEST"), _event("PROTEST"), _event("COERCE"),
                         _event("ASSAULT")]}
    report = evaluate_stories(path, lambda items: [answers[t] for _, t in items])
    assert report.macro_recall == (0.5 + 1.0) / 2
    assert report.types_per_story == [2, 0, 3] and report.median_types == 2


def test_halves_are_fixed_and_filter(tmp_path):
    ids = [f"r{n}" for n in range(40)]
    assert [half(i) for i in ids] == [half(i) for i in ids]
    assert {half(i) for i in ids} == {TUNE, CHECK}
    records = [{"id": i, "text": i, "title": None, "label": "AID"} for i in ids]
    path = _write(tmp_path / "h.jsonl", records)
    seen = []

    def code(items):
        seen.extend(t for _, t in items)
        return [[] for _ in items]

    evaluate_stories(path, code, half=TUNE)
    assert seen and all(half(t) == TUNE for t in seen)


def test_gold_kind(tmp_path):
    assert gold_kind(_write(tmp_path / "a.jsonl", [{"id": 1, "accept": []}])) == "snippets"
    assert gold_kind(_write(tmp_path / "b.jsonl", [{"id": 1, "label": "AID"}])) == "stories"
    assert gold_kind(_write(tmp_path / "c.jsonl", [{"id": 1, "events": []}])) == "sentences"
