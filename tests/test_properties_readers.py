"""Property-based tests (hypothesis): the readers, date and time normalisation, a store round trip.

Bounded: a few dozen examples each, no deadline (coding an article takes milliseconds to a
second depending on the machine), so the file runs in seconds.
"""

from __future__ import annotations

import json
import random
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from eventdesk.errors import InputError
from eventdesk.extract.timex.rules import normalise
from eventdesk.ingest import jsonl, read_source, seed, text
from eventdesk.ingest.common import normalise_date
from eventdesk.ingest.decode import decode
from eventdesk.ingest.sources import Source
from eventdesk.model import Article

FAST = settings(max_examples=60, deadline=None)
SLOW = settings(max_examples=12, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

# any text, including raw U+2028, U+2029, U+0085, CR and lone control characters
any_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200)
article_text = any_text.filter(lambda s: s.strip() != "")
day = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


# -- readers ------------------------------------------------------------------------------------

@FAST
@given(st.lists(st.tuples(st.one_of(st.none(), st.text(min_size=1, max_size=20),
                                    st.integers(0, 10**9)),
                          article_text, st.one_of(st.none(), day)),
                min_size=1, max_size=8),
       st.data())
def test_jsonl_records_round_trip_and_one_bad_line_costs_one_record(records, data) -> None:
    lines = [json.dumps({"id": rid, "text": body, "date": d.isoformat() if d else None},
                        ensure_ascii=data.draw(st.booleans()))
             for rid, body, d in records]
    bad_at = data.draw(st.integers(0, len(lines)))
    lines.insert(bad_at, '{"text": "cut off')
    results = list(jsonl.read("\n".join(lines), "f.jsonl", None))
    errors = [r for r in results if isinstance(r, InputError)]
    articles = [r for r in results if isinstance(r, Article)]
    assert [(e.origin, e.line) for e in errors] == [("f.jsonl", bad_at + 1)]
    assert len(articles) == len(records)
    for article, (rid, body, d) in zip(articles, records):
        assert article.text == body  # U+2028, U+0085 ... inside strings are not line breaks
        assert article.id == (None if rid in (None, "") else str(rid))
        assert article.date == (d.isoformat() if d else None)


@FAST
@given(article_text)
def test_plain_text_is_kept_exactly(body: str) -> None:
    [article] = text.read(body, "a.txt", "2025-01-02")
    assert (article.text, article.date) == (body, "2025-01-02")


@FAST
@given(day, st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\n\r"),
                    max_size=60), article_text)
def test_seed_layout_round_trip(d: date, title: str, body: str) -> None:
    assume(body.strip() and not body.startswith("\n"))
    results = list(seed.read(f"date {d.isoformat()} 7\n{title}\n{body}", "s.txt", None))
    [article] = results
    assert (article.date, article.text, article.title) == (d.isoformat(), body,
                                                           title.strip() or None)


@FAST
@given(article_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_round_trips_text(body: str, encoding: str) -> None:
    assume("\x00" not in body)
    decoded = decode(body.encode(encoding), "x.txt")
    assert decoded == body


@FAST
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.jsonl", "a.html", "a.rss", "a"]))
def test_any_bytes_give_articles_or_one_line_errors(data: bytes, name: str) -> None:
    for item in read_source(Source(name, data), None, "2025-01-02"):
        assert isinstance(item, (Article, InputError))
        if isinstance(item, InputError):
            assert "\n" not in str(item) and str(item).startswith(name)
        else:
            assert item.text.strip()


# -- date and time normalisation ----------------------------------------------------------------

@FAST
@given(day)
def test_normalise_date_of_dates_and_datetimes(d: date) -> None:
    assert normalise_date(d.isoformat()) == d.isoformat()
    stamp = datetime(d.year, d.month, d.day, 13, 5, tzinfo=timezone(timedelta(hours=-5)))
    assert normalise_date(stamp.isoformat()) == d.isoformat()
    assert normalise_date(d.isoformat() + "T23:59:59Z") == d.isoformat()


@FAST
@given(st.text(max_size=40))
def test_normalise_date_never_raises(value: str) -> None:
    result = normalise_date(value)
    assert result is None or date.fromisoformat(result).isoformat() == result


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@FAST
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(1, 30),
       st.sampled_from([-1, 0, 1]))
def test_relative_days_against_the_article_date(anchor: date, n: int, direction: int) -> None:
    assert normalise("yesterday", anchor, direction) == (
        "DATE", (anchor - timedelta(days=1)).isoformat())
    assert normalise("tomorrow", anchor, direction) == (
        "DATE", (anchor + timedelta(days=1)).isoformat())
    assert normalise(f"{n} days ago", anchor, direction) == (
        "DATE", (anchor - timedelta(days=n)).isoformat())
    assert normalise("yesterday", None, direction) == ("DATE", None)  # no anchor, no value


@FAST
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 6))
def test_last_weekday_is_in_the_week_before(anchor: date, weekday: int) -> None:
    kind, value = normalise(f"last {WEEKDAYS[weekday]}", anchor, -1)
    resolved = date.fromisoformat(value)
    assert kind == "DATE" and resolved.weekday() == weekday
    assert timedelta(days=1) <= anchor - resolved <= timedelta(days=7)


@FAST
@given(st.text(max_size=40), st.one_of(st.none(), day), st.sampled_from([-1, 0, 1]))
def test_time_normaliser_never_raises(expression: str, anchor, direction: int) -> None:
    kind, value = normalise(expression, anchor, direction)
    assert kind in ("DATE", "TIME", "DURATION", "SET")
    assert value is None or isinstance(value, str)


# -- store round trip ---------------------------------------------------------------------------

SENTENCES = [
    "Russia accused Ukraine of shelling the plant on Monday.",
    "The foreign minister of France met his German counterpart in Berlin.",
    "Protesters marched in Cairo against the government, police said.",
    "China threatened to impose sanctions on Japan.",
    "Iran and Iraq signed an agreement on border security last week.",
    "Rain fell over the valley.",
]


@pytest.mark.usefixtures("clean_env")
@SLOW
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5), st.one_of(st.none(), day),
       st.one_of(st.none(), st.text(min_size=1, max_size=30)), st.integers(0, 2**32))
def test_store_round_trip(warm_coder, sentences, d, title, salt) -> None:
    from eventdesk.coder import CODER_VERSION
    from eventdesk.query import EventFilter, article_view, query_events
    from eventdesk.store import open_store

    random.Random(salt).shuffle(sentences)
    article = Article(text=" ".join(sentences) + f" Report {salt}.", title=title,
                      date=d.isoformat() if d else None, origin="prop")
    coded = warm_coder.code_one(article)
    record = coded.to_dict()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "p.db"
        with open_store(db) as store:
            store.write_article(coded, CODER_VERSION)
            store.write_article(coded, CODER_VERSION)  # idempotent: replaced, not doubled
        with open_store(db, readonly=True) as store:
            view = article_view(store, record["article"]["id"])
            stored = {e["id"]: e for e in query_events(store, EventFilter())}
    assert view["article"]["text"] == article.text
    assert view["article"]["content_hash"] == record["article"]["content_hash"]
    assert len(stored) == len(record["events"])
    for event in record["events"]:
        got = {k: stored[event["id"]][k] for k in event}
        assert got == event
    keys = ("segment", "start", "end", "text", "type", "value")
    assert sorted(tuple(t[k] for k in keys) for t in view["times"]) == sorted(
        tuple(t[k] for k in keys) for t in record["times"])
