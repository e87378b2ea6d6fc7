"""Evaluate the event classifier alone on both halves of the event dev files (docs/classifier.md).

    .venv/bin/python tools/eval_classifier.py [--shared ../shared/eval] [--model FILE]
                                              [--format table|json] [--speed]

Scores every record with the shipped model through the run-time API (``load_classifier``), with
the thresholds stored in the model, and prints per half (tune = what training saw, check = what it
did not): case2021_dev top type accepted and disaster false alarms, ngec_synthetic_dev label
recall at top-1/top-3 macro-averaged over the 16 types (whole story: title and text), and type
P/R/F1 per sentence on plover_gsr and petr2_gsr. ``--speed`` also times loading the model and
scoring the sentences, against spaCy parsing the same sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from classifier_data import REPO, dev_examples
from classifier_metrics import all_figures

from eventdesk.classify.model import EventClassifier, read_model, shipped_model_path
from eventdesk.evaluation.split import HALVES

ROWS = (
    ("case2021", "event_recall", "case2021_dev: event snippets with p_event over threshold"),
    ("case2021", "top_accepted", "case2021_dev: top type accepted (scored event snippets)"),
    ("case2021", "top_accepted_and_event", "case2021_dev: ... and p_event over threshold"),
    ("case2021", "disaster_false_alarms", "case2021_dev: disasters with p_event over threshold"),
    ("ngec", "macro_recall_top1", "ngec_synthetic_dev: label recall top-1 (macro)"),
    ("ngec", "macro_recall_top3", "ngec_synthetic_dev: label recall top-3 (macro)"),
    ("ngec", "event_rate", "ngec_synthetic_dev: stories with p_event over threshold"),
    ("plover_gsr", "event_recall", "plover_gsr: sentences with p_event over threshold"),
    ("plover_gsr", "precision", "plover_gsr: type precision per sentence"),
    ("plover_gsr", "recall", "plover_gsr: type recall per sentence"),
    ("plover_gsr", "f1", "plover_gsr: type F1 per sentence"),
    ("petr2_gsr", "f1", "petr2_gsr: type F1 per sentence"),
)
COUNTS = (("case2021", "snippets"), ("case2021", "disasters"), ("ngec", "stories"),
          ("plover_gsr", "sentences"), ("petr2_gsr", "sentences"))


def evaluate(classifier: EventClassifier, dev_dir: Path) -> dict:
    """Figures of both halves."""
    figures = {}
    for wanted in HALVES:
        examples = dev_examples(dev_dir, wanted, ("full",))
        pairs = list(zip(examples, classifier.score_many(ex.text for ex in examples)))
        figures[wanted] = all_figures(pairs, classifier.event_threshold,
                                      classifier.type_threshold)
        del figures[wanted]["negatives"]
    return figures


def speed(model_path: Path, dev_dir: Path) -> dict:
    """Load time of the model file, and microseconds per sentence for scoring vs parsing."""
    started = time.perf_counter()
    classifier = EventClassifier(read_model(model_path))
    load_s = time.perf_counter() - started
    texts = [ex.text for wanted in HALVES for ex in dev_examples(dev_dir, wanted, ())
             if ex.source in ("plover_gsr", "petr2_gsr")]
    started = time.perf_counter()
    for _ in range(10):
        classifier.score_many(texts)
    score_us = (time.perf_counter() - started) / (10 * len(texts)) * 1e6
    from eventdesk.config import DEFAULT_PIPELINE
    from eventdesk.nlp.pipeline import load_pipeline

    nlp = load_pipeline(DEFAULT_PIPELINE)
    list(nlp.pipe(texts[:20]))
    started = time.perf_counter()
    list(nlp.pipe(texts))
    parse_us = (time.perf_counter() - started) / len(texts) * 1e6
    return {"sentences": len(texts), "model_load_s": round(load_s, 3),
            "score_us_per_sentence": round(score_us, 1),
            "spacy_parse_us_per_sentence": round(parse_us, 1)}


def table(figures: dict) -> str:
    lines = [f"{'measure':<58} {'tune':>7} {'check':>7}"]
    for source, key, label in ROWS:
        values = [figures[h][source].get(key) for h in HALVES]
        lines.append(f"{label:<58} " + " ".join(f"{v if v is not None else '-':>7}"
                                                 for v in values))
    counts = ", ".join(f"{source} {key} " + "/".join(str(figures[h][source][key]) for h in HALVES)
                       for source, key in COUNTS)
    return "\n".join(lines) + f"\n(records tune/check: {counts})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "eval",
                        help="folder holding dev/ (default ../shared/eval)")
    parser.add_argument("--model", type=Path, default=shipped_model_path())
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--speed", action="store_true", help="also time loading and scoring")
    args = parser.parse_args(argv)
    dev_dir = args.shared / "dev"
    if not dev_dir.is_dir():
        print(f"{dev_dir}: no such folder (pass --shared)", file=sys.stderr)
        return 2
    classifier = EventClassifier(read_model(args.model), origin=str(args.model))
    result = {"model": str(args.model), "thresholds": {"p_event": classifier.event_threshold,
                                                        "type": classifier.type_threshold},
              "halves": evaluate(classifier, dev_dir)}
    if args.speed:
        result["speed"] = speed(args.model, dev_dir)
    if args.format == "json":
        print(json.dumps(result, indent=1))
    else:
        print(f"thresholds: p_event >= {classifier.event_threshold}, "
              f"type >= {classifier.type_threshold} (plus the top type)")
        print(table(result["halves"]))
        if args.speed:
            print("speed: " + ", ".join(f"{k} {v}" for k, v in result["speed"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
