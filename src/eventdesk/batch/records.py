"""A coded article as one JSON-able record and back, and the mention rows clustering reads.

The record is the contract record (``CodedArticle.to_dict``) plus what the store also keeps:
the article's text and origin, and the sentence spans. ``coded_from_record`` rebuilds the
``CodedArticle`` so that ``eventdesk load`` writes exactly what ``eventdesk ingest`` would.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from typing import Any

from eventdesk.cluster.match import mention_from_event, outlet
from eventdesk.model import Actor, Article, CodedArticle, Event, Place, Span, TimeExpr


def coded_to_record(coded: CodedArticle) -> dict[str, Any]:
    """Everything the store keeps of one coded article, as plain JSON values."""
    record = coded.to_dict()
    record["article"]["text"] = coded.article.text
    record["article"]["origin"] = coded.article.origin
    record["article"]["raw_id"] = coded.article.id
    record["sentences"] = [list(s) for s in coded.sentences]
    return record


def coded_from_record(record: dict[str, Any]) -> CodedArticle:
    """The CodedArticle a record was made from (``coded_to_record`` inverted)."""
    data = record["article"]
    article = Article(text=data["text"], title=data.get("title"), date=data.get("date"),
                      source=data.get("source"), url=data.get("url"), id=data.get("raw_id"),
                      meta=dict(data.get("meta") or {}), origin=data.get("origin") or "")
    return CodedArticle(
        article=article,
        events=tuple(_event(e) for e in record.get("events") or ()),
        times=tuple(_build(TimeExpr, t) for t in record.get("times") or ()),
        places=tuple(_build(Place, p) for p in record.get("places") or ()),
        sentences=tuple((seg, start, end) for seg, start, end in record.get("sentences") or ()),
    )


def _build(cls, data: dict[str, Any] | None):
    if data is None:
        return None
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in known})


def _event(data: dict[str, Any]) -> Event:
    values = dict(data)
    values["trigger"] = _build(Span, data["trigger"])
    values["source"] = tuple(_build(Actor, a) for a in data.get("source") or ())
    values["target"] = tuple(_build(Actor, a) for a in data.get("target") or ())
    values["location"] = _build(Place, data.get("location"))
    values["reported_by"] = _build(Actor, data.get("reported_by"))
    return _build(Event, values)


def shard_of(block: str | None, event_id: str, shards: int) -> int:
    """The clustering shard of a mention: by its blocking key (mentions of different blocks
    never match, so each shard clusters alone); a mention without a block by its id."""
    key = block if block is not None else event_id
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:4], "big") % shards


def mention_rows(coded: CodedArticle, seq: int, coded_day: str, shards: int) -> list[dict]:
    """One row per event of ``coded``: what clustering and the export need of it."""
    article = coded.article
    aid = article.article_id
    rows = []
    for event in coded.events:
        data = event.to_dict()
        block = mention_from_event(data).block
        rows.append({
            "shard": shard_of(block, event.id, shards),
            "event_id": event.id,
            "seq": seq,
            "article_id": aid,
            "event": json.dumps(data, ensure_ascii=False, sort_keys=True),
            "article_title": article.title,
            "article_url": article.url,
            "article_source": article.source,
            "article_date": article.date,
            "outlet": outlet(article.source, article.url, aid),
            "report_day": article.date or coded_day,
        })
    return rows


MENTION_SCHEMA = [("shard", "int32"), ("event_id", "string"), ("seq", "int64"),
                  ("article_id", "string"), ("event", "string"), ("article_title", "string"),
                  ("article_url", "string"), ("article_source", "string"),
                  ("article_date", "string"), ("outlet", "string"), ("report_day", "string")]
