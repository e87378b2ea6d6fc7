"""An ingest killed (SIGKILL) between articles leaves whole articles only; a rerun completes it.

A real `python -m eventdesk ingest` runs in a subprocess with one article per spaCy batch,
so that articles are written one by one; the test polls the database read-only and kills
the process once some, but not all, articles are stored.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import store_snapshot, stored_articles

N_ARTICLES = 30

pytestmark = [
    pytest.mark.usefixtures("clean_env"),
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL"),
]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTDESK_")}
    env["EVENTDESK_BATCH_SIZE"] = "1"  # code and store one article at a time
    return env


def _ingest(folder: Path, db: Path, cwd: Path, *options: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "eventdesk", "ingest", str(folder), "--db", str(db),
               *options]
    return subprocess.Popen(command, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def _kill_midway(proc: subprocess.Popen, db: Path) -> int:
    """SIGKILL ``proc`` once ``db`` holds at least one article but not all of them."""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"ingest ended (status {proc.returncode}) before it could be "
                            f"killed; stderr: {proc.stderr.read()!r}")
            if 1 <= stored_articles(db) < N_ARTICLES:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.003)
        else:
            pytest.fail("ingest stored no article within 60 s")
    finally:
        if proc.poll() is None and time.monotonic() >= deadline:
            proc.kill()
        proc.wait(timeout=30)
        proc.stderr.close()
    return proc.returncode


def _check_consistent(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for table, key, parent in [("sentences", "article_id", "articles"),
                                   ("events", "article_id", "articles"),
                                   ("times", "article_id", "articles"),
                                   ("places", "article_id", "articles"),
                                   ("event_actors", "event_id", "events")]:
            orphans = conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE {key} NOT IN (SELECT id FROM {parent})"
            ).fetchone()[0]
            assert orphans == 0, f"{orphans} {table} rows without their {parent} row"
        without_sentences = conn.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM sentences)"
        ).fetchall()
        assert without_sentences == [], "articles stored without their sentences"
        assert (conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0]
                == conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def test_killed_ingest_leaves_whole_articles_and_a_rerun_completes(
        tmp_path: Path, make_articles) -> None:
    folder = tmp_path / "articles"
    make_articles(folder, N_ARTICLES)

    # reference: a clean, uninterrupted run into another database, started at the same
    # time as the run that gets killed (both import the same source tree)
    clean_db, db = tmp_path / "clean.db", tmp_path / "killed.db"
    clean_proc = _ingest(folder, clean_db, tmp_path, "--quiet")
    status = _kill_midway(_ingest(folder, db, tmp_path, "--quiet"), db)
    _, clean_err = clean_proc.communicate(timeout=120)
    assert clean_proc.returncode == 0, clean_err
    assert status == -signal.SIGKILL
    reference = store_snapshot(clean_db)["articles"]
    assert len(reference) == N_ARTICLES
    assert all(a["sentences"] for a in reference.values())

    _check_consistent(db)
    partial = store_snapshot(db)["articles"]
    assert 1 <= len(partial) < N_ARTICLES
    for aid, stored in partial.items():  # each stored article is whole: as in the clean run
        assert stored == reference[aid], f"article {aid} stored incompletely"

    rerun = subprocess.run(
        [sys.executable, "-m", "eventdesk", "ingest", str(folder), "--db", str(db)],
        cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    summary = rerun.stderr.strip().splitlines()[-1]
    assert summary.startswith(
        f"articles: {N_ARTICLES} read, {N_ARTICLES - len(partial)} new, 0 re-coded, "
        f"{len(partial)} unchanged, 0 failed; "), summary

    _check_consistent(db)
    completed = store_snapshot(db)["articles"]
    assert completed.keys() == reference.keys()
    assert (sum(len(a["events"]) for a in completed.values())
            == sum(len(a["events"]) for a in reference.values()) > 0)
    for aid in reference:  # same events, same ids, same stored data
        assert completed[aid] == reference[aid], f"article {aid} differs from the clean run"
