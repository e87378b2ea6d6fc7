"""One date model: contract-valid dates with the period they stand for, on every record."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import SAMPLES
from eventdesk import dates
from eventdesk.model import Event, Span


def _event(value, precision) -> Event:
    return Event("ev_x", "body", 0, "s", 0, 1, Span("met", 0, 3), "CONSULT", None, "040", 1.0,
                 1, date=value, date_precision=precision)


@pytest.mark.parametrize(("value", "precision", "expected"), [
    ("2019-03-04", "day", ("2019-03-04", "day", "2019-03-04", "2019-03-04")),
    ("2019-03", "month", ("2019-03", "month", "2019-03-01", "2019-03-31")),
    ("2020-02", "month", ("2020-02", "month", "2020-02-01", "2020-02-29")),
    ("1956", "year", ("1956", "year", "1956-01-01", "1956-12-31")),
    # a week inside one month is that month; the exact week stays in start/end
    ("2019-03-04", "week", ("2019-03", "month", "2019-03-04", "2019-03-10")),
    # a weekend (value on a Saturday) is two days
    ("2019-03-09", "week", ("2019-03", "month", "2019-03-09", "2019-03-10")),
    # a week across two months is the year; across New Year the year of most of its days
    ("2019-01-28", "week", ("2019", "year", "2019-01-28", "2019-02-03")),
    ("2019-12-30", "week", ("2020", "year", "2019-12-30", "2020-01-05")),
    ("2020-12-28", "week", ("2020", "year", "2020-12-28", "2021-01-03")),
    (None, None, (None, None, None, None)),
])
def test_event_dates_are_contract_values_with_their_period(value, precision, expected):
    event = _event(value, precision)
    assert (event.date, event.date_precision, event.date_start, event.date_end) == expected
    data = event.to_dict()
    assert (data["date"], data["date_precision"], data["date_start"], data["date_end"]) == \
        expected


def test_replacing_the_date_recomputes_the_period():
    from dataclasses import replace

    week = _event("2019-03-04", "week")
    assert replace(week, confidence=0.9).date_start == "2019-03-04"  # week kept
    moved = replace(week, date="2019-05", date_precision="month")
    assert (moved.date_start, moved.date_end) == ("2019-05-01", "2019-05-31")


def test_first_day_and_bad_values():
    assert dates.first_day("1956") == date(1956, 1, 1)
    assert dates.first_day("2011-03") == date(2011, 3, 1)
    assert dates.first_day("2019-02-30") is None
    assert dates.period("not a date") is None


def test_every_record_of_a_corpus_run_is_schema_valid(cli, validator, tmp_path):
    """Code the bundled samples plus an article with week, month and year dates, and check
    every output line against the JSON Schema and the period fields against the date."""
    from eventdesk.cli.main import app

    extra = tmp_path / "dated.jsonl"
    extra.write_text(json.dumps({
        "id": "dated", "date": "2019-02-01", "title": "Turkey and Russia hold talks",
        "text": "Turkey and Russia held talks in Ankara last week. Russia and Syria signed a "
                "treaty in 1956. Iran accused Israel of attacks in March 2018. Iraq met Jordan "
                "last weekend."}) + "\n", encoding="utf-8")
    result = cli.invoke(app, ["code", "--format", "jsonl", str(SAMPLES), str(extra)])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) >= 6
    precisions = set()
    for record in records:
        assert [e.message for e in validator.iter_errors(record)] == [], record["article"]["id"]
        for event in record["events"]:
            precisions.add(event["date_precision"])
            if event["date"] is None:
                assert event["date_start"] is None and event["date_end"] is None
                continue
            first, last = dates.period(event["date"])
            start = date.fromisoformat(event["date_start"])
            end = date.fromisoformat(event["date_end"])
            assert start <= end
            if event["date_precision"] == "day":
                assert start == end == first
            else:  # inside the date's period, except a week across New Year (a few days)
                assert (start - first).days >= -3 and (last - end).days >= -3
    assert {"day", "month", "year"} <= precisions
