"""Train the event classifier and write the model file the package ships (docs/classifier.md).

    make train-classifier                     # = .venv/bin/python tools/train_classifier.py
    .venv/bin/python tools/train_classifier.py --shared /work/shared/eval --quick

Needs the optional `train` dependencies (scikit-learn). Reads only the TUNE halves of the dev
files, all of train/ngec_synthetic_train.jsonl and training/negatives.jsonl. Chooses the
hyper-parameters and thresholds by grouped cross-validation on that data alone, fits TF-IDF +
two logistic regressions (event head, multinomial type head), and writes
src/eventdesk/data/model/event_classifier.json.gz and training/cv_report.json. Single-threaded
and seed-free, so a rerun writes byte-identical files.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one BLAS thread: the same sums in the same order on every run

import argparse  # noqa: E402
import hashlib  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import multiprocessing  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from dataclasses import asdict, dataclass  # noqa: E402
from functools import partial  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from classifier_data import REPO, Example, training_examples  # noqa: E402
from classifier_export import model_dict, verify_runtime, write_model  # noqa: E402
from classifier_metrics import all_figures  # noqa: E402
from sklearn.feature_extraction.text import (  # noqa: E402
    CountVectorizer,
    TfidfTransformer,
    TfidfVectorizer,
)
from sklearn.linear_model import LogisticRegression  # noqa: E402

from eventdesk.classify import TypeScores  # noqa: E402
from eventdesk.classify.features import FeatureSpec, text_features  # noqa: E402
from eventdesk.classify.model import shipped_model_path  # noqa: E402

MIN_DF = 8
NEGATIVES_PER_GROUP = 10
MAX_FALSE_ALARMS = 0.10  # the ceiling for false alarms on disasters
EVENT_HEAD_VIEWS = ("lead", "title", "sentence", "snippet")  # no whole stories: it judges sentences
MAX_TYPES_PER_TYPE_ROW = 3  # a snippet accepting more types (case2021 DIPLO) teaches no type
NEWS_SOURCES = ("case2021", "plover_gsr", "petr2_gsr")
EVENT_THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 19))
TYPE_THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 13))
CV_REPORT = REPO / "training" / "cv_report.json"


@dataclass(frozen=True)
class Config:
    """One point of the hyper-parameter grid."""

    story_view: tuple[str, ...] = ("full", "lead", "title")
    c_event: float = 10.0
    c_type: float = 3.0
    class_power: float = 1.0  # type weight = (mean count / count) ** power
    news_weight: float = 4.0  # weight of news sentences/snippets against NGEC stories


# Searched by cross-validation: the story views and the type head's settings by type_quality,
# then the event head's C by its event recall at ``veto_threshold`` (docs/classifier.md).
GRID = {
    "story_view": [("full", "lead", "title"), ("full", "lead")],
    "c_type": [3.0, 10.0],
    "class_power": [1.0, 1.5],
    "news_weight": [4.0],
    "c_event": [1.0, 3.0, 10.0, 30.0],
}
QUICK_GRID = {key: values[:1] for key, values in GRID.items()}
SPEC = FeatureSpec(stems=True, bigrams=True)


def cv_group(example: Example) -> str:
    """What stays together in one fold: a record's views; ten consecutive invented negatives of
    one family (written together, they share wording, so apart they would flatter the CV)."""
    if example.source == "negatives":
        family, number = example.group.rsplit("-", 1)
        return f"{family}-{int(number) // NEGATIVES_PER_GROUP}"
    return example.group


def fold_of(group: str, folds: int) -> int:
    """A group's cross-validation fold, by a hash of its name."""
    return hashlib.sha256(group.encode("utf-8")).digest()[0] % folds


def source_weight(example: Example, config: Config) -> float:
    """NGEC views share one story's weight; news sentences/snippets weigh ``news_weight``."""
    if example.source.startswith("ngec"):
        return 1.0 / len(config.story_view)
    return config.news_weight if example.source in NEWS_SOURCES else 1.0


