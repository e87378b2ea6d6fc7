"""`eventdesk serve`: the REST API and the dashboard over one store, read-only."""

from __future__ import annotations

import json
import os
from typing import Annotated

import typer

from eventdesk.cli.common import DbOption, handle_errors, settings_from
from eventdesk.errors import EventdeskError, UsageError

TOKEN_ENV = "EVENTDESK_TOKEN"


@handle_errors
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(
        help="Address to listen on. Anything but 127.0.0.1/localhost/::1 serves beyond this "
             "machine and needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        help=f"Require this bearer token on every request (or set {TOKEN_ENV}).",
        show_default=False)] = None,
    cors_origin: Annotated[list[str] | None, typer.Option(
        "--cors-origin", help="Allow browser pages from this origin to call the API "
                              "(repeatable; none by default).")] = None,
    query_seconds: Annotated[float, typer.Option(
        min=0.1, help="Stop any query running longer than this (503).")] = 10.0,
    datasette_metadata: Annotated[bool, typer.Option(
        "--datasette-metadata", help="Print Datasette metadata for --db (facets, canned "
                                     "queries) as JSON and exit.")] = False,
) -> None:
    """Serve the JSON API (/api/v1, docs at /api/docs) and the dashboard, read-only."""
    from pathlib import Path

    path = settings_from(db=db).db
    if datasette_metadata:
        from eventdesk.web.datasette import metadata_for

        typer.echo(json.dumps(metadata_for(Path(path).stem), indent=2, ensure_ascii=False))
        return
    token = token or os.environ.get(TOKEN_ENV) or None
    settings = web_settings(path, host, token, tuple(cors_origin or ()), query_seconds)
    try:
        import uvicorn

        from eventdesk.web import create_app
    except ImportError:
        raise EventdeskError("eventdesk serve needs the web extra: "
                             "pip install 'eventdesk[web]'") from None
    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"eventdesk: serving {path} read-only on http://{shown}:{port}/ "
               f"(API docs at /api/docs{', token required' if token else ''}); Ctrl-C stops",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                server_header=False)


def web_settings(db: str, host: str, token: str | None, cors: tuple[str, ...],
                 query_seconds: float):
    from eventdesk.web.settings import LOOPBACK_HOSTS, WebSettings

    if not _is_file(db):
        raise EventdeskError(f"{db}: no such database; create it with `eventdesk ingest`")
    local = host in LOOPBACK_HOSTS
    if not local and not token:
        raise UsageError(f"--host {host} serves beyond this machine: give --token (or set "
                         f"{TOKEN_ENV}) so that only those who have it get in")
    if token is not None and len(token) < 16:
        raise UsageError("--token must be at least 16 characters")
    hosts = LOOPBACK_HOSTS if local else ("*",)
    return WebSettings(db=db, token=token, cors_origins=cors, allowed_hosts=hosts,
                       query_seconds=query_seconds)


def _is_file(path: str) -> bool:
    from pathlib import Path

    return Path(path).is_file()
