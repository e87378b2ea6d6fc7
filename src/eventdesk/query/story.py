"""A story: canonical events in date order, planned ones linked to what became of them.

A planned canonical event (modality ``planned``: "talks will be held on June 2") is followed
up by the first later canonical event between the same countries around its date:
- **happened**: a factual event of the same PLOVER type;
- **did not happen**: the same type negated, or, for meetings (CONSULT), a rejection of talks
  or a halt to negotiations (CAMEO ``CANCEL_CODES``) between the same countries;
- otherwise no later report (``None``).
"Around its date" is ``WINDOW_DAYS`` before to ``WINDOW_DAYS`` after a day, the month of a
month, the year of a year; an undated plan looks at the month after its first report.
Countries are compared as sets over sources and targets (as clustering pools meetings).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

from eventdesk.cluster.match import polarity
from eventdesk.query.canonical import ClusterFilter
from eventdesk.query.extra import Extra
from eventdesk.query.pages import canonical_page
from eventdesk.store.db import Store

WINDOW_DAYS = 3
CANCEL_CODES = {"CONSULT": ("120", "125", "164", "165")}


def story(store: Store, flt: ClusterFilter, extra: Extra, size: int) -> list[dict]:
    """At most ``size`` canonical events in date order; planned ones get ``outcome``."""
    events, _ = canonical_page(store, replace(flt, limit=None), extra, size)
    for event in events:
        if event.get("modality") == "planned" and not event.get("negated"):
            event["outcome"] = follow_up(store, event)
    return events


def follow_up(store: Store, plan: dict) -> dict | None:
    """{"status": "happened"|"did_not_happen", "event": the later canonical event} or None."""
    low, high = _window(plan.get("date"), plan.get("first_report") or plan.get("article_date"))
    if low is None:
        return None
    ptype = plan["plover_type"]
    types = {ptype, "REJECT", "SANCTION"} if ptype in CANCEL_CODES else {ptype}
    countries = _countries(plan)
    rows = store.conn.execute(
        f"SELECT c.id, c.date, e.data, e.article_id FROM clusters c JOIN events e ON "
        f"e.id = c.anchor_event_id WHERE c.plover_type IN ({', '.join('?' * len(types))}) "
        "AND c.date >= ? AND c.date <= ? ORDER BY c.date, c.id",
        [*sorted(types), low, high + "\uffff"])
    for cluster_id, day, data, article_id in rows:
        event = json.loads(data)
        if cluster_id == plan.get("cluster_id") or _countries(event) != countries:
            continue
        status = _status(ptype, event)
        if status:
            return {"status": status, "cluster_id": cluster_id, "date": day,
                    "event_id": event["id"], "article_id": article_id,
                    "plover_type": event["plover_type"], "cameo_code": event.get("cameo_code"),
                    "sentence_text": event.get("sentence_text")}
    return None


def _status(planned_type: str, event: dict) -> str | None:
    kind = polarity(event)
    if event["plover_type"] == planned_type:
        return {"factual": "happened", "negated-factual": "did_not_happen"}.get(kind)
    if kind == "factual" and event.get("cameo_code") in CANCEL_CODES.get(planned_type, ()):
        return "did_not_happen"
    return None


def _countries(event: dict) -> frozenset[str]:
    actors = [*(event.get("source") or ()), *(event.get("target") or ())]
    return frozenset(a.get("country") or a.get("code") or "" for a in actors) - {""}


def _window(day: str | None, reported: str | None) -> tuple[str | None, str | None]:
    try:
        if day and len(day) == 10:
            point = date.fromisoformat(day)
            return ((point - timedelta(days=WINDOW_DAYS)).isoformat(),
                    (point + timedelta(days=WINDOW_DAYS)).isoformat())
        if day:  # a month or a year: the whole of it
            return day, day
        if reported and len(reported) >= 10:
            point = date.fromisoformat(reported[:10])
            return point.isoformat(), (point + timedelta(days=31)).isoformat()
    except ValueError:
        pass
    return None, None


def canonical_event(store: Store, cluster_id: str) -> dict | None:
    """One canonical event (anchor fields + cluster fields) with every mention, and for a
    planned one its ``outcome``; None if there is no such cluster."""
    from eventdesk.query.canonical import CLUSTER_SELECT, _canonical, mentions_of

    with store.snapshot():
        row = store.conn.execute(CLUSTER_SELECT.format(join="e.id = c.anchor_event_id")
                                 + " WHERE c.id = ?", (cluster_id,)).fetchone()
        if row is None:
            return None
        event = _canonical(row)
        event["mentions"] = mentions_of(store, cluster_id)
        if event.get("modality") == "planned" and not event.get("negated"):
            event["outcome"] = follow_up(store, event)
    return event
