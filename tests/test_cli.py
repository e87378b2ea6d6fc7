"""Every command in-process (typer CliRunner), exit codes, and an end-to-end run.

The end-to-end tests use tests/fixtures/e2e (seed layout, plain text, JSON Lines, HTML,
RSS); the bundled samples/ folder is exercised too when it holds articles.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from eventdesk.cli.main import app
from eventdesk.config import Settings
from eventdesk.export import FLAT_COLUMNS
from eventdesk.runner import ingest
from eventdesk.store import open_store

TESTS = Path(__file__).parent
E2E = TESTS / "fixtures" / "e2e"
SAMPLES = TESTS.parent / "samples"
E2E_IDS = ["71ac8ac061a908b3", "12724c090a4f693c", "wire-1", "wire-2", "7cfe32b8df5a8927",
           "desk-a1", "desk-a2"]  # input order: files sorted by name, records in file order
DATE = "2025-06-02"  # for the plain-text fixture, which carries no date
CONTRACT_EVENT_KEYS = {
    "id", "segment", "sentence", "sentence_text", "sentence_start", "sentence_end", "trigger",
    "plover_type", "plover_mode", "cameo_code", "goldstein", "quad_class", "source", "target",
    "date", "date_precision", "date_text", "date_basis", "location", "negated", "modality",
    "reported_by", "content", "confidence", "rule"}


def invoke(cli, *args: str, **kwargs):
    return cli.invoke(app, [str(a) for a in args], **kwargs)


def no_traceback(result) -> None:
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def db_count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.fixture(scope="module")
def e2e_db(tmp_path_factory, warm_coder) -> Path:
    """The e2e fixtures ingested once (read-only for the query tests)."""
    db = tmp_path_factory.mktemp("store") / "e2e.db"
    with open_store(db) as store:
        summary = ingest([str(E2E)], store, Settings(db=str(db)), date=DATE)
    assert summary.new == len(E2E_IDS)
    return db


# -- help and version -----------------------------------------------------------------------

@pytest.mark.parametrize("command", [[], ["code"], ["ingest"], ["events"], ["stats"], ["show"],
                                     ["eval"], ["lexicon"], ["lexicon", "check"]],
                         ids=lambda c: " ".join(c) or "eventdesk")
def test_help_on_every_command(cli, command) -> None:
    result = invoke(cli, *command, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage" in result.stdout
    no_traceback(result)


def test_version(cli) -> None:
    from eventdesk import CODER_VERSION, __version__

    result = invoke(cli, "--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout and CODER_VERSION in result.stdout


def test_python_dash_m_works(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "eventdesk", "--version"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("eventdesk ")


# -- code ---------------------------------------------------------------------------------

def test_code_jsonl_follows_the_contract(cli, validator) -> None:
    result = invoke(cli, "code", E2E, "--date", DATE, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    records = jsonl(result.stdout)
    assert len(result.stdout.splitlines()) == len(records)  # one object per line
    assert [r["article"]["id"] for r in records] == E2E_IDS
    for record in records:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(record)]
        assert errors == [], record["article"]["id"]
        ids = [e["id"] for e in record["events"]]
        assert len(ids) == len(set(ids)), f"duplicate event ids in {record['article']['id']}"
    assert sum(len(r["events"]) for r in records) > 0


def _bodies() -> dict[str, tuple[str | None, str]]:
    """Title and body of the fixtures whose text is kept exactly as given."""
    seed = (E2E / "01_seed_talks.txt").read_text(encoding="utf-8").split("\n", 2)
    plain = (E2E / "02_plain_accuse.txt").read_text(encoding="utf-8")
    wire = [json.loads(line) for line in (E2E / "03_wire.jsonl").read_text().splitlines()]
    return {"71ac8ac061a908b3": (seed[1], seed[2]), "12724c090a4f693c": (None, plain),
            **{w["id"]: (w["title"], w["text"]) for w in wire}}


def test_code_offsets_point_into_the_input(cli) -> None:
    result = invoke(cli, "code", E2E, "--date", DATE)
    assert result.exit_code == 0, result.stderr
    bodies = _bodies()
    checked = 0
    for record in jsonl(result.stdout):
        if record["article"]["id"] not in bodies:
            continue
        title, body = bodies[record["article"]["id"]]
        segments = {"title": title or "", "body": body}
        spans = [*record["times"], *record["places"]]
        for event in record["events"]:
            text = segments[event["segment"]]
            start, end = event["sentence_start"], event["sentence_end"]
            assert text[start:end] == event["sentence_text"]
            trigger = event["trigger"]
            assert text[trigger["start"]:trigger["end"]] == trigger["text"]
            assert start <= trigger["start"] < trigger["end"] <= end
            spans += [*event["source"], *event["target"]]
            spans += [a for a in (event["reported_by"], event["location"]) if a]
            checked += 1
        for span in spans:
            assert segments[span["segment"]][span["start"]:span["end"]] == span["text"], span
    assert checked > 0


def test_code_reads_stdin_and_uses_date(cli) -> None:
    text = "Russia and Ukraine met in Istanbul.\n"
    result = invoke(cli, "code", "-", "--date", "2025-05-29", input=text)
    assert result.exit_code == 0, result.stderr
    [record] = jsonl(result.stdout)
    assert record["article"]["date"] == "2025-05-29"
    assert record["article"]["title"] is None
    assert any(e["plover_type"] == "CONSULT" for e in record["events"])
    assert all(e["date"] == "2025-05-29" for e in record["events"])


def test_code_table(cli) -> None:
    result = invoke(cli, "code", E2E / "03_wire.jsonl", "--format", "table")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# wire-1")
    assert any("THREATEN" in line for line in lines)
    assert all(len(line) <= 100 for line in lines)


def test_code_some_inputs_fail(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok-1", "text": "Russia and Ukraine met.", "date": "2025-06-01"}\n'
                   '{"id": "broken", "text": \n'
                   '{"id": "ok-2", "text": "Iran accused Israel.", "date": "2025-06-01"}\n',
                   encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = invoke(cli, "code", E2E / "03_wire.jsonl", missing, bad)
    assert result.exit_code == 1
    no_traceback(result)
    assert [r["article"]["id"] for r in jsonl(result.stdout)] == [
        "wire-1", "wire-2", "ok-1", "ok-2"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2, errors
    assert str(missing) in errors[0] and "no such file" in errors[0].lower()
    assert f"{bad}:2" in errors[1]


@pytest.mark.parametrize("args", [
    ["--date", "2025-13-01"],
    ["--date", "yesterday"],
    ["--format", "xml"],
    ["--input-format", "pdf"],
    ["--max-bytes", "0"],
], ids=lambda a: " ".join(a))
def test_code_bad_usage_exits_2(cli, args) -> None:
    result = invoke(cli, "code", E2E / "02_plain_accuse.txt", *args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    no_traceback(result)
    assert result.stdout == ""
    assert result.stderr.strip(), "no message for a usage error"
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_code_without_paths_is_bad_usage(cli) -> None:
    result = invoke(cli, "code")
    assert result.exit_code == 2
    no_traceback(result)


# -- ingest -------------------------------------------------------------------------------

def test_ingest_summary_and_idempotence(cli, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    first = invoke(cli, "ingest", E2E, "--db", db, "--date", DATE)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == ""
    events = db_count(db, "events")
    summary = first.stderr.strip().splitlines()[-1]
    assert summary.startswith("articles: 7 read, 7 new, 0 re-coded, 0 unchanged, 0 failed; ")
    assert f"; {events} events; " in summary

    second = invoke(cli, "ingest", E2E, "--db", db, "--date", DATE)
    assert second.exit_code == 0
    assert second.stderr.strip().startswith(
        "articles: 7 read, 0 new, 0 re-coded, 7 unchanged, 0 failed; 0 events; ")
    assert db_count(db, "articles") == 7 and db_count(db, "events") == events


def test_ingest_quiet(cli, tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    result = invoke(cli, "ingest", E2E / "03_wire.jsonl", "--db", db, "--quiet")
    assert result.exit_code == 0
    assert result.stderr == "" and result.stdout == ""
    assert db_count(db, "articles") == 2


def test_ingest_db_from_environment_and_default(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(cli, "ingest", E2E / "03_wire.jsonl", "-q")
    assert result.exit_code == 0, result.stderr
    assert db_count(tmp_path / "eventdesk.db", "articles") == 2

    env_db = tmp_path / "env.db"
    result = invoke(cli, "ingest", E2E / "03_wire.jsonl", "-q", env={"EVENTDESK_DB": str(env_db)})
    assert result.exit_code == 0, result.stderr
    assert db_count(env_db, "articles") == 2
    # --db wins over the environment
    flag_db = tmp_path / "flag.db"
    result = invoke(cli, "ingest", E2E / "03_wire.jsonl", "-q", "--db", flag_db,
                    env={"EVENTDESK_DB": str(env_db)})
    assert result.exit_code == 0
    assert db_count(flag_db, "articles") == 2


def test_ingest_with_failures_exits_1_and_stores_the_rest(cli, tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    missing = tmp_path / "nope.jsonl"
    result = invoke(cli, "ingest", missing, E2E / "03_wire.jsonl", "--db", db)
    assert result.exit_code == 1
    no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert str(missing) in lines[0]
    assert "1 failed" in lines[-1]
    assert db_count(db, "articles") == 2


@pytest.mark.parametrize("args", [["--date", "06/02/2025"], ["--workers", "0"],
                                  ["--input-format", "docx"]], ids=lambda a: " ".join(a))
def test_ingest_bad_usage_exits_2(cli, tmp_path: Path, args) -> None:
    result = invoke(cli, "ingest", E2E / "02_plain_accuse.txt", "--db", tmp_path / "u.db", *args)
    assert result.exit_code == 2, result.stderr
    no_traceback(result)


def test_ingest_with_workers_matches_one_process(tmp_path: Path) -> None:
    # both runs are fresh processes started together, so both code with the same source tree
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTDESK_")}
    procs = {
        workers: subprocess.Popen(
            [sys.executable, "-m", "eventdesk", "ingest", str(E2E), "--db",
             str(tmp_path / f"w{workers}.db"), "--date", DATE, "--workers", str(workers), "-q"],
            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for workers in (1, 2)}
    for proc in procs.values():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert (out, err) == ("", "")
    query = "SELECT article_id, id, data FROM events ORDER BY id"
    with sqlite3.connect(tmp_path / "w1.db") as a, sqlite3.connect(tmp_path / "w2.db") as b:
        one = a.execute(query).fetchall()
        assert one and one == b.execute(query).fetchall()
        assert a.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == len(E2E_IDS)


# -- events -------------------------------------------------------------------------------

def test_events_jsonl(cli, e2e_db: Path, event_validator) -> None:
    result = invoke(cli, "events", "--db", e2e_db, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    events = jsonl(result.stdout)
    assert len(events) == db_count(e2e_db, "events") > 0
    titles = {"wire-1": "NATO warns Moscow", "12724c090a4f693c": None}
    for event in events:
        assert CONTRACT_EVENT_KEYS | {"article_id", "article_title", "article_url"} <= set(event)
        assert [e.message for e in event_validator.iter_errors(event)] == []
        if event["article_id"] in titles:
            assert event["article_title"] == titles[event["article_id"]]
        if event["article_id"] == "wire-1":
            assert event["article_url"] == "https://wire.example.org/1"
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)


def test_events_table_fits_100_columns(cli, e2e_db: Path) -> None:
    result = invoke(cli, "events", "--db", e2e_db)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == db_count(e2e_db, "events") + 1  # header
    assert "type" in lines[0]
    too_wide = [line for line in lines if len(line) > 100]
    assert too_wide == []


def test_events_csv(cli, e2e_db: Path) -> None:
    result = invoke(cli, "events", "--db", e2e_db, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == db_count(e2e_db, "events")
    assert list(rows[0]) == FLAT_COLUMNS  # the columns of `export --format csv`
    assert all(row["article_id"] for row in rows)


def _events(cli, db: Path, *args: str) -> list[dict]:
    result = invoke(cli, "events", "--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.stderr
    return jsonl(result.stdout)


def _codes(event: dict) -> list[str]:
    return [a["code"] or "" for a in event["source"] + event["target"]]


def test_events_filters(cli, e2e_db: Path) -> None:
    everything = _events(cli, e2e_db)

    consult = _events(cli, e2e_db, "--type", "consult")
    assert consult and all(e["plover_type"] == "CONSULT" for e in consult)
    assert len(consult) == sum(e["plover_type"] == "CONSULT" for e in everything)

    rus = _events(cli, e2e_db, "--actor", "RUS")
    assert rus and all(any(c.startswith("RUS") for c in _codes(e)) for e in rus)
    assert len(rus) == sum(any(c.startswith("RUS") for c in _codes(e)) for e in everything)

    nato = _events(cli, e2e_db, "--actor", "IGONATO")
    assert nato and all("IGONATO" in _codes(e) for e in nato)

    irn = _events(cli, e2e_db, "--country", "irn")
    assert irn and all(
        "IRN" in [a["country"] for a in e["source"] + e["target"]]
        or (e["location"] or {}).get("country") == "IRN" for e in irn)

    june = _events(cli, e2e_db, "--since", "2025-06-04", "--until", "2025-06-05")
    assert june and all("2025-06-04" <= e["date"] <= "2025-06-05" for e in june)
    assert len(june) == sum(e["date"] and "2025-06-04" <= e["date"] <= "2025-06-05"
                            for e in everything)
    may = _events(cli, e2e_db, "--until", "2025-05")
    assert may and all(e["date"] < "2025-06" for e in may)

    istanbul = _events(cli, e2e_db, "--text", "Istanbul")
    assert istanbul and {e["article_id"] for e in istanbul} == {"71ac8ac061a908b3"}
    odd = _events(cli, e2e_db, "--text", 'zzqx AND "(', "--literal")  # words as written
    assert odd == []
    broken = invoke(cli, "events", "--db", e2e_db, "--text", 'zzqx AND "(')  # FTS5 syntax
    assert broken.exit_code == 2 and broken.stdout == ""
    assert broken.stderr.startswith("eventdesk: error: --text: unterminated string (FTS5 ")
    assert len(broken.stderr.splitlines()) == 1

    assert len(_events(cli, e2e_db, "--limit", "2")) == 2
    both = _events(cli, e2e_db, "--type", "THREATEN", "--actor", "IGONATO", "--country", "RUS")
    assert both and all(e["plover_type"] == "THREATEN" for e in both)


def test_events_without_a_database(cli, tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = invoke(cli, "events", "--db", db)
    assert result.exit_code == 1
    no_traceback(result)
    assert "no such database" in result.stderr and str(db) in result.stderr
    assert not db.exists()


@pytest.mark.parametrize("args", [["--format", "xml"], ["--limit", "0"]],
                         ids=lambda a: " ".join(a))
def test_events_bad_usage_exits_2(cli, e2e_db: Path, args) -> None:
    result = invoke(cli, "events", "--db", e2e_db, *args)
    assert result.exit_code == 2
    no_traceback(result)


# -- stats and show -------------------------------------------------------------------------

def test_stats_json(cli, e2e_db: Path) -> None:
    result = invoke(cli, "stats", "--db", e2e_db, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"articles", "events", "events_by_type"} <= set(data)
    assert data["articles"] == db_count(e2e_db, "articles") == 7
    assert data["events"] == db_count(e2e_db, "events")
    assert sum(data["events_by_type"].values()) == data["events"]
    assert set(data["events_by_type"]) <= {"CONSULT", "ACCUSE", "AGREE", "REJECT", "THREATEN",
                                           "PROTEST", "SANCTION", "SUPPORT", "COOPERATE", "AID",
                                           "MOBILIZE", "RETREAT", "REQUEST", "CONCEDE",
                                           "COERCE", "ASSAULT"}


def test_stats_table(cli, e2e_db: Path) -> None:
    result = invoke(cli, "stats", "--db", e2e_db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == ["articles", "7"]
    assert "events by type:" in result.stdout


def test_stats_errors(cli, tmp_path: Path, e2e_db: Path) -> None:
    missing = invoke(cli, "stats", "--db", tmp_path / "none.db")
    assert missing.exit_code == 1 and "no such database" in missing.stderr
    no_traceback(missing)
    bad = invoke(cli, "stats", "--db", e2e_db, "--format", "yaml")
    assert bad.exit_code == 2
    no_traceback(bad)


def test_show(cli, e2e_db: Path) -> None:
    result = invoke(cli, "show", "wire-1", "--db", e2e_db)
    assert result.exit_code == 0, result.stderr
    assert "title: {NATO=IGONATO} [[warns]] {Moscow=RUSGOV}" in result.stdout  # marked
    assert "[[threatened]]" in result.stdout
    assert "THREATEN" in result.stdout
    with sqlite3.connect(e2e_db) as conn:
        chash = conn.execute("SELECT content_hash FROM articles WHERE id='wire-1'").fetchone()[0]
    by_hash = invoke(cli, "show", chash, "--db", e2e_db)
    assert by_hash.exit_code == 0 and by_hash.stdout == result.stdout


def test_show_errors(cli, tmp_path: Path, e2e_db: Path) -> None:
    unknown = invoke(cli, "show", "no-such-article", "--db", e2e_db)
    assert unknown.exit_code == 1
    assert "no-such-article" in unknown.stderr
    no_traceback(unknown)
    missing = invoke(cli, "show", "wire-1", "--db", tmp_path / "none.db")
    assert missing.exit_code == 1
    no_traceback(missing)
    assert invoke(cli, "show", "--db", e2e_db).exit_code == 2


# -- end to end -----------------------------------------------------------------------------

def test_end_to_end_code_ingest_query(cli, tmp_path: Path, validator) -> None:
    """The events `code` prints are the events `ingest` stores and `events` returns."""
    folder = tmp_path / "in"
    shutil.copytree(E2E, folder)
    coded = invoke(cli, "code", folder, "--date", DATE)
    assert coded.exit_code == 0, coded.stderr
    records = jsonl(coded.stdout)
    assert all(not list(validator.iter_errors(r)) for r in records)
    by_id = {e["id"]: (r["article"]["id"], e) for r in records for e in r["events"]}

    db = tmp_path / "e2e.db"
    stored = invoke(cli, "ingest", folder, "--db", db, "--date", DATE)
    assert stored.exit_code == 0, stored.stderr
    assert f"; {len(by_id)} events; " in stored.stderr

    events = _events(cli, db)
    assert len(events) == len(by_id)
    for event in events:
        article_id, printed = by_id[event["id"]]
        assert event["article_id"] == article_id
        assert {k: event[k] for k in printed} == printed

    stats = json.loads(invoke(cli, "stats", "--db", db, "--format", "json").stdout)
    assert (stats["articles"], stats["events"]) == (len(records), len(by_id))

    # formats: every fixture format produced an article
    formats = {r["article"]["meta"].get("format") for r in records}
    assert formats == {"seed", "text", "jsonl", "html", "feed"}
    for article_id in (r["article"]["id"] for r in records):
        assert invoke(cli, "show", article_id, "--db", db).exit_code == 0

    # a changed article is re-coded on the next ingest, the others are unchanged
    (folder / "02_plain_accuse.txt").write_text("Iran rejected the accusation.\n")
    again = invoke(cli, "ingest", folder, "--db", db, "--date", DATE)
    assert again.exit_code == 0
    assert again.stderr.strip().startswith("articles: 7 read, 1 new, 0 re-coded, 6 unchanged")
    assert db_count(db, "articles") == 8  # plain text has no id: a new text is a new article


def _sample_paths() -> list[Path]:
    if not SAMPLES.is_dir():
        return []
    return sorted(p for p in SAMPLES.rglob("*") if p.is_file() and not p.name.startswith("."))


@pytest.mark.skipif(not _sample_paths(), reason="samples/ holds no articles yet")
def test_bundled_samples_end_to_end(cli, tmp_path: Path, validator) -> None:
    coded = invoke(cli, "code", SAMPLES, "--date", DATE)
    assert coded.exit_code == 0, coded.stderr
    no_traceback(coded)
    records = jsonl(coded.stdout)
    assert records
    for record in records:
        assert [e.message for e in validator.iter_errors(record)] == [], record["article"]["id"]
    db = tmp_path / "samples.db"
    stored = invoke(cli, "ingest", SAMPLES, "--db", db, "--date", DATE, "-q")
    assert stored.exit_code == 0, stored.stderr
    assert db_count(db, "articles") == len({r["article"]["content_hash"] for r in records})
    assert db_count(db, "events") == len({e["id"] for r in records for e in r["events"]})
