"""`eventdesk export`: GDELT 61 columns, POLECAT TSV, JSONL, CSV, Parquet round trip, streaming."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventdesk.cli.main import app
from eventdesk.export import FLAT_COLUMNS, GDELT_COLUMNS, MENTION_COLUMNS, POLECAT_COLUMNS
from eventdesk.export.gdelt import EXPORT_COLUMNS, gdelt_row
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


def _read_gdelt(path: Path):
    """The export as a GDELT user reads it: pandas, no header, GDELT's names and dtypes."""
    import pandas as pd

    dtypes = {"GlobalEventID": "int64", "Day": "int64", "MonthYear": "int64", "Year": "int64",
              "FractionDate": "float64", "EventCode": "string", "EventBaseCode": "string",
              "EventRootCode": "string", "QuadClass": "int64", "GoldsteinScale": "float64",
              "NumMentions": "int64", "NumSources": "int64", "NumArticles": "int64",
              "ActionGeo_CountryCode": "string", "ActionGeo_ADM1Code": "string",
              "DATEADDED": "int64", "DatePrecision": "string"}
    return pd.read_csv(path, sep="\t", header=None, names=EXPORT_COLUMNS, dtype=dtypes,
                       keep_default_na=False, na_values=[""])


def test_gdelt_loads_in_pandas_with_gdelt_names(db: Path, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "e.tsv"
    assert "3 events written" in export(db, "gdelt", out)
    frame = _read_gdelt(out)
    # GDELT's 61 columns in GDELT's order, then our DatePrecision
    assert len(GDELT_COLUMNS) == 61 and list(frame.columns[:61]) == GDELT_COLUMNS
    # a reader that only knows GDELT's 61 columns gets the same values
    only_gdelt = pd.read_csv(out, sep="\t", header=None, names=GDELT_COLUMNS,
                             usecols=range(61))
    assert only_gdelt["GlobalEventID"].tolist() == frame["GlobalEventID"].tolist()
    # talks of Russia and Ukraine (two sources): one row per actor, as GDELT does
    assert len(frame) == 4
    talks = frame[frame["EventCode"] == "040"]
    assert sorted(talks["Actor1Code"]) == ["RUSGOV", "UKRGOV"]
    assert talks["GlobalEventID"].nunique() == 2
    assert frame["GlobalEventID"].is_unique
    # ids survive a double (R, JavaScript): below 2**53 and exact as floats
    assert (frame["GlobalEventID"] < 2 ** 53).all()
    assert frame["GlobalEventID"].astype("float64").astype("int64").equals(
        frame["GlobalEventID"])
    days = pd.to_datetime(frame["Day"].astype(str), format="%Y%m%d")
    assert (days.dt.year == frame["Year"]).all()
    assert (frame["MonthYear"] == frame["Day"] // 100).all()
    assert frame["FractionDate"].between(2025, 2026).all()
    assert set(frame["QuadClass"]) <= {1, 2, 3, 4}
    assert (frame["EventRootCode"] == frame["EventCode"].str[:2]).all()
    assert (frame["NumMentions"] >= frame["NumArticles"]).all()
    assert frame["DATEADDED"].astype(str).str.len().eq(14).all()
    assert frame["AvgTone"].isna().all()
    assert set(frame["DatePrecision"]) == {"day"}
    top = frame.loc[frame["NumMentions"].idxmax()]
    assert top["Actor1Code"] == "RUSMIL" and top["Actor1CountryCode"] == "RUS"
    assert top["Actor1Type1Code"] == "MIL" and top["NumSources"] == 3


def test_gdelt_export_is_stable(db: Path, tmp_path: Path) -> None:
    export(db, "gdelt", tmp_path / "a.tsv")
    export(db, "gdelt", tmp_path / "b.tsv")
    assert (tmp_path / "a.tsv").read_bytes() == (tmp_path / "b.tsv").read_bytes()


def test_gdelt_action_geo_uses_fips_codes() -> None:
    event = {"id": "ev_" + "a" * 20, "cluster_id": "ce_" + "a" * 20, "date": "2025-03-11",
             "plover_type": "ASSAULT", "cameo_code": "190", "quad_class": 4, "goldstein": -10,
             "source": [], "target": [], "segment": "body", "sentence": 2,
             "location": place("Kharkiv", "UKR", gid=706483).to_dict()}
    row = dict(zip(EXPORT_COLUMNS, gdelt_row(event)))
    assert row["ActionGeo_Type"] == "4" and row["ActionGeo_FeatureID"] == "706483"
    # FIPS 10-4, not ISO3; the region unknown: the country code alone
    assert row["ActionGeo_CountryCode"] == "UP" and row["ActionGeo_ADM1Code"] == "UP"
    assert row["IsRootEvent"] == "0"
    assert row["GlobalEventID"] == str(int("a" * 13, 16))
    raqqa = dict(place("Raqqa", "SYR").to_dict(), admin1="Ar-Raqqah")
    row = dict(zip(EXPORT_COLUMNS, gdelt_row(dict(event, location=raqqa))))
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == ("SY", "SY04")


def test_gdelt_dates_of_a_year_or_month_say_so() -> None:
    event = {"id": "ev_" + "b" * 20, "date": "1956", "date_precision": "year",
             "plover_type": "AGREE", "cameo_code": "057", "source": [], "target": []}
    row = dict(zip(EXPORT_COLUMNS, gdelt_row(event)))
    assert (row["Day"], row["Year"], row["DatePrecision"]) == ("19560101", "1956", "year")
    row = dict(zip(EXPORT_COLUMNS, gdelt_row(dict(event, date="2011-03",
                                                    date_precision="month"))))
    assert (row["Day"], row["MonthYear"], row["DatePrecision"]) == ("20110301", "201103",
                                                                    "month")


def test_fips_table_covers_every_country_once() -> None:
    from eventdesk.export.gdelt import _fips_tables

    countries, regions = _fips_tables()
    iso3 = {line.split("\t")[0] for line in
            (Path(__file__).parent.parent / "src/eventdesk/data/actors/countries.tsv")
            .read_text(encoding="utf-8").splitlines()[1:]}
    assert set(countries) == iso3
    assert len(set(countries.values())) == len(countries)
    assert all(len(code) == 2 and code.isupper() for code in countries.values())
    assert all(code.startswith(countries[iso]) and len(code) == 4
               for (iso, _), code in regions.items())


def test_gdelt_mentions_table(db: Path, tmp_path: Path) -> None:
    import pandas as pd

    export(db, "gdelt", tmp_path / "events.tsv")
    export(db, "gdelt", tmp_path / "mentions.tsv", "--mentions")
    mentions = pd.read_csv(tmp_path / "mentions.tsv", sep="\t", header=None,
                           names=MENTION_COLUMNS)
    events = _read_gdelt(tmp_path / "events.tsv")
    assert len(mentions) == 5 and len(MENTION_COLUMNS) == 16
    # every mention points at an event row; the shelling has three
    assert set(mentions["GlobalEventID"]) <= set(events["GlobalEventID"])
    assert mentions["GlobalEventID"].value_counts().max() == 3
    assert mentions["MentionTimeDate"].astype(str).str.len().eq(14).all()
    assert set(mentions["MentionType"]) <= {1, 6}
    assert mentions["Confidence"].between(0, 100).all()
    assert (mentions["ActionCharOffset"] >= 0).all()


def test_polecat_loads_with_its_header_and_labels(db: Path, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "p.tsv"
    export(db, "polecat", out)
    frame = pd.read_csv(out, sep="\t", keep_default_na=False)
    assert list(frame.columns) == POLECAT_COLUMNS and len(POLECAT_COLUMNS) == 40
    assert len(frame) == 3
    assert set(frame["Quad Code"]) <= {"Verbal Cooperation", "Material Cooperation",
                                       "Verbal Conflict", "Material Conflict"}
    talks = frame[frame["Event Type"] == "consult"].iloc[0]
    assert talks["Actor Country"] == "RUS; UKR" and talks["Quad Code"] == "Verbal Cooperation"
    assert pd.to_datetime(frame["Event Date"], format="%Y-%m-%d").notna().all()
    assert not frame["Actor Name"].str.contains(r";\s*$|^;|; ;").any()


def test_polecat_lists_have_no_empty_items() -> None:
    from eventdesk.export.polecat import polecat_row

    event = {"id": "ev_1", "date": "2019-03", "plover_type": "ASSAULT", "quad_class": 4,
             "source": [{"text": "it", "name": "Turkey", "country": "TUR", "wikidata": "Q43"},
                        {"text": "rebels", "name": None, "country": None, "wikidata": None}],
             "target": []}
    row = dict(zip(POLECAT_COLUMNS, polecat_row(event)))
    assert row["Wikipedia Actor ID"] == "Q43" and row["Actor Country"] == "TUR"
    assert row["Actor Name Raw"] == "Turkey; rebels"  # the pronoun gives way to the name
    assert row["Event Date"] == "2019-03-01" and row["Quad Code"] == "Material Conflict"


def test_csv_and_jsonl(db: Path, tmp_path: Path) -> None:
    import pandas as pd

    export(db, "csv", tmp_path / "e.csv")
    frame = pd.read_csv(tmp_path / "e.csv", parse_dates=["date", "date_start", "date_end"])
    assert list(frame.columns) == FLAT_COLUMNS and len(frame) == 3
    assert str(frame["date"].dtype).startswith("datetime64")
    export(db, "jsonl", tmp_path / "e.jsonl", "--mentions")
    mentions = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert len(mentions) == 5 and len({m["id"] for m in mentions}) == 5
    assert len({m["cluster_id"] for m in mentions}) == 3
    assert all(m["date_start"] == m["date"] for m in mentions)


def test_parquet_types_lists_and_metadata(db: Path, tmp_path: Path, monkeypatch) -> None:
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    from eventdesk.export.tabular import csv_cells, flat_row  # noqa: F401

    monkeypatch.setattr("eventdesk.export.tabular.ROW_GROUP", 2)
    out = tmp_path / "e.parquet"
    export(db, "parquet", out, "--mentions")
    export(db, "csv", tmp_path / "e.csv", "--mentions")
    table = pq.read_table(out)
    meta = pq.ParquetFile(out).metadata
    assert meta.num_row_groups == 3  # written in row groups of 2: streamed
    assert table.schema.names == FLAT_COLUMNS
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("source_codes").type == pa.list_(pa.string())
    assert str(table.schema.field("goldstein").type) == "double"
    assert str(table.schema.field("num_mentions").type) == "int32"
    assert str(table.schema.field("negated").type) == "bool"
    info = json.loads(table.schema.metadata[b"eventdesk"])
    assert info["coder_version"] and "date_precision" in info["date_model"]
    assert table.schema.field("date").metadata[b"description"]
    rows = table.to_pylist()
    talks = next(r for r in rows if r["plover_type"] == "CONSULT")
    assert talks["source_codes"] == ["RUSGOV", "UKRGOV"]
    assert talks["date"] == datetime.date(2025, 3, 10)
    csv_rows = list(csv.reader((tmp_path / "e.csv").open()))[1:]
    assert len(rows) == len(csv_rows) == 5
    for parquet_row, csv_row in zip(rows, csv_rows):  # one column set, the same values
        assert csv_cells(parquet_row) == csv_row


def test_parquet_reads_in_duckdb(db: Path, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "e.parquet"
    export(db, "parquet", out)
    con = duckdb.connect()
    kinds = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
                             f"read_parquet('{out}'))").fetchall())
    assert kinds["date"] == "DATE" and kinds["source_codes"] == "VARCHAR[]"
    first = con.execute(f"SELECT min(date), count(*) FROM read_parquet('{out}') "
                        "WHERE list_contains(source_codes, 'RUSGOV')").fetchone()
    assert str(first[0]) == "2025-03-10" and first[1] == 1


def test_empty_export_is_valid(db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    export(db, "parquet", tmp_path / "none.parquet", "--since", "2030-01-01")
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0


@pytest.mark.parametrize("args,status", [
    (["--format", "xls", "-o", "x"], 2), (["--format", "parquet", "-o", "-"], 2),
    (["--format", "gdelt", "-o", "/nonexistent/dir/x.tsv"], 1),
    (["--format", "csv", "-o", "x.parquet"], 2), (["--format", "parquet", "-o", "x.csv"], 2),
    (["-o", "x.dat"], 2)])
def test_errors_are_one_line(db: Path, args: list[str], status: int, tmp_path: Path,
                             monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["export", "--db", str(db), *args])
    assert result.exit_code == status and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert not any(tmp_path.iterdir())  # nothing written


def test_format_comes_from_the_file_name(db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    result = CliRunner().invoke(app, ["export", "--db", str(db), "-o",
                                      str(tmp_path / "e.parquet")])
    assert result.exit_code == 0, result.stderr
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 3
