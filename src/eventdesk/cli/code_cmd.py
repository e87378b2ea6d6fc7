"""`eventdesk code`: code articles and print them; stores nothing."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from eventdesk.cli.common import (
    DateOption,
    InputFormatOption,
    LexiconOption,
    MaxBytesOption,
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
    paths: Annotated[list[str], typer.Argument(
        help="Files, folders (recursive), http(s) URLs, or - for standard input.")],
    output_format: Annotated[str, typer.Option(
        "--format", help="jsonl: one JSON object per article (the output contract); "
                         "table: one line per event.")] = "jsonl",
    date: DateOption = None,
    input_format: InputFormatOption = None,
    pipeline: PipelineOption = None,
    lexicon: LexiconOption = None,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Code articles and print their events, times and places (no database)."""
    from eventdesk.runner import code_stream

    check_choice("--format", output_format, ("jsonl", "table"))
    check_inputs(date, input_format)
    settings = settings_from(pipeline=pipeline, lexicon=lexicon, max_bytes=max_bytes)
    failures = []
    articles = _articles(paths, input_format, date, settings.max_bytes, failures)
    for coded in code_stream(articles, settings):
        if output_format == "jsonl":
            sys.stdout.write(json.dumps(coded.to_dict(), ensure_ascii=False) + "\n")
        else:
            record = coded.to_dict()
            typer.echo(f"# {record['article']['id']}  {record['article']['title'] or ''}")
            for event in record["events"]:
                typer.echo(event_line(event))
        sys.stdout.flush()
    if failures:
        raise typer.Exit(1)


def _articles(paths, input_format, date, max_bytes, failures):
    from eventdesk.ingest import iter_articles

    for item in iter_articles(paths, input_format, date, max_bytes):
        if isinstance(item, InputError):
            failures.append(item)
            err(str(item))
        else:
            yield item
