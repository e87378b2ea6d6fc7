"""kill -9 at random moments during `eventdesk ingest`, then the same command again.

The input is the first records of ../shared/corpus/guardian_syria_2019.jsonl (real articles of
~5,600 characters; generated articles when the corpus is absent), written to tmp_path. One
clean run gives the reference; then one database goes through a series of SIGKILLs at moments
drawn from a seeded RNG: during the first article, right after a random number of articles,
inside a write transaction (an article half inserted, deterministically), and near the end.
After every kill the database is consistent and holds only whole articles identical to the
reference; the final rerun gives exactly the articles, events (ids and JSON) and sentences of
the clean run, none lost and none duplicated. test_ingest_kill.py covers one kill midway.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import store_snapshot, stored_articles

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "guardian_syria_2019.jsonl"
N_ARTICLES = 12
SEED = 2019

pytestmark = [
    pytest.mark.usefixtures("clean_env"),
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL"),
]

# Inside the write transaction of the article numbered ARTICLE (1-based, in write order):
# after its first event row is inserted, touch a marker file and sleep until killed.
_STALL_IN_TRANSACTION = """
import os, sys, time
from eventdesk.store import db, rows
marker, target = sys.argv.pop(1), int(sys.argv.pop(1))
real_write, real_event, seen = db.Store.write_article, rows.insert_event, [0]
def write_article(self, coded, version):
    seen[0] += 1
    return real_write(self, coded, version)
def insert_event(conn, row):
    real_event(conn, row)
    if seen[0] == target:
        open(marker, "w").close()
        time.sleep(600)
db.Store.write_article, rows.insert_event = write_article, insert_event
from eventdesk.cli.main import run
sys.argv[0] = "eventdesk"
run()
"""


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTDESK_")}
    env["EVENTDESK_BATCH_SIZE"] = "4"  # writes spread over the run, not all at its end
    return env


def _write_input(path: Path) -> None:
    """The first N_ARTICLES records of the Guardian corpus, or generated ones without it."""
    lines = []
    if CORPUS.is_file():
        with open(CORPUS, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    lines.append(line.rstrip("\n"))
                if len(lines) == N_ARTICLES:
                    break
    else:
        pairs = [("Russia", "Ukraine"), ("Turkey", "Syria"), ("Iran", "Iraq"),
                 ("France", "Germany")]
        for i in range(N_ARTICLES):
            a, b = pairs[i % len(pairs)]
            text = " ".join(
                f"Officials from {a} accused {b} of attack {i}-{k} on Monday, a spokesman said. "
                f"The foreign minister of {b} met his counterpart from {a} in Geneva."
                for k in range(12))
            lines.append(json.dumps({"id": f"gen-{i}", "date": f"2019-04-{i % 28 + 1:02d}",
                                     "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _command(src: Path, db: Path) -> list[str]:
    return ["ingest", str(src), "--db", str(db), "--quiet"]


def _start(src: Path, db: Path, *, stall: tuple[Path, int] | None = None) -> subprocess.Popen:
    if stall is None:
        argv = [sys.executable, "-m", "eventdesk", *_command(src, db)]
    else:
        argv = [sys.executable, "-c", _STALL_IN_TRANSACTION, str(stall[0]), str(stall[1]),
                *_command(src, db)]
    return subprocess.Popen(argv, cwd=src.parent, env=_env(), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _wait_for(proc: subprocess.Popen, ready, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None:
            pytest.fail(f"ingest ended (status {proc.returncode}) before {what}; "
                        f"stderr: {proc.stderr.read()!r}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.005)


def _kill(proc: subprocess.Popen, what: str) -> None:
    if proc.poll() is not None:
        pytest.fail(f"ingest ended (status {proc.returncode}) before the kill {what}; "
                    f"stderr: {proc.stderr.read()!r}")
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    proc.stderr.close()


def _check_whole(db: Path, reference: dict) -> int:
    """Integrity, no orphans, and every stored article exactly as in the clean run."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    snap = store_snapshot(db)
    for aid, stored in snap["articles"].items():
        assert stored == reference["articles"][aid], f"article {aid} differs from the clean run"
    n = len(snap["articles"])
    assert snap["totals"]["articles_fts"] == n
    assert snap["totals"]["events"] == sum(len(a["events"]) for a in snap["articles"].values())
    assert snap["totals"]["sentences"] == sum(
        len(a["sentences"]) for a in snap["articles"].values())
    return n


def test_random_kills_then_rerun_equal_a_clean_run(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    src = tmp_path / "guardian_subset.jsonl"
    _write_input(src)

    # the clean run, timed: when its first article commits
    clean_db = tmp_path / "clean.db"
    started = time.monotonic()
    clean = _start(src, clean_db)
    _wait_for(clean, lambda: stored_articles(clean_db) >= 1, "the first article")
    first_commit = time.monotonic() - started
    _, err = clean.communicate(timeout=120)
    assert clean.returncode == 0, err
    reference = store_snapshot(clean_db)
    assert len(reference["articles"]) == N_ARTICLES
    assert reference["totals"]["events"] > N_ARTICLES  # real articles have several events
    assert all(a["sentences"] for a in reference["articles"].values())

    db = tmp_path / "killed.db"
    history = []

    # 1. during the first article (start-up, model loading, the first batch)
    proc = _start(src, db)
    time.sleep(rng.uniform(0.3, 0.95) * first_commit)
    _kill(proc, "during the first article")
    history.append(("first article", _check_whole(db, reference)))

    # 2. a random moment after a random number of articles
    target = rng.randint(2, N_ARTICLES // 2)
    proc = _start(src, db)
    _wait_for(proc, lambda: stored_articles(db) >= target, f"{target} articles")
    time.sleep(rng.uniform(0, 0.15))
    _kill(proc, f"after {target} articles")
    history.append((f"after {target}+", _check_whole(db, reference)))

    # 3. inside a write transaction: the article row and an event are inserted, uncommitted
    marker = tmp_path / "in-transaction"
    before = stored_articles(db)
    proc = _start(src, db, stall=(marker, rng.randint(1, 3)))
    _wait_for(proc, marker.exists, "the stalled transaction")
    _kill(proc, "inside a transaction")
    after = _check_whole(db, reference)
    assert before <= after < N_ARTICLES  # the article in the transaction is not there
    history.append(("in transaction", after))

    # 4. near the end
    proc = _start(src, db)
    _wait_for(proc, lambda: stored_articles(db) >= N_ARTICLES - 2, "all but two articles")
    time.sleep(rng.uniform(0, 0.02))
    _kill(proc, "near the end")
    history.append(("near the end", _check_whole(db, reference)))

    # the same command once more completes the job
    stored = history[-1][1]
    rerun = subprocess.run([sys.executable, "-m", "eventdesk", "ingest", str(src), "--db",
                            str(db)], cwd=tmp_path, env=_env(), capture_output=True, text=True,
                           timeout=120, stdin=subprocess.DEVNULL)
    assert rerun.returncode == 0, rerun.stderr
    summary = rerun.stderr.strip().splitlines()[-1]
    assert summary.startswith(
        f"articles: {N_ARTICLES} read, {N_ARTICLES - stored} new, 0 re-coded, "
        f"{stored} unchanged, 0 failed; "), (summary, history)
    assert _check_whole(db, reference) == N_ARTICLES
    assert store_snapshot(db) == reference, history
