"""`eventdesk lexicon check`: validate lexicon files."""

from __future__ import annotations

import typer

from eventdesk.cli.common import LexiconOption, handle_errors, settings_from

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
