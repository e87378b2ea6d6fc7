"""The dashboard: server-rendered pages; charts, the map and the network are drawn in the
browser by the package's own scripts from the API's JSON (nothing is fetched from elsewhere)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from eventdesk.model import PLOVER_TYPES
from eventdesk.store.db import Store
from eventdesk.web import params as p
from eventdesk.web.api import store_dep
from eventdesk.web.errors import ApiError
from eventdesk.web.highlight import event_spans, pieces

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
templates.env.globals.update(plover_types=PLOVER_TYPES, quad_names=QUAD_NAMES)
router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
StoreDep = Annotated[Store, Depends(store_dep)]
FILTERS = ("since", "until", "actor", "dyad", "type", "country", "min_confidence",
           "historical")


def form_values(request: Request) -> dict:
    """The filter form's values as given (lists for the repeatable ones)."""
    query = request.query_params
    values = {name: query.get(name, "") for name in FILTERS}
    values["actor"] = [a for a in query.getlist("actor") if a.strip()]
    values["dyad"] = [d for d in query.getlist("dyad") if d.strip()]
    return values


def cluster_filter_from(values: dict, factual_only: bool = False):
    """The filter of a page's form, validated like the API's (ApiError if bad)."""
    confidence = values.get("min_confidence") or None
    try:
        confidence = float(confidence) if confidence is not None else None
    except ValueError:
        raise ApiError(400, "min_confidence must be a number from 0 to 1",
                       "min_confidence") from None
    historical = {"true": True, "false": False}.get(values.get("historical") or "")
    return p.cluster_filter(values["since"] or None, values["until"] or None, values["actor"],
                            values["dyad"], values["type"] or None,
                            (values["country"] or None), confidence, historical,
                            factual_only=factual_only)


def _render(request: Request, name: str, **context) -> HTMLResponse:
    context.setdefault("page", name.removesuffix(".html"))
    return templates.TemplateResponse(request, name, context)


@router.get("/")
def overview(request: Request):
    return _render(request, "overview.html", form=form_values(request),
                   by=request.query_params.get("by", "month"))


@router.get("/network")
def network(request: Request):
    return _render(request, "network.html", form=form_values(request),
                   level=request.query_params.get("level", "country"))


@router.get("/map")
def world_map(request: Request):
    return _render(request, "map.html", form=form_values(request))


@router.get("/events")
def events_table(request: Request, store: StoreDep,
                 cursor: Annotated[str | None, Query(max_length=2000)] = None,
                 sort: Annotated[str, Query(pattern="^-?date$")] = "date"):
    from eventdesk.query.pages import CursorError, canonical_page

    form = form_values(request)
    flt, extra = cluster_filter_from(form)
    try:
        rows, after = canonical_page(store, flt, extra, 50, cursor, sort == "-date")
    except CursorError as exc:
        raise ApiError(400, str(exc), "cursor") from None
    next_url = None
    if after:
        url = request.url.include_query_params(cursor=after)
        next_url = f"{url.path}?{url.query}"
    return _render(request, "events.html", form=form, rows=rows, next_url=next_url, sort=sort)


@router.get("/evidence/{event_id}")
def evidence(request: Request, store: StoreDep, event_id: str):
    from eventdesk.query import article_view
    from eventdesk.query.evidence import event_evidence
    from eventdesk.query.story import follow_up

    found = event_evidence(store, event_id)
    if found is None:
        raise ApiError(404, f"no event {event_id!r} in this store")
    event = found["event"]
    view = article_view(store, event["article_id"])
    outcome = None
    if event.get("modality") == "planned" and not event.get("negated"):
        outcome = follow_up(store, {**event, "first_report": event.get("article_date")})
    article = view["article"]
    return _render(request, "evidence.html", event=event, cluster=found["cluster"],
                   mentions=found["mentions"], article=article, outcome=outcome,
                   title_pieces=pieces(article["title"] or "",
                                       event_spans(event, view["times"], "title")),
                   body_pieces=pieces(article["text"],
                                      event_spans(event, view["times"], "body")))


@router.get("/articles/{article_id}")
def article(request: Request, store: StoreDep, article_id: str):
    from eventdesk.errors import EventdeskError
    from eventdesk.query import article_view

    try:
        view = article_view(store, article_id)
    except EventdeskError:
        raise ApiError(404, f"no article {article_id!r} in this store") from None
    spans = {segment: [s for e in view["events"] for s in event_spans(e, view["times"], segment)
                       if s.kind != "sentence"] for segment in ("title", "body")}
    return _render(request, "article.html", view=view, article=view["article"],
                   title_pieces=pieces(view["article"]["title"] or "", spans["title"]),
                   body_pieces=pieces(view["article"]["text"], spans["body"]))


@router.get("/story")
def story_page(request: Request, store: StoreDep):
    from eventdesk.query.story import story

    form = form_values(request)
    query = request.query_params
    pair = [query.get("a", "").strip(), query.get("b", "").strip()]
    form["actor"] = [*form["actor"], *(code for code in pair if code)]
    rows = []
    asked = any(form[name] for name in FILTERS)
    if asked:
        flt, extra = cluster_filter_from(form)
        rows = story(store, flt, extra, 300)
    return _render(request, "story.html", form=form, a=pair[0], b=pair[1], rows=rows,
                   asked=asked)


@router.get("/search")
def search_page(request: Request, store: StoreDep,
                q: Annotated[str, Query(max_length=500)] = ""):
    from eventdesk.query.evidence import search_articles, snippet_parts

    rows = []
    if q.strip():
        rows = search_articles(store, q, 50)
        for row in rows:
            row["snippet"] = snippet_parts(row["snippet"] or "")
    return _render(request, "search.html", q=q, rows=rows)


@router.get("/api/docs")
def api_docs(request: Request):
    schema = request.app.openapi()
    components = schema.get("components", {}).get("schemas", {})
    for ops in schema["paths"].values():
        for op in ops.values():
            for prm in op.get("parameters", ()):
                ref = prm.get("schema", {}).get("$ref", "")
                if ref:
                    prm["schema"] = {**components.get(ref.rsplit("/", 1)[-1], {}),
                                     **{k: v for k, v in prm["schema"].items() if k != "$ref"}}
    return _render(request, "apidocs.html", schema=schema, page="apidocs")
