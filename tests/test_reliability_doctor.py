"""`eventdesk doctor`: every check reported, problems with a fix, exit 1 on a failure."""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from pathlib import Path

import pytest

from eventdesk.cli.main import app
from eventdesk.store import open_store
from eventdesk.store.migrations import MIGRATIONS

CHECKS = ["python", "sqlite", "pipeline", "lexicon", "gazetteer", "database", "disk"]


def doctor(cli, *args: str):
    result = cli.invoke(app, ["doctor", *map(str, args)])
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    status = {}
    for line in result.stdout.splitlines():
        if not line.startswith(" "):
            state, name = line.split()[:2]
            status[name] = state
    return result, status


def test_a_healthy_install(cli, tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    open_store(db).close()
    result, status = doctor(cli, "--db", db)
    assert result.exit_code == 0, result.stdout
    assert list(status) == CHECKS
    assert set(status.values()) <= {"OK", "WARN"}
    assert status["database"] == "OK" and f"schema version {len(MIGRATIONS)}" in result.stdout
    # nothing is created when there is no database yet
    result, status = doctor(cli, "--db", tmp_path / "none.db")
    assert result.exit_code == 0 and "not created yet" in result.stdout
    assert not (tmp_path / "none.db").exists()


def test_problems_come_with_a_fix(cli, tmp_path: Path) -> None:
    future = tmp_path / "future.db"
    with sqlite3.connect(future) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 3}")
    bad_lexicon = tmp_path / "lex"
    (bad_lexicon / "events").mkdir(parents=True)
    (bad_lexicon / "events" / "mine.yaml").write_text("- [unclosed\n", encoding="utf-8")
    result, status = doctor(cli, "--db", future, "--pipeline", "no_such_pipeline_xx",
                            "--lexicon", bad_lexicon)
    assert result.exit_code == 1
    assert (status["pipeline"], status["lexicon"], status["database"]) == ("FAIL",) * 3
    assert "no_such_pipeline_xx" in result.stdout and "mine.yaml" in result.stdout
    assert "newer than this eventdesk knows" in result.stdout
    assert result.stdout.count("fix: ") == 3
    assert result.stderr.strip() == "3 problem(s): pipeline, lexicon, database"


def test_old_schema_and_junk_database(cli, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    old.touch()  # schema version 0
    result, status = doctor(cli, "--db", old)
    assert status["database"] == "WARN" and "run `eventdesk ingest`" in result.stdout
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all " * 200)
    result, status = doctor(cli, "--db", junk)
    assert result.exit_code == 1 and status["database"] == "FAIL"


@pytest.mark.parametrize(("free", "state", "code"), [(50 * 2**20, "FAIL", 1),
                                                     (1 * 2**30, "WARN", 0)])
def test_low_disk(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, free: int, state: str,
                  code: int) -> None:
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr("eventdesk.doctor.shutil.disk_usage", lambda p: usage(1, 1, free))
    result, status = doctor(cli, "--db", tmp_path / "e.db")
    assert status["disk"] == state and result.exit_code == code
