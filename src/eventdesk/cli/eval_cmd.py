"""`eventdesk eval`: score the coder against gold event files (sentences, snippets, stories)."""

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
from eventdesk.cli.progress import counted
from eventdesk.errors import InputError

HalfOption = Annotated[str, typer.Option(
    "--half", help="tune, check or all: the half of the gold file to score (split by a hash "
                   "of each record id; rules are written on the tuning half only).")]


@handle_errors
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSON Lines file (a schema of eval/dev).")],
    errors: Annotated[int, typer.Option("--errors",
                                        help="List this many mis-coded examples.")] = 0,
    half: HalfOption = "all",
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    pipeline: PipelineOption = None,
    lexicon: LexiconOption = None,
) -> None:
    """Score event coding. Sentence gold (plover_gsr, petr2_gsr): P/R/F1 of types, (type,
    source, target) triples, CAMEO roots. Snippets (case2021_dev): hit rate, top accuracy,
    false alarms on disasters. Stories (ngec_synthetic_dev): macro label recall."""
    from eventdesk.evaluation import evaluate_events
    from eventdesk.evaluation.snippets import evaluate_snippets, evaluate_stories
    from eventdesk.model import Article

    check_choice("--format", output_format, ("table", "json"))
    check_choice("--half", half, ("tune", "check", "all"))
    wanted = None if half == "all" else half
    kind = gold_kind(str(gold))
    coder = _loaded_coder(pipeline, lexicon)

    def code_texts(items):
        articles = [Article(text=text, title=title, origin=f"gold:{n}")
                    for n, (title, text) in enumerate(items)]
        coded_all = counted(coder.code(articles), len(articles))
        return [[e.to_dict() for e in coded.events] for coded in coded_all]

    def code_batch(items):
        articles = [Article(text=text, date=date, origin=f"gold:{n}")
                    for n, (text, date) in enumerate(items)]
        coded_all = counted(coder.code(articles), len(articles))
        return [[e.to_dict() for e in coded.events] for coded in coded_all]

    if kind == "snippets":
        report = evaluate_snippets(str(gold), code_texts, wanted, errors)
    elif kind == "stories":
        report = evaluate_stories(str(gold), code_texts, wanted, errors)
    else:
        report = evaluate_events(str(gold), code_batch, errors=errors, half=wanted)
    if output_format == "json":
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        typer.echo(report.format_table())


def _loaded_coder(pipeline, lexicon):
    """The coder, with a line on stderr while its language model loads (to a terminal)."""
    from eventdesk.cli.progress import interactive, loading_line
    from eventdesk.coder import get_coder

    settings = settings_from(pipeline=pipeline, lexicon=lexicon)
    loading_line(settings, interactive())
    return get_coder(settings)


def gold_kind(path: str) -> str:
    """sentences, snippets or stories, from the keys of the file's first record."""
    try:
        with open(path, encoding="utf-8") as handle:
            first = next((line for line in handle if line.strip()), "")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    try:
        record = json.loads(first) if first else {}
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg}", 1) from None
    if isinstance(record, dict) and "accept" in record:
        return "snippets"
    if isinstance(record, dict) and "label" in record:
        return "stories"
    return "sentences"


@handle_errors
def eval_articles(
    gold: Annotated[Path, typer.Argument(help="Whole-article gold (eval/articles/*.jsonl).")],
    corpus: Annotated[Path, typer.Option(
        "--corpus", help="JSON Lines corpus holding the gold's articles (id, date, text).")],
    errors: Annotated[int, typer.Option("--errors", min=0,
                                        help="List this many wrong, extra or missed events.")]
    = 0,
    half: HalfOption = "all",
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    pipeline: PipelineOption = None,
    lexicon: LexiconOption = None,
) -> None:
    """Whole articles coded by hand: share of coded events that are real, per-field precision
    (type, source, target, date, place), all fields right, and recall."""
    from eventdesk.evaluation.articles import evaluate_articles
    from eventdesk.model import Article

    check_choice("--format", output_format, ("table", "json"))
    check_choice("--half", half, ("tune", "check", "all"))
    coder = _loaded_coder(pipeline, lexicon)

    def code(records):
        articles = [Article(text=r["text"], title=r.get("title"), date=r.get("date"),
                            id=str(r["id"]), source=r.get("source"), origin=str(r["id"]))
                    for r in records]
        coded_all = counted(coder.code(articles), len(articles))
        return [[e.to_dict() for e in coded.events] for coded in coded_all]

    report = evaluate_articles(str(gold), str(corpus), code, None if half == "all" else half,
                               errors)
    if output_format == "json":
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        typer.echo(report.format_table())
