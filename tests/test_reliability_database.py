"""Database errors are one line with what to do; a write never goes into a damaged store.

- Finding 6: a database with overwritten pages: `stats`, `events --text`, `export`,
  `timeline` end with one line naming the damage; `ingest` and `recluster` refuse it before
  writing anything (the file is unchanged); `doctor` runs PRAGMA quick_check and fails it.
- Finding 7: a full disk. Really: SQLite's own size limit (PRAGMA max_page_count) makes the
  write fail with SQLITE_FULL. And as SQLite does when the disk fills during COMMIT: the
  transaction is rolled back by SQLite itself, so that a second ROLLBACK would fail with
  "cannot rollback - no transaction is active" and hide the cause. Either way the user sees
  the disk-full line and its hint, and what was stored before is intact.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from eventdesk.cli.main import app
from eventdesk.store import db as store_db
from eventdesk.store import open_store
from test_cluster_helpers import article

pytestmark = pytest.mark.usefixtures("clean_env")

GOOD = "date 2025-03-04 1\nTalks in Geneva\nRussia accused Ukraine of shelling the plant.\n"
OTHER = "date 2025-03-05 2\nTalks in Vienna\nFrance criticized Germany over the budget.\n"


def invoke(cli, *args):
    result = cli.invoke(app, [*map(str, args)])
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))
    return result


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """A store whose events and clusters tables have their first pages overwritten."""
    path = tmp_path / "damaged.db"
    with open_store(path) as store:
        for i in range(200):
            store.write_article(article(f"a{i}", [{
                "text": f"Russia shelled Kharkiv district {i}, killing civilians near a school.",
                "type": "ASSAULT", "source": ["RUSMIL"]}], date=f"2024-{i % 12 + 1:02d}-01"),
                "test/1")
    with sqlite3.connect(path) as conn:  # the WAL is folded in when the last connection closes
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [r[0] for r in conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name IN ('events', 'clusters')")]
    conn.close()
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    with open(path, "r+b") as handle:
        for page in roots:
            handle.seek((page - 1) * size)
            handle.write(b"\xa5" * size)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", [["stats"], ["events", "--text", "Kharkiv"],
                                     ["events"], ["timeline"], ["show", "a1"]])
def test_reading_a_damaged_database_is_one_line(cli, damaged: Path, command) -> None:
    result = invoke(cli, *command, "--db", damaged)
    assert result.exit_code == 1
    line = one_line(result)
    assert line.startswith("eventdesk: error: database error (database disk image is "
                           "malformed): the database is damaged; run `eventdesk doctor`"), line


def test_export_from_a_damaged_database_writes_nothing(cli, damaged: Path,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = invoke(cli, "export", "--db", damaged, "--format", "jsonl", "-o", out)
    assert result.exit_code == 1 and "the database is damaged" in one_line(result)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if "eventdesk-part" in p.name] == []


@pytest.mark.parametrize("command", [["recluster"], ["ingest", "ARTICLE", "-q"]])
def test_writing_into_a_damaged_database_is_refused(cli, damaged: Path, tmp_path: Path,
                                                    command) -> None:
    src = tmp_path / "new.txt"
    src.write_text(GOOD, encoding="utf-8")
    before = digest(damaged)
    args = [str(src) if a == "ARTICLE" else a for a in command]
    result = invoke(cli, *args, "--db", damaged)
    assert result.exit_code == 1
    line = one_line(result)
    assert line.startswith(f"eventdesk: error: {damaged}: the database is damaged ("), line
    assert line.endswith("); nothing was written. Run `eventdesk doctor`, then restore a "
                         "backup or ingest again into a new file"), line
    assert digest(damaged) == before


def test_doctor_runs_a_quick_check(cli, damaged: Path) -> None:
    result = invoke(cli, "doctor", "--db", damaged)
    assert result.exit_code == 1
    [line] = [x for x in result.stdout.splitlines() if x.startswith("FAIL  database")]
    assert "damaged (PRAGMA quick_check: " in line
    assert f"sqlite3 {damaged} .recover" in result.stdout


def test_doctor_says_when_mentions_have_no_cluster(cli, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with open_store(path) as store:
        store.write_article(article("a1", [{"text": "Russia shelled Kharkiv at night.",
                                            "type": "ASSAULT", "source": ["RUSMIL"]}]), "t/1")
    with sqlite3.connect(path) as conn:  # what an older eventdesk killed in recluster left
        conn.execute("UPDATE events SET cluster_id = NULL")
    result = invoke(cli, "doctor", "--db", path)
    assert "WARN  database" in result.stdout and "1 event mentions have no cluster" in \
        result.stdout and "run `eventdesk recluster`" in result.stdout


# -- disk full --------------------------------------------------------------------------------

def stored_titles(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [r[0] for r in conn.execute("SELECT title FROM articles ORDER BY title")]


def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(GOOD, encoding="utf-8")
    second.write_text(OTHER + "Protesters marched in Paris against the reform. " * 400,
                      encoding="utf-8")
    return first, second, tmp_path / "full.db"


DISK_FULL = ("eventdesk: error: database error (database or disk is full): the disk (or the "
             "database's size limit) is full; free some disk space and run the command again "
             "(nothing of the failed write was kept)")


def test_a_real_sqlite_full_error_is_one_line_with_its_hint(cli, tmp_path: Path,
                                                            monkeypatch) -> None:
    first, second, db = files(tmp_path)
    assert invoke(cli, "ingest", first, "--db", db, "-q").exit_code == 0
    real_init = store_db.Store.__init__

    def no_room(self, *args, **kwargs):  # the database may not grow beyond its size now
        real_init(self, *args, **kwargs)
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        self.conn.execute(f"PRAGMA max_page_count = {pages + 1}")

    monkeypatch.setattr(store_db.Store, "__init__", no_room)
    result = invoke(cli, "ingest", second, "--db", db, "-q")
    assert result.exit_code == 1
    assert one_line(result) == DISK_FULL
    assert stored_titles(db) == ["Talks in Geneva"]


class RolledBackByFullDisk:
    """A connection on which COMMIT fails as on a full disk: SQLite rolls the transaction
    back itself, then reports SQLITE_FULL (sqlite.org/lang_transaction.html, "Response To
    Errors Within A Transaction")."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, *args):
        if sql.strip().upper() == "COMMIT":
            self.conn.execute("ROLLBACK")
            raise sqlite3.OperationalError("database or disk is full")
        return self.conn.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self.conn, name)


