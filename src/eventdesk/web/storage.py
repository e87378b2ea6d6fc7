"""Read-only access to the store for concurrent requests, with a time bound per query.

Every connection is opened with SQLite's ``mode=ro`` and ``PRAGMA query_only``: the server
cannot write, whatever a query says. A pool lends one connection to one request at a time;
a progress handler stops any statement still running past the request's deadline
(``QueryTimeout``). ``store_state`` changes whenever an ingest commits (the database and WAL
files change), and keys the cache of aggregate responses.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path

from eventdesk.errors import StoreError
from eventdesk.store.db import BUSY_TIMEOUT_MS, Store

PROGRESS_STEPS = 20_000  # SQLite VM steps between two deadline checks


class QueryTimeout(Exception):
    """A query ran past its deadline and was stopped."""


class PoolExhausted(Exception):
    """Every connection stayed busy for as long as a request may wait."""


class ReadOnlyStore(Store):
    """A ``Store`` over a read-only connection that stops queries past ``deadline``."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no such database; create it with `eventdesk ingest`")
        self.deadline = float("inf")
        try:
            self.conn = sqlite3.connect(Path(self.path).resolve().as_uri() + "?mode=ro",
                                        uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                        isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA query_only = ON")
            self._migrate(readonly=True)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from None
        self.conn.set_progress_handler(self._past_deadline, PROGRESS_STEPS)

    def _past_deadline(self) -> int:
        return int(time.monotonic() > self.deadline)


class StorePool:
    """At most ``size`` read-only connections, lent one request at a time."""

    def __init__(self, path: str, size: int):
        self.path = path
        self._idle: queue.LifoQueue[ReadOnlyStore] = queue.LifoQueue()
        self._made = 0
        self._size = size
        self._lock = threading.Lock()
        self._idle.put(ReadOnlyStore(path))  # fail at start, not at the first request
        self._made = 1

    @contextmanager
    def borrowed(self, seconds: float, wait: float = 10.0):
        store = self._take(wait)
        store.deadline = time.monotonic() + seconds
        try:
            yield store
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc) and time.monotonic() > store.deadline:
                raise QueryTimeout(f"the query ran longer than {seconds:g} s") from None
            raise
        finally:
            store.deadline = float("inf")
            if store.conn.in_transaction:
                store.conn.execute("ROLLBACK")
            self._idle.put(store)

    def _take(self, wait: float) -> ReadOnlyStore:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._made < self._size:
                self._made += 1
                return ReadOnlyStore(self.path)
        try:
            return self._idle.get(timeout=wait)
        except queue.Empty:
            raise PoolExhausted("the server is busy; try again shortly") from None

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def store_state(path: str) -> tuple:
    """Changes whenever a commit changes the database (its file or its WAL)."""
    state = []
    for name in (path, path + "-wal"):
        try:
            info = os.stat(name)
            state.append((info.st_mtime_ns, info.st_size))
        except FileNotFoundError:
            state.append(None)
    return tuple(state)


class ResponseCache:
    """The last ``entries`` responses, each valid while the store state it was made in holds.

    ``get_or_make`` makes a missing response once however many requests ask for it at the
    same time (the others wait for it), and at most ``makers`` at a time, so that slow
    aggregates cannot take every connection from the quick requests.
    """

    def __init__(self, entries: int, makers: int = 2):
        self._entries = entries
        self._data: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[tuple, threading.Lock] = {}
        self._makers = threading.Semaphore(makers)

    def get_or_make(self, key: tuple, make) -> bytes:
        body = self.get(key)
        if body is not None:
            return body
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:
            body = self.get(key)
            if body is None:
                with self._makers:
                    body = make()
                self.put(key, body)
        with self._lock:
            self._making.pop(key, None)
        return body

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            body = self._data.get(key)
            if body is not None:
                self._data.move_to_end(key)
            return body

    def put(self, key: tuple, body: bytes) -> None:
        if self._entries <= 0:
            return
        with self._lock:
            self._data[key] = body
            self._data.move_to_end(key)
            while len(self._data) > self._entries:
                self._data.popitem(last=False)
