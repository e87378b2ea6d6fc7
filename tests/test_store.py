"""The SQLite store: migrations, idempotent ingest, re-coding, one transaction per article."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

import eventdesk.runner
from eventdesk.config import Settings
from eventdesk.errors import InputError, StoreError
from eventdesk.runner import ingest
from eventdesk.store import Store, open_store
from eventdesk.store.migrations import MIGRATIONS

pytestmark = pytest.mark.usefixtures("clean_env", "warm_coder")

E2E = Path(__file__).parent / "fixtures" / "e2e"
TABLES = ("articles", "sentences", "events", "event_actors", "times", "places")


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        result = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
        result["articles_fts"] = conn.execute(
            "SELECT COUNT(*) FROM articles_fts").fetchone()[0]
    return result


def event_ids(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute("SELECT article_id, id FROM events").fetchall())


def run(paths, db: Path, **kwargs):
    errors: list[InputError] = []
    with open_store(db) as store:
        summary = ingest([str(p) for p in paths], store, Settings(db=str(db)),
                         on_error=errors.append, **kwargs)
    return summary, errors


# -- migrations -------------------------------------------------------------------------

@pytest.mark.parametrize("exists", [False, True], ids=["no file", "empty file"])
def test_migrations_from_an_empty_file(tmp_path: Path, exists: bool) -> None:
    db = tmp_path / "new.db"
    if exists:
        db.touch()
    with open_store(db) as store:
        assert store.schema_version == len(MIGRATIONS) >= 1
        conn = store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert set(TABLES) | {"articles_fts"} <= names
    # reopening a current database migrates nothing and loses nothing
    with open_store(db) as store:
        assert store.schema_version == len(MIGRATIONS)
    assert counts(db) == dict.fromkeys([*TABLES, "articles_fts"], 0)


def test_migrations_run_one_by_one_from_an_older_version(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "old.db"
    with open_store(db) as store:
        assert store.schema_version == len(MIGRATIONS)
    extra = "CREATE TABLE test_extra (x INTEGER);"
    monkeypatch.setattr("eventdesk.store.db.MIGRATIONS", [*MIGRATIONS, extra])
    with open_store(db) as store:
        assert store.schema_version == len(MIGRATIONS) + 1
        store.conn.execute("INSERT INTO test_extra VALUES (1)")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    with pytest.raises(StoreError, match="newer"):
        open_store(db)


def test_open_errors_are_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        open_store(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, just some text" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        open_store(junk)
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(StoreError, match="no tables yet"):
        open_store(empty, readonly=True)
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("PRAGMA user_version = 1")
    with pytest.raises(StoreError, match="out of date"):
        open_store(old, readonly=True)


def test_public_open_store_returns_a_store(tmp_path: Path) -> None:
    import eventdesk

    with eventdesk.open_store(tmp_path / "api.db") as store:
        assert isinstance(store, Store)
        assert store.path == str(tmp_path / "api.db")


# -- idempotent ingest --------------------------------------------------------------------

def test_reingest_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    first, errors = run([E2E], db, date="2025-06-02")
    assert errors == []
    assert (first.read, first.new, first.unchanged, first.recoded, first.failed) == (7, 7, 0, 0, 0)
    before, ids = counts(db), event_ids(db)
    assert before["articles"] == 7
    assert before["events"] == first.events > 0
    assert before["articles_fts"] == 7

    second, _ = run([E2E], db, date="2025-06-02")
    assert (second.read, second.new, second.unchanged, second.recoded, second.events) == (
        7, 0, 7, 0, 0)
    assert counts(db) == before
    assert event_ids(db) == ids


def test_same_article_in_two_files_is_stored_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(E2E / "01_seed_talks.txt", folder / "a.txt")
    db = tmp_path / "e.db"
    run([folder], db)
    once = counts(db)
    assert once["articles"] == 1

    shutil.copy(E2E / "01_seed_talks.txt", folder / "b.txt")  # same content, other name
    summary, _ = run([folder], db)
    assert (summary.read, summary.new, summary.unchanged) == (2, 0, 2)
    assert counts(db) == once


def test_duplicate_in_one_run_is_stored_once_and_counted_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(E2E / "01_seed_talks.txt", folder / name)
    db = tmp_path / "e.db"
    summary, _ = run([folder], db)
    stored = counts(db)
    assert stored["articles"] == 1
    assert stored["articles_fts"] == 1
    # the summary reports what was stored: one new article, one seen again
    assert summary.new == 1, summary.line()
    assert summary.events == stored["events"], summary.line()


def test_same_id_twice_in_one_run_is_one_article(tmp_path: Path) -> None:
    src = tmp_path / "twice.jsonl"
    src.write_text(
        json.dumps({"id": "x1", "date": "2025-06-01",
                    "text": "Russia and Ukraine met in Istanbul."}) + "\n"
        + json.dumps({"id": "x1", "date": "2025-06-01",
                      "text": "The United States accused Iran of lying."}) + "\n")
    db = tmp_path / "e.db"
    summary, _ = run([src], db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id, text FROM articles").fetchall() == [
            ("x1", "The United States accused Iran of lying.")]  # the later record wins
    # one article exists afterwards: the summary must not report two new ones
    assert summary.new == counts(db)["articles"] == 1, summary.line()


def test_changed_text_with_the_same_id_replaces_the_article(tmp_path: Path) -> None:
    src = tmp_path / "one.jsonl"
    db = tmp_path / "e.db"
    src.write_text(json.dumps({"id": "x1", "date": "2025-06-01",
                               "text": "Russia and Ukraine met in Istanbul."}) + "\n")
    run([src], db)
    src.write_text(json.dumps({"id": "x1", "date": "2025-06-01",
                               "text": "The United States accused Iran of lying."}) + "\n")
    summary, _ = run([src], db)
    assert (summary.new, summary.recoded) == (0, 1)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id, text FROM articles").fetchall() == [
            ("x1", "The United States accused Iran of lying.")]
        types = {r[0] for r in conn.execute("SELECT plover_type FROM events")}
        fts = conn.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH "
                           "'Istanbul'").fetchone()[0]
    assert "ACCUSE" in types and "CONSULT" not in types
    assert fts == 0  # the old text is gone from the full-text index


# -- re-coding on a new coder version -------------------------------------------------------

def test_articles_of_an_older_coder_are_recoded_not_duplicated(tmp_path: Path,
                                                               monkeypatch) -> None:
    db = tmp_path / "e.db"
    run([E2E], db, date="2025-06-02")
    before, ids = counts(db), event_ids(db)

    monkeypatch.setattr(eventdesk.runner, "coder_version", lambda settings: "9.9.9/coder-99")
    summary, _ = run([E2E], db, date="2025-06-02")
    assert (summary.read, summary.new, summary.recoded, summary.unchanged) == (7, 0, 7, 0)
    assert summary.events == before["events"]
    assert counts(db) == before  # replaced: no duplicate events, actors, times, sentences
    assert event_ids(db) == ids  # event ids are stable across versions
    with sqlite3.connect(db) as conn:
        versions = {r[0] for r in conn.execute("SELECT coder_version FROM articles")}
    assert versions == {"9.9.9/coder-99"}

    again, _ = run([E2E], db, date="2025-06-02")  # now current: nothing to do
    assert (again.unchanged, again.recoded, again.new) == (7, 0, 0)


def test_stale_coder_version_in_the_database_is_recoded(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    run([E2E / "03_wire.jsonl"], db)
    before = counts(db)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("UPDATE articles SET coder_version = '0.0.1/coder-0'")
        conn.execute("DELETE FROM events WHERE article_id = 'wire-1'")  # old coder found less
    summary, _ = run([E2E / "03_wire.jsonl"], db)
    assert (summary.recoded, summary.new, summary.unchanged) == (2, 0, 0)
    assert counts(db) == before


# -- one transaction per article --------------------------------------------------------------

def test_a_failing_write_leaves_no_part_of_the_article(tmp_path: Path, monkeypatch) -> None:
    from eventdesk.store import rows

    db = tmp_path / "e.db"
    calls = {"n": 0}
    real = rows.insert_event

    def flaky(conn, row):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        return real(conn, row)

    monkeypatch.setattr(rows, "insert_event", flaky)
    summary, errors = run([E2E / "01_seed_talks.txt"], db)  # the article fails, the run ends
    assert (summary.failed, summary.new) == (1, 0)
    [error] = errors
    assert str(error).startswith(f"{E2E / '01_seed_talks.txt'}: cannot store this article: "
                                 "RuntimeError: disk on fire")
    assert counts(db) == dict.fromkeys([*TABLES, "articles_fts"], 0)

    monkeypatch.setattr(rows, "insert_event", real)
    summary, _ = run([E2E / "01_seed_talks.txt"], db)
    assert summary.new == 1
    assert counts(db)["articles"] == 1


def test_bad_inputs_are_reported_and_the_rest_stored(tmp_path: Path) -> None:
    bad = tmp_path / "mixed.jsonl"
    bad.write_text('{"text": "Russia and Ukraine met in Istanbul.", "date": "2025-06-01"}\n'
                   '{"text": \n'
                   '{"title": "no text"}\n', encoding="utf-8")
    db = tmp_path / "e.db"
    summary, errors = run([bad, tmp_path / "missing.txt"], db)
    assert (summary.read, summary.new, summary.failed) == (1, 1, 3)
    assert [(e.origin, e.line) for e in errors] == [
        (str(bad), 2), (str(bad), 3), (str(tmp_path / "missing.txt"), None)]
    assert counts(db)["articles"] == 1


def test_summary_events_match_the_store(tmp_path: Path, make_articles) -> None:
    make_articles(tmp_path / "in", 8)
    db = tmp_path / "e.db"
    summary, _ = run([tmp_path / "in"], db)
    stored = counts(db)
    assert summary.new == stored["articles"] == 8
    assert summary.events == stored["events"] > 0
    line = summary.line()
    assert line.startswith("articles: 8 read, 8 new, 0 re-coded, 0 unchanged, 0 failed; ")
    assert f"; {stored['events']} events; " in line and line.endswith(" s")


def test_a_reader_sees_the_store_while_a_writer_holds_it(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    run([E2E / "03_wire.jsonl"], db)
    with open_store(db) as writer:
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.conn.execute("DELETE FROM events")
        with open_store(db, readonly=True) as reader:  # WAL: readers are not blocked
            n = reader.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        writer.conn.execute("ROLLBACK")
    assert n == counts(db)["events"] > 0
