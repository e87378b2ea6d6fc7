"""The SQLite store: one connection, WAL mode, one transaction per article."""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventdesk.cluster.match import mention_from_event
from eventdesk.errors import StoreError
from eventdesk.model import CodedArticle, Event
from eventdesk.store import clustering
from eventdesk.store.migrations import MIGRATIONS

BUSY_TIMEOUT_MS = 30_000

# What `Store.status` says about an article before it is coded.
NEW, UNCHANGED, RECODE = "new", "unchanged", "recode"


def open_store(path: str | Path = "eventdesk.db", readonly: bool = False) -> Store:
    """Open (and create or migrate) the store at ``path``."""
    return Store(path, readonly=readonly)


class Store:
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
                self._use_wal()
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate(readonly)
            if not readonly:
                clustering.backfill(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from None

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
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if self.schema_version == number:  # another process may have migrated
                    for statement in _statements(MIGRATIONS[number]):
                        self.conn.execute(statement)
                    self.conn.execute(f"PRAGMA user_version = {number + 1}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

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
        """Replace the article (by id or content hash) and all it holds, in one transaction."""
        article = coded.article
        data = article.to_dict()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            old_clusters = clustering.clusters_of_articles(self.conn, data["id"],
                                                           data["content_hash"])
            self.conn.execute("DELETE FROM articles WHERE id = ? OR content_hash = ?",
                              (data["id"], data["content_hash"]))
            self._insert_article(coded, data, coder_version)
            clustering.after_write(self.conn, old_clusters, [e.id for e in coded.events])
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _insert_article(self, coded: CodedArticle, data: dict[str, Any], version: str) -> None:
        article = coded.article
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.conn.execute(
            "INSERT INTO articles (id, content_hash, title, date, source, url, meta, text, "
            "origin, schema_version, coder_version, coded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (data["id"], data["content_hash"], article.title, article.date, article.source,
             article.url, json.dumps(article.meta, ensure_ascii=False, sort_keys=True),
             article.text, article.origin, data["schema_version"], version, now),
        )
        aid = data["id"]
        self.conn.executemany(
            "INSERT INTO sentences (article_id, segment, idx, start, end) VALUES (?,?,?,?,?)",
            [(aid, seg, i, s, e) for i, (seg, s, e) in enumerate(coded.sentences)],
        )
        for event in coded.events:
            self._insert_event(aid, event)
        self.conn.executemany(
            "INSERT INTO times (article_id, segment, start, end, text, type, value) "
            "VALUES (?,?,?,?,?,?,?)",
            [(aid, t.segment, t.start, t.end, t.text, t.type, t.value) for t in coded.times],
        )
        self.conn.executemany(
            "INSERT INTO places (article_id, segment, start, end, text, name, country, admin1, "
            "lat, lon, geonameid, feature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(aid, p.segment, p.start, p.end, p.text, p.name, p.country, p.admin1, p.lat,
              p.lon, p.geonameid, p.feature) for p in coded.places],
        )

    def _insert_event(self, article_id: str, event: Event) -> None:
        location_country = event.location.country if event.location else None
        data = event.to_dict()
        self.conn.execute(
            "INSERT OR REPLACE INTO events (id, article_id, segment, sentence, plover_type, "
            "plover_mode, cameo_code, goldstein, quad_class, date, date_precision, date_basis, "
            "location_country, negated, modality, confidence, rule, trigger_start, data, block) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (event.id, article_id, event.segment, event.sentence, event.plover_type,
             event.plover_mode, event.cameo_code, event.goldstein, event.quad_class, event.date,
             event.date_precision, event.date_basis, location_country, int(event.negated),
             event.modality, event.confidence, event.rule, event.trigger.start,
             json.dumps(data, ensure_ascii=False, sort_keys=True),
             mention_from_event(data).block),
        )
        rows = []
        for role, actors in (("source", event.source), ("target", event.target),
                             ("reported_by", (event.reported_by,) if event.reported_by else ())):
            for position, actor in enumerate(actors):
                rows.append((event.id, role, position, actor.text, actor.name, actor.country,
                             actor.sector, actor.code, actor.kind))
        self.conn.executemany(
            "INSERT INTO event_actors (event_id, role, position, text, name, country, sector, "
            "code, kind) VALUES (?,?,?,?,?,?,?,?,?)", rows)


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