def event_rows(examples: list[Example], config: Config) -> tuple[list[int], np.ndarray]:
    """Rows and sample weights of the event head: short views only (``EVENT_HEAD_VIEWS``);
    events and non-events weigh the same in total."""
    rows = [i for i, ex in enumerate(examples) if ex.view in EVENT_HEAD_VIEWS]
    base = np.array([source_weight(examples[i], config) for i in rows])
    is_event = np.array([examples[i].event for i in rows])
    pos, neg = base[is_event].sum(), base[~is_event].sum()
    return rows, np.where(is_event, base * (pos + neg) / (2 * pos),
                          base * (pos + neg) / (2 * neg))


def type_rows(examples: list[Example], config: Config) -> tuple[list[int], list[str], np.ndarray]:
    """Rows of the type head: one per (event example, accepted type), weight split evenly,
    re-weighted by ``class_power`` toward balanced types."""
    rows, labels, weights = [], [], []
    for i, ex in enumerate(examples):
        if ex.event and 0 < len(ex.types) <= MAX_TYPES_PER_TYPE_ROW:
            for name in ex.types:
                rows.append(i)
                labels.append(name)
                weights.append(source_weight(ex, config) / len(ex.types))
    weight = np.array(weights)
    totals = Counter()
    for name, w in zip(labels, weights):
        totals[name] += w
    mean = sum(totals.values()) / len(totals)
    weight *= np.array([(mean / totals[name]) ** config.class_power for name in labels])
    return rows, labels, weight


def fit_heads(matrix, examples: list[Example], config: Config):
    """The event head (binary) and the type head (multinomial) on a TF-IDF matrix."""
    rows, weights = event_rows(examples, config)
    event_lr = LogisticRegression(C=config.c_event, max_iter=3000)
    event_lr.fit(matrix[rows], [examples[i].event for i in rows], sample_weight=weights)
    rows, labels, weights = type_rows(examples, config)
    type_lr = LogisticRegression(C=config.c_type, max_iter=3000)
    type_lr.fit(matrix[rows], labels, sample_weight=weights)
    return event_lr, type_lr


def predict(matrix, event_lr, type_lr) -> list[TypeScores]:
    p_event = event_lr.predict_proba(matrix)[:, list(event_lr.classes_).index(True)]
    p_types = type_lr.predict_proba(matrix)
    names = list(type_lr.classes_)
    return [TypeScores(float(p), {n: float(v) for n, v in zip(names, row)})
            for p, row in zip(p_event, p_types)]


def count_matrix(examples: list[Example], spec: FeatureSpec):
    """Raw feature counts of all examples over one vocabulary (folds pick their columns)."""
    vectorizer = CountVectorizer(analyzer=partial(text_features, spec=spec), dtype=np.float64)
    return vectorizer.fit_transform([ex.text for ex in examples]).tocsc()


def fold_tfidf(counts, train_rows: np.ndarray, test_rows: np.ndarray):
    """TF-IDF of a fold, its vocabulary (min_df) and idf taken from the training rows only."""
    train = counts[train_rows]
    keep = np.flatnonzero(train.getnnz(axis=0) >= MIN_DF)
    transformer = TfidfTransformer(sublinear_tf=True)
    train_matrix = transformer.fit_transform(train[:, keep]).tocsr()
    return train_matrix, transformer.transform(counts[test_rows][:, keep]).tocsr()


def cross_validate(counts, examples: list[Example], config: Config, folds: int):
    """Out-of-fold scores of every example."""
    fold = np.array([fold_of(cv_group(ex), folds) for ex in examples])
    scores: list[TypeScores | None] = [None] * len(examples)
    for k in range(folds):
        train_rows, test_rows = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        train_matrix, test_matrix = fold_tfidf(counts, train_rows, test_rows)
        train_examples = [examples[i] for i in train_rows]
        heads = fit_heads(train_matrix, train_examples, config)
        for i, score in zip(test_rows, predict(test_matrix, *heads)):
            scores[i] = score
    return scores


