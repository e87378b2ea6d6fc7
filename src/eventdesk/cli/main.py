"""The `eventdesk` command: a thin layer over the library."""

from __future__ import annotations

from typing import Annotated

import typer

from eventdesk.cli import (
    batch_cmd,
    code_cmd,
    doctor_cmd,
    eval_cmd,
    eval_places_cmd,
    eval_times_cmd,
    export_cmd,
    ingest_cmd,
    lexicon_cmd,
    query_cmd,
    serve_cmd,
    timeline_cmd,
    watch_cmd,
)

app = typer.Typer(
    name="eventdesk",
    help="Political event data (PLOVER/CAMEO) from news articles: code, store, query.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from eventdesk.coder import __version__, coder_version
        from eventdesk.config import Settings

        typer.echo(f"eventdesk {__version__} (coder {coder_version(Settings.from_env())})")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Political event data (PLOVER/CAMEO) from news articles: code, store, query."""


app.command("code")(code_cmd.code)
app.command("ingest")(ingest_cmd.ingest)
app.command("events")(query_cmd.events)
app.command("stats")(query_cmd.stats)
app.command("show")(query_cmd.show)
app.command("timeline")(timeline_cmd.timeline)
app.command("export")(export_cmd.export)
app.command("batch")(batch_cmd.batch)
app.command("load")(batch_cmd.load)
app.command("watch")(watch_cmd.watch)
app.command("recluster")(query_cmd.recluster)
app.command("eval")(eval_cmd.evaluate)
app.command("eval-articles")(eval_cmd.eval_articles)
app.command("eval-times")(eval_times_cmd.eval_times)
app.command("eval-places")(eval_places_cmd.eval_places)
app.add_typer(lexicon_cmd.app, name="lexicon")
app.command("doctor")(doctor_cmd.doctor)
app.command("serve")(serve_cmd.serve)


def run() -> None:
    app()
