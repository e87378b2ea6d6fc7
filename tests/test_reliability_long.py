"""Bounded cost per article (finding 12): long texts are parsed in sections, lazily.

- An article of normal size (every segment up to MAX_CHUNK_CHARS) is parsed whole, as one Doc
  per segment: its coding is exactly that of a plain ``nlp(text)`` parse.
- A longer text is cut into sections of at most SECTION_CHARS at line, sentence or word
  boundaries; the sections are parsed while the coder reads them, so only a batch of Docs is
  alive at once (memory stays flat) and every offset stays exact in the original text.
- ``--max-chars`` refuses a longer article with one line.
- The rows of an article are built before the write lock is taken.

Speed and memory figures are measured by the command in docs/benchmark.md, not here.
"""

from __future__ import annotations

import gc
import sqlite3
import weakref
from pathlib import Path

import pytest

from eventdesk.cli.main import app
from eventdesk.coder import CODER_VERSION
from eventdesk.extract.assemble import code_article
from eventdesk.model import Article
from eventdesk.nlp import pipeline

pytestmark = pytest.mark.usefixtures("clean_env")

SENTENCES = [
    "Russia accused Ukraine of shelling the Zaporizhzhia plant on Monday.",
    "The foreign minister of France met his German counterpart in Berlin on 4 March 2025.",
    "Protesters marched in Cairo against the government, police said.",
    "China threatened to impose sanctions on Japan last week.",
    "Iran and Iraq signed an agreement on border security in Baghdad.",
]


def long_text(paragraphs: int) -> str:
    return "\n".join(" ".join(SENTENCES[(p + k) % len(SENTENCES)] for k in range(4))
                     for p in range(paragraphs))


@pytest.fixture
def small_sections(monkeypatch):
    """Sections as for a multi-megabyte article, at a size that codes in a second."""
    monkeypatch.setattr(pipeline, "MAX_CHUNK_CHARS", 2_000)
    monkeypatch.setattr(pipeline, "SECTION_CHARS", 700)


def test_a_normal_text_is_one_section_and_a_long_one_is_cut_at_boundaries() -> None:
    normal = long_text(300)[: pipeline.MAX_CHUNK_CHARS]
    assert pipeline.sections(normal) == [(0, normal)]
    text = long_text(600)
    assert len(text) > pipeline.MAX_CHUNK_CHARS
    pieces = pipeline.sections(text)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset:].startswith(piece) for offset, piece in pieces)
    assert max(len(piece) for _, piece in pieces) <= pipeline.SECTION_CHARS
    assert all(piece.endswith("\n") for _, piece in pieces[:-1])  # at paragraph ends
    run_on = "word " * 30_000  # no line or sentence end: cut between words
    assert all(p.endswith(" ") for _, p in pipeline.sections(run_on)[:-1])


def test_a_normal_article_is_coded_as_one_parse_of_each_segment(warm_coder) -> None:
    body = long_text(40)
    article = Article(text=body, title="Talks in Berlin and Baghdad", date="2025-03-05",
                      origin="n")
    whole = [("title", 0, warm_coder.nlp(article.title)), ("body", 0, warm_coder.nlp(body))]
    expected = code_article(article, whole, warm_coder.stages)
    [coded] = list(warm_coder.code([article]))
    assert coded.to_dict() == expected.to_dict() and coded.sentences == expected.sentences
    assert len(coded.events) > 20


def _check_offsets(article: Article, coded) -> int:
    texts = {"title": article.title or "", "body": article.text}
    checked = 0
    for event in coded.events:
        segment = texts[event.segment]
        assert segment[event.sentence_start:event.sentence_end] == event.sentence_text
        assert segment[event.trigger.start:event.trigger.end] == event.trigger.text
        for actor in (*event.source, *event.target):
            assert texts[actor.segment][actor.start:actor.end] == actor.text
        checked += 1
    for record in (*coded.times, *coded.places):
        assert texts[record.segment][record.start:record.end] == record.text
    for segment, start, end in coded.sentences:
        assert texts[segment][start:end].strip()
    return checked


@pytest.mark.usefixtures("small_sections")
def test_offsets_stay_exact_across_sections(warm_coder) -> None:
    article = Article(text=long_text(40), title=long_text(3), date="2025-03-05", origin="l")
    assert pipeline.is_long(article)
    [coded] = list(warm_coder.code([article]))
    assert _check_offsets(article, coded) > 40
    assert {e.segment for e in coded.events} == {"title", "body"}
    assert len(coded.times) > 10 and len(coded.places) > 10


@pytest.mark.usefixtures("small_sections")
def test_sections_are_parsed_while_they_are_coded(warm_coder) -> None:
    article = Article(text=long_text(60), date="2025-03-05", origin="l")
    sections = len(pipeline.sections(article.text))
    [(same, pieces)] = list(pipeline.parse_articles(warm_coder.nlp, [article], 4))
    assert same is article and not isinstance(pieces, list)
    alive: list[weakref.ref] = []
    most = 0

    def watched():
        nonlocal most
        for piece in pieces:
            alive.append(weakref.ref(piece[2]))
            if len(alive) % 5 == 0:
                gc.collect()
            most = max(most, sum(ref() is not None for ref in alive))
            yield piece

    coded = code_article(article, watched(), warm_coder.stages)
    assert len(alive) == sections > 20
    assert most <= 4 + 2, most  # one spaCy batch of sections, not the whole article
    assert _check_offsets(article, coded) > 40


def test_max_chars_refuses_a_longer_article(cli, tmp_path: Path) -> None:
    src = tmp_path / "long.txt"
    text = long_text(30)
    src.write_text(text, encoding="utf-8")
    db = tmp_path / "m.db"
    result = cli.invoke(app, ["ingest", str(src), "--db", str(db), "--date", "2025-03-05",
                              "--max-chars", "1000", "-q"])
    assert result.exit_code == 1
    assert result.stderr == (f"eventdesk: {src}: article is {len(text)} characters long (title "
                             "and text), over the limit of 1000; raise it with --max-chars\n")
    again = cli.invoke(app, ["ingest", str(src), "--db", str(db), "--date", "2025-03-05",
                             "--max-chars", str(len(text)), "-q"])
    assert again.exit_code == 0, again.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1


def test_the_rows_are_built_before_the_write_lock(warm_coder, tmp_path: Path,
                                                  monkeypatch) -> None:
    from eventdesk.store import open_store, rows

    db = tmp_path / "lock.db"
    coded = warm_coder.code_one(Article(text=long_text(10), date="2025-03-05", origin="w"))
    free_while_building = []
    real = rows.internal_links

    def links(mentions):  # runs while the rows are built: may another process write now?
        other = sqlite3.connect(db, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            free_while_building.append(True)
        except sqlite3.OperationalError:
            free_while_building.append(False)
        finally:
            other.close()
        return real(mentions)

    monkeypatch.setattr(rows, "internal_links", links)
    with open_store(db) as store:
        store.write_article(coded, CODER_VERSION)
        assert store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == len(
            coded.events) > 5
    assert free_while_building == [True]
