"""Folders, stdin, URLs, and every kind of bad input."""

from __future__ import annotations

import gzip
import io
import os
import zipfile
from pathlib import Path

import pytest

from eventdesk.errors import InputError
from eventdesk.ingest import fetch, iter_articles, sources
from eventdesk.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOOD = "Troops withdrew from the valley on Sunday.\n"


def run(*paths: Path | str, **kwargs: object) -> list[Article | InputError]:
    return list(iter_articles([str(p) for p in paths], **kwargs))


def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def expect_error_then_good(bad: Path, tmp_path: Path, reason: str, **kwargs: object) -> None:
    """``bad`` yields one InputError naming it, and the good file still comes through."""
    error, article = run(bad, good_file(tmp_path), **kwargs)
    assert isinstance(error, InputError)
    assert str(error) == f"{bad}: {reason}"
    assert isinstance(article, Article) and article.text == GOOD


# --- folders -------------------------------------------------------------------------

def test_folder_recursion_sorted_hidden_skipped_loops_survived(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    for rel in ("b/deep/z.txt", "b/a.txt", "a.txt", "c.txt", ".hidden/x.txt", ".dot.txt"):
        (root / rel).write_text(f"Text of {rel}.", encoding="utf-8")
    os.symlink(root, root / "b" / "loop")  # a symlink back to the top
    origins = [a.origin for a in run(root)]
    assert origins == [str(root / rel) for rel in ("a.txt", "b/a.txt", "b/deep/z.txt", "c.txt")]


def test_folder_dangling_symlink_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    os.symlink(root / "gone.txt", root / "a.txt")
    (root / "b.txt").write_text(GOOD, encoding="utf-8")
    error, article = run(root)
    assert str(error) == f"{root / 'a.txt'}: no such file or directory"
    assert article.origin == str(root / "b.txt")


def test_inputs_keep_their_order(tmp_path: Path) -> None:
    results = run(FIXTURES / "wire.atom", good_file(tmp_path), FIXTURES / "seed_border.txt")
    assert [a.meta["format"] for a in results] == ["feed", "text", "seed"]


# --- stdin ---------------------------------------------------------------------------

def test_stdin_stream() -> None:
    data = b'{"text": "One."}\n{"text": "Two."}\n'
    first, second = run("-", stdin=io.BytesIO(data))
    assert (first.text, first.origin) == ("One.", "<stdin>:1")
    assert (second.text, second.origin) == ("Two.", "<stdin>:2")


def test_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"date 2024-02-02 9\nTitle\nBody.\n"))
    monkeypatch.setattr("sys.stdin", fake)
    [article] = run("-")
    assert (article.title, article.date, article.origin) == ("Title", "2024-02-02", "<stdin>")


def test_stdin_over_the_limit() -> None:
    [error] = run("-", stdin=io.BytesIO(b"x" * 11), max_bytes=10)
    assert str(error) == ("<stdin>: input is over the limit of 10 bytes; "
                          "raise it with --max-bytes")


# --- URLs (never the network) ----------------------------------------------------------

def test_urls_html_and_feed(web) -> None:
    page = web.page("/p", (FIXTURES / "page.html").read_bytes(), "text/html; charset=utf-8")
    feed = web.page("/feed", (FIXTURES / "wire.rss").read_bytes(), "application/rss+xml")
    missing = web.url("/missing")
    html, error, first, second = run(page, missing, feed)
    assert (html.meta["format"], html.origin, html.title) == ("html", page,
                                                               "Ministers meet in Geneva")
    assert html.url == "https://news.example.org/2024/03/ministers-meet"  # canonical link
    assert str(error) == f"{missing}: could not fetch: HTTP 404 Not Found"
    assert [first.id, second.id] == ["wire-a1", None]
    assert first.origin == feed


def test_fetch_url_refuses_large_responses(web) -> None:
    url = web.page("/big", b"x" * 99, "text/plain")
    with pytest.raises(InputError, match="response is 99 bytes, over the limit of 10 bytes"):
        fetch.fetch_url(url, 10)


def test_fetch_url_reports_network_errors() -> None:
    import socket

    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with pytest.raises(InputError, match=r"^http://127\.0\.0\.1:\d+/: could not fetch: "
                                         r".*refused"):
        fetch.fetch_url(f"http://127.0.0.1:{port}/", 10)


# --- bad files -----------------------------------------------------------------------

def test_missing_path(tmp_path: Path) -> None:
    expect_error_then_good(tmp_path / "nope.txt", tmp_path, "no such file or directory")


def test_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "secret.txt"
    bad.write_text(GOOD, encoding="utf-8")
    bad.chmod(0)
    try:
        if os.access(bad, os.R_OK):
            pytest.skip("running as root: chmod cannot make a file unreadable")
        expect_error_then_good(bad, tmp_path, "permission denied")
    finally:
        bad.chmod(0o644)


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "secret.txt"
    bad.write_text(GOOD, encoding="utf-8")

    def guarded_open(path: str, mode: str = "r"):
        if path == str(bad):
            raise PermissionError(13, "Permission denied", path)
        return open(path, mode)

    monkeypatch.setattr(sources, "open", guarded_open, raising=False)
    expect_error_then_good(bad, tmp_path, "permission denied")


