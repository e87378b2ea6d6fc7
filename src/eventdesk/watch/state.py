"""The state of `eventdesk watch` in the store (tables ``feeds`` and ``feed_items``).

An item is recorded as ``pending`` (with its feed entry) in the same transaction that saves
the feed's new validators (ETag, Last-Modified): once a feed answers 304, every item it had
is already in ``feed_items``. An item leaves ``pending`` only after its article is stored
(``stored``), found already stored (``duplicate``) or has failed ``MAX_ATTEMPTS`` times
(``failed``). A kill at any moment so loses nothing, and an item stored just before a kill is
found in the store by its id or content hash on restart, not coded again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from eventdesk.store.db import Store
from eventdesk.store.transactions import write_transaction

MAX_ATTEMPTS = 3
PENDING, STORED, DUPLICATE, FAILED = "pending", "stored", "duplicate", "failed"


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None
    last_modified: str | None
    errors_in_row: int
    next_poll: str | None


def feed_state(store: Store, url: str) -> FeedState:
    """The saved state of a feed, adding it to ``feeds`` on first sight."""
    store.conn.execute("INSERT OR IGNORE INTO feeds (url, added_at) VALUES (?, ?)",
                       (url, stamp(now())))
    row = store.conn.execute("SELECT etag, last_modified, errors_in_row, next_poll FROM feeds "
                             "WHERE url = ?", (url,)).fetchone()
    return FeedState(url, row[0], row[1], row[2], row[3])


def record_success(store: Store, url: str, title: str | None, etag: str | None,
                   last_modified: str | None, status: str, entries: dict[str, dict]) -> int:
    """Save the validators and the new entries (item key -> entry) in one transaction;
    return how many entries were new (not seen before under any feed)."""
    at = stamp(now())
    new = 0
    with write_transaction(store.conn):
        for key, entry in entries.items():
            cursor = store.conn.execute(
                "INSERT OR IGNORE INTO feed_items (item_key, feed_url, entry, state, first_seen, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                (key, url, json.dumps(entry, ensure_ascii=False), PENDING, at, at))
            new += cursor.rowcount
        store.conn.execute(
            "UPDATE feeds SET title = coalesce(?, title), etag = ?, last_modified = ?, "
            "last_poll = ?, last_success = ?, last_status = ?, last_error = NULL, "
            "errors_in_row = 0, next_poll = NULL, polls = polls + 1 WHERE url = ?",
            (title, etag, last_modified, at, at, status, url))
    return new


def record_error(store: Store, url: str, error: str, base: float, cap: float) -> str:
    """Count one more failed poll and set the feed's next poll after an exponential backoff
    (``base`` seconds, doubled per error in a row, at most ``cap``); return that time."""
    row = store.conn.execute("SELECT errors_in_row FROM feeds WHERE url = ?", (url,)).fetchone()
    errors = (row[0] if row else 0) + 1
    delay = min(cap, base * 2 ** (errors - 1))
    at = now()
    next_poll = stamp(at + timedelta(seconds=delay))
    with write_transaction(store.conn):
        store.conn.execute(
            "UPDATE feeds SET last_poll = ?, last_status = 'error', last_error = ?, "
            "errors_in_row = ?, next_poll = ?, polls = polls + 1 WHERE url = ?",
            (stamp(at), error, errors, next_poll, url))
    return next_poll


def pending_items(store: Store, feed_url: str) -> list[tuple[str, dict, int]]:
    """(item key, entry, attempts so far) of a feed's pending items, oldest first."""
    rows = store.conn.execute("SELECT item_key, entry, attempts FROM feed_items WHERE "
                              "feed_url = ? AND state = ? ORDER BY first_seen, rowid",
                              (feed_url, PENDING)).fetchall()
    return [(key, json.loads(entry), attempts) for key, entry, attempts in rows]


def finish_item(store: Store, key: str, feed_url: str, state: str,
                article_id: str | None = None, content_hash: str | None = None,
                error: str | None = None) -> None:
    """Move an item out of ``pending`` (or count a failed attempt: ``state`` pending)."""
    with write_transaction(store.conn):
        store.conn.execute(
            "UPDATE feed_items SET state = ?, attempts = attempts + ?, article_id = ?, "
            "content_hash = ?, error = ?, updated_at = ? WHERE item_key = ?",
            (state, int(state in (PENDING, FAILED)), article_id, content_hash, error,
             stamp(now()), key))
        if state == STORED:
            store.conn.execute("UPDATE feeds SET items_stored = items_stored + 1 "
                               "WHERE url = ?", (feed_url,))


def already_stored(store: Store, article_id: str | None, content_hash: str | None) -> bool:
    """True when the store holds an article with this id or this content hash."""
    row = store.conn.execute("SELECT 1 FROM articles WHERE id = ? OR content_hash = ?",
                             (article_id, content_hash)).fetchone()
    return row is not None


def feed_health(store: Store) -> list[dict]:
    """One dict per feed with its health, for `eventdesk watch --status`."""
    rows = store.conn.execute(
        "SELECT f.url, f.title, f.last_poll, f.last_success, f.last_status, f.last_error, "
        "f.errors_in_row, f.next_poll, f.polls, f.items_stored, "
        "(SELECT COUNT(*) FROM feed_items i WHERE i.feed_url = f.url AND i.state = 'pending') "
        "AS pending, "
        "(SELECT COUNT(*) FROM feed_items i WHERE i.feed_url = f.url AND i.state = 'failed') "
        "AS failed FROM feeds f ORDER BY f.url").fetchall()
    return [dict(row) for row in rows]
