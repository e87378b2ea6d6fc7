"""Poll feeds: conditional GET, new entries recorded, each new item's article coded and stored.

Every request goes through ``ingest.fetch.fetch_url`` (the user agent naming eventdesk, an
overall deadline, a size cap, http(s) redirects only, redirect loops refused), one at a time,
with at least ``host_gap`` seconds between two requests to one host. A feed that fails (down,
slow, too big, malformed, the wrong content type, redirecting in a loop) gets one log line and
an exponential backoff; the other feeds go on. Each poll of a feed writes one JSON log line.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO
from urllib.parse import urlsplit, urlunsplit

from eventdesk.config import Settings
from eventdesk.errors import InputError, describe
from eventdesk.ingest import within
from eventdesk.ingest.fetch import fetch_url
from eventdesk.model import Article
from eventdesk.store.db import Store
from eventdesk.watch import state

FEED_TYPES = ("xml", "rss", "atom", "rdf", "text/plain")


@dataclass(frozen=True)
class WatchOptions:
    backoff_base: float = 60.0  # seconds after the first error in a row, doubled per error
    backoff_cap: float = 6 * 3600.0
    host_gap: float = 1.0  # seconds between two requests to one host


class HostGate:
    """At most one request at a time (calls are sequential), and ``gap`` seconds between
    two requests to the same host."""

    def __init__(self, gap: float):
        self.gap = gap
        self.last: dict[str, float] = {}

    def fetch(self, url: str, settings: Settings, headers: dict[str, str] | None = None):
        host = urlsplit(url).hostname or ""
        wait = self.last.get(host, -1e9) + self.gap - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            return fetch_url(url, settings.max_bytes, settings.fetch_timeout, headers)
        finally:
            self.last[host] = time.monotonic()


def poll_feed(store: Store, url: str, settings: Settings, options: WatchOptions,
              gate: HostGate, code: Callable[[Article], Any], log: TextIO) -> dict:
    """Poll one feed and process its pending items; write and return the log line."""
    started = time.monotonic()
    line: dict[str, Any] = {"time": state.stamp(state.now()), "feed": url}
    feed = state.feed_state(store, url)
    if feed.next_poll and feed.next_poll > line["time"]:
        line.update(status="backoff", next_poll=feed.next_poll, errors_in_row=feed.errors_in_row)
    else:
        try:
            line.update(_fetch_feed(store, feed, settings, gate))
        except InputError as exc:
            next_poll = state.record_error(store, url, exc.reason, options.backoff_base,
                                           options.backoff_cap)
            line.update(status="error", error=exc.reason, next_poll=next_poll,
                        errors_in_row=feed.errors_in_row + 1)
    # items left pending (a kill, a failed page) are taken up again even when the feed fails
    line.update(process_items(store, url, settings, gate, code))
    line["seconds"] = round(time.monotonic() - started, 3)
    log.write(json.dumps(line, ensure_ascii=False) + "\n")
    log.flush()
    return line


def _fetch_feed(store: Store, feed: state.FeedState, settings: Settings,
                gate: HostGate) -> dict:
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    page = gate.fetch(feed.url, settings, headers)
    if page.not_modified:
        state.record_success(store, feed.url, None, page.etag or feed.etag,
                             page.last_modified or feed.last_modified, "not modified", {})
        return {"status": "not_modified", "http": 304}
    kind = (page.media_type or "").split(";")[0].strip().lower()
    if kind and not any(word in kind for word in FEED_TYPES):
        raise InputError(feed.url, f"not a feed: the server sent {kind}")
    title, entries, note = parse_feed(page.data, feed.url)
    new = state.record_success(store, feed.url, title, page.etag, page.last_modified,
                               f"ok, {len(entries)} entries", entries)
    result = {"status": "ok", "http": 200, "entries": len(entries), "new": new}
    if note:
        result["note"] = note
    return result


def parse_feed(data: bytes, url: str) -> tuple[str | None, dict[str, dict], str | None]:
    """(feed title, item key -> entry, a note on a partly broken feed) of a feed body;
    InputError when it is not a readable RSS or Atom feed."""
    import feedparser

    from eventdesk.ingest.feed import html_to_text

    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.get("bozo"):
            raise InputError(url, f"broken feed: {describe(parsed.get('bozo_exception'))}")
        if not parsed.get("version"):
            raise InputError(url, "not an RSS or Atom feed")
    title = parsed.feed.get("title") or None
    entries: dict[str, dict] = {}
    for item in parsed.entries:
        content = next((part.get("value") for part in item.get("content") or ()
                        if (part.get("value") or "").strip()), None)
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        entry = {
            "id": item.get("id") or None, "link": item.get("link") or None,
            "title": item.get("title") or None, "source": title,
            "date": time.strftime("%Y-%m-%d", stamp) if stamp else None,
            "content": html_to_text(content) if content else None,
            "summary": html_to_text(item.get("summary") or "") or None,
        }
        entries.setdefault(item_key(entry), entry)
    broken = parsed.get("bozo") and parsed.entries
    note = f"feed partly broken: {describe(parsed.get('bozo_exception'))}" if broken else None
    return title, entries, note


def item_key(entry: dict) -> str:
    """What identifies an item across polls and feeds: its link (without #fragment), else
    its id, else a hash of its title and text."""
    if entry.get("link"):
        parts = urlsplit(entry["link"].strip())
        return urlunsplit(parts._replace(fragment=""))
    if entry.get("id"):
        return "id:" + entry["id"]
    payload = json.dumps([entry.get("title"), entry.get("summary")], ensure_ascii=False)
    return "hash:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def process_items(store: Store, feed_url: str, settings: Settings, gate: HostGate,
                  code: Callable[[Article], Any]) -> dict:
    """Store the articles of a feed's pending items; counts for the log line."""
    counts = {"stored": 0, "duplicates": 0, "item_errors": 0, "events": 0}
    for key, entry, attempts in state.pending_items(store, feed_url):
        try:
            article = within(item_article(entry, gate, settings), settings.max_chars)
            if isinstance(article, InputError):
                raise article
            if state.already_stored(store, article.article_id, article.content_hash):
                state.finish_item(store, key, feed_url, state.DUPLICATE, article.article_id,
                                  article.content_hash)
                counts["duplicates"] += 1
                continue
            events = code(article)
        except InputError as exc:
            final = attempts + 1 >= state.MAX_ATTEMPTS
            state.finish_item(store, key, feed_url, state.FAILED if final else state.PENDING,
                              error=str(exc))
            counts["item_errors"] += 1
            continue
        state.finish_item(store, key, feed_url, state.STORED, article.article_id,
                          article.content_hash)
        counts["stored"] += 1
        counts["events"] += events
    return counts


def item_article(entry: dict, gate: HostGate, settings: Settings) -> Article:
    """The article of a feed item: the entry's full content, or else the page it links to
    (main text by trafilatura), or else its summary when it links nowhere."""
    from eventdesk.ingest.common import normalise_date

    link = entry.get("link")
    article_id = entry.get("id") or link
    if entry.get("content") or not (link and link.lower().startswith(("http://", "https://"))):
        text = entry.get("content") or entry.get("summary")
        if not text:
            raise InputError(link or article_id or "<feed item>", "feed item without text")
        return Article(text=text, title=entry.get("title"), date=entry.get("date"),
                       source=entry.get("source"), url=link, id=article_id,
                       meta={"format": "feed"}, origin=link or article_id or "<feed item>")
    from eventdesk.ingest import html
    from eventdesk.ingest.decode import decode

    page = gate.fetch(link, settings)
    text = decode(page.data, link, page.charset)
    if isinstance(text, InputError):
        raise text
    found = next(html.read(text, link, entry.get("date"), url=link))
    if isinstance(found, InputError):
        raise found
    return Article(text=found.text, title=found.title or entry.get("title"),
                   date=entry.get("date") or normalise_date(found.date or ""),
                   source=entry.get("source") or found.source, url=link, id=article_id,
                   meta={"format": "feed+html"}, origin=link)
