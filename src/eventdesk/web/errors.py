"""One error shape for every API error, and HTML error pages for the dashboard.

Every error under /api is ``{"error": {"status", "code", "message", "details"}}`` where
``details`` lists ``{"parameter", "message"}`` (empty when no parameter is at fault). Nothing
ever returns a traceback: unexpected exceptions become a 500 with a generic message (and the
traceback goes to the server log).
"""

from __future__ import annotations

import logging
import sqlite3

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from eventdesk.errors import EventdeskError
from eventdesk.web.storage import PoolExhausted, QueryTimeout

log = logging.getLogger("eventdesk.web")

CODES = {400: "bad_parameter", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 422: "invalid_parameter", 500: "internal_error",
         503: "unavailable"}

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "additionalProperties": False,
    "properties": {"error": {
        "type": "object",
        "required": ["status", "code", "message", "details"],
        "additionalProperties": False,
        "properties": {
            "status": {"type": "integer"},
            "code": {"type": "string"},
            "message": {"type": "string"},
            "details": {"type": "array", "items": {
                "type": "object", "required": ["parameter", "message"],
                "additionalProperties": False,
                "properties": {"parameter": {"type": ["string", "null"]},
                               "message": {"type": "string"}}}},
        },
    }},
}


class ApiError(Exception):
    def __init__(self, status: int, message: str, parameter: str | None = None,
                 code: str | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "error")
        self.details = [{"parameter": parameter, "message": message}] if parameter else []


def error_body(status: int, message: str, details: list[dict] | None = None,
               code: str | None = None) -> dict:
    return {"error": {"status": status, "code": code or CODES.get(status, "error"),
                      "message": message, "details": details or []}}


def install(app: FastAPI, render_page) -> None:
    """Register the handlers; ``render_page(request, status, message)`` makes HTML pages."""

    def respond(request: Request, status: int, message: str, details=None, code=None,
                headers=None):
        if request.url.path.startswith("/api/"):
            return JSONResponse(error_body(status, message, details, code), status_code=status,
                                headers=headers)
        return render_page(request, status, message)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return respond(request, exc.status, exc.message, exc.details, exc.code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        details = [{"parameter": _parameter(e.get("loc", ())), "message": e.get("msg", "")}
                   for e in exc.errors()]
        first = details[0] if details else {"parameter": None, "message": "invalid request"}
        message = (f"{first['parameter']}: {first['message']}" if first["parameter"]
                   else first["message"])
        return respond(request, 422, message, details)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "")
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return respond(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(QueryTimeout)
    async def timeout(request: Request, exc: QueryTimeout):
        return respond(request, 503, f"{exc}; narrow the filters", code="query_timeout")

    @app.exception_handler(PoolExhausted)
    async def busy(request: Request, exc: PoolExhausted):
        return respond(request, 503, str(exc), code="busy")

    @app.exception_handler(EventdeskError)
    async def store_error(request: Request, exc: EventdeskError):
        return respond(request, 503, str(exc), code="store_error")

    @app.exception_handler(sqlite3.Error)
    async def database_error(request: Request, exc: sqlite3.Error):
        log.warning("database error on %s: %s", request.url.path, exc)
        return respond(request, 503, "the database could not answer; try again",
                       code="database_error")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return respond(request, 500, "internal error (logged by the server)")


def _parameter(location) -> str | None:
    parts = [str(p) for p in location if p not in ("query", "path", "body", "header")]
    return ".".join(parts) or None


def html_error(templates, request: Request, status: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html",
                                      {"status": status, "message": message},
                                      status_code=status)
