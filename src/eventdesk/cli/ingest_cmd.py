"""`eventdesk ingest`: read, code and store articles."""

from __future__ import annotations

from typing import Annotated

import typer

from eventdesk.cli.common import (
    DateOption,
    DbOption,
    FetchTimeoutOption,
    InputFormatOption,
    InputsArgument,
    LexiconOption,
    MaxBytesOption,
    MaxCharsOption,
    PipelineOption,
    check_inputs,
    err,
    handle_errors,
    report_summary,
    settings_from,
)


@handle_errors
def ingest(
    paths: InputsArgument,
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", help="Coding processes (1 to 64).")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    date: DateOption = None,
    input_format: InputFormatOption = None,
    pipeline: PipelineOption = None,
    lexicon: LexiconOption = None,
    max_bytes: MaxBytesOption = None,
    max_chars: MaxCharsOption = None,
    fetch_timeout: FetchTimeoutOption = None,
) -> None:
    """Read, code and store articles; articles already stored unchanged are skipped."""
    from eventdesk.cli.progress import article_bar, count_articles, interactive, loading_line
    from eventdesk.runner import ingest as run_ingest
    from eventdesk.store import open_store

    check_inputs(date, input_format)
    _refuse_all_missing(paths)
    settings = settings_from(db=db, pipeline=pipeline, lexicon=lexicon, max_bytes=max_bytes,
                             max_chars=max_chars, fetch_timeout=fetch_timeout)
    show = interactive(quiet)
    total = count_articles(paths) if show else None
    with open_store(settings.db) as store, article_bar(total, show) as bar:
        loading_line(settings, show)

        def on_article(summary):
            if bar is not None:
                bar.update(summary.new + summary.recoded + summary.unchanged,
                           f"{summary.events} events")

        summary = run_ingest(paths, store, settings, workers=workers,
                             input_format=input_format, date=date,
                             on_error=lambda e: err(str(e)), on_article=on_article)
    report_summary(summary, quiet)


def _refuse_all_missing(paths: list[str]) -> None:
    """When no input exists (every path a local file that is not there), stop before the
    database is created or the model loaded: a mistyped name is a usage error (exit 2)."""
    from pathlib import Path

    from eventdesk.errors import UsageError

    local = [p for p in paths if p != "-" and "://" not in p]
    if paths and len(local) == len(paths) and not any(Path(p).exists() for p in local):
        names = ", ".join(local)
        raise UsageError(f"{names}: no such file or directory; nothing was ingested and no "
                         "database was created")
