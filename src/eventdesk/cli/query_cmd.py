"""`eventdesk events`, `stats` and `show`: read the store."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from eventdesk.cli.common import (
    DbOption,
    check_choice,
    handle_errors,
    settings_from,
)
from eventdesk.cli.corpus_options import (
    ActorsOption,
    CountryOption,
    DyadsOption,
    HistoricalOption,
    LimitOption,
    MinConfidenceOption,
    SinceOption,
    TypeOption,
    UntilOption,
    check_confidence,
    check_country,
    check_dates,
    check_type,
    cluster_filter,
)
from eventdesk.cli.render import TABLE_HEADER, event_line
from eventdesk.errors import EventdeskError, UsageError


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
    country: CountryOption = None,
    text: Annotated[str | None, typer.Option(
        help="Full-text search over article titles and texts, in the SQLite FTS5 query "
             "language: words (all must occur), \"a phrase\", OR, NOT, prefix*, "
             "title:word, NEAR(a b, 5).")] = None,
    literal: Annotated[bool, typer.Option(
        "--literal", help="Search --text for its words as written (no query syntax).")]
    = False,
    limit: LimitOption = None,
    min_confidence: MinConfidenceOption = None,
    include_historical: HistoricalOption = False,
    sort: Annotated[str, typer.Option(
        help="date (oldest first) or -date (newest first); undated events come last.")]
    = "date",
    output_format: Annotated[str, typer.Option(
        "--format", help="table, jsonl or csv (the columns of `export --format csv`).")]
    = "table",
    parquet: Annotated[Path | None, typer.Option(
        "--parquet", help="Query the canonical events of a dataset written by `eventdesk "
                          "batch` (through DuckDB) instead of the store; --text then finds "
                          "its words in the sentence and title.")] = None,
) -> None:
    """Query stored events (mentions); the table shows the article id for `show`."""
    from eventdesk.query import EventFilter, query_events
    from eventdesk.query.events import fts_problem, literal_query

    check_choice("--format", output_format, ("table", "jsonl", "csv"))
    check_choice("--sort", sort, ("date", "-date"))
    check_dates(since, until)
    check_type(event_type)
    check_confidence(min_confidence)
    country = check_country(country)
    if literal and text is None:
        raise UsageError("--literal needs --text")
    query = literal_query(text) if literal and text is not None else text
    flt = EventFilter(since, until, actor, event_type, country, query, limit,
                      min_confidence=min_confidence,
                      historical=None if include_historical else False,
                      descending=sort == "-date")
    if parquet is not None:
        from dataclasses import replace

        from eventdesk.cli.parquet_events import print_events

        return print_events(parquet, replace(flt, text=text), output_format)
    with _store(db) as store:
        problem = fts_problem(store, query) if query is not None else None
        if problem is not None:
            raise UsageError(f"--text: {problem} (FTS5 query syntax; use --literal to search "
                             "for the words as written)")
        rows = query_events(store, flt)
        if output_format == "jsonl":
            for event in rows:
                sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
        elif output_format == "csv":
            from eventdesk.export.tabular import csv_chunks

            for chunk in csv_chunks(rows):
                sys.stdout.write(chunk)
        else:
            typer.echo(TABLE_HEADER)
            for event in rows:
                typer.echo(event_line(event))


@handle_errors
def stats(
    db: DbOption = None,
    by: Annotated[str | None, typer.Option(
        help="day, week, month or year: canonical events per period, every period from the "
             "first to the last with zeros where none fell (the series to plot).")] = None,
    panel: Annotated[str | None, typer.Option(
        help="With --by: 'country' gives one series per country (of an actor or the "
             "location), all over the same periods.")] = None,
    dyad: DyadsOption = None,
    actor: ActorsOption = None,
    event_type: TypeOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_confidence: MinConfidenceOption = None,
    include_historical: HistoricalOption = False,
    all_modalities: Annotated[bool, typer.Option(
        "--all", help="With --by: count negated and non-factual events too.")] = False,
    output_format: Annotated[str, typer.Option(
        "--format", help="table or json; with --by also csv.")] = "table",
) -> None:
    """Counts of articles, events and events by type; with --by, a series per period."""
    if by is not None:
        check_choice("--by", by, ("day", "week", "month", "year"))
        if panel is not None:
            check_choice("--panel", panel, ("country",))
        flt = cluster_filter(since, until, actor, dyad, event_type,
                             factual_only=not all_modalities, country=country,
                             min_confidence=min_confidence,
                             include_historical=include_historical)
        return _series(db, by, flt, output_format, panel)
    from eventdesk.query import stats as compute

    check_choice("--format", output_format, ("table", "json"))
    if dyad or actor or event_type or since or until or country or panel or \
            min_confidence is not None or include_historical:
        raise UsageError("--dyad, --actor, --type, --country, --since, --until, --panel, "
                         "--min-confidence and --include-historical need --by")
    with _store(db) as store:
        data = compute(store)
    if output_format == "json":
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for key in ("articles", "sentences", "events", "canonical_events", "factual_events",
                "times", "places", "first_event_date", "last_event_date"):
        typer.echo(f"{key:<18} {data.get(key)}")
    typer.echo("events by type:")
    for name, count in data["events_by_type"].items():
        typer.echo(f"  {name:<16} {count}")


def _series(db, by: str, flt, output_format: str, panel: str | None = None) -> None:
    from eventdesk.query.panel import PANEL_COLUMNS, country_panel, zero_filled
    from eventdesk.query.series import SERIES_COLUMNS

    check_choice("--format", output_format, ("table", "csv", "json"))
    with _store(db) as store:
        rows = (country_panel(store, by, flt, _note) if panel
                else zero_filled(store, by, flt, _note))
    columns = PANEL_COLUMNS if panel else [*SERIES_COLUMNS, "start", "end"]
    if output_format == "json":
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in columns])
    else:
        lead = f"{'country':<7} " if panel else ""
        typer.echo(f"{lead}{'period':<10} {'events':>7} {'mentions':>8} {'goldstein_sum':>13} "
                   f"{'goldstein_mean':>14} {'quad1':>5} {'quad2':>5} {'quad3':>5} "
                   f"{'quad4':>5}  top types")
        for row in rows:
            typer.echo((f"{row['country']:<7} " if panel else "") + series_line(row))


def _note(message: str) -> None:
    typer.echo(f"eventdesk: {message}", err=True)


def series_line(row: dict) -> str:
    from eventdesk.model import PLOVER_TYPES

    mean = "" if row["goldstein_mean"] is None else f"{row['goldstein_mean']:.2f}"
    top = sorted(((row[t.lower()], t) for t in PLOVER_TYPES if row[t.lower()]), reverse=True)
    types = " ".join(f"{t}:{n}" for n, t in top[:4])
    return (f"{row['period']:<10} {row['events']:>7} {row['mentions']:>8} "
            f"{row['goldstein_sum']:>13.1f} {mean:>14} {row['quad1']:>5} {row['quad2']:>5} "
            f"{row['quad3']:>5} {row['quad4']:>5}  {types}")


@handle_errors
def show(
    article_id: Annotated[str | None, typer.Argument(
        help="Article id, content hash or a unique prefix of an id (the events table shows "
             "16 characters).")] = None,
    event: Annotated[str | None, typer.Option(
        "--event", help="One event (a mention id ev_... or a canonical event id ce_...): its "
                        "details, and its trigger, actors, time and place marked.")] = None,
    db: DbOption = None,
) -> None:
    """Print one article (or one event in its article) with the evidence marked: triggers,
    actors with the code each became, times with their values, places with their country."""
    from eventdesk.cli.markup import render_article
    from eventdesk.query import article_view
    from eventdesk.query.stats import anchor_of, event_article

    if (article_id is None) == (event is None):
        raise UsageError("give an ARTICLE_ID or --event ID (one of them)")
    with _store(db) as store:
        if event is not None:
            article_id = event_article(store, event)
            if article_id is None:
                raise EventdeskError(f"no event with id {event!r} in {store.path}")
            event = anchor_of(store, event)
        view = article_view(store, article_id)
    typer.echo(render_article(view, event))


@handle_errors
def recluster(db: DbOption = None) -> None:
    """Cluster every stored mention again (after a change of the clustering rules).

    The new clusters are built beside the old ones and swapped in at once: readers see the
    old or the new, and an interrupted run leaves the old ones as they were."""
    from eventdesk.store import open_store
    from eventdesk.store.clustering import rebuild

    with open_store(settings_from(db=db).db) as store:
        count = rebuild(store.conn)
        total = store.conn.execute("SELECT COUNT(*) FROM clusters").fetchone()[0]
    typer.echo(f"{count} mentions in {total} canonical events")