def event_rates(pairs, threshold: float) -> tuple[float, float]:
    """Mean event recall over the event sources and mean false-alarm rate over the non-event
    sources (case2021 disasters, the negatives), short views only, as the head is trained."""
    called: dict[tuple[str, bool], list[bool]] = {}
    for ex, sc in pairs:
        if ex.view in EVENT_HEAD_VIEWS:
            called.setdefault((ex.source, ex.event), []).append(sc.p_event >= threshold)
    recall = [np.mean(hits) for (_, is_event), hits in called.items() if is_event]
    alarms = [np.mean(hits) for (_, is_event), hits in called.items() if not is_event]
    return float(np.mean(recall)), float(np.mean(alarms))


def veto_threshold(pairs) -> tuple[float, float]:
    """The lowest event threshold whose false-alarm rate is at most ``MAX_FALSE_ALARMS``, and
    the event recall there: a veto should keep real events first."""
    for threshold in EVENT_THRESHOLDS:
        recall, alarms = event_rates(pairs, threshold)
        if alarms <= MAX_FALSE_ALARMS:
            return threshold, recall
    return threshold, recall


def event_curve(pairs) -> list[dict]:
    """Per event threshold: recall on news events, false alarms on disasters and negatives."""
    def share(chosen: list[float], threshold: float) -> float:
        return round(float(np.mean([p >= threshold for p in chosen])), 3)

    groups = {"case2021_events": lambda ex: ex.source == "case2021" and ex.event,
              "plover_petr2_events": lambda ex: ex.source in ("plover_gsr", "petr2_gsr"),
              "case2021_disasters": lambda ex: ex.source == "case2021" and not ex.event,
              "negatives": lambda ex: ex.source == "negatives"}
    scores = {name: [sc.p_event for ex, sc in pairs if test(ex)] for name, test in groups.items()}
    return [{"threshold": t, **{name: share(values, t) for name, values in scores.items()}}
            for t in EVENT_THRESHOLDS]


def type_quality(pairs) -> float:
    """Mean of case2021 top accepted, NGEC macro top-1 recall and plover_gsr top-1 hit rate."""
    figures = all_figures(pairs, 0.0, 1.0)
    plover = [sc.top(1)[0][0] in ex.types for ex, sc in pairs if ex.source == "plover_gsr"]
    return float(np.mean([figures["case2021"]["top_accepted"],
                          figures["ngec"]["macro_recall_top1"], np.mean(plover)]))


def best_thresholds(pairs) -> tuple[float, float]:
    """Event threshold by ``veto_threshold``; type threshold by plover+petr2 type F1."""
    event_t = veto_threshold(pairs)[0]

    def sentence_f1(t: float) -> float:
        figures = all_figures(pairs, event_t, t)
        return figures["plover_gsr"]["f1"] + figures["petr2_gsr"]["f1"]

    return event_t, max(TYPE_THRESHOLDS, key=lambda t: (sentence_f1(t), t))


_DATA: dict[tuple[str, ...], tuple[list[Example], object]] = {}  # per story view, for workers


def load_data(shared: Path, views: list[tuple[str, ...]]) -> None:
    for view in views:
        examples = training_examples(shared, view)
        _DATA[view] = (examples, count_matrix(examples, SPEC))


def cv_job(job: tuple[str, Config, int]) -> dict:
    """One grid point's out-of-fold score (run in a worker; data in ``_DATA``)."""
    head, config, folds = job
    examples, counts = _DATA[config.story_view]
    pairs = list(zip(examples, cross_validate(counts, examples, config, folds)))
    if head == "event":
        score = veto_threshold(pairs)[1]
    else:
        score = type_quality(pairs)
    return {"head": head, "config": asdict(config), "score": round(score, 4)}


