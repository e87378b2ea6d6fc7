"""The pandas/Arrow API: typed columns, the CLI's filters, Store methods, the README example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import eventdesk
from conftest import REPO
from eventdesk.export import FLAT_COLUMNS
from eventdesk.store import open_store
from test_cli_filters import BACKGROUND
from test_cluster_helpers import CORPUS

pytestmark = pytest.mark.usefixtures("clean_env")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("frames") / "f.db"
    with open_store(path) as store:
        for coded in [*CORPUS, BACKGROUND]:
            store.write_article(coded, "test/1")
    return path


def test_events_frame_is_typed(db: Path) -> None:
    import pandas as pd

    frame = eventdesk.events(db)
    assert list(frame.columns) == FLAT_COLUMNS and len(frame) == 5  # no background event
    for column in ("date", "date_start", "date_end"):
        assert pd.api.types.is_datetime64_any_dtype(frame[column])
    assert frame["goldstein"].dtype == "float64" and frame["negated"].dtype == "bool"
    talks = frame[frame["plover_type"] == "CONSULT"].iloc[0]
    assert talks["source_codes"] == ["RUSGOV", "UKRGOV"] and talks["target_codes"] == []
    assert talks["date"] == pd.Timestamp("2025-03-10") and talks["article_id"] == "w4"
    # dates sort and resample as dates
    assert frame["date"].is_monotonic_increasing
    assert frame.set_index("date").resample("D").size().sum() == 5


def test_year_only_dates_are_their_first_day_with_the_precision(db: Path) -> None:
    import pandas as pd

    frame = eventdesk.events(db, include_historical=True, type="agree")
    [row] = frame.to_dict("records")
    assert (row["date"], row["date_precision"]) == (pd.Timestamp("1956-01-01"), "year")
    assert row["date_end"] == pd.Timestamp("1956-12-31")


def test_filters_are_the_cli_filters(db: Path) -> None:
    assert len(eventdesk.events(db, country="Ukraine")) == 1
    assert len(eventdesk.events(db, actor="RUSMIL")) == 3
    assert len(eventdesk.events(db, since="2025-03-12")) == 2
    assert len(eventdesk.events(db, include_historical=True, min_confidence=0.5)) == 5
    assert eventdesk.events(db, sort="-date", limit=1)["date"].iloc[0].day == 14
    assert len(eventdesk.events(db, text="Istanbul")) == 1
    for bad in ({"since": "2019-13-45"}, {"type": "CONSLUT"}, {"country": "XXX"},
                {"sort": "size"}, {"colour": "red"}, {"text": "AND ("}):
        with pytest.raises(eventdesk.UsageError):
            eventdesk.events(db, **bad)


def test_arrow_table_has_the_export_schema(db: Path) -> None:
    import pyarrow as pa

    table = eventdesk.events_arrow(db)
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("target_countries").type == pa.list_(pa.string())
    assert table.num_rows == 5 and b"eventdesk" in table.schema.metadata


def test_series_is_zero_filled(db: Path) -> None:
    import pandas as pd

    days = eventdesk.series(db, by="day")
    assert days["period"].tolist() == [f"2025-03-{d}" for d in range(10, 15)]
    assert days["events"].tolist() == [1, 1, 0, 0, 1]
    assert pd.api.types.is_datetime64_any_dtype(days["start"])
    assert eventdesk.series(db, by="year", dyad="RUS-UKR")["events"].sum() == 0


def test_store_methods(db: Path) -> None:
    with eventdesk.open_store(db, readonly=True) as store:
        assert len(list(store.events(type="ASSAULT"))) == 4
        assert len(store.frame(country="UKR")) == 1
        assert store.arrow().num_rows == 5
        assert store.series("month")["events"].tolist() == [3]
        assert store.article("w4")["article"]["id"] == "w4"
        assert store.stats()["articles"] == 6
    for name in ("events", "frame", "arrow", "series", "article", "stats", "ingest"):
        assert getattr(eventdesk.Store, name).__doc__


def test_readme_example_runs_as_written(tmp_path: Path, monkeypatch, warm_coder) -> None:
    """The README's Python API block, executed unchanged in a folder holding the samples."""
    import matplotlib

    matplotlib.use("Agg")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python API"):]
    code = re.search(r"```python\n(.*?)```", section, re.S)[1]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "samples").symlink_to(REPO / "samples")
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    assert (tmp_path / "monthly.png").stat().st_size > 0
    assert len(namespace["events"]) > 0 and "CONSULT" in set(namespace["events"]["plover_type"])
    monthly = namespace["monthly"]
    assert monthly["events"].sum() > 0 and monthly["period"].is_unique
