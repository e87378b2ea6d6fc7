"""Readers and writers at the same time, in real processes.

- `events`, `stats` and `timeline` run in a loop while `eventdesk ingest` writes: exit 0, no
  "database is locked", and every article a reader sees is whole (all its events).
- Decided behaviour for two ingests into one database at once: both succeed. Each article is
  written in one short BEGIN IMMEDIATE transaction and SQLite's busy timeout (30 s) makes the
  other writer wait its turn; the result equals one ingest of both inputs.
- A lock held longer than the busy timeout gives one clear line, exit status 1, no traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import stored_articles
from eventdesk.cli.main import app
from eventdesk.config import Settings
from eventdesk.runner import ingest
from eventdesk.store import open_store

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "guardian_syria_2019.jsonl"
N_ARTICLES = 12

pytestmark = pytest.mark.usefixtures("clean_env")


def _env(batch: int | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTDESK_")}
    if batch:
        env["EVENTDESK_BATCH_SIZE"] = str(batch)
    return env


def _eventdesk(*args: str, batch: int | None = None) -> list[str]:
    return [sys.executable, "-m", "eventdesk", *map(str, args)]


def _input(tmp_path: Path) -> Path:
    """N_ARTICLES real articles (the Guardian corpus) or generated ones without it."""
    src = tmp_path / "wire.jsonl"
    lines = []
    if CORPUS.is_file():
        with open(CORPUS, encoding="utf-8") as handle:
            lines = [line.rstrip("\n") for _, line in zip(range(N_ARTICLES), handle)]
    else:
        for i in range(N_ARTICLES):
            text = " ".join(f"Russia accused Ukraine of attack {i}-{k} on Monday. The minister "
                            f"of France met his German counterpart in Paris." for k in range(15))
            lines.append(json.dumps({"id": f"gen-{i}", "date": "2019-05-01", "text": text}))
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return src


def _final(db: Path) -> tuple[dict[str, set[str]], list[tuple[int, int, int]]]:
    """Event ids per article; and per article in write order, (sentences, events) cumulated."""
    with sqlite3.connect(db) as conn:
        by_article: dict[str, set[str]] = {
            aid: set() for (aid,) in conn.execute("SELECT id FROM articles")}
        for aid, eid in conn.execute("SELECT article_id, id FROM events"):
            by_article[aid].add(eid)
        prefix, sentences, events = [(0, 0, 0)], 0, 0
        for aid, n_sent in conn.execute(
                "SELECT a.id, (SELECT COUNT(*) FROM sentences s WHERE s.article_id = a.id) "
                "FROM articles a ORDER BY a.rowid"):
            sentences += n_sent
            events += len(by_article[aid])
            prefix.append((len(prefix), sentences, events))
    return by_article, prefix


def test_readers_while_an_ingest_writes(tmp_path: Path) -> None:
    src, db = _input(tmp_path), tmp_path / "live.db"
    writer = subprocess.Popen(_eventdesk("ingest", src, "--db", db, "--quiet"), cwd=tmp_path,
                              env=_env(batch=1), stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    while stored_articles(db) < 1:  # readers start once the database exists with its schema
        assert writer.poll() is None, writer.stderr.read()
        assert time.monotonic() < deadline, "no article stored within 90 s"
        time.sleep(0.01)

    # in this process: many read transactions, each must see whole articles only
    snapshots: list[tuple[int, int, dict[str, int]]] = []
    failures: list[str] = []

    def poll_sql() -> None:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        try:
            while writer.poll() is None:
                conn.execute("BEGIN")
                n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                bare = conn.execute("SELECT COUNT(*) FROM articles WHERE id NOT IN "
                                    "(SELECT article_id FROM sentences)").fetchone()[0]
                per = dict(conn.execute("SELECT article_id, COUNT(*) FROM events "
                                        "GROUP BY article_id").fetchall())
                conn.execute("COMMIT")
                snapshots.append((n, bare, per))
                time.sleep(0.02)
        except sqlite3.Error as exc:  # pragma: no cover - reported below
            failures.append(repr(exc))
        finally:
            conn.close()

    thread = threading.Thread(target=poll_sql)
    thread.start()

    commands = [("events", "--format", "jsonl", "--include-historical"),  # all of them
                ("stats", "--format", "json"), ("timeline", "--format", "jsonl")]
    runs: list[tuple[tuple[str, ...], subprocess.CompletedProcess]] = []
    while writer.poll() is None or len(runs) < len(commands):
        command = commands[len(runs) % len(commands)]
        result = subprocess.run(_eventdesk(*command, "--db", db), cwd=tmp_path, env=_env(),
                                capture_output=True, text=True, timeout=120,
                                stdin=subprocess.DEVNULL)
        runs.append((command, result))
    _, err = writer.communicate(timeout=120)
    thread.join(timeout=60)
    assert writer.returncode == 0, err
    assert failures == []

    final, prefix = _final(db)
    assert len(final) == N_ARTICLES
    during = 0
    for command, result in runs:
        assert result.returncode == 0, (command, result.stderr)
        assert "locked" not in result.stderr and "Traceback" not in result.stderr, result.stderr
        if command[0] == "events":
            seen: dict[str, set[str]] = {}
            for line in result.stdout.splitlines():
                event = json.loads(line)
                seen.setdefault(event["article_id"], set()).add(event["id"])
            for aid, ids in seen.items():  # an article is seen with all its events or none
                assert ids == final[aid], f"`events` saw part of article {aid}"
            during += len(seen) < sum(1 for ids in final.values() if ids)
        elif command[0] == "stats":
            data = json.loads(result.stdout)
            n = data["articles"]
            # counts are read one statement after the other (see the xfail test below), so
            # later counts may include articles committed meanwhile, never fewer
            assert data["sentences"] >= prefix[n][1] and data["events"] >= prefix[n][2], data
        else:
            for line in result.stdout.splitlines():
                json.loads(line)
    assert during >= 1, "no `events` run overlapped the ingest; the test proved nothing"
    assert len(snapshots) >= 5
    for n, bare, per in snapshots:
        assert bare == 0, "a reader saw an article without its sentences"
        assert len(per) <= n
        for aid, count in per.items():
            assert count == len(final[aid]), f"a reader saw part of article {aid}'s events"


def test_two_ingests_into_one_database_both_succeed(tmp_path: Path, make_articles,
                                                    warm_coder) -> None:
    make_articles(tmp_path / "a", 30, start=0)
    make_articles(tmp_path / "b", 30, start=15)  # 15 articles in both folders
    db = tmp_path / "shared.db"
    procs = [subprocess.Popen(_eventdesk("ingest", tmp_path / part, "--db", db), cwd=tmp_path,
                              env=_env(batch=1), stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for part in ("a", "b")]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "locked" not in err and "busy" not in err and "Traceback" not in err, err
        assert err.strip().splitlines()[-1].startswith("articles: 30 read, "), err

    # the same as one ingest of both folders, in this process
    reference = tmp_path / "reference.db"
    with open_store(reference) as store:
        ingest([str(tmp_path / "a"), str(tmp_path / "b")], store, Settings(db=str(reference)))
    query = ("SELECT a.id, a.content_hash, e.id, e.data FROM articles a "
             "LEFT JOIN events e ON e.article_id = a.id ORDER BY a.id, e.id")
    with sqlite3.connect(db) as got, sqlite3.connect(reference) as want:
        assert got.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert got.execute(query).fetchall() == want.execute(query).fetchall()
        assert got.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 45
        for table in ("sentences", "event_actors", "times", "places", "articles_fts"):
            count = f"SELECT COUNT(*) FROM {table}"
            assert got.execute(count).fetchone() == want.execute(count).fetchone(), table


def test_a_lock_held_past_the_busy_timeout_is_one_clear_line(
        tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "held.db"
    open_store(db).close()
    monkeypatch.setattr("eventdesk.store.db.BUSY_TIMEOUT_MS", 300)
    article = tmp_path / "a.txt"
    article.write_text("date 2025-03-04 1\nTalks\nRussia accused Ukraine of lying.\n")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # e.g. a sqlite3 shell left inside a transaction
    try:
        result = cli.invoke(app, ["ingest", str(article), "--db", str(db)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("eventdesk: error: ") and ("busy" in line or "locked" in line), line


def test_stats_counts_come_from_one_snapshot(tmp_path: Path, warm_coder) -> None:
    from eventdesk.coder import CODER_VERSION
    from eventdesk.model import Article
    from eventdesk.query import stats

    db = tmp_path / "snap.db"
    first, second = (warm_coder.code_one(Article(
        text=f"Russia accused Ukraine of attack {i}. France met Germany in Paris.",
        date="2025-03-04", id=f"s{i}")) for i in (1, 2))
    with open_store(db) as writer:
        writer.write_article(first, CODER_VERSION)
        with open_store(db, readonly=True) as reader:
            done = []

            def commit_between(statement: str) -> None:  # a writer commits mid-`stats`
                if "FROM sentences" in statement and not done:
                    done.append(True)
                    writer.write_article(second, CODER_VERSION)

            reader.conn.set_trace_callback(commit_between)
            data = stats(reader)
    assert done
    per_article = len(first.sentences)
    assert (data["articles"], data["sentences"]) == (1, per_article), data
