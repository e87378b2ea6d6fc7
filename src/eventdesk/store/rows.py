"""The rows one article writes, built before the write lock is taken.

Serialising events to JSON and deriving their clustering keys costs time in proportion to
the article; doing it here keeps the write transaction (and so the lock every other writer
waits for) down to the inserts themselves.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from eventdesk.cluster.match import Mention, mention_from_event
from eventdesk.model import CodedArticle, Event
from eventdesk.store.clustering import internal_links

ARTICLE_SQL = ("INSERT INTO articles (id, content_hash, title, date, source, url, meta, text, "
               "origin, schema_version, coder_version, coded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
SENTENCE_SQL = "INSERT INTO sentences (article_id, segment, idx, start, end) VALUES (?,?,?,?,?)"
EVENT_SQL = ("INSERT OR REPLACE INTO events (id, article_id, segment, sentence, plover_type, "
             "plover_mode, cameo_code, goldstein, quad_class, date, date_precision, date_basis, "
             "location_country, negated, modality, confidence, rule, trigger_start, data, block) "
             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
ACTOR_SQL = ("INSERT INTO event_actors (event_id, role, position, text, name, country, sector, "
             "code, kind) VALUES (?,?,?,?,?,?,?,?,?)")
TIME_SQL = ("INSERT INTO times (article_id, segment, start, end, text, type, value) "
            "VALUES (?,?,?,?,?,?,?)")
PLACE_SQL = ("INSERT INTO places (article_id, segment, start, end, text, name, country, admin1, "
             "lat, lon, geonameid, feature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")


@dataclass(frozen=True)
class ArticleRows:
    article_id: str
    content_hash: str
    article: tuple
    sentences: list[tuple]
    events: list[tuple]
    actors: list[tuple]
    times: list[tuple]
    places: list[tuple]
    mentions: dict[str, Mention]  # event id -> what clustering needs of it
    links: list[tuple[str, str]]  # mentions of this article in one cluster

    @classmethod
    def of(cls, coded: CodedArticle, coder_version: str) -> ArticleRows:
        article = coded.article
        data = article.to_dict()
        aid = data["id"]
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        events, actors, mentions = [], [], {}
        for event in coded.events:
            row, mention = _event_row(aid, event)
            events.append(row)
            actors += _actor_rows(event)
            mentions.setdefault(event.id, mention)
        return cls(
            article_id=aid, content_hash=data["content_hash"],
            article=(aid, data["content_hash"], article.title, article.date, article.source,
                     article.url, json.dumps(article.meta, ensure_ascii=False, sort_keys=True),
                     article.text, article.origin, data["schema_version"], coder_version, now),
            sentences=[(aid, seg, i, s, e) for i, (seg, s, e) in enumerate(coded.sentences)],
            events=events, actors=actors,
            times=[(aid, t.segment, t.start, t.end, t.text, t.type, t.value)
                   for t in coded.times],
            places=[(aid, p.segment, p.start, p.end, p.text, p.name, p.country, p.admin1, p.lat,
                     p.lon, p.geonameid, p.feature) for p in coded.places],
            mentions=mentions, links=internal_links(mentions),
        )

    def insert(self, conn: sqlite3.Connection) -> None:
        conn.execute(ARTICLE_SQL, self.article)
        conn.executemany(SENTENCE_SQL, self.sentences)
        for row in self.events:
            insert_event(conn, row)
        conn.executemany(ACTOR_SQL, self.actors)
        conn.executemany(TIME_SQL, self.times)
        conn.executemany(PLACE_SQL, self.places)


def insert_event(conn: sqlite3.Connection, row: tuple) -> None:
    conn.execute(EVENT_SQL, row)


def _event_row(article_id: str, event: Event) -> tuple[tuple, Mention]:
    data = event.to_dict()
    mention = mention_from_event(data)
    location_country = event.location.country if event.location else None
    row = (event.id, article_id, event.segment, event.sentence, event.plover_type,
           event.plover_mode, event.cameo_code, event.goldstein, event.quad_class, event.date,
           event.date_precision, event.date_basis, location_country, int(event.negated),
           event.modality, event.confidence, event.rule, event.trigger.start,
           json.dumps(data, ensure_ascii=False, sort_keys=True), mention.block)
    return row, mention


def _actor_rows(event: Event) -> list[tuple]:
    rows = []
    for role, actors in (("source", event.source), ("target", event.target),
                         ("reported_by", (event.reported_by,) if event.reported_by else ())):
        for position, actor in enumerate(actors):
            rows.append((event.id, role, position, actor.text, actor.name, actor.country,
                         actor.sector, actor.code, actor.kind))
    return rows
