"""`eventdesk batch`, `load` and `events --parquet`: the same answers as ingest + export,
resumable runs, bad records, loading twice, the CLI's filters through DuckDB."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SAMPLES, store_snapshot
from eventdesk.cli.main import app
from eventdesk.export import FLAT_COLUMNS

pytestmark = pytest.mark.usefixtures("clean_env")


def run(cli, *args: str, code: int = 0):
    result = cli.invoke(app, [str(a) for a in args])
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def read_dataset(folder: Path) -> dict[str, dict]:
    """Rows of a batch dataset by cluster id; checks the month folders hold what they say."""
    import pyarrow.parquet as pq

    rows = {}
    for path in sorted(folder.glob("month=*/*.parquet")):
        table = pq.read_table(path, partitioning=None)
        assert table.column_names == FLAT_COLUMNS
        month = path.parent.name.removeprefix("month=")
        for row in table.to_pylist():
            assert month == (row["date"].strftime("%Y-%m") if row["date"] else "undated")
            assert row["cluster_id"] not in rows
            rows[row["cluster_id"]] = row
    return rows


def read_export(path: Path) -> dict[str, dict]:
    import pyarrow.parquet as pq

    return {row["cluster_id"]: row for row in pq.read_table(path).to_pylist()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The samples plus generated articles that report the same meetings (clusters of
    several mentions across articles and partitions)."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SAMPLES, folder / "samples")
    lines = []
    for i in range(8):
        lines.append(json.dumps({
            "id": f"gen-{i}", "date": f"2025-03-0{1 + i % 3}", "source": f"Wire {i % 4}",
            "title": f"Report {i}",
            "text": f"Russian and Ukrainian officials met in Istanbul on Monday for talks on "
                    f"prisoner exchanges, report {i} said. Ukraine accused Russia of shelling "
                    f"Kharkiv."}))
    (folder / "gen.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ingested(corpus: Path, tmp_path_factory, warm_coder) -> tuple[Path, dict]:
    """The corpus through `ingest` and `export --format parquet`: the reference answers."""
    from typer.testing import CliRunner

    folder = tmp_path_factory.mktemp("ingest")
    db, out = folder / "ref.db", folder / "ref.parquet"
    runner = CliRunner()
    for args in (["ingest", str(corpus), "--db", str(db), "-q"],
                 ["export", "--format", "parquet", "-o", str(out), "--db", str(db)]):
        result = runner.invoke(app, args, env={})
        assert result.exit_code == 0, result.output
    return db, read_export(out)


def test_batch_local_and_dask_give_the_events_ingest_and_export_give(
        cli, corpus: Path, ingested, tmp_path: Path) -> None:
    _, reference = ingested
    assert len(reference) > 40
    assert any(row["num_mentions"] > 1 for row in reference.values())  # clusters do form
    local, dask = tmp_path / "local", tmp_path / "dask"
    run(cli, "batch", corpus, "--out", local, "--partition-size", "3", "-q")
    run(cli, "batch", corpus, "--out", dask, "--engine", "dask", "--workers", "2",
        "--partition-size", "3", "-q")
    assert read_dataset(local) == reference
    assert read_dataset(dask) == reference


def test_load_stores_what_ingest_stores_and_loading_twice_adds_nothing(
        cli, corpus: Path, ingested, tmp_path: Path) -> None:
    reference_db, _ = ingested
    out, db = tmp_path / "out", tmp_path / "loaded.db"
    run(cli, "batch", corpus, "--out", out, "--partition-size", "4", "-q")
    first = run(cli, "load", out, "--db", db)
    assert "0 already stored" in first.stderr
    loaded = store_snapshot(db)
    assert loaded == store_snapshot(reference_db)
    second = run(cli, "load", out, "--db", db)
    assert " 0 written" in second.stderr
    assert store_snapshot(db) == loaded
    clusters = "SELECT id, anchor_event_id, num_mentions, num_sources FROM clusters ORDER BY id"
    import sqlite3

    with sqlite3.connect(db) as a, sqlite3.connect(reference_db) as b:
        assert a.execute(clusters).fetchall() == b.execute(clusters).fetchall()


def test_a_rerun_skips_finished_partitions_and_redoes_a_missing_one(
        cli, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(cli, "batch", corpus, "--out", out, "--partition-size", "3", "-q")
    before = read_dataset(out)
    markers = sorted((out / "_work" / "done").iterdir())
    assert len(markers) == 6  # 16 articles, 3 a partition
    markers[2].unlink()  # as if the run had been killed before that partition was done
    result = run(cli, "batch", corpus, "--out", out, "--partition-size", "3")
    assert "6 (5 done before)" in result.stderr
    assert "3 coded now" in result.stderr
    assert read_dataset(out) == before
    assert len(list((out / "_work" / "done").iterdir())) == 6


def test_bad_records_get_one_line_each_and_the_rest_is_coded(cli, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    good = {"id": "a1", "date": "2025-03-02", "text": "Russia accused Ukraine of shelling."}
    source.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"id": "a2"}),
                                 json.dumps({**good, "id": "a3",
                                             "text": "France met Germany in Paris."})]) + "\n")
    result = run(cli, "batch", source, "--out", tmp_path / "out", code=1)
    lines = [line for line in result.stderr.splitlines() if line.startswith("eventdesk:")]
    assert len(lines) == 2, result.stderr
    assert f"{source}:2: malformed JSON" in lines[0]
    assert f"{source}:3: record without text" in lines[1]
    assert "Traceback" not in result.stderr
    ids = {row["article_id"] for row in read_dataset(tmp_path / "out").values()}
    assert ids == {"a1", "a3"}


def test_a_repeated_article_is_coded_once_and_a_changed_id_replaces(
        cli, tmp_path: Path) -> None:
    first = {"id": "x", "date": "2025-03-02", "text": "Russia accused Ukraine of shelling."}
    again = {"id": "y", "date": "2025-03-02", "text": "Russia accused Ukraine of shelling."}
    changed = {"id": "x", "date": "2025-03-03", "text": "France met Germany in Paris."}
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in (first, again, changed)) + "\n")
    run(cli, "batch", source, "--out", tmp_path / "out", "--partition-size", "1", "-q")
    rows = list(read_dataset(tmp_path / "out").values())
    assert {row["article_id"] for row in rows} == {"x"}
    assert {row["plover_type"] for row in rows} == {"CONSULT"}  # the later text only


def test_events_parquet_applies_the_cli_filters(cli, corpus: Path, ingested,
                                                tmp_path: Path) -> None:
    _, reference = ingested
    out = tmp_path / "out"
    run(cli, "batch", corpus, "--out", out, "-q")

    def query(*args: str) -> list[str]:
        result = run(cli, "events", "--parquet", out, "--format", "jsonl", *args)
        return [json.loads(line)["cluster_id"] for line in result.stdout.splitlines()]

    rows = list(reference.values())

    def codes(row):
        return row["source_codes"] + row["target_codes"]

    def in_order(selected, historical=False):
        return [r["cluster_id"] for r in sorted(
            (r for r in selected if historical or not r["historical"]),
            key=lambda r: (r["date"] is None, str(r["date"] or ""), r["cluster_id"]))]

    assert query() == in_order(rows)
    assert query("--actor", "RUS") == in_order(
        [r for r in rows if any(c.startswith("RUS") for c in codes(r))])
    assert query("--type", "consult") == in_order(
        [r for r in rows if r["plover_type"] == "CONSULT"])
    assert query("--since", "2025-03-02", "--until", "2025-05") == in_order(
        [r for r in rows if r["date"] and str(r["date"]) >= "2025-03-02"
         and str(r["date"])[:7] <= "2025-05"])
    countries = [r for r in rows if r["location_country"] == "TUR" or "TUR" in
                 r["source_countries"] + r["target_countries"]]
    assert countries and query("--country", "tur") == in_order(countries)
    assert query("--text", "ISTANBUL talks", "--limit", "2") == in_order(
        [r for r in rows if "istanbul" in r["sentence_text"].lower()
         and "talks" in r["sentence_text"].lower()])[:2]
    assert query("--include-historical") == in_order(rows, historical=True)
    assert query("--min-confidence", "0.5") == in_order(
        [r for r in rows if r["confidence"] >= 0.5])
    assert query("--sort", "-date", "--limit", "3") == [r["cluster_id"] for r in sorted(
        (r for r in rows if r["date"] and not r["historical"]),
        key=lambda r: (r["date"], r["cluster_id"]), reverse=True)][:3]
    first = reference[query("--actor", "RUS")[0]]
    table = run(cli, "events", "--parquet", out, "--actor", "RUS", "--limit", "1").stdout
    assert len(table.splitlines()) == 2
    assert table.splitlines()[1].split()[:2] == [first["date"].isoformat(),
                                                  first["plover_type"]]


def test_batch_usage_errors_exit_2(cli, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    for args in (["--scheduler", "tcp://127.0.0.1:1"], ["--engine", "spark"],
                 ["--partition-size", "0"]):
        result = run(cli, "batch", SAMPLES, "--out", tmp_path / "o", *args, code=2)
        assert result.stderr.count("\n") == 1
    run(cli, "batch", SAMPLES, "--out", tmp_path / "file", code=2)
    result = run(cli, "load", tmp_path, "--db", tmp_path / "x.db", code=1)
    assert "not a finished `eventdesk batch` output" in result.stderr
    assert not (tmp_path / "x.db").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_9_mid_batch_then_rerun_gives_the_same_dataset(corpus: Path,
                                                            tmp_path: Path) -> None:
    """A batch killed while partitions are being written: no partition is half there, and
    the rerun completes the dataset, the same as an uninterrupted run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTDESK_")}
    env["EVENTDESK_BATCH_SIZE"] = "1"
    out, whole = tmp_path / "killed", tmp_path / "whole"

    def batch(folder: Path) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "eventdesk", "batch", str(corpus),
                                 "--out", str(folder), "--partition-size", "1", "-q"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    proc = batch(out)
    done = out / "_work" / "done"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        if done.is_dir() and 2 <= len(list(done.iterdir())) < 16:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait(timeout=60)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "the batch ended before it could be killed"
    assert not list(out.glob("month=*"))  # the dataset is written only once all is coded
    # a marker being written when the kill came is a hidden temporary file: not a marker
    finished = {p.stem for p in done.iterdir()
                if p.suffix == ".json" and not p.name.startswith(".")}
    for pid in finished:  # every marked partition has both of its files, readable
        assert (out / "_work" / "mentions" / f"{pid}.parquet").stat().st_size > 0
        import gzip

        with gzip.open(out / "_work" / "coded" / f"{pid}.jsonl.gz") as handle:
            assert len(handle.read().splitlines()) == 1
    for proc_out in (out, whole):
        rerun = batch(proc_out)
        assert rerun.wait(timeout=120) == 0, rerun.stderr.read()
        rerun.stderr.close()
    assert read_dataset(out) == read_dataset(whole)
    assert not [p for p in out.rglob("*") if p.name.endswith(".eventdesk-part")]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_dask_worker_killed_mid_batch_is_retried(cli, corpus: Path, ingested,
                                                   tmp_path: Path) -> None:
    """--scheduler: a cluster started apart; one of its worker processes is killed with
    SIGKILL while partitions are coded. Dask runs its tasks again on a worker: the dataset is
    whole and gives the reference answers."""
    import threading

    import psutil
    from dask.distributed import LocalCluster

    _, reference = ingested
    out = tmp_path / "out"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        result: list = []
        driver = threading.Thread(target=lambda: result.append(cli.invoke(app, [
            "batch", str(corpus), "--out", str(out), "--engine", "dask", "--scheduler",
            cluster.scheduler_address, "--partition-size", "1", "-q"])))
        driver.start()
        done = out / "_work" / "done"
        deadline = time.monotonic() + 90
        killed = None
        while time.monotonic() < deadline and driver.is_alive():
            if done.is_dir() and 2 <= len(list(done.iterdir())) < 12:
                pids = sorted(nanny.process.process.pid for nanny in cluster.workers.values())
                killed = psutil.Process(pids[0])
                killed.send_signal(signal.SIGKILL)
                break
            time.sleep(0.01)
        driver.join(timeout=180)
        assert not driver.is_alive(), "the batch did not end within 3 minutes"
    assert killed is not None, "the batch ended before a worker could be killed"
    assert not killed.is_running() or killed.status() == psutil.STATUS_ZOMBIE
    assert result[0].exit_code == 0, (result[0].stdout, result[0].stderr)
    assert read_dataset(out) == reference
