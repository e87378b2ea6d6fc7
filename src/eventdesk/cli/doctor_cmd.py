"""`eventdesk doctor`: check the install and say what to fix."""

from __future__ import annotations

import typer

from eventdesk.cli.common import (
    DbOption,
    LexiconOption,
    PipelineOption,
    handle_errors,
    settings_from,
)


@handle_errors
def doctor(db: DbOption = None, pipeline: PipelineOption = None,
           lexicon: LexiconOption = None) -> None:
    """Check Python, SQLite, the spaCy pipeline, lexicons, the database and free disk."""
    from eventdesk.doctor import FAIL, format_check, run_checks

    checks = run_checks(settings_from(db=db, pipeline=pipeline, lexicon=lexicon))
    for check in checks:
        typer.echo(format_check(check))
    failed = [c.name for c in checks if c.status == FAIL]
    if failed:
        typer.echo(f"{len(failed)} problem(s): {', '.join(failed)}", err=True)
        raise typer.Exit(1)