def test_empty_and_blank_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    expect_error_then_good(empty, tmp_path, "empty file")
    blank = tmp_path / "blank.jsonl"
    blank.write_bytes(b"\n  \n")
    expect_error_then_good(blank, tmp_path, "empty file (only whitespace)")


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "kind"), [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG image"),
    (gzip.compress(b"hello"), "gzip archive"),
    (zip_bytes(), "zip archive"),
    (b"%PDF-1.7\n%binary", "PDF document"),
    (b"text then a NUL \x00 byte", "contains NUL bytes"),
])
def test_binary_files(tmp_path: Path, data: bytes, kind: str) -> None:
    bad = tmp_path / "blob.txt"
    bad.write_bytes(data)
    expect_error_then_good(bad, tmp_path, f"binary file ({kind}), not text")


def test_not_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\u00e9 talks.".encode("latin-1"))
    expect_error_then_good(bad, tmp_path, "not UTF-8 text (invalid byte 0xe9 at offset 3); "
                                          "convert it to UTF-8")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_bom_files_are_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "bom.txt"
    data = "Caf\u00e9 talks ended.\n".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    [article] = run(path)
    assert article.text == "Caf\u00e9 talks ended.\n"


def test_over_max_bytes_checked_before_reading(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "big.txt"
    bad.write_bytes(b"x" * 101)

    def guarded_open(path: str, mode: str = "r"):
        assert path != str(bad), "the file was opened despite its size"
        return open(path, mode)

    monkeypatch.setattr(sources, "open", guarded_open, raising=False)
    expect_error_then_good(bad, tmp_path, "file is 101 bytes, over the limit of 100 bytes; "
                                          "raise it with --max-bytes", max_bytes=100)


# --- bad records ---------------------------------------------------------------------

def test_bad_jsonl_records(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        '{"text": "Good one."}',
        '{"text": "unterminated',
        '["not", "an", "object"]',
        '{"title": "no text"}',
        '{"text": "   "}',
        '{"text": "Bad date.", "date": "2024-02-30"}',
        '{"text": "Bad title.", "title": 5}',
        '{"text": "Good two.", "date": "2024-02-29T23:59:59Z"}',
    ]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    results = run(path)
    assert [str(r) for r in results[1:7]] == [
        f"{path}:2: malformed JSON: Unterminated string starting at (column 10)",
        f"{path}:3: expected a JSON object, got list",
        f"{path}:4: record without text: 'text' must be a non-empty string",
        f"{path}:5: record without text: 'text' must be a non-empty string",
        f"{path}:6: invalid date '2024-02-30': expected YYYY-MM-DD or an ISO datetime",
        f"{path}:7: 'title' must be a string, got int",
    ]
    assert all(isinstance(r, InputError) and r.line is not None for r in results[1:7])
    assert [(r.text, r.date) for r in (results[0], results[7])] == [
        ("Good one.", None), ("Good two.", "2024-02-29")]


def test_html_without_main_text(tmp_path: Path) -> None:
    bad = tmp_path / "empty.html"
    bad.write_text("<!DOCTYPE html><html><head><title>Nothing</title></head>"
                   "<body><script>var x = 1;</script></body></html>", encoding="utf-8")
    expect_error_then_good(bad, tmp_path, "no article text found in HTML")


def test_broken_feed(tmp_path: Path) -> None:
    bad = tmp_path / "broken.rss"
    bad.write_text('<?xml version="1.0"?>\n<rss><channel><title>T</ti', encoding="utf-8")
    error, article = run(bad, good_file(tmp_path))
    assert str(error).startswith(f"{bad}: broken feed: ")
    assert isinstance(article, Article)


def test_feed_entry_without_text(tmp_path: Path) -> None:
    path = tmp_path / "f.rss"
    path.write_text('<rss version="2.0"><channel><title>T</title>'
                    "<item><title>Empty</title></item>"
                    "<item><title>Full</title><description>Words.</description></item>"
                    "</channel></rss>", encoding="utf-8")
    error, article = run(path)
    assert str(error) == f"{path}: record without text: feed entry 1 has no content"
    assert (article.title, article.text) == ("Full", "Words.")


def test_seed_without_body(tmp_path: Path) -> None:
    bad = tmp_path / "seed.txt"
    bad.write_text("date 2024-01-01 1\nOnly a headline\n", encoding="utf-8")
    expect_error_then_good(bad, tmp_path,
                           "record without text: the seed body (line 3 on) is empty")


def test_unlistable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "corpus"
    (root / "locked").mkdir(parents=True)
    (root / "z.txt").write_text(GOOD, encoding="utf-8")
    real_scandir = os.scandir

    def guarded_scandir(path: str):
        if path == str(root / "locked"):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    error, article = run(root)
    assert str(error) == f"{root / 'locked'}: cannot list folder: permission denied"
    assert article.origin == str(root / "z.txt")
