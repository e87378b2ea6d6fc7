"""The ASGI application: the API, the dashboard, the static files, guards and error handlers."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from eventdesk.coder import __version__
from eventdesk.web import api, errors, pages
from eventdesk.web.guard import Guard
from eventdesk.web.settings import WebSettings
from eventdesk.web.storage import ResponseCache, StorePool

DESCRIPTION = """Read-only access to an eventdesk store: event mentions and canonical events
with the CLI's filters, their evidence, series, actors, dyads, places, full-text search and the
exports. Every error has the shape `{"error": {"status", "code", "message", "details"}}`."""


def create_app(settings: WebSettings) -> FastAPI:
    """The application over ``settings.db`` (opened read-only; StoreError if unusable)."""
    pool = StorePool(settings.db, settings.connections)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        pool.close()

    app = FastAPI(title="eventdesk API", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json",
                  lifespan=lifespan)
    app.state.settings = settings
    app.state.pool = pool
    app.state.cache = ResponseCache(settings.cache_entries, settings.aggregate_makers)
    errors.install(app, lambda request, status, message: errors.html_error(
        pages.templates, request, status, message))
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(pages.HERE / "static")), name="static")
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET"], allow_headers=["Authorization"])
    if "*" not in settings.allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.add_middleware(Guard, token=settings.token)
    return app
