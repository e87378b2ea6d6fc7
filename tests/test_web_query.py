"""The query helpers behind the web API: cursors, periods, extras, follow-ups, highlighting."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from eventdesk.query.extra import Extra
from eventdesk.query.pages import CursorError, decode_cursor, encode_cursor
from eventdesk.query.story import _status, _window, follow_up
from eventdesk.query.timeseries import TooManyPeriods, period_bounds, period_labels
from eventdesk.web.highlight import Span, pieces
from eventdesk.web.params import apply_extra


def test_cursor_round_trip_and_refusals() -> None:
    cursor = encode_cursor(0, ["2025-06-02", "story-02", "body", 39, "ev_1"], False)
    assert decode_cursor(cursor, 5, False) == (0, ["2025-06-02", "story-02", "body", 39, "ev_1"])
    assert decode_cursor(encode_cursor(1, ["a", "b", 3, "e"], True), 5, True)[0] == 1
    for bad in ("", "!!!", encode_cursor(0, ["x"], False), encode_cursor(2, [], False)):
        with pytest.raises(CursorError):
            decode_cursor(bad, 5, False)
    with pytest.raises(CursorError, match="sort"):
        decode_cursor(cursor, 5, True)


def test_period_labels_cross_year_ends() -> None:
    assert period_labels("week", "2020-W52", "2021-W02") == ["2020-W52", "2020-W53", "2021-W01",
                                                             "2021-W02"]
    assert period_labels("month", "2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01",
                                                            "2025-02"]
    assert period_labels("day", "2024-02-28", "2024-03-01") == ["2024-02-28", "2024-02-29",
                                                                "2024-03-01"]
    assert period_labels("year", "1999", "2001") == ["1999", "2000", "2001"]
    with pytest.raises(TooManyPeriods):
        period_labels("day", "1900-01-01", "2025-01-01")


def test_period_bounds() -> None:
    assert period_bounds("week", "2021-W01") == ("2021-01-04", "2021-01-10")
    assert period_bounds("month", "2024-02") == ("2024-02-01", "2024-02-29")
    assert period_bounds("year", "2025") == ("2025-01-01", "2025-12-31")


def test_extras_go_to_the_dataclass_once_it_has_the_field() -> None:
    @dataclass(frozen=True)
    class Today:
        since: str | None = None

    @dataclass(frozen=True)
    class Tomorrow:
        since: str | None = None
        min_confidence: float | None = None
        historical: bool | None = None

    values = {"min_confidence": 0.5, "historical": False, "country": None}
    flt, extra = apply_extra(Today(), values)
    assert extra == Extra(min_confidence=0.5, historical=False)
    flt, extra = apply_extra(Tomorrow(), values)
    assert flt == Tomorrow(min_confidence=0.5, historical=False) and extra == Extra()


def test_follow_up_status_rules() -> None:
    factual = {"plover_type": "CONSULT", "modality": "factual", "negated": False}
    assert _status("CONSULT", factual) == "happened"
    assert _status("CONSULT", {**factual, "negated": True}) == "did_not_happen"
    assert _status("CONSULT", {**factual, "modality": "planned"}) is None
    halt = {"plover_type": "SANCTION", "cameo_code": "164", "modality": "factual"}
    assert _status("CONSULT", halt) == "did_not_happen"
    assert _status("SANCTION", {**halt, "cameo_code": "163"}) == "happened"
    assert _status("AID", halt) is None  # halting negotiations says nothing about planned aid


def test_follow_up_windows() -> None:
    assert _window("2025-06-16", None) == ("2025-06-13", "2025-06-19")
    assert _window("2025-06", None) == ("2025-06", "2025-06")
    assert _window(None, "2025-06-10") == ("2025-06-10", "2025-07-11")
    assert _window(None, None) == (None, None)


def test_a_plan_without_any_later_report(web_db) -> None:
    from eventdesk.store import open_store

    plan = {"plover_type": "PROTEST", "date": "2031-01-01", "modality": "planned",
            "source": [{"country": "SRB"}], "target": []}
    with open_store(web_db, readonly=True) as store:
        assert follow_up(store, plan) is None


def test_highlight_pieces_nest_and_overlap() -> None:
    text = "Russian forces shelled Kharkiv on Tuesday."
    spans = [Span(0, 42, "sentence"), Span(0, 14, "source", "source: RUSMIL"),
             Span(15, 22, "trigger", "ASSAULT 194"), Span(23, 30, "place", "place: Kharkiv"),
             Span(8, 22, "target", "overlapping on purpose"), Span(50, 60, "time")]
    parts = pieces(text, spans)
    assert "".join(p["text"] for p in parts) == text
    shelled = next(p for p in parts if p["text"] == "shelled")
    assert set(shelled["classes"].split()) == {"hl-sentence", "hl-trigger", "hl-target"}
    forces = next(p for p in parts if p["text"] == "forces")
    assert "RUSMIL" in forces["labels"] and "hl-target" in forces["classes"]
    assert pieces("<b>", [Span(0, 3, "trigger")])[0]["text"] == "<b>"  # escaped by Jinja
