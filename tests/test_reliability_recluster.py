"""`recluster` builds the new clustering beside the old one and swaps it in one transaction.

Finding 3: readers during a recluster see the old clusters whole (every mention clustered, the
counts of the old rules); a SIGKILL while the new clustering is built, or inside the swap
before its commit, leaves the old clustering exactly as it was; a write by another process
between the build and the swap is not lost (the build is redone under the write lock).

To tell old from new, the recluster in a subprocess runs with other rules (no two mentions
match), as after a change of the clustering rules: the old store has clusters of three.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventdesk.store import clustering, open_store
from test_cluster_helpers import article

pytestmark = [pytest.mark.usefixtures("clean_env"),
              pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]

GROUPS = 40  # real-world events, each reported by three outlets
OUTLETS = ("Northern Wire", "Daily Ledger", "Evening Herald")

_RECLUSTER = """
import sys, time
from eventdesk.store import clustering
marker, stage, after = sys.argv.pop(1), sys.argv.pop(1), int(sys.argv.pop(1))
clustering.matches = lambda a, b, threshold=None: False  # the new rules: nothing matches
def stall():
    open(marker, "w").close()
    time.sleep(600)
if stage == "build":
    real_article, seen = clustering._cluster_article, [0]
    def cluster_article(conn, article_id):
        seen[0] += 1
        if seen[0] == after:
            stall()
        return real_article(conn, article_id)
    clustering._cluster_article = cluster_article
elif stage == "swap":
    real_swap = clustering._swap
    def swap(conn):
        real_swap(conn)
        stall()
    clustering._swap = swap
from eventdesk.cli.main import run
sys.argv[0] = "eventdesk"
run()
"""


def _groups(start: int = 0, count: int = GROUPS) -> list:
    coded = []
    for g in range(start, start + count):
        day = (date(2024, 1, 1) + timedelta(days=4 * g)).isoformat()
        for n, outlet in enumerate(OUTLETS):
            text = (f"Russia shelled Kharkiv district {g} on the day, killing civilians near "
                    f"school {g}" + " and a hospital" * n + ".")
            coded.append(article(f"g{g}-{n}", [{"text": text, "type": "ASSAULT",
                                                "source": ["RUSMIL"], "date": day}],
                                 date=day, source=outlet))
    return coded


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    with open_store(path) as store:
        for coded in _groups():
            store.write_article(coded, "test/1")
    return path


def clustering_of(db: Path) -> tuple[dict, list]:
    """(event id -> cluster id, cluster rows), read without writing."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        members = dict(conn.execute("SELECT id, cluster_id FROM events"))
        rows = conn.execute("SELECT * FROM clusters ORDER BY id").fetchall()
    finally:
        conn.close()
    return members, rows


def reader_view(db: Path) -> tuple[int, int, int]:
    """What a reader sees: (clusters, mentions without a cluster, mentions the clusters count)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT (SELECT COUNT(*) FROM clusters), (SELECT COUNT(*) FROM "
                            "events WHERE cluster_id IS NULL), (SELECT SUM(num_mentions) "
                            "FROM clusters)").fetchone()
    finally:
        conn.close()


def start(db: Path, marker: Path, stage: str, after: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTDESK_")}
    return subprocess.Popen([sys.executable, "-c", _RECLUSTER, str(marker), stage, str(after),
                             "recluster", "--db", str(db)], cwd=db.parent, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(proc: subprocess.Popen, marker: Path) -> None:
    deadline = time.monotonic() + 60
    while not marker.exists():
        if proc.poll() is not None:
            pytest.fail(f"recluster ended ({proc.returncode}) first: {proc.stderr.read()}")
        assert time.monotonic() < deadline, "the recluster never reached the stall"
        time.sleep(0.01)


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    proc.stdout.close()
    proc.stderr.close()


def test_the_old_clustering_has_groups_of_three(db: Path) -> None:
    assert reader_view(db) == (GROUPS, 0, 3 * GROUPS)


@pytest.mark.parametrize(("stage", "after"), [("build", 1), ("build", GROUPS * 2),
                                              ("swap", 0)])
def test_kill_during_recluster_leaves_the_old_clustering(db: Path, tmp_path: Path, stage: str,
                                                         after: int) -> None:
    before = clustering_of(db)
    marker = tmp_path / "stalled"
    proc = start(db, marker, stage, after)
    wait_for(proc, marker)
    # a reader meanwhile sees the old clustering, whole
    assert reader_view(db) == (GROUPS, 0, 3 * GROUPS)
    kill(proc)
    assert clustering_of(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # the same command again, not killed, swaps in the new clustering at once
    done = subprocess.run([sys.executable, "-c", _RECLUSTER, str(tmp_path / "never"), "none",
                           "0", "recluster", "--db", str(db)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{3 * GROUPS} mentions in {3 * GROUPS} canonical events"
    assert reader_view(db) == (3 * GROUPS, 0, 3 * GROUPS)


def test_recluster_with_unchanged_rules_gives_the_incremental_clustering(db: Path) -> None:
    before = clustering_of(db)
    with open_store(db) as store:
        assert clustering.rebuild(store.conn) == 3 * GROUPS
        tables = {r[0] for r in store.conn.execute("SELECT name FROM temp.sqlite_master")}
    assert tables == set()  # nothing left beside
    assert clustering_of(db) == before


def test_a_write_between_build_and_swap_is_not_lost(db: Path, monkeypatch) -> None:
    builds = []
    real = clustering._build_beside

    def build_then_another_process_writes(conn):
        done = real(conn)
        builds.append(done)
        if len(builds) == 1:
            with open_store(db) as other:  # another connection commits meanwhile
                for coded in _groups(GROUPS, 1):
                    other.write_article(coded, "test/1")
        return done

    monkeypatch.setattr(clustering, "_build_beside", build_then_another_process_writes)
    with open_store(db) as store:
        assert clustering.rebuild(store.conn) == 3 * (GROUPS + 1)
    assert builds == [3 * GROUPS, 3 * (GROUPS + 1)]  # built again, under the write lock
    assert reader_view(db) == (GROUPS + 1, 0, 3 * (GROUPS + 1))
