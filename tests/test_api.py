"""The public API: eventdesk.code_text and eventdesk.open_store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventdesk
from eventdesk.cli.main import app

pytestmark = pytest.mark.usefixtures("clean_env")

TEXT = ("Russia and Ukraine met in Istanbul on Friday. The United States accused Iran of "
        "violating the deal. NATO threatened new sanctions against Russia.")
TITLE = "Russia and Ukraine meet"
DATE = "2025-05-29"


def _without_meta(record: dict) -> dict:
    record = json.loads(json.dumps(record))
    record["article"].pop("meta")
    return record


def test_public_names() -> None:
    for name in ("code_text", "open_store", "Coder", "CODER_VERSION", "__version__",
                 "EventdeskError", "InputError", "StoreError"):
        assert name in eventdesk.__all__
        assert hasattr(eventdesk, name)


def test_code_text_is_one_line_of_code_jsonl(cli, tmp_path: Path, validator) -> None:
    record = eventdesk.code_text(TEXT, date=DATE, title=TITLE)
    assert not list(validator.iter_errors(record))

    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"text": TEXT, "title": TITLE, "date": DATE}) + "\n")
    result = cli.invoke(app, ["code", str(source), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    [line] = result.stdout.splitlines()
    printed = json.loads(line)
    # the same record, events ids included; only the reader's meta ("format") differs
    assert _without_meta(record) == _without_meta(printed)
    assert record["article"]["meta"] == {}
    assert record["events"], "expected events for a text with three clear events"


def test_code_text_without_title_matches_plain_text_input(cli) -> None:
    record = eventdesk.code_text(TEXT, date=DATE)
    result = cli.invoke(app, ["code", "-", "--date", DATE, "--input-format", "text"],
                        input=TEXT)
    assert result.exit_code == 0, result.stderr
    assert _without_meta(record) == _without_meta(json.loads(result.stdout))


def test_code_text_is_deterministic(warm_coder) -> None:
    first = eventdesk.code_text(TEXT, date=DATE, title=TITLE)
    second = eventdesk.code_text(TEXT, date=DATE, title=TITLE)
    assert first == second
    ids = [e["id"] for e in first["events"]]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("ev_") for i in ids)


def test_code_text_without_a_date(warm_coder, validator) -> None:
    record = eventdesk.code_text(TEXT)
    assert not list(validator.iter_errors(record))
    assert record["article"]["date"] is None
    assert record["article"]["id"] == record["article"]["content_hash"][:16]


def test_code_text_of_empty_text(warm_coder, validator) -> None:
    record = eventdesk.code_text("")
    assert not list(validator.iter_errors(record))
    assert (record["events"], record["times"], record["places"]) == ([], [], [])


@pytest.mark.parametrize("bad", ["2025-02-30", "29/05/2025", "2025-05-29T10:00:00", "May"])
def test_code_text_rejects_a_bad_date(bad: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        eventdesk.code_text(TEXT, date=bad)


def test_open_store_and_query(tmp_path: Path, warm_coder) -> None:
    from eventdesk.config import Settings
    from eventdesk.query import EventFilter, query_events, stats
    from eventdesk.runner import ingest

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a1", "text": TEXT, "title": TITLE, "date": DATE,
                                  "url": "https://example.org/a1"}) + "\n")
    db = tmp_path / "api.db"
    with eventdesk.open_store(db) as store:
        summary = ingest([str(source)], store, Settings(db=str(db)))
        assert summary.new == 1
        counts = stats(store)
        events = list(query_events(store, EventFilter()))
    assert counts["articles"] == 1 and counts["events"] == len(events) > 0
    record = eventdesk.code_text(TEXT, date=DATE, title=TITLE)
    # stored events are the coded events, by id
    assert sorted(e["id"] for e in events) == sorted(e["id"] for e in record["events"])
    assert {e["article_url"] for e in events} == {"https://example.org/a1"}
    with pytest.raises(eventdesk.StoreError):
        eventdesk.open_store(tmp_path / "missing.db", readonly=True)
