"""Clusters in the store: written with the article, incremental, order-free, re-code safe."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from eventdesk.cluster.evaluate import score
from eventdesk.store import open_store
from test_cluster_helpers import CORPUS, SHELLING, article

VERSION = "test/1"


def write(db: Path, articles, version: str = VERSION) -> None:
    with open_store(db) as store:
        for coded in articles:
            store.write_article(coded, version)


def clusters(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        return {r[0]: r[1:] for r in conn.execute(
            "SELECT id, anchor_event_id, num_mentions, num_sources, num_articles, "
            "first_report, last_report, date FROM clusters")}


def membership(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id, cluster_id FROM events"))


def test_one_event_reported_three_times_is_one_cluster(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    write(db, CORPUS)
    rows = sorted(clusters(db).values(), key=lambda r: -r[1])
    assert [r[1:4] for r in rows] == [(3, 3, 3), (1, 1, 1), (1, 1, 1)]
    shelling = rows[0]
    assert shelling[4:] == ("2025-03-11", "2025-03-12", "2025-03-11")
    assert all(cid is not None for cid in membership(db).values())


def test_clusters_do_not_depend_on_ingest_order(tmp_path: Path) -> None:
    write(tmp_path / "a.db", CORPUS)
    write(tmp_path / "b.db", list(reversed(CORPUS)))
    write(tmp_path / "c.db", [CORPUS[1], CORPUS[4], CORPUS[0], CORPUS[3], CORPUS[2]])
    assert clusters(tmp_path / "a.db") == clusters(tmp_path / "b.db") == clusters(tmp_path /
                                                                                 "c.db")
    assert membership(tmp_path / "a.db") == membership(tmp_path / "b.db")


def test_an_earlier_report_ingested_later_becomes_the_anchor(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    late = article("w9", [{"text": SHELLING.replace("Tuesday", "Monday night"),
                           "type": "ASSAULT", "source": ["RUSMIL"], "date": "2025-03-10"}],
                   date="2025-03-10")
    write(db, CORPUS[:3])
    (before,) = [c for c, r in clusters(db).items() if r[1] == 3]
    write(db, [late])
    after = [c for c, r in clusters(db).items() if r[1] == 4]
    assert after and after[0] != before  # the id follows the earliest mention
    assert after[0] == "ce_" + late.events[0].id[3:]


def test_reingest_and_recode_keep_ids_and_counts(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    write(db, CORPUS)
    first, members = clusters(db), membership(db)
    write(db, CORPUS)  # same articles again
    write(db, CORPUS, version="test/2")  # re-coded by a new version: same event ids
    assert clusters(db) == first and membership(db) == members


def test_replaced_article_leaves_its_cluster(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    write(db, CORPUS)
    # w1 is corrected: now it reports the talks, not the shelling
    fixed = article("w1", [{"text": "Russia and Ukraine held talks in Istanbul on Monday.",
                            "type": "CONSULT", "source": ["RUS", "UKR"], "date": "2025-03-10",
                            "trigger": "talks"}], source="Northern Wire", title="fixed")
    write(db, [fixed])
    counts = sorted(r[1:4] for r in clusters(db).values())
    assert counts == [(1, 1, 1), (2, 1, 2), (2, 2, 2)]  # talks: same outlet twice
    with sqlite3.connect(db) as conn:
        orphans = conn.execute("SELECT COUNT(*) FROM clusters c WHERE NOT EXISTS "
                               "(SELECT 1 FROM events e WHERE e.cluster_id = c.id)").fetchone()
    assert orphans[0] == 0


def test_removing_the_bridge_splits_a_cluster(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    def one(aid: str, text: str):
        return article(aid, [{"text": text, "type": "ASSAULT", "source": ["RUS"]}])

    a = one("b1", "Russia shelled the Kharkiv school building.")
    b = one("b2", "Russia shelled Kharkiv school building and Saltivka market district.")
    c = one("b3", "Russia shelled the crowded Saltivka market district.")
    write(db, [a, c])
    assert len(clusters(db)) == 2
    write(db, [b])
    assert len(clusters(db)) == 1  # b2 links both
    write(db, [dataclasses.replace(b, events=())])  # b2 re-coded without events
    assert len(clusters(db)) == 2


def test_failed_write_leaves_no_mention_without_cluster(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "c.db"
    write(db, CORPUS[:2])
    before = clusters(db)

    def boom(*args, **kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr("eventdesk.store.clustering._refresh", boom)
    with pytest.raises(RuntimeError):
        write(db, CORPUS[2:3])
    monkeypatch.undo()
    assert clusters(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2


def test_old_store_is_clustered_when_opened(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    write(db, CORPUS)
    expected = clusters(db)
    with sqlite3.connect(db) as conn:  # as a store written before migration 2
        conn.execute("UPDATE events SET cluster_id = NULL, block = NULL")
        conn.execute("DELETE FROM clusters")
    with open_store(db, readonly=True) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM clusters").fetchone()[0] == 0
    write(db, [])
    assert clusters(db) == expected


def test_rebuild_gives_the_same_clusters(tmp_path: Path) -> None:
    from eventdesk.store.clustering import rebuild

    db = tmp_path / "c.db"
    write(db, CORPUS)
    expected = clusters(db)
    with open_store(db) as store:
        assert rebuild(store.conn) == 5
    assert clusters(db) == expected


def test_score() -> None:
    perfect = score([("A", "1"), ("A", "1"), ("B", "2")])
    assert perfect["pair_precision"] == perfect["pair_recall"] == 1.0
    split = score([("A", "1"), ("A", "2"), ("B", "3")])
    assert split["pair_recall"] == 0.0 and split["pair_precision"] == 1.0
    assert split["bcubed_recall"] == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_events_query_carries_the_cluster_id(tmp_path: Path) -> None:
    from eventdesk.query import EventFilter, query_events

    db = tmp_path / "c.db"
    write(db, CORPUS)
    with open_store(db, readonly=True) as store:
        rows = list(query_events(store, EventFilter()))
    assert rows and all(r["cluster_id"].startswith("ce_") for r in rows)
    assert json.dumps(rows[0])
