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
    assert list(rows[0]) == SERIES_COLUMNS and rows[0]["events"] == "3"
    result = runner.invoke(app, ["stats", "--db", str(db), "--by", "week", "--dyad",
                                 "RUS-UKR", "--format", "json"])
    assert json.loads(result.stdout) == []
    result = runner.invoke(app, ["stats", "--db", str(db), "--by", "day", "--actor", "RUS"])
    assert result.exit_code == 0 and "2025-03-11" in result.stdout
    assert "2025-03-20" not in result.stdout  # the denial is not factual
    result = runner.invoke(app, ["stats", "--db", str(db), "--by", "day", "--all"])
    assert "2025-03-20" in result.stdout


def test_plain_stats_counts_canonical_events(db: Path) -> None:
    result = CliRunner().invoke(app, ["stats", "--db", str(db), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["events"] == 6 and data["canonical_events"] == 4


@pytest.mark.parametrize("args", [["--by", "year"], ["--by", "day", "--format", "xml"],
                                  ["--dyad", "RUS-UKR"], ["--by", "day", "--dyad", "RUS"]])
def test_bad_options(db: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, ["stats", "--db", str(db), *args])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
