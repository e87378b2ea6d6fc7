"""Whole-article scoring on an invented article and invented gold."""

import json

from eventdesk.evaluation.articles import evaluate_articles, judge, side_right

TEXT = ("Ruritanian troops shelled the border town of Vell on Monday. "
        "The Ruritanian foreign minister met his Osterlich counterpart.")


def _gold_event(trigger, kind, source, target, **extra):
    start = TEXT.index(trigger)
    return {"start": start, "end": start + len(trigger), "trigger": trigger, "type": kind,
            "source": source, "target": target, "date": extra.get("date"),
            "place": extra.get("place"), "modality": "factual", "negated": False,
            "historical": extra.get("historical", False)}


def _coded(trigger, kind, source, target, sentence, **extra):
    start = TEXT.index(trigger)
    s_start = 0 if sentence == 0 else TEXT.index("The Ruritanian")
    s_end = TEXT.index("The Ruritanian") if sentence == 0 else len(TEXT)
    return {"segment": "body", "trigger": {"text": trigger, "start": start,
                                           "end": start + len(trigger)},
            "sentence_start": s_start, "sentence_end": s_end,
            "sentence_text": TEXT[s_start:s_end], "plover_type": kind,
            "source": source, "target": target, "date": extra.get("date", "2020-01-08"),
            "date_basis": extra.get("basis", "article_date"), "location": extra.get("location"),
            "modality": "factual", "negated": False, "rule": "t"}


RUR_MIL = {"country": "RUR", "sector": "MIL"}
RUR_GOV = {"country": "RUR", "sector": "GOV"}
OST_GOV = {"country": "OST", "sector": "GOV"}


def _files(tmp_path, gold_events):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "date": "2020-01-08", "text": TEXT}) + "\n")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"article_id": "a1", "events": gold_events}) + "\n")
    return str(gold), str(corpus)


def test_precision_fields_and_recall(tmp_path):
    gold = [_gold_event("shelled", "ASSAULT", [RUR_MIL], [], date="2020-01-06",
                        place={"name": "Vell", "country": "RUR"}),
            _gold_event("met", "CONSULT", [RUR_GOV], [OST_GOV])]
    coded = [
        _coded("shelled", "ASSAULT", [RUR_MIL], [{"country": "RUR", "sector": None}], 0,
               date="2020-01-06", basis="relative", location={"country": "RUR"}),
        _coded("town", "PROTEST", [RUR_MIL], [], 0),  # no gold event of that kind: not real
        _coded("met", "CONSULT", [RUR_GOV], [OST_GOV], 1),
    ]
    g, c = _files(tmp_path, gold)
    report = evaluate_articles(g, c, lambda records: [coded], errors=10)
    data = report.to_dict()
    assert report.coded == 3 and report.real == 2
    assert data["field_precision"]["target"] == 0.5  # the shelling has no target in the gold
    assert data["field_precision"]["date"] == 1.0 and data["field_precision"]["place"] == 1.0
    assert report.all_right == 1
    assert data["recall"] == 0.5  # the shelling's target countries differ
    kinds = sorted(e["kind"] for e in report.errors)
    assert kinds == ["not in the gold", "wrong fields"]


def test_side_right_null_gold_sector_accepts_any():
    assert side_right([{"country": "RUR", "sector": "GOV"}], [{"country": "RUR", "sector": None}])
    assert not side_right([], [RUR_GOV])
    assert not side_right([RUR_GOV, OST_GOV], [RUR_GOV])
    assert side_right([], [])


def test_undated_gold_needs_no_date_from_the_text():
    gold = _gold_event("met", "CONSULT", [RUR_GOV], [OST_GOV])
    assert judge(_coded("met", "CONSULT", [RUR_GOV], [OST_GOV], 1), gold)["date"]
    claimed = _coded("met", "CONSULT", [RUR_GOV], [OST_GOV], 1, basis="explicit")
    assert not judge(claimed, gold)["date"]
