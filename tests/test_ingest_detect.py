"""Format detection by extension and by content, and forcing a format."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.errors import InputError
from eventdesk.ingest import iter_articles
from eventdesk.ingest.detect import detect_format

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
HTML = (FIXTURES / "page.html").read_text(encoding="utf-8")
RSS = (FIXTURES / "wire.rss").read_text(encoding="utf-8")
ATOM = (FIXTURES / "wire.atom").read_text(encoding="utf-8")
SEED = "date 2024-01-02 3\nHeadline\nBody.\n"
JSONL = '{"text": "x"}\n'


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("a.jsonl", "anything", "jsonl"),
    ("a.NDJSON", "anything", "jsonl"),
    ("a.html", "plain words", "html"),
    ("a.htm", "plain words", "html"),
    ("a.rss", "plain words", "feed"),
    ("a.atom", "plain words", "feed"),
    ("a.xml", "plain words", "feed"),
    ("a.txt", SEED, "seed"),
    ("a.txt", "\ufeff  date 2024-01-02 3\nH\nB", "seed"),
    ("a.txt", "Just words.\n", "text"),
    ("a.text", JSONL, "text"),  # the extension wins over the content
])
def test_by_extension(name: str, text: str, expected: str) -> None:
    assert detect_format(name, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (JSONL, "jsonl"),
    ("  \n" + JSONL, "jsonl"),
    (HTML, "html"),
    ("<html><body><p>x</p></body></html>", "html"),
    ('<?xml version="1.0"?>\n<!DOCTYPE html>\n<html><body/></html>', "html"),
    (RSS, "feed"),
    (ATOM, "feed"),
    ('<?xml version="1.0"?><!-- c --><rdf:RDF xmlns:rdf="x"></rdf:RDF>', "feed"),
    (SEED, "seed"),
    ("Plain words about <b>nothing</b>.", "text"),
])
def test_by_content(text: str, expected: str) -> None:
    assert detect_format("input", text) == expected
    assert detect_format("<stdin>", text) == expected


def test_urls_are_feeds_or_html() -> None:
    assert detect_format("https://x.example/feed.html", RSS, is_url=True) == "feed"
    assert detect_format("https://x.example/a.txt", "Hello", is_url=True) == "html"


def test_detection_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "a").write_text(JSONL, encoding="utf-8")
    (tmp_path / "b").write_text(SEED, encoding="utf-8")
    (tmp_path / "c").write_text(RSS, encoding="utf-8")
    formats = [a.meta["format"] for a in iter_articles([str(tmp_path)])]
    assert formats == ["jsonl", "seed", "feed", "feed"]


def test_forced_format(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(SEED, encoding="utf-8")
    [article] = iter_articles([str(path)], input_format="text", date="2024-05-05")
    assert (article.text, article.title, article.date) == (SEED, None, "2024-05-05")
    assert article.meta == {"format": "text"}


def test_forced_format_mismatch_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Not a seed file.\n", encoding="utf-8")
    [error] = iter_articles([str(path)], input_format="seed")
    assert isinstance(error, InputError)
    assert str(error) == f"{path}:1: not in the seed layout: line 1 must be 'date YYYY-MM-DD N'"
    [error] = iter_articles([str(path)], input_format="feed")
    assert str(error).startswith(f"{path}: broken feed: ")


def test_bad_arguments_raise_at_once() -> None:
    with pytest.raises(ValueError, match="unknown input format"):
        iter_articles([], input_format="pdf")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        iter_articles([], date="2024-13-01")
    with pytest.raises(ValueError, match="max_bytes"):
        iter_articles([], max_bytes=0)
