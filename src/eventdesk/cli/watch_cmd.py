"""`eventdesk watch`: poll feeds, code and store new items; `--status` shows feed health."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from eventdesk.cli.common import (
    DbOption,
    FetchTimeoutOption,
    LexiconOption,
    MaxBytesOption,
    MaxCharsOption,
    PipelineOption,
    err,
    handle_errors,
    settings_from,
)
from eventdesk.errors import UsageError


@handle_errors
def watch(
    feeds: Annotated[list[str] | None, typer.Argument(
        help="Feed URLs (RSS or Atom), or files listing feed URLs one per line.")] = None,
    every: Annotated[str, typer.Option(
        "--every", help="Time between rounds of polls: 30s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option(
        "--once", help="Poll every feed once and exit (for cron or a systemd timer).")]
    = False,
    status: Annotated[bool, typer.Option(
        "--status", help="Print each known feed's health and exit.")] = False,
    db: DbOption = None,
    max_bytes: MaxBytesOption = None,
    max_chars: MaxCharsOption = None,
    fetch_timeout: FetchTimeoutOption = None,
    pipeline: PipelineOption = None,
    lexicon: LexiconOption = None,
) -> None:
    """Poll RSS/Atom feeds; code and store each new item once (one JSON line per poll)."""
    from eventdesk.store import open_store
    from eventdesk.watch.loop import feed_urls, parse_every
    from eventdesk.watch.loop import watch as run_watch

    settings = settings_from(db=db, pipeline=pipeline, lexicon=lexicon, max_bytes=max_bytes,
                             max_chars=max_chars, fetch_timeout=fetch_timeout)
    if status:
        if feeds:
            raise UsageError("--status takes no feeds")
        with open_store(settings.db, readonly=True) as store:
            _print_status(store)
        return
    seconds = parse_every(every)
    urls = feed_urls(feeds or [])
    if not urls:
        raise UsageError("give at least one feed URL (or a file listing them)")
    with open_store(settings.db) as store:
        try:
            run_watch(store, urls, settings, sys.stdout, every=seconds, once=once)
        except KeyboardInterrupt:
            err("stopped")


def _print_status(store) -> None:
    from eventdesk.watch.state import feed_health

    rows = feed_health(store)
    typer.echo(f"{'feed':<44} {'health':<8} {'last poll':<20} {'errors':>6} {'stored':>6} "
               f"{'pending':>7} {'failed':>6}  next poll / last error")
    for row in rows:
        health = "failing" if row["errors_in_row"] else ("ok" if row["last_success"] else "new")
        tail = " ".join(filter(None, [row["next_poll"], row["last_error"]]))
        typer.echo(f"{row['url'][:44]:<44} {health:<8} {row['last_poll'] or '-':<20} "
                   f"{row['errors_in_row']:>6} {row['items_stored']:>6} {row['pending']:>7} "
                   f"{row['failed']:>6}  {tail[:80]}")
