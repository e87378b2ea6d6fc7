"""TIMEX3 normalisation rules (no parser): one test group per rule family."""

from __future__ import annotations

from datetime import date

import pytest

from eventdesk.extract.timex.rules import normalise

THU = date(2025, 5, 29)  # a Thursday
PAST, FUTURE, UNKNOWN = -1, 1, 0


def value(text, direction=UNKNOWN, anchor=THU, ref=None):
    return normalise(text, anchor, direction, ref)


@pytest.mark.parametrize(("text", "direction", "expected"), [
    ("Wednesday", PAST, "2025-05-28"),
    ("Wednesday", FUTURE, "2025-06-04"),
    ("Thursday", PAST, "2025-05-29"),
    ("Thursday", FUTURE, "2025-05-29"),
    ("Friday", UNKNOWN, "2025-05-23"),
    ("last Friday", UNKNOWN, "2025-05-23"),
    ("next Monday", PAST, "2025-06-02"),
    ("on Tuesday", PAST, "2025-05-27"),
])
def test_weekday_follows_tense(text, direction, expected):
    assert value(text, direction) == ("DATE", expected)


def test_weekday_with_part_of_day_is_a_time():
    assert value("Thursday morning", PAST) == ("TIME", "2025-05-29TMO")
    assert value("Wednesday night", PAST) == ("TIME", "2025-05-28TNI")


@pytest.mark.parametrize(("text", "direction", "expected"), [
    ("June 2", FUTURE, "2025-06-02"),
    ("May 16", PAST, "2025-05-16"),
    ("June 2", PAST, "2024-06-02"),
    ("May 16", FUTURE, "2026-05-16"),
    ("Jan. 3", UNKNOWN, "2025-01-03"),
    ("Dec. 30", UNKNOWN, "2024-12-30"),
    ("16 May", PAST, "2025-05-16"),
    ("May 16, 2024", FUTURE, "2024-05-16"),
    ("Friday, Aug. 7, 1998", UNKNOWN, "1998-08-07"),
    ("the Aug. 7, 1998", UNKNOWN, "1998-08-07"),
])
def test_month_day_takes_the_year_the_tense_points_to(text, direction, expected):
    assert value(text, direction) == ("DATE", expected)


@pytest.mark.parametrize(("text", "direction", "expected"), [
    ("early June", FUTURE, "2025-06"),
    ("mid-June", UNKNOWN, "2025-06"),
    ("late November", PAST, "2024-11"),
    ("the end of March", PAST, "2025-03"),
    ("June 1996", PAST, "1996-06"),
    ("July last year", UNKNOWN, "2024-07"),
    ("last October", UNKNOWN, "2024-10"),
])
def test_early_mid_late_month(text, direction, expected):
    assert value(text, direction) == ("DATE", expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("today", "2025-05-29"),
    ("yesterday", "2025-05-28"),
    ("tomorrow", "2025-05-30"),
    ("last week", "2025-W21"),
    ("this week", "2025-W22"),
    ("next week", "2025-W23"),
    ("last month", "2025-04"),
    ("next month", "2025-06"),
    ("this year", "2025"),
    ("last year", "2024"),
    ("the current fiscal year", "2025"),
    ("three years ago", "2022"),
    ("11 days ago", "2025-05-18"),
    ("two months ago", "2025-03"),
    ("six weeks ago", "2025-W16"),
    ("this weekend", "2025-W22-WE"),
])
def test_relative_week_month_year(text, expected):
    assert value(text) == ("DATE", expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("the 1990s", "199"), ("the late 1970s", "197"), ("the mid-1990s", "199"), ("'80s", "198"),
    ("the 20th century", "19"), ("1998", "1998"), ("fiscal 1989", "1989"), ("mid-1996", "1996"),
    ("the third quarter", "2025-Q2"), ("next year's first quarter", "2026-Q1"),
    ("the first half of 1989", "1989-H1"), ("summer", "2025-SU"), ("last fall", "2024-FA"),
])
def test_decades_years_quarters_seasons(text, expected):
    if text == "the third quarter":
        assert value(text, PAST) == ("DATE", "2024-Q3")
        assert value(text, FUTURE) == ("DATE", "2025-Q3")
        return
    assert value(text) == ("DATE", expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("30-day", "P30D"), ("three years", "P3Y"), ("the past three years", "P3Y"),
    ("the past three months", "P3M"), ("two hours", "PT2H"), ("45 minutes", "PT45M"),
    ("a decade", "P1E"), ("the next couple of years", "P2Y"), ("years", "PXY"),
    ("recent years", "PXY"), ("several weeks", "PXW"), ("at least the past 18 months", "P18M"),
    ("five-year", "P5Y"), ("two-day", "P2D"),
])
def test_durations(text, expected):
    assert value(text) == ("DURATION", expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("every week", "P1W"), ("each month", "P1M"), ("weekly", "P1W"), ("daily", "P1D"),
    ("annually", "P1Y"), ("quarterly", "P3M"), ("every Monday", "XXXX-WXX-1"),
    ("Sundays", "XXXX-WXX-7"), ("twice a year", "P1Y"), ("every two weeks", "P2W"),
])
def test_sets(text, expected):
    assert value(text) == ("SET", expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("now", "PRESENT_REF"), ("currently", "PRESENT_REF"), ("recently", "PAST_REF"),
    ("the future", "FUTURE_REF"),
])
def test_reference_words(text, expected):
    assert value(text) == ("DATE", expected)


def test_times_of_day():
    assert value("10 p.m. Wednesday", PAST) == ("TIME", "2025-05-28T22:00")
    assert value("noon Thursday", FUTURE) == ("TIME", "2025-05-29T12:00")
    assert value("5 p.m. EST Nov. 9", UNKNOWN, date(1989, 11, 2)) == ("TIME", "1989-11-09T17:00")
    assert value("tonight") == ("TIME", "2025-05-29TNI")
    assert value("this morning") == ("TIME", "2025-05-29TMO")


def test_anaphoric_shift_uses_reference_time():
    assert value("a year earlier", ref="1989-Q3") == ("DATE", "1988-Q3")
    assert value("a year earlier") == ("DATE", "2024")
    assert value("the quarter", PAST, ref="1989-Q3") == ("DATE", "1989-Q3")
    assert value("two years later", ref="1990") == ("DATE", "1992")


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("Wednesday", "DATE", None), ("May 16", "DATE", None), ("last week", "DATE", None),
    ("three years ago", "DATE", None), ("May 16, 2025", "DATE", "2025-05-16"),
    ("1998", "DATE", "1998"), ("the 1990s", "DATE", "199"), ("30-day", "DURATION", "P30D"),
    ("weekly", "SET", "P1W"), ("now", "DATE", "PRESENT_REF"), ("2025-05-16", "DATE", "2025-05-16"),
])
def test_no_article_date_keeps_only_absolute_values(text, kind, expected):
    assert normalise(text, None, PAST) == (kind, expected)


def test_holidays():
    assert value("Thanksgiving", PAST, date(2000, 2, 10)) == ("DATE", "1999-11-25")
    assert value("Christmas", FUTURE) == ("DATE", "2025-12-25")


def test_year_spans_and_impossible_months_never_give_invalid_dates() -> None:
    from datetime import date

    from eventdesk.extract.timex.rules import normalise

    anchor = date(2019, 5, 1)
    assert normalise("1979-81", anchor) == ("DATE", "1979")
    assert normalise("2013-14", anchor) == ("DATE", "2013")
    assert normalise("2019-12", anchor) == ("DATE", "2019-12")
    assert normalise("2019-02-30", anchor) is None or normalise("2019-02-30", anchor)[1] is None
