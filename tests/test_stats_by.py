"""`eventdesk stats --by`: the conflict-cooperation series over canonical events."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventdesk.cli.main import app
from eventdesk.query.canonical import ClusterFilter
from eventdesk.query.series import SERIES_COLUMNS, series
from eventdesk.store import open_store
from test_cluster_helpers import CORPUS, article

pytestmark = pytest.mark.usefixtures("clean_env")

DENIAL = article("w7", [{"text": "Russia did not shell Odesa, the ministry said.",
                         "type": "ASSAULT", "source": ["RUS"], "negated": True,
                         "trigger": "shell"}], date="2025-03-20")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("series") / "s.db"
    with open_store(path) as store:
        for coded in [*CORPUS, DENIAL]:
            store.write_article(coded, "test/1")
    return path


def test_series_by_day_week_month(db: Path) -> None:
    with open_store(db, readonly=True) as store:
        days = series(store, "day", ClusterFilter(factual_only=True))
        weeks = series(store, "week", ClusterFilter(factual_only=True))
        months = series(store, "month", ClusterFilter())
    assert [d["period"] for d in days] == ["2025-03-10", "2025-03-11", "2025-03-14"]
    day = days[1]
    assert (day["events"], day["mentions"], day["assault"], day["quad4"]) == (1, 3, 1, 1)
    assert day["goldstein_sum"] == -10.0 and day["goldstein_mean"] == -10.0
    assert [(w["period"], w["events"]) for w in weeks] == [("2025-W11", 3)]
    assert [(m["period"], m["events"]) for m in months] == [("2025-03", 4)]  # with the denial
    assert all(list(row) == SERIES_COLUMNS for row in days)


def test_dyad_and_formats(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["stats", "--db", str(db), "--by", "month", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [*SERIES_COLUMNS, "start", "end"] and rows[0]["events"] == "3"
    assert (rows[0]["start"], rows[0]["end"]) == ("2025-03-01", "2025-03-31")
    result = runner.invoke(app, ["stats", "--db", str(db), "--by", "week", "--dyad",
                                 "RUS-UKR", "--format", "json"])
    assert json.loads(result.stdout) == []
    result = runner.invoke(app, ["stats", "--db", str(db), "--by", "day", "--actor", "RUS"])
    assert result.exit_code == 0 and "2025-03-11" in result.stdout
    assert "2025-03-20" not in result.stdout  # the denial is not factual
    result = runner.invoke(app, ["stats", "--db", str(db), "--by", "day", "--all"])
    assert "2025-03-20" in result.stdout


def test_series_are_zero_filled(db: Path) -> None:
    result = CliRunner().invoke(app, ["stats", "--db", str(db), "--by", "day", "--format",
                                      "json"])
    rows = json.loads(result.stdout)
    # 10 to 14 March, every day, the empty ones with zeros: plottable as is
    assert [r["period"] for r in rows] == [f"2025-03-{d}" for d in range(10, 15)]
    assert [r["events"] for r in rows] == [1, 1, 0, 0, 1]
    result = CliRunner().invoke(app, ["stats", "--db", str(db), "--by", "month", "--since",
                                      "2025-01", "--until", "2025-04", "--format", "json"])
    assert [(r["period"], r["events"]) for r in json.loads(result.stdout)] == [
        ("2025-01", 0), ("2025-02", 0), ("2025-03", 3), ("2025-04", 0)]


def test_series_by_year_and_country_panel(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["stats", "--db", str(db), "--by", "year", "--format", "json"])
    assert [(r["period"], r["events"]) for r in json.loads(result.stdout)] == [("2025", 3)]
    result = runner.invoke(app, ["stats", "--db", str(db), "--by", "day", "--panel", "country",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:2] == ["country", "period"]
    by_country: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        by_country.setdefault(row["country"], []).append((row["period"], row["events"]))
    assert set(by_country) == {"RUS", "UKR"}
    # the same five days for every country (a balanced panel)
    assert {tuple(p for p, _ in v) for v in by_country.values()} == {
        tuple(f"2025-03-{d}" for d in range(10, 15))}
    assert by_country["UKR"] == [("2025-03-10", "1"), ("2025-03-11", "0"), ("2025-03-12", "0"),
                                 ("2025-03-13", "0"), ("2025-03-14", "0")]
    result = runner.invoke(app, ["stats", "--db", str(db), "--by", "day", "--country",
                                 "Ukraine", "--format", "json"])
    assert result.exit_code == 0 and "taken as UKR" in result.stderr
    assert sum(r["events"] for r in json.loads(result.stdout)) == 1


def test_plain_stats_counts_canonical_events(db: Path) -> None:
    result = CliRunner().invoke(app, ["stats", "--db", str(db), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["events"] == 6 and data["canonical_events"] == 4


@pytest.mark.parametrize("args", [["--by", "decade"], ["--by", "day", "--format", "xml"],
                                  ["--by", "day", "--panel", "outlet"],
                                  ["--by", "day", "--country", "XXX"],
                                  ["--by", "day", "--min-confidence", "2"],
                                  ["--dyad", "RUS-UKR"], ["--by", "day", "--dyad", "RUS"]])
def test_bad_options(db: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, ["stats", "--db", str(db), *args])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
