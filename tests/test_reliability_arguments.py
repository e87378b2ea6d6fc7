"""Every argument and environment value is checked at the edge: one line, never a traceback.

- Finding 9: a --limit beyond SQLite's integers, a huge --max-bytes or EVENTDESK_BATCH_SIZE,
  U+10FFFF or bytes that are not UTF-8 in --text/--actor/--type/--country or a `show` id, a
  Latin-1 file name inside a folder, dates that do not exist, a malformed gold file.
- Finding 10: --text takes the FTS5 query language (OR, prefix*, column:, NEAR) and reports a
  syntax error in one line; --literal searches for the words as written.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from eventdesk.cli.main import app
from eventdesk.store import open_store
from test_cluster_helpers import article

pytestmark = pytest.mark.usefixtures("clean_env")

BIG = str(2**63)  # one past SQLite's largest integer
TOP = chr(0x10FFFF)
NOT_UTF8 = os.fsdecode(b"caf\xe9")  # what Python makes of Latin-1 bytes in argv: 'caf\udce9'


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("args") / "a.db"
    stories = [
        ("s1", "Syria talks", "Assad met Putin in Moscow on Monday to discuss the war."),
        ("s2", "Kremlin statement", "Russia accused Turkey of shelling the border town."),
        ("s3", "Damascus", "Assad accused rebels of shelling the capital, officials said."),
        ("s4", "Syria aid", "Russia sent aid to Syria as Assadists marched in the capital."),
    ]
    with open_store(path) as store:
        for n, (aid, title, text) in enumerate(stories):
            store.write_article(article(aid, [{"text": text, "type": "ACCUSE",
                                               "source": ["RUS"], "target": ["TUR"],
                                               "date": f"2025-03-0{n + 1}"}],
                                        title=title), "test/1")
    return path


def invoke(cli, *args, env: dict[str, str] | None = None):
    result = cli.invoke(app, [*map(str, args)], env=env)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))
    return result


def usage_line(result) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("eventdesk: error: "), result.stderr
    return lines[0]


# -- finding 9: numbers ---------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["events"], ["timeline"], ["export", "--format", "csv",
                                                                "-o", "-"]])
def test_a_limit_beyond_sqlite_integers(cli, db: Path, command) -> None:
    line = usage_line(invoke(cli, *command, "--db", db, "--limit", BIG))
    assert line == f"eventdesk: error: --limit must be between 1 and {2**63 - 1}, got {BIG}"
    assert invoke(cli, *command, "--db", db, "--limit", str(2**63 - 1)).exit_code == 0


@pytest.mark.parametrize(("args", "env", "message"), [
    (["--max-bytes", str(10**20)], {}, "--max-bytes must be between 1 and 1073741824, got "
                                       "100000000000000000000"),
    (["--max-chars", "0"], {}, "--max-chars must be between 1 and 1073741824, got 0"),
    (["--fetch-timeout", "-1"], {}, "--fetch-timeout must be between 1 and 3600, got -1"),
    (["--workers", "65"], {}, "--workers must be between 1 and 64, got 65"),
    ([], {"EVENTDESK_BATCH_SIZE": str(10**20)}, "EVENTDESK_BATCH_SIZE must be between 1 and "
                                                "1000, got 100000000000000000000"),
    ([], {"EVENTDESK_MAX_BYTES": "9" * 5000}, "EVENTDESK_MAX_BYTES: expected a whole number"),
    ([], {"EVENTDESK_MAX_CHARS": "0"}, "EVENTDESK_MAX_CHARS must be between 1 and"),
])
def test_huge_or_tiny_limits_are_one_line(cli, tmp_path: Path, args, env, message) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Russia accused Ukraine.", encoding="utf-8")
    line = usage_line(invoke(cli, "ingest", src, "--db", tmp_path / "x.db", *args, env=env))
    assert line.startswith(f"eventdesk: error: {message}"), line
    assert not (tmp_path / "x.db").exists()


# -- finding 9: text ------------------------------------------------------------------------------

@pytest.mark.parametrize("option", ["--text", "--actor", "--type", "--country"])
def test_bytes_that_are_not_utf8_are_one_line(cli, db: Path, option: str) -> None:
    line = usage_line(invoke(cli, "events", "--db", db, option, NOT_UTF8))
    assert line == f"eventdesk: error: {option}: not valid UTF-8 text: 'caf\\xe9'"


def test_a_show_id_that_is_not_utf8(cli, db: Path) -> None:
    line = usage_line(invoke(cli, "show", NOT_UTF8, "--db", db))
    assert line == "eventdesk: error: ARTICLE_ID: not valid UTF-8 text: 'caf\\xe9'"


def test_argv_bytes_in_a_real_process(db: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTDESK_")}
    result = subprocess.run([sys.executable.encode(), b"-m", b"eventdesk", b"events", b"--db",
                             os.fsencode(db), b"--actor", b"\xff\xfe"], capture_output=True,
                            env=env, timeout=60)
    assert result.returncode == 2
    assert result.stderr == b"eventdesk: error: --actor: not valid UTF-8 text: '\\xff\\xfe'\n"


@pytest.mark.parametrize(("option", "code"), [("--actor", 0), ("--country", 2), ("--text", 0),
                                               ("--type", 2)])
def test_the_last_code_point_is_no_crash(cli, db: Path, option: str, code: int) -> None:
    result = invoke(cli, "events", "--db", db, "--format", "jsonl", option, "RUS" + TOP)
    assert result.exit_code == code, result.stderr
    if code == 0:
        assert result.stdout == ""
    for command in (["timeline", "--actor", TOP], ["stats", "--by", "day", "--actor", TOP],
                    ["timeline", "--dyad", f"RUS-{TOP}"]):
        assert invoke(cli, *command, "--db", db).exit_code == 0


@pytest.mark.parametrize("value", ["2025-02-30", "2025-13", "2025-00-10", "0000"])
def test_dates_that_do_not_exist(cli, db: Path, value: str) -> None:
    for command in (["events"], ["timeline"], ["stats", "--by", "day"]):
        line = usage_line(invoke(cli, *command, "--db", db, "--since", value))
        assert line == f"eventdesk: error: no such date: '{value}'"


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes")
def test_a_latin1_file_name_inside_a_folder(cli, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(odd, "wb") as handle:
        handle.write(b"date 2025-03-04 1\nCafe talks\nRussia accused Ukraine of shelling.\n")
    (folder / "z_good.txt").write_text("date 2025-03-05 2\nOther\nFrance met Germany.\n",
                                       encoding="utf-8")
    db = tmp_path / "l.db"
    result = invoke(cli, "ingest", folder, "--db", db, "-q")
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(db) as conn:
        origins = sorted(r[0] for r in conn.execute("SELECT origin FROM articles"))
    assert origins == [f"{folder}/caf\\xe9.txt", f"{folder}/z_good.txt"]


def test_a_malformed_gold_file_is_one_line(cli, tmp_path: Path) -> None:
    gold = tmp_path / "geo.jsonl"
    gold.write_text(json.dumps({"text": "Talks in Paris.", "toponyms": []}) + "\n"
                    + json.dumps({"text": "Talks in Paris.", "toponyms": [{"text": "Paris"}]})
                    + "\n", encoding="utf-8")
    for command in ("eval-places", "eval-times", "eval"):
        result = invoke(cli, command, gold)
        assert result.exit_code == 1, (command, result.stderr)
        [line] = result.stderr.strip().splitlines()
        assert line.startswith(f"eventdesk: error: {gold}:"), line


# -- finding 10: the FTS5 query language ------------------------------------------------------

def found(cli, db: Path, *args: str) -> set[str]:
    result = invoke(cli, "events", "--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.stderr
    return {json.loads(line)["article_id"] for line in result.stdout.splitlines()}


def test_text_queries(cli, db: Path) -> None:
    assert found(cli, db, "--text", "Assad") == {"s1", "s3"}
    assert found(cli, db, "--text", "Assad OR Russia") == {"s1", "s2", "s3", "s4"}
    assert found(cli, db, "--text", "Assad NOT Putin") == {"s3"}
    assert found(cli, db, "--text", "Assad*") == {"s1", "s3", "s4"}  # Assadists too
    assert found(cli, db, "--text", "title:Syria") == {"s1", "s4"}
    assert found(cli, db, "--text", "NEAR(Assad shelling, 3)") == {"s3"}
    assert found(cli, db, "--text", '"accused Turkey"') == {"s2"}
    assert found(cli, db, "--text", "Assad Moscow") == {"s1"}  # all words must occur


def test_literal_text_searches_the_words_as_written(cli, db: Path) -> None:
    assert found(cli, db, "--text", "Assad OR Russia", "--literal") == set()  # "OR" is a word
    assert found(cli, db, "--text", "title:Syria", "--literal") == set()
    assert found(cli, db, "--text", 'accused "Turkey', "--literal") == {"s2"}


@pytest.mark.parametrize("query", ['"Assad', "Assad AND", "NEAR(", "nosuchcolumn:Assad",
                                   "(Assad"])
def test_a_query_syntax_error_is_one_line(cli, db: Path, query: str) -> None:
    line = usage_line(invoke(cli, "events", "--db", db, "--text", query))
    assert line.startswith("eventdesk: error: --text: "), line
    assert line.endswith("(FTS5 query syntax; use --literal to search for the words as "
                         "written)"), line


def test_literal_needs_text(cli, db: Path) -> None:
    assert usage_line(invoke(cli, "events", "--db", db, "--literal")) == (
        "eventdesk: error: --literal needs --text")
