"""Numbered schema migrations. Append new ones; never edit one that has shipped.

The database's ``PRAGMA user_version`` is the number of migrations applied.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles, sentences, events and their parts, full-text index
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT,
        date TEXT,
        source TEXT,
        url TEXT,
        meta TEXT NOT NULL DEFAULT '{}',
        text TEXT NOT NULL,
        origin TEXT,
        schema_version TEXT NOT NULL,
        coder_version TEXT NOT NULL,
        coded_at TEXT NOT NULL
    );
    CREATE INDEX articles_date ON articles(date);
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        segment TEXT NOT NULL,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (article_id, segment, idx)
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        segment TEXT NOT NULL,
        sentence INTEGER NOT NULL,
        plover_type TEXT NOT NULL,
        plover_mode TEXT,
        cameo_code TEXT,
        goldstein REAL,
        quad_class INTEGER,
        date TEXT,
        date_precision TEXT,
        date_basis TEXT,
        location_country TEXT,
        negated INTEGER NOT NULL,
        modality TEXT NOT NULL,
        confidence REAL NOT NULL,
        rule TEXT NOT NULL,
        trigger_start INTEGER NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_type ON events(plover_type, date);
    CREATE TABLE event_actors (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        position INTEGER NOT NULL,
        text TEXT,
        name TEXT,
        country TEXT,
        sector TEXT,
        code TEXT,
        kind TEXT,
        PRIMARY KEY (event_id, role, position)
    );
    CREATE INDEX event_actors_code ON event_actors(code);
    CREATE INDEX event_actors_country ON event_actors(country);
    CREATE TABLE times (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        segment TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        type TEXT NOT NULL,
        value TEXT
    );
    CREATE INDEX times_article ON times(article_id);
    CREATE TABLE places (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        segment TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        name TEXT,
        country TEXT,
        admin1 TEXT,
        lat REAL,
        lon REAL,
        geonameid INTEGER,
        feature TEXT
    );
    CREATE INDEX places_article ON places(article_id);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    """,
    # 2: canonical events (clusters of mentions across articles) and indexes for large stores
    """
    ALTER TABLE events ADD COLUMN cluster_id TEXT;
    ALTER TABLE events ADD COLUMN block TEXT;
    CREATE INDEX events_cluster ON events(cluster_id);
    CREATE INDEX events_block ON events(block, date);
    CREATE TABLE clusters (
        id TEXT PRIMARY KEY,
        anchor_event_id TEXT NOT NULL,
        plover_type TEXT NOT NULL,
        cameo_code TEXT,
        goldstein REAL,
        quad_class INTEGER,
        date TEXT,
        factual INTEGER NOT NULL,
        num_mentions INTEGER NOT NULL,
        num_sources INTEGER NOT NULL,
        num_articles INTEGER NOT NULL,
        first_report TEXT,
        last_report TEXT,
        first_added TEXT
    );
    CREATE INDEX clusters_date ON clusters(date, plover_type, quad_class, goldstein, factual);
    CREATE INDEX clusters_type ON clusters(plover_type, date);
    CREATE INDEX clusters_anchor ON clusters(anchor_event_id);
    CREATE INDEX event_actors_role_code ON event_actors(code, role, event_id);
    """,
    # 3: indexes for million-event stores: date order without a sort, the series, canonical
    # events in date order (replaces migration 2's clusters_date)
    """
    CREATE INDEX IF NOT EXISTS events_order ON events(date, article_id, segment, trigger_start);
    DROP INDEX IF EXISTS clusters_date;
    CREATE INDEX clusters_date ON clusters(date, id);
    CREATE INDEX IF NOT EXISTS clusters_series ON clusters(date, plover_type, quad_class,
                                                           goldstein, num_mentions, factual);
    """,
    # 4: `eventdesk watch`: the feeds polled (validators, health, backoff) and every item seen
    """
    CREATE TABLE IF NOT EXISTS feeds (
        url TEXT PRIMARY KEY,
        title TEXT,
        added_at TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_poll TEXT,
        last_success TEXT,
        last_status TEXT,
        last_error TEXT,
        errors_in_row INTEGER NOT NULL DEFAULT 0,
        next_poll TEXT,
        polls INTEGER NOT NULL DEFAULT 0,
        items_stored INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS feed_items (
        item_key TEXT PRIMARY KEY,
        feed_url TEXT NOT NULL,
        entry TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        article_id TEXT,
        content_hash TEXT,
        error TEXT,
        first_seen TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS feed_items_state ON feed_items(state, first_seen);
    CREATE INDEX IF NOT EXISTS feed_items_feed ON feed_items(feed_url, state);
    """,
]
