"""The SQLite store: one connection, WAL mode, one transaction per article."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eventdesk.errors import StoreError
from eventdesk.model import CodedArticle
from eventdesk.store import clustering
from eventdesk.store.migrations import MIGRATIONS
from eventdesk.store.rows import ArticleRows
from eventdesk.store.transactions import database_problem, write_transaction

BUSY_TIMEOUT_MS = 30_000

# What `Store.status` says about an article before it is coded.
NEW, UNCHANGED, RECODE = "new", "unchanged", "recode"


def open_store(path: str | Path = "eventdesk.db", readonly: bool = False) -> Store:
    """Open (and create or migrate) the store at ``path``."""
    return Store(path, readonly=readonly)


class Store:
    """An eventdesk database: coded articles with their events, actors, times and places.

    Open it with ``eventdesk.open_store(path)`` (``readonly=True`` to only read) and use it
    as a context manager. Writes: ``ingest`` (read, code and store files or folders) and
    ``write_article``. Reads: ``events`` (dicts), ``frame``/``arrow`` (a typed DataFrame or
    Arrow table), ``series`` (counts per period), ``article`` (one article with what it
    holds) and ``stats``. The filters of the reads are those of ``eventdesk.frames``.
    """

    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        if readonly and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database; create it with `eventdesk ingest`")
        try:
            self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                                        isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self._refuse_damaged()
                self._use_wal()
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate(readonly)
            if not readonly:
                clustering.backfill(self.conn)
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise StoreError(f"{self.path}: {database_problem(exc)}") from None
        except BaseException:
            self._close_quietly()
            raise

    def _refuse_damaged(self) -> None:
        """A write command stops before writing into a database that fails its quick check."""
        problem = damage(self.conn)
        if problem is not None:
            raise StoreError(
                f"{self.path}: the database is damaged ({problem}); nothing was written. Run "
                "`eventdesk doctor`, then restore a backup or ingest again into a new file")

    def _close_quietly(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()

    # -- schema -------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, readonly: bool) -> None:
        current = self.schema_version
        if current > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this eventdesk "
                f"knows ({len(MIGRATIONS)}); upgrade eventdesk"
            )
        if current == len(MIGRATIONS):
            return
        if readonly and current == 0:
            raise StoreError(f"{self.path}: the database has no tables yet (an ingest may be "
                             "creating it right now); retry once `eventdesk ingest` has started")
        if readonly:
            raise StoreError(f"{self.path}: schema is out of date; run `eventdesk ingest` first")
        for number in range(current, len(MIGRATIONS)):
            with write_transaction(self.conn):
                if self.schema_version == number:  # another process may have migrated
                    for statement in _statements(MIGRATIONS[number]):
                        self.conn.execute(statement)
                    self.conn.execute(f"PRAGMA user_version = {number + 1}")

    def _use_wal(self) -> None:
        """Switch to WAL once; two processes creating the same file may race for it."""
        for attempt in range(50):
            try:
                mode = self.conn.execute("PRAGMA journal_mode").fetchone()[0]
                if mode.lower() != "wal":
                    self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 49:
                    raise
                time.sleep(0.1)

    @contextmanager
    def snapshot(self):
        """Run several reads in one read transaction: they all see the same commit."""
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reads --------------------------------------------------------------
    def events(self, **filters) -> Iterator[dict]:
        """Event mentions in date order (contract event dicts plus ``article_id``,
        ``article_title``, ``article_url``, ``article_date``, ``cluster_id``), filtered as
        ``eventdesk events`` (``since``, ``until``, ``actor``, ``type``, ``country``,
        ``text``, ``literal``, ``min_confidence``, ``include_historical``, ``sort``,
        ``limit``)."""
        from eventdesk.frames import _check_text, event_filter
        from eventdesk.query.events import query_events

        flt = event_filter(**filters)
        _check_text(self, flt.text)
        return query_events(self, flt)

    def frame(self, **filters):
        """``events`` as a typed pandas DataFrame (``eventdesk.frames.events``)."""
        from eventdesk.frames import events

        return events(self, **filters)

    def arrow(self, **filters):
        """``events`` as a pyarrow Table (``eventdesk.frames.events_arrow``)."""
        from eventdesk.frames import events_arrow

        return events_arrow(self, **filters)

    def series(self, by: str = "month", **filters):
        """Canonical events per day, week, month or year, zero-filled, as a DataFrame
        (``eventdesk.frames.series``; the filters of ``eventdesk stats --by``)."""
        from eventdesk.frames import series

        return series(self, by, **filters)

    def article(self, article_id: str) -> dict:
        """One article (by id, content hash or a unique id prefix) with its events, times
        and places: ``{"article", "events", "times", "places"}``."""
        from eventdesk.query.stats import article_view

        return article_view(self, article_id)

    def stats(self) -> dict:
        """Counts of articles, sentences, events (by type), canonical events, times, places
        and the first and last event dates."""
        from eventdesk.query.stats import stats

        return stats(self)

    def ingest(self, paths, *, date: str | None = None, input_format: str | None = None,
               workers: int = 1, settings=None, on_error=None):
        """Read, code and store the articles under ``paths`` (a file, folder or URL, or a
        list of them), as ``eventdesk ingest`` does. An input that fails goes to
        ``on_error(message)`` (default: printed on stderr) and the others go on. Returns the
        summary: ``read``, ``new``, ``recoded``, ``unchanged``, ``failed``, ``events``."""
        import sys

        from eventdesk.config import Settings
        from eventdesk.runner import ingest

        report = on_error or (lambda message: print(f"eventdesk: {message}", file=sys.stderr))
        items = [paths] if isinstance(paths, str | Path) else list(paths)
        return ingest([str(p) for p in items], self, settings or Settings.from_env(),
                      workers=workers, input_format=input_format, date=date,
                      on_error=lambda error: report(str(error)))

    # -- writes -------------------------------------------------------------
    def status(self, article_id: str, content_hash: str, coder_version: str) -> str:
        """NEW, UNCHANGED (same text, same coder) or RECODE (older coder or changed text)."""
        row = self.conn.execute(
            "SELECT coder_version FROM articles WHERE content_hash = ? OR id = ? "
            "ORDER BY content_hash = ? DESC LIMIT 1",
            (content_hash, article_id, content_hash),
        ).fetchone()
        if row is None:
            return NEW
        same_text = self.conn.execute(
            "SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        if same_text and row["coder_version"] == coder_version:
            return UNCHANGED
        return RECODE

    def write_article(self, coded: CodedArticle, coder_version: str) -> None:
        """Replace the article (by id or content hash) and all it holds, in one transaction.

        Every row is built before the write lock is taken; the lock covers the writes only.
        """
        rows = ArticleRows.of(coded, coder_version)
        with write_transaction(self.conn):
            old_clusters = clustering.clusters_of_articles(self.conn, rows.article_id,
                                                           rows.content_hash)
            self.conn.execute("DELETE FROM articles WHERE id = ? OR content_hash = ?",
                              (rows.article_id, rows.content_hash))
            rows.insert(self.conn)
            clustering.after_write(self.conn, old_clusters, rows.article_id, rows.mentions,
                                   rows.links)


def damage(conn: sqlite3.Connection) -> str | None:
    """The first problem ``PRAGMA quick_check`` finds, or None for a sound database."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as exc:  # a page so damaged the check cannot read it
        return str(exc)
    first = str(rows[0][0]) if rows else "no answer from quick_check"
    if first == "ok":
        return None
    return " ".join(first.replace("*** in database main ***", "").split())


def _statements(script: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current).strip())
    return statements
