"""What every command shares: options, argument checks, error handling, settings."""

from __future__ import annotations

import functools
import sqlite3
import sys
from pathlib import Path
from typing import Annotated

import typer

from eventdesk.cli.arguments import check_arguments
from eventdesk.config import HELP, Settings, check_range
from eventdesk.errors import ConfigError, EventdeskError, UsageError

InputsArgument = Annotated[list[str], typer.Argument(
    help="Files, folders (recursive), http(s) URLs, or - for standard input.")]
DbOption = Annotated[Path | None, typer.Option("--db", help=HELP["db"], show_default=False)]
PipelineOption = Annotated[str | None, typer.Option("--pipeline", help=HELP["pipeline"])]
LexiconOption = Annotated[list[Path] | None, typer.Option(
    "--lexicon", help="Extra lexicon folder (repeatable); adds to EVENTDESK_LEXICON_DIRS.")]
MaxBytesOption = Annotated[int | None, typer.Option("--max-bytes", help=HELP["max_bytes"])]
MaxCharsOption = Annotated[int | None, typer.Option("--max-chars", help=HELP["max_chars"])]
FetchTimeoutOption = Annotated[int | None, typer.Option("--fetch-timeout",
                                                        help=HELP["fetch_timeout"])]
InputFormatOption = Annotated[str | None, typer.Option(
    "--input-format", help="Force the input format: seed, text, jsonl, json, html or feed.")]
DateOption = Annotated[str | None, typer.Option(
    "--date", help="Article date (YYYY-MM-DD) for inputs that carry none.")]


def settings_from(db: Path | None = None, pipeline: str | None = None,
                  lexicon: list[Path] | None = None, max_bytes: int | None = None,
                  max_chars: int | None = None, fetch_timeout: int | None = None) -> Settings:
    base = Settings.from_env()
    dirs = tuple(base.lexicon_dirs) + tuple(str(p) for p in lexicon or ())
    limits = {"max_bytes": max_bytes, "max_chars": max_chars, "fetch_timeout": fetch_timeout}
    for name, value in limits.items():
        if value is not None:
            check_range("--" + name.replace("_", "-"), value, name)
    return base.with_overrides(db=str(db) if db else None, pipeline=pipeline,
                               lexicon_dirs=dirs or None, **limits)


def err(message: str) -> None:
    print(f"eventdesk: {message}", file=sys.stderr, flush=True)


def report_summary(summary, quiet: bool) -> None:
    """The run's summary line on stderr (unless quiet); exit status 1 when an input failed."""
    if not quiet:
        print(summary.line(), file=sys.stderr)
    if summary.failed:
        raise typer.Exit(1)


def handle_errors(func):
    """Check the arguments, then run the command; its errors become one line on stderr and
    an exit status (2: bad usage, 1: anything else, 130: interrupted)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            check_arguments(func, kwargs)
            result = func(*args, **kwargs)
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
            return result
        except (ConfigError, UsageError) as exc:
            err(f"error: {exc}")
            raise typer.Exit(2) from None
        except EventdeskError as exc:
            err(f"error: {exc}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err("interrupted")
            raise typer.Exit(130) from None
        except sqlite3.Error as exc:
            from eventdesk.store.transactions import database_problem

            err(f"error: {database_problem(exc)}")
            raise typer.Exit(1) from None
        except BrokenPipeError:
            _drop_stdout()
            sys.stderr.close()
            raise typer.Exit(0) from None
        except OSError as exc:
            _drop_stdout()
            err(f"error: {_os_problem(exc)}")
            raise typer.Exit(1) from None

    return wrapper


def _os_problem(exc: OSError) -> str:
    reason = (exc.strerror or str(exc)).lower()
    if exc.filename is not None:
        return f"{exc.filename}: {reason}"
    return f"cannot write the output: {reason}"


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at exit cannot fail again."""
    import os

    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests)
        pass


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
