"""The CLI refuses nonsense (one line, exit 2, nothing created) and filters as it says:
--sort, --country by name, --min-confidence, --include-historical, the article id column."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventdesk.cli.main import app
from eventdesk.model import Actor, Article, CodedArticle, Event, Place, Span, TimeExpr, event_id
from eventdesk.store import open_store
from test_cluster_helpers import CORPUS, article

pytestmark = pytest.mark.usefixtures("clean_env")

# background: the 1956 treaty, told in an article of 2025, coded with low confidence
BACKGROUND = article("h1", [{"text": "Russia and Ukraine signed a treaty in 1956.",
                             "type": "AGREE", "source": ["RUS"], "target": ["UKR"],
                             "date": "1956", "trigger": "signed"}], date="2025-03-15")
BACKGROUND = replace(BACKGROUND, events=tuple(
    replace(e, historical=True, confidence=0.3, date_precision="year")
    for e in BACKGROUND.events))




def _talks_in_ankara() -> CodedArticle:
    """An article with exact offsets for actors, trigger, time and place (title and body)."""
    title = "Turkey and Russia meet"
    text = "Turkey and Russia held talks in Ankara on Monday."
    art = Article(text=text, title=title, date="2025-03-12", source="Wire", id="ankara-1")

    def actor(words, segment, where, code):
        start = where.index(words)
        return Actor(words, segment, start, start + len(words), words, code[:3], code[3:] or None,
                     code, "state")

    place = Place("body", text.index("Ankara"), text.index("Ankara") + 6, "Ankara", "Ankara",
                  "TUR", "Ankara", 39.9, 32.8, 323786, "city")
    monday = TimeExpr("body", text.index("Monday"), text.index("Monday") + 6, "Monday", "DATE",
                      "2025-03-10")
    start = text.index("talks")
    event = Event(event_id(art.content_hash, "body", start, "CONSULT", ["TURGOV", "RUSGOV"], []),
                  "body", 0, text, 0, len(text), Span("talks", start, start + 5), "CONSULT", None,
                  "040", 1.0, 1, source=(actor("Turkey", "body", text, "TURGOV"),
                                         actor("Russia", "body", text, "RUSGOV")),
                  date="2025-03-10", date_precision="day", date_text="Monday",
                  date_basis="relative", location=place, confidence=0.9, rule="consult.talks")
    start = title.index("meet")
    headline = Event(event_id(art.content_hash, "title", start, "CONSULT", ["TUR"], ["RUS"]),
                     "title", 0, title, 0, len(title), Span("meet", start, start + 4),
                     "CONSULT", None, "040", 1.0, 1,
                     source=(actor("Turkey", "title", title, "TUR"),),
                     target=(actor("Russia", "title", title, "RUS"),), date="2025-03-12",
                     date_precision="day", date_basis="article_date", confidence=0.6,
                     rule="consult.meet")
    return CodedArticle(art, (headline, event), (monday,), (place,),
                        (("title", 0, len(title)), ("body", 0, len(text))))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "f.db"
    with open_store(path) as store:
        for coded in [*CORPUS, BACKGROUND, _talks_in_ankara()]:
            store.write_article(coded, "test/1")
    return path


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


def events(db: Path, *args: str) -> list[dict]:
    result = run("events", "--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_sort_newest_first(db: Path) -> None:
    oldest = [e["date"] for e in events(db)]
    newest = [e["date"] for e in events(db, "--sort", "-date")]
    assert oldest == sorted(oldest) and newest == sorted(newest, reverse=True)
    assert sorted(oldest) == sorted(newest)
    assert events(db, "--sort", "-date", "--limit", "1")[0]["date"] == "2025-03-14"


def test_historical_events_only_on_request(db: Path) -> None:
    assert all(not e.get("historical") for e in events(db))
    with_background = events(db, "--include-historical")
    assert [e["date"] for e in with_background if e.get("historical")] == ["1956"]
    result = run("stats", "--db", db, "--by", "year", "--all", "--format", "json")
    assert [r["period"] for r in json.loads(result.stdout)] == ["2025"]
    result = run("stats", "--db", db, "--by", "year", "--all", "--include-historical",
                 "--format", "json")
    periods = [r["period"] for r in json.loads(result.stdout)]
    assert periods[0] == "1956" and periods[-1] == "2025" and len(periods) == 70


def test_min_confidence(db: Path) -> None:
    everything = events(db, "--include-historical")
    confident = events(db, "--include-historical", "--min-confidence", "0.5")
    assert len(confident) == len(everything) - 1
    assert all(e["confidence"] >= 0.5 for e in confident)


def test_country_by_code_or_name(db: Path) -> None:
    by_code = events(db, "--country", "UKR")
    result = run("events", "--db", db, "--format", "jsonl", "--country", "ukraine")
    assert result.exit_code == 0 and result.stderr.strip() == "--country ukraine: taken as UKR"
    assert [json.loads(line) for line in result.stdout.splitlines()] == by_code and by_code


def test_events_table_shows_the_article_id(db: Path) -> None:
    result = run("events", "--db", db)
    lines = result.stdout.splitlines()
    assert "article" in lines[0]
    assert all(len(line) <= 100 for line in lines)
    assert any(" w4 " in f" {line} " for line in lines[1:])


@pytest.mark.parametrize("args", [
    ["events", "--since", "2019-13-45"],
    ["events", "--type", "CONSLUT"],
    ["events", "--country", "XXX"],
    ["events", "--country", "Narnia"],
    ["events", "--sort", "size"],
    ["events", "--min-confidence", "1.5"],
    ["stats", "--by", "month", "--until", "2019-02-30"],
    ["export", "-o", "x.parquet", "--format", "csv"],
    ["export", "-o", "x.csv", "--format", "gdelt"],
])
def test_mistakes_exit_2_with_one_line(db: Path, args: list[str], tmp_path: Path,
                                       monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args, "--db", db)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not any(tmp_path.iterdir())


def test_country_hint_names_the_code(db: Path) -> None:
    result = run("events", "--db", db, "--country", "Ukrain")
    assert result.exit_code == 2 and "did you mean UKR (Ukraine)?" in result.stderr


def test_ingest_of_nothing_creates_nothing(tmp_path: Path) -> None:
    result = run("ingest", "--db", tmp_path / "new.db", tmp_path / "missing.json")
    assert result.exit_code == 2
    assert "missing.json: no such file or directory" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not any(tmp_path.iterdir())


def test_show_marks_actors_with_codes_places_and_triggers(db: Path) -> None:
    result = run("show", "ankara-1", "--db", db)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "title: {Turkey=TUR} and {Russia=RUS} [[meet]]" in out
    assert ("{Turkey=TURGOV} and {Russia=RUSGOV} held [[talks]] in @(Ankara=TUR) on "
            "<Monday=2025-03-10>.") in out
    assert "'Ankara' -> Ankara (TUR)" in out


def test_show_one_event(db: Path) -> None:
    [talks] = [e for e in events(db, "--type", "CONSULT") if e["segment"] == "body"
               and e["article_id"] == "ankara-1"]
    result = run("show", "--event", talks["id"], "--db", db)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"event {talks['id']} in article ankara-1")
    assert "'Turkey' = TURGOV (Turkey), 'Russia' = RUSGOV (Russia)" in out
    assert "when      2025-03-10 (day; relative) from 'Monday'" in out
    # only this event's marks: the headline's meeting is not marked
    assert "title: Turkey and Russia meet" in out
    assert "held [[talks]] in @(Ankara=TUR) on <Monday=2025-03-10>." in out
    # by its canonical event id: the anchor mention
    by_cluster = run("show", "--event", talks["cluster_id"], "--db", db)
    assert by_cluster.exit_code == 0 and by_cluster.stdout == out


@pytest.mark.parametrize(("args", "status"), [
    (["show"], 2), (["show", "w4", "--event", "ev_x"], 2), (["show", "--event", "ev_nope"], 1),
    (["show", "w"], 1)])  # "w" is the prefix of several ids
def test_show_errors(db: Path, args: list[str], status: int) -> None:
    result = run(*args, "--db", db)
    assert result.exit_code == status
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_show_takes_a_unique_prefix(db: Path) -> None:
    assert run("show", "ank", "--db", db).stdout == run("show", "ankara-1", "--db", db).stdout
