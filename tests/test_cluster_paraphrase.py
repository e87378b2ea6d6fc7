"""The paraphrased-reports corpus (tests/fixtures/paraphrase): real coder, measured clustering.

The same events reported in different words by different outlets, with distractors that
share type and actors (the same shelling three days later, another city the same day, another
accusation the same day, a denial, a later round of talks). Scores are printed by
``python -m eventdesk.cluster.evaluate tests/fixtures/paraphrase``.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from eventdesk.cluster.evaluate import evaluate, ingest_corpus, label_mentions, stored_mentions

pytestmark = pytest.mark.usefixtures("clean_env", "warm_coder")

CORPUS = Path(__file__).parent / "fixtures" / "paraphrase"


@pytest.fixture(scope="module")
def result(tmp_path_factory) -> tuple[dict, str]:
    db = str(tmp_path_factory.mktemp("para") / "p.db")
    return evaluate(CORPUS, db), db


def test_clustering_precision_and_recall(result) -> None:
    scores, _ = result
    assert scores["mentions"] >= 50  # most gold mentions were coded
    assert scores["pair_precision"] >= 0.9
    assert scores["bcubed_precision"] >= 0.95
    assert scores["bcubed_recall"] >= 0.45
    assert scores["clusters"] < scores["mentions"]


def test_distractors_stay_apart(result) -> None:
    _, db = result
    gold = [json.loads(line) for line in (CORPUS / "gold.jsonl").read_text().splitlines()]
    labelled = label_mentions(stored_mentions(db), gold)
    clusters_of: dict[str, set] = {}
    for event, label in labelled:
        if label:
            clusters_of.setdefault(label, set()).add(event["cluster_id"])
    for a, b in [("E2", "D1"), ("E2", "D3"), ("E2", "D4"), ("E4", "D2"), ("E1", "E11"),
                 ("E1", "D5")]:
        assert not clusters_of[a] & clusters_of[b], (a, b)
    for label in ("E3", "E9"):  # same type and actors in every report: one cluster each
        assert len(clusters_of[label]) == 1, label


def test_corpus_ingested_twice_has_the_same_counts(result, tmp_path: Path) -> None:
    _, db = result

    def snapshot(path):
        with sqlite3.connect(path) as conn:
            return (conn.execute("SELECT COUNT(*) FROM events").fetchone(),
                    sorted(conn.execute("SELECT id, num_mentions, num_sources, num_articles "
                                        "FROM clusters")))

    before = snapshot(db)
    ingest_corpus(CORPUS, db)
    assert snapshot(db) == before
    fresh = str(tmp_path / "fresh.db")
    ingest_corpus(CORPUS, fresh)
    assert snapshot(fresh) == before
