"""`eventdesk eval`: score the coder against gold event files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from eventdesk.cli.common import (
    LexiconOption,
    PipelineOption,
    check_choice,
    handle_errors,
    settings_from,
)


@handle_errors
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSON Lines file (schema of eval/dev).")],
    errors: Annotated[int, typer.Option("--errors",
                                        help="List this many mis-coded examples.")] = 0,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    pipeline: PipelineOption = None,
    lexicon: LexiconOption = None,
) -> None:
    """Precision, recall and F1 of event types, (type, source, target) triples, CAMEO roots."""
    from eventdesk.coder import get_coder
    from eventdesk.evaluation import evaluate_events
    from eventdesk.model import Article

    check_choice("--format", output_format, ("table", "json"))
    coder = get_coder(settings_from(pipeline=pipeline, lexicon=lexicon))

    def code_batch(items):
        articles = [Article(text=text, date=date, origin=f"gold:{n}")
                    for n, (text, date) in enumerate(items)]
        return [[e.to_dict() for e in coded.events] for coded in coder.code(articles)]

    report = evaluate_events(str(gold), code_batch, errors=errors)
    if output_format == "json":
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        typer.echo(report.format_table())
