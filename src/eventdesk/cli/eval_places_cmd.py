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
from eventdesk.cli.eval_cmd import HalfOption
from eventdesk.errors import UsageError


@handle_errors
def eval_places(
    gold: Annotated[Path, typer.Argument(help="Gold geo_*.jsonl file (schema of eval/dev).")],
    errors: Annotated[int, typer.Option("--errors",
                                        help="List this many errors (missed, far, spurious).")] = 0,
    half: HalfOption = "all",
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    pipeline: PipelineOption = None,
) -> None:
    """Recognition P/R/F1 (overlapping spans) and Acc@161 of resolved places."""
    from eventdesk.coder import get_coder
    from eventdesk.evaluation.places import evaluate_places
    from eventdesk.evaluation.split import in_half
    from eventdesk.model import Article

    check_choice("--format", output_format, ("table", "json"))
    check_choice("--half", half, ("tune", "check", "all"))
    if not gold.is_file():
        raise UsageError(f"no such gold file: {gold}")
    coder = get_coder(settings_from(pipeline=pipeline))

    def tag(text: str, date: str | None):
        """The places the coder finds, as in `eventdesk code` (the article's own actors and
        countries steer them)."""
        return list(coder.code_one(Article(text=text, date=date, origin="gold")).places)

    wanted = None if half == "all" else half
    report = evaluate_places(gold, tag, errors=errors,
                             keep=lambda record: in_half(record, wanted))
    if output_format == "json":
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        typer.echo(report.format_table())
