"""The CLI refuses nonsense (one line, exit 2, nothing created) and filters as it says:
--sort, --country by name, --min-confidence, --include-historical, the article id column."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventdesk.cli.main import app
from eventdesk.store import open_store
from test_cluster_helpers import CORPUS, article

pytestmark = pytest.mark.usefixtures("clean_env")

# background: the 1956 treaty, told in an article of 2025, coded with low confidence
BACKGROUND = article("h1", [{"text": "Russia and Ukraine signed a treaty in 1956.",
                             "type": "AGREE", "source": ["RUS"], "target": ["UKR"],
                             "date": "1956", "trigger": "signed"}], date="2025-03-15")
BACKGROUND = replace(BACKGROUND, events=tuple(
    replace(e, historical=True, confidence=0.3, date_precision="year")
    for e in BACKGROUND.events))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "f.db"
    with open_store(path) as store:
        for coded in [*CORPUS, BACKGROUND]:
            store.write_article(coded, "test/1")
    return path


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


def events(db: Path, *args: str) -> list[dict]:
    result = run("events", "--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_sort_newest_first(db: Path) -> None:
    oldest = [e["date"] for e in events(db)]
    newest = [e["date"] for e in events(db, "--sort", "-date")]
    assert oldest == sorted(oldest) and newest == sorted(newest, reverse=True)
    assert sorted(oldest) == sorted(newest)
    assert events(db, "--sort", "-date", "--limit", "1")[0]["date"] == "2025-03-14"


def test_historical_events_only_on_request(db: Path) -> None:
    assert all(not e.get("historical") for e in events(db))
    with_background = events(db, "--include-historical")
    assert [e["date"] for e in with_background if e.get("historical")] == ["1956"]
    result = run("stats", "--db", db, "--by", "year", "--all", "--format", "json")
    assert [r["period"] for r in json.loads(result.stdout)] == ["2025"]
    result = run("stats", "--db", db, "--by", "year", "--all", "--include-historical",
                 "--format", "json")
    periods = [r["period"] for r in json.loads(result.stdout)]
    assert periods[0] == "1956" and periods[-1] == "2025" and len(periods) == 70


def test_min_confidence(db: Path) -> None:
    everything = events(db, "--include-historical")
    confident = events(db, "--include-historical", "--min-confidence", "0.5")
    assert len(confident) == len(everything) - 1
    assert all(e["confidence"] >= 0.5 for e in confident)


def test_country_by_code_or_name(db: Path) -> None:
    by_code = events(db, "--country", "UKR")
    result = run("events", "--db", db, "--format", "jsonl", "--country", "ukraine")
    assert result.exit_code == 0 and result.stderr.strip() == "--country ukraine: taken as UKR"
    assert [json.loads(line) for line in result.stdout.splitlines()] == by_code and by_code


def test_events_table_shows_the_article_id(db: Path) -> None:
    result = run("events", "--db", db)
    lines = result.stdout.splitlines()
    assert "article" in lines[0]
    assert all(len(line) <= 100 for line in lines)
    assert any(" w4 " in f" {line} " for line in lines[1:])


@pytest.mark.parametrize("args", [
    ["events", "--since", "2019-13-45"],
    ["events", "--type", "CONSLUT"],
    ["events", "--country", "XXX"],
    ["events", "--country", "Narnia"],
    ["events", "--sort", "size"],
    ["events", "--min-confidence", "1.5"],
    ["stats", "--by", "month", "--until", "2019-02-30"],
    ["export", "-o", "x.parquet", "--format", "csv"],
    ["export", "-o", "x.csv", "--format", "gdelt"],
])
def test_mistakes_exit_2_with_one_line(db: Path, args: list[str], tmp_path: Path,
                                       monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args, "--db", db)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not any(tmp_path.iterdir())


def test_country_hint_names_the_code(db: Path) -> None:
    result = run("events", "--db", db, "--country", "Ukrain")
    assert result.exit_code == 2 and "did you mean UKR (Ukraine)?" in result.stderr


def test_ingest_of_nothing_creates_nothing(tmp_path: Path) -> None:
    result = run("ingest", "--db", tmp_path / "new.db", tmp_path / "missing.json")
    assert result.exit_code == 2
    assert "missing.json: no such file or directory" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not any(tmp_path.iterdir())
