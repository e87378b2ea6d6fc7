"""`eventdesk events`, `stats` and `show`: read the store."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from eventdesk.cli.common import (
    DbOption,
    check_choice,
    handle_errors,
    settings_from,
)
from eventdesk.cli.render import TABLE_HEADER, csv_rows, event_line


def _store(db):
    from eventdesk.store import open_store

    return open_store(settings_from(db=db).db, readonly=True)


@handle_errors
def events(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="Events on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date.")] = None,
    actor: Annotated[str | None, typer.Option(
        help="Actor code or prefix on either side, e.g. RUS, RUSGOV, IGONATO.")] = None,
    event_type: Annotated[str | None, typer.Option(
        "--type", help="PLOVER event type, e.g. CONSULT.")] = None,
    country: Annotated[str | None, typer.Option(
        help="ISO3 country of an actor or of the location.")] = None,
    text: Annotated[str | None, typer.Option(
        help="Full-text search over article titles and texts.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many events.")] = None,
    output_format: Annotated[str, typer.Option(
        "--format", help="table, jsonl or csv.")] = "table",
) -> None:
    """Query stored events."""
    from eventdesk.query import EventFilter, query_events

    check_choice("--format", output_format, ("table", "jsonl", "csv"))
    flt = EventFilter(since, until, actor, event_type, country, text, limit)
    with _store(db) as store:
        rows = query_events(store, flt)
        if output_format == "jsonl":
            for event in rows:
                sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
        elif output_format == "csv":
            for chunk in csv_rows(rows):
                sys.stdout.write(chunk)
        else:
            typer.echo(TABLE_HEADER)
            for event in rows:
                typer.echo(event_line(event))


@handle_errors
def stats(
    db: DbOption = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Counts of articles, events and events by type."""
    from eventdesk.query import stats as compute

    check_choice("--format", output_format, ("table", "json"))
    with _store(db) as store:
        data = compute(store)
    if output_format == "json":
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for key in ("articles", "sentences", "events", "factual_events", "times", "places",
                "first_event_date", "last_event_date"):
        typer.echo(f"{key:<18} {data[key]}")
    typer.echo("events by type:")
    for name, count in data["events_by_type"].items():
        typer.echo(f"  {name:<16} {count}")


@handle_errors
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or content hash).")],
    db: DbOption = None,
) -> None:
    """Print one article with its events, actors and times marked."""
    from eventdesk.cli.markup import render_article
    from eventdesk.query import article_view

    with _store(db) as store:
        view = article_view(store, article_id)
    typer.echo(render_article(view))