def grid_jobs(grid: dict, folds: int) -> list[tuple[str, Config, int]]:
    jobs = []
    for view, c_type, power, news in itertools.product(
        grid["story_view"], grid["c_type"], grid["class_power"], grid["news_weight"]
    ):
        jobs.append(("type", Config(view, grid["c_event"][0], c_type, power, news), folds))
    for view, c_event in itertools.product(grid["story_view"], grid["c_event"]):
        jobs.append(("event", Config(view, c_event), folds))
    return jobs


def search(grid: dict, folds: int, workers: int) -> tuple[Config, list[dict]]:
    """The best config: type settings (and story views) first, then the event head's C."""
    jobs = grid_jobs(grid, folds)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        rows = list(pool.map(cv_job, jobs))
    type_results = [r for r in rows if r["head"] == "type"]
    best_type = max(type_results, key=lambda r: r["score"])["config"]  # first of equals
    view = tuple(best_type["story_view"])
    event_results = [r for r in rows
                     if r["head"] == "event" and tuple(r["config"]["story_view"]) == view]
    best_event = max(event_results, key=lambda r: r["score"])["config"]
    config = Config(view, best_event["c_event"], best_type["c_type"],
                    best_type["class_power"], best_type["news_weight"])
    return config, rows


def source_counts(examples: list[Example]) -> dict:
    """Records (not views) per source, events and non-events apart."""
    counted = Counter()
    for ex in {(ex.source, ex.group, ex.event) for ex in examples}:
        counted[f"{ex[0]}:{'event' if ex[2] else 'non-event'}"] += 1
    return dict(sorted(counted.items()))


def fit_final(examples: list[Example], config: Config):
    """The shipped vectorizer and heads, fitted on all training examples."""
    vectorizer = TfidfVectorizer(analyzer=partial(text_features, spec=SPEC), min_df=MIN_DF,
                                 sublinear_tf=True, dtype=np.float64)
    matrix = vectorizer.fit_transform([ex.text for ex in examples])
    return vectorizer, matrix, fit_heads(matrix, examples, config)


def cv_report(config: Config, folds: int, rows: list[dict]) -> tuple[dict, dict]:
    """Thresholds and figures from the out-of-fold scores of the chosen config."""
    examples, counts = _DATA[config.story_view]
    pairs = list(zip(examples, cross_validate(counts, examples, config, folds)))
    event_t, type_t = best_thresholds(pairs)
    thresholds = {"p_event": event_t, "type": type_t}
    report = {"config": asdict(config), "folds": folds, "min_df": MIN_DF,
              "features": asdict(SPEC), "thresholds": thresholds,
              "training_records": source_counts(examples),
              "cv_figures": all_figures(pairs, event_t, type_t),
              "event_threshold_curve": event_curve(pairs), "grid": rows}
    return thresholds, report


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "eval",
                        help="folder holding dev/ and train/ (default ../shared/eval)")
    parser.add_argument("--out", type=Path, default=shipped_model_path())
    parser.add_argument("--report", type=Path, default=CV_REPORT)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="one grid point: no search")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    grid = QUICK_GRID if args.quick else GRID
    load_data(args.shared, grid["story_view"])
    config, rows = search(grid, args.folds, args.workers)
    thresholds, report = cv_report(config, args.folds, rows)
    examples = _DATA[config.story_view][0]
    vectorizer, matrix, (event_lr, type_lr) = fit_final(examples, config)
    training = {key: report[key] for key in ("config", "min_df", "training_records")}
    training["scikit_learn"] = sklearn.__version__
    write_model(args.out, model_dict(vectorizer, event_lr, type_lr, SPEC, thresholds, training))
    sample = list(range(0, len(examples), 7))
    worst = verify_runtime(args.out, [examples[i].text for i in sample], event_lr, type_lr,
                           matrix[sample])
    args.report.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps({"config": report["config"], "thresholds": thresholds,
                      "cv_figures": report["cv_figures"]}, indent=1))
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(vectorizer.vocabulary_)} "
          f"features; run time matches training within {worst:.1e}) and {args.report} "
          f"in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
