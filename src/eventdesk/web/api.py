"""The JSON API, version 1: /api/v1/... (read-only; every query parameterised and bounded)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from eventdesk.query.canonical import CLUSTER_FIELDS
from eventdesk.store.db import Store
from eventdesk.web import params as p
from eventdesk.web.errors import ERROR_SCHEMA, ApiError
from eventdesk.web.storage import store_state

EVENT_FIELDS = frozenset({
    "id", "segment", "sentence", "sentence_text", "sentence_start", "sentence_end", "trigger",
    "plover_type", "plover_mode", "cameo_code", "goldstein", "quad_class", "source", "target",
    "date", "date_precision", "date_text", "date_basis", "date_start", "date_end", "historical",
    "location", "negated", "modality", "reported_by", "content", "confidence", "rule",
    "article_id", "article_title", "article_url", "article_date", "article_source",
    *CLUSTER_FIELDS, "first_added"})
ERRORS = {code: {"description": text, "content": {"application/json": {"schema": ERROR_SCHEMA}}}
          for code, text in ((400, "A parameter has a bad value"),
                             (422, "A parameter has the wrong type or is out of range"),
                             (503, "The query ran too long, or the server is busy"))}
NOT_FOUND = {404: {"description": "No such item",
                   "content": {"application/json": {"schema": ERROR_SCHEMA}}}}


class JSONBody(Response):
    """JSON written once by ``json.dumps``: endpoints return it (rather than a dict) so that
    FastAPI does not walk the whole structure again to encode it."""

    media_type = "application/json"

    def render(self, content) -> bytes:
        if isinstance(content, bytes):
            return content
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


router = APIRouter(prefix="/api/v1", default_response_class=JSONBody, responses=ERRORS)


def store_dep(request: Request) -> Iterator[Store]:
    settings = request.app.state.settings
    with request.app.state.pool.borrowed(settings.query_seconds) as store:
        yield store


StoreDep = Annotated[Store, Depends(store_dep)]


def cached(request: Request, make) -> JSONBody:
    """The response for this URL in this store state, made once by ``make(store)`` on a
    connection borrowed for it (bounded by ``aggregate_seconds``)."""
    settings = request.app.state.settings
    key = (store_state(settings.db), request.url.path,
           tuple(sorted(request.query_params.multi_items())))

    def build() -> bytes:
        with request.app.state.pool.borrowed(settings.aggregate_seconds) as store:
            return JSONBody(make(store)).body

    return JSONBody(request.app.state.cache.get_or_make(key, build))


def _page(request: Request, rows: list[dict], after: str | None, limit: int,
          fields: str | None) -> dict:
    allowed = EVENT_FIELDS.union(*(row.keys() for row in rows))
    next_url = None
    if after:
        url = request.url.include_query_params(cursor=after)
        next_url = f"{url.path}?{url.query}"
    return JSONBody({"data": p.pick_fields(rows, fields, allowed), "next": after,
                     "next_url": next_url, "limit": limit})


@router.get("/stats", summary="Counts over the whole store")
def get_stats(request: Request):
    from eventdesk.query import stats

    return cached(request, stats)


@router.get("/events", summary="Event mentions, filtered, in date order, paginated")
def list_events(request: Request, store: StoreDep, since: p.Since = None,
                until: p.Until = None,
                actor: Annotated[str | None, Query(description="Actor code or prefix on either "
                                                   "side, e.g. RUS, RUSGOV, IGONATO.",
                                                   max_length=40)] = None,
                event_type: p.EventType = None, country: p.Country = None,
                text: Annotated[str | None, Query(description="Full-text search over article "
                                                  "titles and texts.", max_length=500)] = None,
                min_confidence: p.MinConfidence = None, historical: p.Historical = None,
                sort: p.Sort = "date", limit: p.Limit = 50, cursor: p.Cursor = None,
                fields: p.Fields = None):
    """One mention per row (an event as one article reports it): the output contract's Event
    fields plus `article_id`, `article_title`, `article_url`, `article_date`, `cluster_id`.
    Follow `next` (a cursor) for the next page."""
    from eventdesk.query.pages import CursorError, mention_page

    flt, extra = p.event_filter(since, until, actor, event_type, country, text, min_confidence,
                                historical)
    try:
        rows, after = mention_page(store, flt, extra, limit, cursor, sort == "-date")
    except CursorError as exc:
        raise ApiError(400, str(exc), "cursor") from None
    return _page(request, rows, after, limit, fields)


@router.get("/events/{event_id}", summary="One mention with its evidence and all reports of "
            "its event", responses=NOT_FOUND)
def get_event(store: StoreDep, event_id: Annotated[str, Path(max_length=200)]):
    """`event`: the mention (contract fields and its article); `cluster`: its canonical event's
    counts; `mentions`: every report of that event, each with its own sentence."""
    from eventdesk.query.evidence import event_evidence

    found = event_evidence(store, event_id)
    if found is None:
        raise ApiError(404, f"no event {event_id!r}")
    return JSONBody(found)


@router.get("/articles/{article_id}", summary="One article with its annotations",
            responses=NOT_FOUND)
def get_article(store: StoreDep, article_id: Annotated[str, Path(max_length=200)]):
    """The article's text and metadata, its events, time expressions and places, with
    character offsets into the title or the body."""
    from eventdesk.errors import EventdeskError
    from eventdesk.query import article_view

    try:
        return JSONBody(article_view(store, article_id))
    except EventdeskError:
        raise ApiError(404, f"no article {article_id!r}") from None


def cluster_params(since: p.Since = None, until: p.Until = None, actor: p.Actors = (),
                   dyad: p.Dyads = (), event_type: p.EventType = None,
                   country: p.Country = None, min_confidence: p.MinConfidence = None,
                   historical: p.Historical = None):
    return dict(since=since, until=until, actors=list(actor), dyads=list(dyad),
                event_type=event_type, country=country, min_confidence=min_confidence,
                historical=historical)


ClusterParams = Annotated[dict, Depends(cluster_params)]


@router.get("/canonical", summary="Canonical events (one per real-world event), paginated")
def list_canonical(request: Request, store: StoreDep, filters: ClusterParams,
                   factual_only: Annotated[bool, Query(description="Only factual events (not "
                                                       "negated, not planned...).")] = False,
                   sort: p.Sort = "date", limit: p.Limit = 50, cursor: p.Cursor = None,
                   fields: p.Fields = None):
    """Each row is the anchor mention (earliest report) with the cluster's `cluster_id`,
    `num_mentions`, `num_sources`, `num_articles`, `first_report`, `last_report`."""
    from eventdesk.query.pages import CursorError, canonical_page

    flt, extra = p.cluster_filter(**filters, factual_only=factual_only)
    try:
        rows, after = canonical_page(store, flt, extra, limit, cursor, sort == "-date")
    except CursorError as exc:
        raise ApiError(400, str(exc), "cursor") from None
    return _page(request, rows, after, limit, fields)


@router.get("/canonical/{cluster_id}", summary="One canonical event with all its mentions",
            responses=NOT_FOUND)
def get_canonical(store: StoreDep, cluster_id: Annotated[str, Path(max_length=200)]):
    from eventdesk.query.story import canonical_event

    found = canonical_event(store, cluster_id)
    if found is None:
        raise ApiError(404, f"no canonical event {cluster_id!r}")
    return JSONBody(found)


@router.get("/timeline", summary="The story: canonical events in date order, planned ones "
            "linked to their outcome")
def get_timeline(request: Request, filters: ClusterParams,
                 limit: Annotated[int, Query(ge=1, le=500)] = 200):
    """Canonical events in date order. A planned event carries `outcome`: null (no later
    report) or `{status: happened|did_not_happen, cluster_id, event_id, date, ...}`."""
    from eventdesk.query.story import story

    flt, extra = p.cluster_filter(**filters)
    return cached(request, lambda store: {"data": story(store, flt, extra, limit),
                                          "limit": limit})


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


@router.get("/series", summary="Canonical events per period, zero-filled")
def get_series(request: Request, filters: ClusterParams,
               by: Period = Period.month,
               all_modalities: Annotated[bool, Query(alias="all", description="Count negated "
                                                     "and non-factual events too.")] = False):
    """One row per period from the first to the last (or from `since` to `until`): `period`,
    `start`, `end`, `events`, `mentions`, `goldstein_sum`, `goldstein_mean`, `quad1`..`quad4`
    and one count per PLOVER type (lower case). Factual events only unless `all=true`."""
    from eventdesk.query.timeseries import TooManyPeriods, filled_series

    flt, extra = p.cluster_filter(**filters, factual_only=not all_modalities)

    def make(store):
        try:
            return {"by": by.value, "data": filled_series(store, by.value, flt, extra)}
        except TooManyPeriods as exc:
            raise ApiError(400, str(exc), "by") from None

    return cached(request, make)


@router.get("/actors", summary="Actors by code or name, with their counts")
def get_actors(request: Request,
               code: Annotated[str | None, Query(description="Code prefix: RUS, RUSGOV, "
                                                 "IGONATO.", max_length=40)] = None,
               name: Annotated[str | None, Query(description="Part of a name or of the words "
                                                 "that named the actor: Lavrov, ministry. "
                                                 "Reads every actor row (seconds on a "
                                                 "million-event store; then cached).",
                                                 max_length=100)] = None,
               limit: Annotated[int, Query(ge=1, le=500)] = 50):
    """Most frequent first: `code`, `name`, `country`, `sector`, `events` (mentions as source
    or target), `as_source`, `as_target`. With `name`, one row per code and name."""
    from eventdesk.query.network import actor_counts

    return cached(request, lambda store: {"data": actor_counts(store, code, name, limit)})


class Level(StrEnum):
    country = "country"
    actor = "actor"


@router.get("/dyads", summary="Who acted on whom: weighted edges for a network")
def get_dyads(request: Request, filters: ClusterParams,
              level: Level = Level.country, limit: Annotated[int, Query(ge=1, le=1000)] = 150):
    """`nodes` and `edges`; an edge counts canonical events, split into `cooperation`
    (QuadClass 1-2) and `conflict` (3-4), with the mean Goldstein score."""
    from eventdesk.query.network import dyad_network

    flt, extra = p.cluster_filter(**filters)
    return cached(request, lambda store: dyad_network(store, flt, extra, level.value, limit))


@router.get("/places", summary="Event locations as GeoJSON, aggregated")
def get_places(request: Request, filters: ClusterParams,
               limit: Annotated[int, Query(ge=1, le=5000)] = 1000):
    """A GeoJSON FeatureCollection: one Point per place with its counts of canonical events;
    `countries` (ISO3 -> events located there) and `unlocated` as foreign members."""
    from eventdesk.query.places import places_geojson

    flt, extra = p.cluster_filter(**filters)
    body = cached(request, lambda store: places_geojson(store, flt, extra, limit))
    body.media_type = "application/geo+json"
    body.init_headers()
    return body


@router.get("/search", summary="Full-text search over articles")
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=500,
                                                    description="Words, all of which must "
                                                    "occur (any order).")],
           limit: Annotated[int, Query(ge=1, le=200)] = 20):
    """Articles best first, each with a `snippet` as `[{text, match}]` pieces and its number
    of events."""
    from eventdesk.query.evidence import search_articles, snippet_parts

    rows = search_articles(store, q, limit)
    for row in rows:
        row["snippet"] = snippet_parts(row["snippet"] or "")
    return JSONBody({"data": rows})


class ExportFormat(StrEnum):
    gdelt = "gdelt"
    polecat = "polecat"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


MEDIA = {"gdelt": ("text/tab-separated-values", "tsv"),
         "polecat": ("text/tab-separated-values", "tsv"),
         "jsonl": ("application/x-ndjson", "jsonl"), "csv": ("text/csv", "csv"),
         "parquet": ("application/vnd.apache.parquet", "parquet")}


@router.get("/export/{fmt}", summary="Download canonical events (or mentions) as a file",
            response_class=FileResponse,
            responses={200: {"description": "The file", "content": {
                media: {} for media, _ in MEDIA.values()}}})
def export(request: Request, fmt: ExportFormat, filters: ClusterParams,
           limit: Annotated[int | None, Query(ge=1, description="At most this many rows "
                                              "(and never more than the server's cap).")] = None,
           mentions: Annotated[bool, Query(description="One row per mention.")] = False):
    """The formats of `eventdesk export`: gdelt, polecat, jsonl, csv, parquet."""
    from dataclasses import replace

    from eventdesk.coder import CODER_VERSION
    from eventdesk.export import export as write
    from eventdesk.query.canonical import all_mentions, canonical_events

    settings = request.app.state.settings
    cap = min(limit or settings.export_max, settings.export_max)
    flt, extra = p.cluster_filter(**filters)
    for name, value in vars(extra).items():
        if value is not None:
            raise ApiError(400, f"{name}: exports take the filters of `eventdesk export` "
                           "(since, until, actor, dyad, type)", name)
    flt = replace(flt, limit=cap)
    media, suffix = MEDIA[fmt.value]
    handle, path = tempfile.mkstemp(prefix="eventdesk-export-", suffix="." + suffix)
    os.close(handle)
    try:
        with request.app.state.pool.borrowed(settings.export_seconds) as store:
            rows = all_mentions(store, flt) if mentions else canonical_events(store, flt)
            write(rows, fmt.value, path, version=CODER_VERSION, mentions=mentions)
    except BaseException:
        os.unlink(path)
        raise
    name = f"eventdesk-{'mentions' if mentions else 'events'}.{suffix}"
    return FileResponse(path, media_type=media, filename=name,
                        background=BackgroundTask(os.unlink, path))
