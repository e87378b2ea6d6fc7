"""`eventdesk export`: GDELT 61 columns, POLECAT TSV, JSONL, CSV, Parquet round trip, streaming."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventdesk.cli.main import app
from eventdesk.export import FLAT_COLUMNS, GDELT_COLUMNS, POLECAT_COLUMNS
from eventdesk.export.gdelt import gdelt_row
from eventdesk.store import open_store
from test_cluster_helpers import CORPUS, place

pytestmark = pytest.mark.usefixtures("clean_env")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "x.db"
    with open_store(path) as store:
        for coded in CORPUS:
            store.write_article(coded, "test/1")
    return path


def export(db: Path, fmt: str, out: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", fmt, "-o",
                                      str(out), *args])
    assert result.exit_code == 0, result.output
    return result.stderr


def test_gdelt_has_61_typed_columns(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.tsv"
    assert "3 events written" in export(db, "gdelt", out)
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    assert len(GDELT_COLUMNS) == 61 and {len(r) for r in rows} == {61}
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    for row in rows:
        assert int(row[col["GlobalEventID"]]) > 0
        assert len(row[col["Day"]]) == 8 and int(row[col["Day"]][:4]) == int(row[col["Year"]])
        assert row[col["MonthYear"]] == row[col["Day"]][:6]
        assert 2025 < float(row[col["FractionDate"]]) < 2026
        assert int(row[col["QuadClass"]]) in (1, 2, 3, 4)
        float(row[col["GoldsteinScale"]])
        assert int(row[col["NumMentions"]]) >= int(row[col["NumArticles"]]) >= 1
        assert row[col["EventRootCode"]] == row[col["EventCode"]][:2]
        assert len(row[col["DATEADDED"]]) == 14 and row[col["DATEADDED"]].isdigit()
        assert row[col["AvgTone"]] == ""
    top = max(rows, key=lambda r: int(r[col["NumMentions"]]))
    assert top[col["Actor1Code"]] == "RUSMIL" and top[col["Actor1CountryCode"]] == "RUS"
    assert top[col["Actor1Type1Code"]] == "MIL" and top[col["NumSources"]] == "3"
    ids = [r[0] for r in rows]
    assert len(set(ids)) == len(ids)


def test_gdelt_action_geo() -> None:
    event = {"id": "ev_" + "a" * 20, "cluster_id": "ce_" + "a" * 20, "date": "2025-03-11",
             "plover_type": "ASSAULT", "cameo_code": "190", "quad_class": 4, "goldstein": -10,
             "source": [], "target": [], "segment": "body", "sentence": 2,
             "location": place("Kharkiv", "UKR", gid=706483).to_dict()}
    row = dict(zip(GDELT_COLUMNS, gdelt_row(event)))
    assert row["ActionGeo_Type"] == "4" and row["ActionGeo_FeatureID"] == "706483"
    assert row["ActionGeo_CountryCode"] == "UKR" and row["IsRootEvent"] == "0"
    assert row["GlobalEventID"] == str(int("a" * 15, 16))


def test_polecat_header_and_rows(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.tsv"
    export(db, "polecat", out)
    lines = [line.split("\t") for line in out.read_text().splitlines()]
    assert lines[0] == POLECAT_COLUMNS and len(POLECAT_COLUMNS) == 40
    assert {len(r) for r in lines} == {40} and len(lines) == 4
    row = dict(zip(POLECAT_COLUMNS, lines[1]))
    assert row["Event Type"] == "consult" and row["Actor Country"] == "RUS;UKR"


def test_csv_and_jsonl(db: Path, tmp_path: Path) -> None:
    export(db, "csv", tmp_path / "e.csv")
    rows = list(csv.DictReader((tmp_path / "e.csv").open()))
    assert list(rows[0]) == FLAT_COLUMNS and len(rows) == 3
    export(db, "jsonl", tmp_path / "e.jsonl", "--mentions")
    mentions = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert len(mentions) == 5 and len({m["id"] for m in mentions}) == 5
    assert len({m["cluster_id"] for m in mentions}) == 3


def test_parquet_round_trip(db: Path, tmp_path: Path, monkeypatch) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr("eventdesk.export.tabular.ROW_GROUP", 2)
    out = tmp_path / "e.parquet"
    export(db, "parquet", out, "--mentions")
    export(db, "csv", tmp_path / "e.csv", "--mentions")
    table = pq.read_table(out)
    meta = pq.ParquetFile(out).metadata
    assert meta.num_row_groups == 3  # written in row groups of 2: streamed
    assert table.schema.names == FLAT_COLUMNS
    assert str(table.schema.field("goldstein").type) == "double"
    assert str(table.schema.field("num_mentions").type) == "int32"
    assert str(table.schema.field("negated").type) == "bool"
    parquet_rows = table.to_pylist()
    csv_rows = list(csv.DictReader((tmp_path / "e.csv").open()))
    assert len(parquet_rows) == len(csv_rows) == 5
    for a, b in zip(parquet_rows, csv_rows):
        assert {k: "" if v is None else str(v) for k, v in a.items()} == b


def test_empty_export_is_valid(db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    export(db, "parquet", tmp_path / "none.parquet", "--since", "2030-01-01")
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0


@pytest.mark.parametrize("args,status", [
    (["--format", "xls", "-o", "x"], 2), (["--format", "parquet", "-o", "-"], 2),
    (["--format", "gdelt", "-o", "/nonexistent/dir/x.tsv"], 1)])
def test_errors_are_one_line(db: Path, args: list[str], status: int) -> None:
    result = CliRunner().invoke(app, ["export", "--db", str(db), *args])
    assert result.exit_code == status and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
