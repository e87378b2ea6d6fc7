"""Downloads are whole, bounded in time, and read by what the server says they are.

A web server on 127.0.0.1 in a thread of the test (never the network):
- Finding 5: a body cut short of its Content-Length (or a chunked body that ends early) is
  refused with one line and nothing stored; the full page fetched later is the only article.
- Finding 8: a server sending a byte every 0.2 s hits the overall deadline; a named pipe on
  the command line is refused at once instead of blocking.
- Finding 11: the charset from the Content-Type header and from `<meta>`, plain text and JSON
  served as such, and a redirect to ftp:// refused.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from eventdesk.cli.main import app
from eventdesk.errors import InputError
from eventdesk.ingest import fetch, iter_articles
from eventdesk.model import Article

pytestmark = pytest.mark.usefixtures("clean_env")

PAGE = ("<!DOCTYPE html><html><head><title>Talks in Geneva</title></head><body><article>"
        + "<p>Russia accused Ukraine of shelling the Zaporizhzhia plant on Monday, officials "
          "said, and the foreign ministers met in Geneva to discuss a ceasefire.</p>" * 60
        + "</article></body></html>").encode("utf-8")


def ingest(cli, *args):
    result = cli.invoke(app, ["ingest", *map(str, args), "-q"])
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def articles(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def cut_short(request) -> None:
    """Announce the whole page, send half of it, close the connection."""
    request.send_response(200)
    request.send_header("Content-Type", "text/html; charset=utf-8")
    request.send_header("Content-Length", str(len(PAGE)))
    request.end_headers()
    request.wfile.write(PAGE[: len(PAGE) // 2])
    request.wfile.flush()
    request.close_connection = True


def chunked_cut_short(request) -> None:
    request.send_response(200)
    request.send_header("Content-Type", "text/html")
    request.send_header("Transfer-Encoding", "chunked")
    request.end_headers()
    half = PAGE[: len(PAGE) // 2]
    request.wfile.write(f"{len(half):x}\r\n".encode() + half + b"\r\n")  # no final chunk
    request.wfile.flush()
    request.close_connection = True


@pytest.mark.parametrize("handler", [cut_short, chunked_cut_short], ids=["length", "chunked"])
def test_a_download_cut_short_is_refused_and_the_full_page_stored_once(
        cli, web, tmp_path: Path, handler) -> None:
    url = web.route("/story", handler)
    db = tmp_path / "d.db"
    result = ingest(cli, url, "--db", db)
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"eventdesk: {url}: download cut short: the connection closed "
                           f"after {len(PAGE) // 2} bytes"), line
    assert articles(db) == 0

    web.page("/story", PAGE, "text/html; charset=utf-8")  # the server is fixed
    assert ingest(cli, url, "--db", db).exit_code == 0
    assert ingest(cli, url, "--db", db).exit_code == 0  # again: unchanged
    assert articles(db) == 1


def test_a_slow_drip_hits_the_overall_deadline(web, tmp_path: Path) -> None:
    def drip(request) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        for _ in range(10_000):  # a byte every 0.2 s: no single read ever times out
            request.wfile.write(b"<")
            request.wfile.flush()
            time.sleep(0.2)

    url = web.route("/drip", drip)
    started = time.monotonic()
    [error] = list(iter_articles([url], fetch_timeout=2))
    took = time.monotonic() - started
    assert isinstance(error, InputError)
    assert str(error) == (f"{url}: could not fetch: not complete after 2 s; raise the limit "
                          "with --fetch-timeout (or EVENTDESK_FETCH_TIMEOUT)")
    assert took < 6, took


def test_a_silent_server_hits_the_deadline_too(web) -> None:
    url = web.route("/silent", lambda request: time.sleep(30))
    started = time.monotonic()
    [error] = list(iter_articles([url], fetch_timeout=1))
    assert str(error) == f"{url}: could not fetch: no answer from the server for 1 s"
    assert time.monotonic() - started < 4


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes")
def test_a_named_pipe_on_the_command_line_is_refused(cli, tmp_path: Path) -> None:
    pipe = tmp_path / "articles.fifo"
    os.mkfifo(pipe)  # nobody writes to it: opening it would block for ever
    good = tmp_path / "good.txt"
    good.write_text("date 2025-03-04 1\nTalks\nRussia accused Ukraine of shelling.\n",
                    encoding="utf-8")
    result = ingest(cli, pipe, good, "--db", tmp_path / "p.db")
    assert result.exit_code == 1
    assert result.stderr == (f"eventdesk: {pipe}: not a regular file (named pipe); skipped "
                             "(pipe its data to standard input: -)\n")
    assert articles(tmp_path / "p.db") == 1


@pytest.mark.parametrize("where", ["header", "meta"])
def test_the_declared_charset_is_used(web, where: str) -> None:
    text = ("Le ministre fran\u00e7ais a rencontr\u00e9 son homologue \u00e0 Gen\u00e8ve "
            "\u2013 les \u201cpourparlers\u201d ont dur\u00e9 trois heures. ") * 8
    meta = '<meta charset="windows-1252">' if where == "meta" else ""
    body = (f"<html><head>{meta}<title>Gen\u00e8ve</title></head><body><article><p>{text}</p>"
            "</article></body></html>").encode("cp1252")
    kind = "text/html; charset=windows-1252" if where == "header" else "text/html"
    [item] = list(iter_articles([web.page(f"/{where}", body, kind)]))
    assert isinstance(item, Article), str(item)
    assert "fran\u00e7ais a rencontr\u00e9" in item.text and "\u201cpourparlers\u201d" in item.text


def test_plain_text_and_json_are_read_by_their_type(web) -> None:
    plain = web.page("/note.cgi", b"Russia accused Ukraine of shelling the plant.",
                     "text/plain; charset=utf-8")
    record = {"id": "w1", "date": "2025-03-04", "title": "Talks",
              "text": "Russia and Ukraine held talks in Istanbul."}
    one = web.page("/api/story", json.dumps(record, indent=2).encode(), "application/json")
    many = web.page("/api/stories", json.dumps([record, {**record, "id": "w2"}]).encode(),
                    "application/json")
    lines = web.page("/api/feed", (json.dumps(record) + "\n").encode(), "application/x-ndjson")
    results = list(iter_articles([plain, one, many, lines], date="2025-03-04"))
    assert all(isinstance(r, Article) for r in results), [str(r) for r in results]
    assert [(r.meta["format"], r.id) for r in results] == [
        ("text", None), ("json", "w1"), ("json", "w1"), ("json", "w2"), ("jsonl", "w1")]
    assert results[0].text == "Russia accused Ukraine of shelling the plant."


def test_a_redirect_to_ftp_is_not_followed(web) -> None:
    def to_ftp(request) -> None:
        request.send_response(302)
        request.send_header("Location", "ftp://127.0.0.1/pub/story.html")
        request.send_header("Content-Length", "0")
        request.end_headers()

    url = web.route("/moved", to_ftp)
    web.page("/ok", PAGE)
    redirect_ok = web.route("/moved-ok", lambda r: (r.send_response(301),
                                                    r.send_header("Location", "/ok"),
                                                    r.send_header("Content-Length", "0"),
                                                    r.end_headers()))
    error, page = list(iter_articles([url, redirect_ok]))
    assert str(error) == (f"{url}: could not fetch: redirected to ftp://127.0.0.1/pub/story.html;"
                          " only http and https addresses are followed")
    assert isinstance(page, Article) and page.title == "Talks in Geneva"


def test_fetch_url_checks_the_announced_length(web) -> None:
    url = web.route("/story", cut_short)
    with pytest.raises(InputError, match="download cut short"):
        fetch.fetch_url(url, 10**6)
