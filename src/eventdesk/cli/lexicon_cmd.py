"""`eventdesk lexicon check` validates lexicon files; `eventdesk lexicon stats` counts how often
each entry fires on a corpus."""

from __future__ import annotations

from typing import Annotated

import typer

from eventdesk.cli.common import (
    DateOption,
    InputFormatOption,
    LexiconOption,
    PipelineOption,
    handle_errors,
    settings_from,
)

app = typer.Typer(help="Inspect and validate the lexicon files.", no_args_is_help=True)


@app.command("check")
@handle_errors
def check(lexicon: LexiconOption = None) -> None:
    """Validate the built-in lexicon and user lexicon folders; print file:line: reason."""
    from eventdesk.lexicon import build_lexicon

    settings = settings_from(lexicon=lexicon)
    built = build_lexicon(tuple(settings.lexicon_dirs))
    for problem in built.problems:
        typer.echo(problem)
    actors, events = built.actors, built.events
    verbs = sum(len(v) for v in events.verbs.values())
    nouns = sum(len(v) for v in events.nouns.values())
    summary = (f"{len(built.problems)} problem(s); {len(actors.countries)} countries, "
               f"{len(actors.names)} actor names, {len(actors.sectors)} sector words, "
               f"{len(events.rules)} event rules ({verbs} verb and {nouns} noun triggers), "
               f"{len(events.cameo)} CAMEO codes")
    typer.echo(summary, err=True)
    if built.problems:
        raise typer.Exit(1)


@app.command("stats")
@handle_errors
def stats(
    paths: Annotated[list[str], typer.Argument(
        help="Articles to code: files, folders, http(s) URLs, or - for standard input.")],
    limit: Annotated[int | None, typer.Option(
        "--limit", min=1, help="Show only the rules found most often.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    date: DateOption = None,
    input_format: InputFormatOption = None,
    pipeline: PipelineOption = None,
    lexicon: LexiconOption = None,
) -> None:
    """Code a corpus and count, per lexicon rule, the triggers found and what became of them
    (kept, inside another event, no political participant, vetoed, ...); per role construction
    the roles it filled; per reinterpretation row the events it changed."""
    import json

    from eventdesk.cli.common import check_choice, check_inputs, err
    from eventdesk.coder import get_coder
    from eventdesk.evaluation.lexicon_stats import collect
    from eventdesk.ingest import iter_articles

    check_choice("--format", output_format, ("table", "json"))
    check_inputs(date, input_format)
    settings = settings_from(pipeline=pipeline, lexicon=lexicon)
    articles = iter_articles(paths, input_format, date, settings.max_bytes)
    result = collect(articles, get_coder(settings), lambda e: err(str(e)))
    if output_format == "json":
        typer.echo(json.dumps(result.to_dict(), indent=2))
    else:
        typer.echo(result.format_table(limit), nl=False)
    if result.failed:
        raise typer.Exit(1)