def test_a_full_disk_at_commit_is_not_hidden_by_the_rollback(cli, tmp_path: Path,
                                                             monkeypatch) -> None:
    first, second, db = files(tmp_path)
    assert invoke(cli, "ingest", first, "--db", db, "-q").exit_code == 0
    real_write = store_db.Store.write_article

    def write_on_a_full_disk(self, coded, version):
        real_conn, self.conn = self.conn, RolledBackByFullDisk(self.conn)
        try:
            return real_write(self, coded, version)
        finally:
            self.conn = real_conn

    monkeypatch.setattr(store_db.Store, "write_article", write_on_a_full_disk)
    result = invoke(cli, "ingest", second, "--db", db, "-q")
    assert result.exit_code == 1
    assert one_line(result) == DISK_FULL  # not "cannot rollback - no transaction is active"
    assert stored_titles(db) == ["Talks in Geneva"]


@pytest.mark.parametrize(("message", "advice"), [
    ("attempt to write a readonly database", "the database is read-only"),
    ("database is locked", "database is busy"),
    ("disk I/O error", "the disk could not be read or written"),
])
def test_every_kind_of_database_error_has_advice(message: str, advice: str) -> None:
    from eventdesk.store.transactions import database_problem

    line = database_problem(sqlite3.OperationalError(message))
    assert line.startswith(f"database error ({message}): {advice}")
