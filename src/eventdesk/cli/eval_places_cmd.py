"""`eventdesk eval-places`: score the geoparser against gold toponym files."""

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
from eventdesk.errors import UsageError


@handle_errors
def eval_places(
    gold: Annotated[Path, typer.Argument(help="Gold geo_*.jsonl file (schema of eval/dev).")],
    errors: Annotated[int, typer.Option("--errors",
                                        help="List this many errors (missed, far, spurious).")] = 0,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    pipeline: PipelineOption = None,
) -> None:
    """Recognition P/R/F1 (overlapping spans) and Acc@161 of resolved places."""
    from eventdesk.evaluation.places import evaluate_places
    from eventdesk.extract.places import PlaceFinder, geocode, load_gazetteer
    from eventdesk.nlp.pipeline import load_pipeline

    check_choice("--format", output_format, ("table", "json"))
    if not gold.is_file():
        raise UsageError(f"no such gold file: {gold}")
    nlp = load_pipeline(settings_from(pipeline=pipeline).pipeline)
    finder = PlaceFinder(load_gazetteer())

    def tag(text: str, date: str | None):
        return geocode(text, date, nlp=nlp, finder=finder)

    report = evaluate_places(gold, tag, errors=errors)
    if output_format == "json":
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        typer.echo(report.format_table())
