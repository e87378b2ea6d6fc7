"""`eventdesk watch` against feeds served on 127.0.0.1: new items, 304s, faults, backoff,
deduplication, --status, and a kill -9 in the middle of a poll."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from eventdesk.cli.main import app
from eventdesk.config import Settings
from eventdesk.store import open_store
from eventdesk.watch.loop import feed_urls, parse_every, watch
from eventdesk.watch.poll import WatchOptions

pytestmark = pytest.mark.usefixtures("clean_env")

FAST = WatchOptions(backoff_base=100.0, backoff_cap=1000.0, host_gap=0.0)
TEXTS = ["Russia accused Ukraine of shelling Kharkiv on Monday.",
         "France and Germany signed an agreement in Paris on Tuesday.",
         "China threatened Japan with sanctions over the islands.",
         "Protesters marched against the government of Egypt in Cairo.",
         "India met Pakistan for talks in Geneva.",
         "Brazil criticized Argentina over the trade dispute."]


def rss(items: list[dict]) -> bytes:
    """An RSS 2.0 feed; an item with 'content' carries its full text, others a summary."""
    parts = []
    for item in items:
        full = (f"<content:encoded><![CDATA[<p>{item['content']}</p>]]></content:encoded>"
                if item.get("content") else "")
        parts.append(f"<item><title>{item['title']}</title><link>{item['link']}</link>"
                     f"<guid>{item['link']}</guid><pubDate>Mon, 03 Mar 2025 10:00:00 GMT"
                     f"</pubDate><description>{item.get('summary', 'A summary.')}</description>"
                     f"{full}</item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Local wire</title>{''.join(parts)}</channel></rss>").encode()


def article_page(title: str, text: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{text}</p><p>{text}</p></article></body></html>").encode()


class Feed:
    """A feed on the local server that answers conditional GETs with 304 (by ETag)."""

    def __init__(self, web, path: str):
        self.items: list[dict] = []
        self.requests: list[dict] = []

        def answer(request) -> None:
            self.requests.append(dict(request.headers))
            body = rss(self.items)
            etag = f'"{len(self.items)}"'
            if request.headers.get("If-None-Match") == etag:
                request.send_response(304)
                request.send_header("ETag", etag)
                request.end_headers()
                return
            request.send_response(200)
            request.send_header("Content-Type", "application/rss+xml")
            request.send_header("Content-Length", str(len(body)))
            request.send_header("ETag", etag)
            request.end_headers()
            request.wfile.write(body)

        self.url = web.route(path, answer)


def poll(db: Path, urls: list[str], settings: Settings | None = None, rounds: int = 1,
         options: WatchOptions = FAST) -> list[dict]:
    log = io.StringIO()
    with open_store(db) as store:
        watch(store, urls, settings or Settings(db=str(db)), log, rounds=rounds,
              options=options, sleep=lambda s: None)
    return [json.loads(line) for line in log.getvalue().splitlines()]


def table(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_new_items_between_polls_are_coded_once_and_304_costs_nothing(
        web, warm_coder, tmp_path: Path) -> None:
    feed = Feed(web, "/wire.rss")
    page = web.page("/story/2", article_page("Paris deal", TEXTS[1]))
    feed.items = [{"title": "Kharkiv", "link": web.url("/story/1"), "content": TEXTS[0]},
                  {"title": "Paris deal", "link": page}]
    db = tmp_path / "w.db"
    first = poll(db, [feed.url])
    assert first[0]["status"] == "ok" and first[0]["new"] == 2 and first[0]["stored"] == 2
    assert first[0]["events"] >= 2
    # the summary-only item was coded from its page, the other from the feed's content
    texts = dict(table(db, "SELECT url, text FROM articles"))
    assert "signed an agreement" in texts[page] and "A summary" not in texts[page]
    assert "shelling Kharkiv" in texts[web.url("/story/1")]
    assert "eventdesk" in feed.requests[0]["User-Agent"]

    second = poll(db, [feed.url])
    assert second[0]["status"] == "not_modified" and second[0]["stored"] == 0
    assert feed.requests[-1]["If-None-Match"] == '"2"'

    feed.items.append({"title": "Islands", "link": web.url("/story/3"), "content": TEXTS[2]})
    third = poll(db, [feed.url])
    assert (third[0]["new"], third[0]["stored"]) == (1, 1)
    assert table(db, "SELECT COUNT(*) FROM articles") == [(3,)]
    assert table(db, "SELECT state, COUNT(*) FROM feed_items GROUP BY state") == [("stored", 3)]


def test_the_same_item_in_two_feeds_or_with_the_same_text_is_stored_once(
        web, warm_coder, tmp_path: Path) -> None:
    one, two, three = Feed(web, "/a.rss"), Feed(web, "/b.rss"), Feed(web, "/c.rss")
    one.items = [{"title": "Kharkiv", "link": web.url("/s/1"), "content": TEXTS[0]}]
    two.items = list(one.items)  # the same link
    three.items = [{"title": "Kharkiv", "link": web.url("/elsewhere/1"), "content": TEXTS[0]}]
    db = tmp_path / "w.db"
    lines = poll(db, [one.url, two.url, three.url])
    assert [line["new"] for line in lines] == [1, 0, 1]
    assert lines[2]["duplicates"] == 1 and lines[2]["stored"] == 0
    assert table(db, "SELECT COUNT(*) FROM articles") == [(1,)]


def test_a_stored_item_left_pending_by_a_kill_is_not_coded_again(
        web, warm_coder, tmp_path: Path) -> None:
    feed = Feed(web, "/wire.rss")
    feed.items = [{"title": "Kharkiv", "link": web.url("/s/1"), "content": TEXTS[0]}]
    db = tmp_path / "w.db"
    poll(db, [feed.url])
    coded_at = table(db, "SELECT coded_at FROM articles")
    with sqlite3.connect(db) as conn:  # as if killed between the article write and the mark
        conn.execute("UPDATE feed_items SET state = 'pending'")
    time.sleep(1.1)  # coded_at has whole seconds: a re-coding would show
    line = poll(db, [feed.url])[0]
    assert line["status"] == "not_modified" and line["duplicates"] == 1
    assert table(db, "SELECT coded_at FROM articles") == coded_at


def test_faulty_feeds_get_one_line_a_backoff_and_the_others_go_on(
        web, warm_coder, tmp_path: Path) -> None:
    good = Feed(web, "/good.rss")
    good.items = [{"title": "Kharkiv", "link": web.url("/s/1"), "content": TEXTS[0]}]
    hits: dict[str, int] = {}

    def counted(path: str, handler) -> str:
        def answer(request) -> None:
            hits[path] = hits.get(path, 0) + 1
            handler(request)
        return web.route(path, answer)

    def slow(request) -> None:
        time.sleep(3)

    def loop(request) -> None:
        request.send_response(302)
        request.send_header("Location", "/loop")
        request.send_header("Content-Length", "0")
        request.end_headers()

    def answer_with(body: bytes, kind: str, status: int = 200):
        def answer(request) -> None:
            request.send_response(status)
            request.send_header("Content-Type", kind)
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        return answer

    bad = {
        "/500": (answer_with(b"oops", "text/plain", 500), "HTTP 500"),
        "/slow": (slow, "no answer"),
        "/broken": (answer_with(b"<rss><channel><title>Wire</ti", "application/rss+xml"),
                    "broken feed"),
        "/huge": (answer_with(b"<rss>" + b" " * 300_000 + b"</rss>", "application/rss+xml"),
                  "over the limit"),
        "/loop": (loop, "redirect"),
        "/png": (answer_with(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"), "image/png"),
        "/html": (answer_with(b"<html><body><p>Hello</p></body></html>", "text/html"),
                  "text/html"),
    }
    urls = [counted(path, handler) for path, (handler, _) in bad.items()]
    settings = Settings(db=str(tmp_path / "w.db"), max_bytes=100_000, fetch_timeout=1)
    db = tmp_path / "w.db"
    started = time.monotonic()
    lines = poll(db, [*urls, good.url], settings)
    assert time.monotonic() - started < 30
    assert len(lines) == len(bad) + 1
    for line, (_, reason) in zip(lines, bad.values()):
        assert line["status"] == "error" and reason in line["error"], line
        assert "\n" not in line["error"] and line["errors_in_row"] == 1
    assert lines[-1]["status"] == "ok" and lines[-1]["stored"] == 1
    before = dict(hits)
    again = poll(db, [*urls, good.url], settings)  # within the backoff: no request at all
    assert [line["status"] for line in again[:-1]] == ["backoff"] * len(bad)
    assert hits == before
    # a second error in a row doubles the wait
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE feeds SET next_poll = '2000-01-01T00:00:00Z' WHERE url = ?",
                     (urls[0],))
    third = poll(db, [urls[0]], settings)[0]
    assert third["errors_in_row"] == 2
    wait = datetime.fromisoformat(third["next_poll"]) - datetime.fromisoformat(third["time"])
    assert 195 <= wait.total_seconds() <= 205


def test_status_shows_each_feeds_health(cli, web, tmp_path: Path) -> None:
    good = Feed(web, "/good.rss")
    good.items = [{"title": "Kharkiv", "link": web.url("/s/1"), "content": TEXTS[0]}]
    down = web.page("/down", b"no", "text/plain", status=503)
    db = tmp_path / "w.db"
    poll(db, [good.url, down])
    result = cli.invoke(app, ["watch", "--status", "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()[1:]}
    assert rows[good.url][1] == "ok" and rows[good.url][4:7] == ["1", "0", "0"]
    assert rows[down][1] == "failing" and "HTTP 503" in result.stdout


def test_watch_arguments(tmp_path: Path) -> None:
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("2h") == 7200
    from eventdesk.errors import UsageError

    for bad in ("soon", "0s", "-5m", "9999h"):
        with pytest.raises(UsageError):
            parse_every(bad)
    listing = tmp_path / "feeds.txt"
    listing.write_text("# my feeds\nhttp://127.0.0.1:1/a.rss\n\nhttp://127.0.0.1:1/b.rss # b\n")
    assert feed_urls([str(listing), "http://127.0.0.1:1/a.rss"]) == [
        "http://127.0.0.1:1/a.rss", "http://127.0.0.1:1/b.rss"]
    listing.write_text("ftp://x/feed\n")
    with pytest.raises(UsageError, match=":1: not an http"):
        feed_urls([str(listing)])


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_9_during_a_poll_then_restart_loses_and_doubles_nothing(
        web, tmp_path: Path) -> None:
    feed = Feed(web, "/wire.rss")

    def slow_page(number: int):
        body = article_page(f"Story {number}", TEXTS[number])

        def answer(request) -> None:
            time.sleep(0.4)
            request.send_response(200)
            request.send_header("Content-Type", "text/html")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        return answer

    feed.items = [{"title": f"Story {n}", "link": web.route(f"/s/{n}", slow_page(n))}
                  for n in range(len(TEXTS))]
    db = tmp_path / "w.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTDESK_")}
    command = [sys.executable, "-m", "eventdesk", "watch", feed.url, "--once", "--db", str(db)]

    def stored() -> int:
        try:
            return table(db, "SELECT COUNT(*) FROM articles")[0][0]
        except sqlite3.Error:
            return 0

    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if 1 <= stored() < len(TEXTS):
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the poll ended before it could be killed"
    assert stored() < len(TEXTS)
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    line = json.loads(rerun.stdout.splitlines()[-1])
    assert line["status"] == "not_modified"  # the feed's items were all recorded before
    assert stored() == len(TEXTS)
    assert table(db, "SELECT state, COUNT(*) FROM feed_items GROUP BY state") == [
        ("stored", len(TEXTS))]
    assert sorted(url for (url,) in table(db, "SELECT url FROM articles")) == sorted(
        item["link"] for item in feed.items)


def test_an_item_that_keeps_failing_is_retried_then_marked_failed(
        web, warm_coder, tmp_path: Path) -> None:
    feed = Feed(web, "/wire.rss")
    feed.items = [{"title": "Kharkiv", "link": web.url("/s/1"), "content": TEXTS[0]},
                  {"title": "Gone", "link": web.url("/missing")},  # its page is a 404
                  {"title": "Long", "link": web.url("/s/3"), "content": TEXTS[1] * 20}]
    db = tmp_path / "w.db"
    settings = Settings(db=str(db), max_chars=500)
    lines = poll(db, [feed.url], settings, rounds=4)
    assert [line["item_errors"] for line in lines] == [2, 2, 2, 0]
    assert lines[0]["stored"] == 1
    rows = table(db, "SELECT item_key, state, attempts, error FROM feed_items "
                     "WHERE state != 'stored' ORDER BY item_key")
    assert [row[1:3] for row in rows] == [("failed", 3), ("failed", 3)]
    assert "HTTP 404" in rows[0][3] and "over the limit of 500" in rows[1][3]
