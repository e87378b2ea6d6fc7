"""`eventdesk code`: code articles and print them; stores nothing."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from eventdesk.cli.common import (
    DateOption,
    FetchTimeoutOption,
    InputFormatOption,
    InputsArgument,
    LexiconOption,
    MaxBytesOption,
    MaxCharsOption,
    PipelineOption,
    check_choice,
    check_inputs,
    err,
    handle_errors,
    settings_from,
)
from eventdesk.cli.render import event_line
from eventdesk.errors import InputError


@handle_errors
def code(
    paths: InputsArgument,
    output_format: Annotated[str, typer.Option(
        "--format", help="jsonl: one JSON object per article (the output contract); "
                         "table: one line per event.")] = "jsonl",
    date: DateOption = None,
    input_format: InputFormatOption = None,
    pipeline: PipelineOption = None,
    lexicon: LexiconOption = None,
    max_bytes: MaxBytesOption = None,
    max_chars: MaxCharsOption = None,
    fetch_timeout: FetchTimeoutOption = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress on stderr (there is none when stderr is not a "
                              "terminal either).")] = False,
) -> None:
    """Code articles and print their events, times and places (no database)."""
    from eventdesk.cli.progress import article_bar, count_articles, interactive, loading_line
    from eventdesk.runner import code_stream

    check_choice("--format", output_format, ("jsonl", "table"))
    check_inputs(date, input_format)
    settings = settings_from(pipeline=pipeline, lexicon=lexicon, max_bytes=max_bytes,
                             max_chars=max_chars, fetch_timeout=fetch_timeout)
    failures = []
    articles = _articles(paths, input_format, date, settings, failures)
    show = interactive(quiet)
    loading_line(settings, show)
    with article_bar(count_articles(paths) if show else None, show) as bar:
        for coded in code_stream(articles, settings):
            if bar is not None:
                bar.advance()
            _print(coded, output_format, failures)
    if failures:
        raise typer.Exit(1)


def _print(coded, output_format: str, failures: list) -> None:
    if isinstance(coded, InputError):
        _failed(coded, failures)
        return
    if output_format == "jsonl":
        sys.stdout.write(json.dumps(coded.to_dict(), ensure_ascii=False) + "\n")
    else:
        record = coded.to_dict()
        typer.echo(f"# {record['article']['id']}  {record['article']['title'] or ''}")
        for event in record["events"]:
            typer.echo(event_line(event))
    sys.stdout.flush()


def _articles(paths, input_format, date, settings, failures):
    from eventdesk.ingest import iter_articles

    for item in iter_articles(paths, input_format, date, settings.max_bytes,
                              max_chars=settings.max_chars,
                              fetch_timeout=settings.fetch_timeout):
        if isinstance(item, InputError):
            _failed(item, failures)
        else:
            yield item


def _failed(error: InputError, failures: list) -> None:
    failures.append(error)
    err(str(error))
