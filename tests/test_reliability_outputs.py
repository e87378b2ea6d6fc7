"""Files eventdesk writes for the user are written whole or not at all, never over the store.

- Finding 1: `export -o eventdesk.db` (or its -wal/-shm, or a link to it) is refused with one
  line and the database is untouched.
- Finding 4: an export killed (SIGKILL) half way, or failing on a full disk or a damaged
  database, leaves the previous file at the output path byte for byte, and no partial file
  under that name; the next export cleans up the killed one's temporary file.
- Finding 9 (outputs): `events`, `timeline`, `stats` writing to /dev/full end with one line.
"""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventdesk.cli.main import app
from eventdesk.store import open_store
from test_cluster_helpers import article

pytestmark = pytest.mark.usefixtures("clean_env")

N_ARTICLES = 300
PREVIOUS = b"the previous export, which must survive\n"

# Export, but after AFTER rows touch MARKER and sleep until killed (some rows are written).
_STALL_EXPORT = """
import sys, time
from eventdesk.query import canonical
marker, after = sys.argv.pop(1), int(sys.argv.pop(1))
real, seen = canonical._canonical, [0]
def stalling(row):
    seen[0] += 1
    if seen[0] == after:
        open(marker, "w").close()
        time.sleep(600)
    return real(row)
canonical._canonical = stalling
from eventdesk.cli.main import run
sys.argv[0] = "eventdesk"
run()
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """N_ARTICLES synthetic articles, one event each, on distinct days (one cluster each)."""
    path = tmp_path_factory.mktemp("outputs") / "eventdesk.db"
    with open_store(path) as store:
        for i in range(N_ARTICLES):
            day = (date(2020, 1, 1) + timedelta(days=3 * i)).isoformat()
            coded = article(f"a{i}", [{"text": f"Russia shelled Kharkiv {i} times on the day, "
                                               "killing civilians near a school.",
                                       "type": "ASSAULT", "source": ["RUSMIL"],
                                       "date": day}], date=day, source=f"Outlet {i % 7}")
            store.write_article(coded, "test/1")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".eventdesk-part"))


def one_line(result) -> str:
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# -- finding 1: the database is never an output ----------------------------------------------

@pytest.mark.parametrize("target", ["eventdesk.db", "eventdesk.db-wal", "eventdesk.db-shm",
                                    "link-to-db", "./sub/../eventdesk.db"])
def test_export_onto_the_database_is_refused(db: Path, tmp_path: Path, target: str) -> None:
    work = tmp_path / "work"
    (work / "sub").mkdir(parents=True)
    store = work / "eventdesk.db"
    store.write_bytes(db.read_bytes())
    (work / "link-to-db").symlink_to(store)
    before = digest(store)
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTDESK_")}
    # the default database name, in the current folder: the easy slip of the report
    result = subprocess.run([sys.executable, "-m", "eventdesk", "export", "--format", "csv",
                             "-o", target], cwd=work, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2, result.stderr
    line = one_line(result)
    assert line.startswith(f"eventdesk: error: refusing to write to {target}: it is the "
                           "database"), line
    assert digest(store) == before
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == N_ARTICLES


def test_export_to_a_folder_is_refused(db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "jsonl", "-o",
                                      str(tmp_path)])
    assert result.exit_code == 2
    assert "is a folder" in one_line(result)


# -- finding 4: whole or not at all ----------------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("fmt", ["jsonl", "gdelt", "parquet"])
def test_export_killed_half_way_keeps_the_previous_file(db: Path, tmp_path: Path,
                                                        fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    out.write_bytes(PREVIOUS)
    marker = tmp_path / "stalled"
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTDESK_")}
    proc = subprocess.Popen(
        [sys.executable, "-c", _STALL_EXPORT, str(marker), str(N_ARTICLES // 2), "export",
         "--db", str(db), "--format", fmt, "-o", str(out)],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the export never reached half way"
        time.sleep(0.01)
    [partial] = leftovers(tmp_path)  # the rows so far went to a temporary file ...
    if fmt != "parquet":  # (parquet keeps its first row group in memory)
        assert (tmp_path / partial).stat().st_size > 0
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    proc.stderr.close()
    assert out.read_bytes() == PREVIOUS  # ... and the output path still holds the old file

    # the next export replaces it whole and removes what the killed one left
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", fmt, "-o",
                                      str(out)])
    assert result.exit_code == 0, result.stderr
    assert leftovers(tmp_path) == []
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(out).num_rows == N_ARTICLES
    else:
        assert len(out.read_text(encoding="utf-8").splitlines()) == N_ARTICLES


class FullDisk:
    """A file whose disk fills up after ``room`` bytes (writes then fail with ENOSPC)."""

    def __init__(self, handle, room: int):
        self.handle, self.room = handle, room

    def write(self, text: str) -> int:
        self.room -= len(text)
        if self.room < 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.handle.write(text)

    def __getattr__(self, name: str):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "gdelt", "polecat"])
def test_full_disk_during_an_export_keeps_the_previous_file(db: Path, tmp_path: Path, fmt: str,
                                                            monkeypatch) -> None:
    from eventdesk import outfile

    out = tmp_path / f"events.{fmt}"
    out.write_bytes(PREVIOUS)
    def filling(*args, **kwargs):
        return FullDisk(open(*args, **kwargs), 20_000)  # noqa: SIM115 - closed by FullDisk

    monkeypatch.setattr(outfile, "open", filling, raising=False)
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", fmt, "-o",
                                      str(out)])
    assert result.exit_code == 1
    line = one_line(result)
    assert line == (f"eventdesk: error: cannot write {out}: no space left on device; the "
                    "previous file, if any, is unchanged")
    assert out.read_bytes() == PREVIOUS
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_damaged_database_during_an_export_keeps_the_previous_file(
        db: Path, tmp_path: Path, fmt: str, monkeypatch) -> None:
    from eventdesk.query import canonical

    out = tmp_path / f"events.{fmt}"
    out.write_bytes(PREVIOUS)
    real, seen = canonical._canonical, [0]

    def damaged(row):  # the page holding row 100 is unreadable
        seen[0] += 1
        if seen[0] == 100:
            raise sqlite3.DatabaseError("database disk image is malformed")
        return real(row)

    monkeypatch.setattr(canonical, "_canonical", damaged)
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", fmt, "-o",
                                      str(out)])
    assert result.exit_code == 1
    line = one_line(result)
    assert "database disk image is malformed" in line and "the database is damaged" in line
    assert out.read_bytes() == PREVIOUS
    assert leftovers(tmp_path) == []


def test_a_new_export_file_gets_the_usual_permissions(db: Path, tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        out = tmp_path / "new.csv"
        result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "csv", "-o",
                                          str(out)])
    finally:
        os.umask(umask)
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_mode & 0o777 == 0o644  # not the 0600 of a temporary file


# -- finding 9: output to a full device --------------------------------------------------------

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["events"], ["timeline"], ["stats"], ["stats", "--by", "day"],
                                     ["export", "--format", "csv", "-o", "-"]])
def test_writing_to_a_full_device_is_one_line(db: Path, command: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTDESK_")}
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "eventdesk", *command, "--db", str(db)],
                                stdout=full, stderr=subprocess.PIPE, text=True, env=env,
                                timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ("eventdesk: error: cannot write the output: no space left on "
                             "device\n")
