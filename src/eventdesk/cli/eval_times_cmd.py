"""`eventdesk eval-times`: score time-expression tagging against TimeML gold (TempEval-3)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from eventdesk.cli.common import (
    PipelineOption,
    check_choice,
    handle_errors,
    settings_from,
)


@handle_errors
def eval_times(
    gold: Annotated[Path, typer.Argument(help="Gold JSON Lines file (tempeval3_tbaq schema).")],
    errors: Annotated[int, typer.Option("--errors",
                                        help="List this many wrong values.")] = 0,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    pipeline: PipelineOption = None,
) -> None:
    """Relaxed/strict extraction P/R/F1, value F1 and type accuracy of time expressions."""
    from eventdesk.evaluation.times import evaluate_times, spacy_tagger
    from eventdesk.nlp.pipeline import load_pipeline

    check_choice("--format", output_format, ("table", "json"))
    nlp = load_pipeline(settings_from(pipeline=pipeline).pipeline)
    report = evaluate_times(gold, spacy_tagger(nlp), errors=errors)
    if output_format == "json":
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        typer.echo(report.format_table())
