"""What every command shares: options, error handling, settings."""

from __future__ import annotations

import functools
import sqlite3
import sys
from pathlib import Path
from typing import Annotated

import typer

from eventdesk.config import HELP, Settings
from eventdesk.errors import ConfigError, EventdeskError, UsageError

DbOption = Annotated[Path | None, typer.Option("--db", help=HELP["db"], show_default=False)]
PipelineOption = Annotated[str | None, typer.Option("--pipeline", help=HELP["pipeline"])]
LexiconOption = Annotated[list[Path] | None, typer.Option(
    "--lexicon", help="Extra lexicon folder (repeatable); adds to EVENTDESK_LEXICON_DIRS.")]
MaxBytesOption = Annotated[int | None, typer.Option("--max-bytes", help=HELP["max_bytes"])]
InputFormatOption = Annotated[str | None, typer.Option(
    "--input-format", help="Force the input format: seed, text, jsonl, html or feed.")]
DateOption = Annotated[str | None, typer.Option(
    "--date", help="Article date (YYYY-MM-DD) for inputs that carry none.")]


def settings_from(db: Path | None = None, pipeline: str | None = None,
                  lexicon: list[Path] | None = None, max_bytes: int | None = None) -> Settings:
    base = Settings.from_env()
    dirs = tuple(base.lexicon_dirs) + tuple(str(p) for p in lexicon or ())
    if max_bytes is not None and max_bytes < 1:
        raise ConfigError(f"--max-bytes must be at least 1, got {max_bytes}")
    return base.with_overrides(db=str(db) if db else None, pipeline=pipeline,
                               lexicon_dirs=dirs or None, max_bytes=max_bytes)


def err(message: str) -> None:
    print(f"eventdesk: {message}", file=sys.stderr, flush=True)


def handle_errors(func):
    """Turn eventdesk's own errors into one line on stderr and an exit status."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (ConfigError, UsageError) as exc:
            err(f"error: {exc}")
            raise typer.Exit(2) from None
        except EventdeskError as exc:
            err(f"error: {exc}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err("interrupted")
            raise typer.Exit(130) from None
        except sqlite3.OperationalError as exc:
            err(f"error: {database_problem(exc)}")
            raise typer.Exit(1) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper


def database_problem(exc: sqlite3.Error) -> str:
    """One line for a database error that escaped the store (busy, full, read-only, ...)."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return ("database is busy: another process held its write lock longer than the busy "
                "timeout; try again when that process is done")
    if "full" in text:
        return f"database error: {text}; free some disk space and run the command again"
    return f"database error: {text}"


def check_choice(option: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise UsageError(f"{option} must be one of {', '.join(choices)}, got {value!r}")
    return value


def check_inputs(date: str | None, input_format: str | None) -> None:
    """Validate --date and --input-format before anything is opened or created."""
    from eventdesk.ingest import FORMATS
    from eventdesk.ingest.common import check_day

    try:
        check_day(date)
    except ValueError as exc:
        raise UsageError(f"--date: {exc}") from None
    if input_format is not None:
        check_choice("--input-format", input_format, FORMATS)
