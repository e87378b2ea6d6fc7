"""Progress a person can read, on stderr: a bar with total, rate and ETA when the number of
articles is known (counted first, cheaply), a line while the language model loads, nothing
when stderr is not a terminal (piped, redirected, tests) or with --quiet.

Counting: a JSON Lines file holds one article per non-blank line (counted by scanning the
bytes, not parsing them), another article file one article; a feed, a JSON array, a URL or
standard input makes the total unknown, and the bar then counts without a total or ETA.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from contextlib import contextmanager

from rich.progress import ProgressColumn

from eventdesk.ingest.sources import ARTICLE_EXTENSIONS

UNCOUNTABLE = frozenset({".json", ".rss", ".atom", ".xml"})  # how many articles: unknown
LINES = frozenset({".jsonl", ".ndjson"})


def interactive(quiet: bool = False) -> bool:
    """Show progress? Only to a person: stderr is a terminal and no --quiet."""
    return not quiet and sys.stderr.isatty()


def count_articles(paths: Iterable[str]) -> int | None:
    """How many articles ``paths`` hold, or None when that cannot be known cheaply."""
    total = 0
    for path in paths:
        if path == "-" or "://" in path:
            return None
        if os.path.isdir(path):
            files = [os.path.join(root, name) for root, dirs, names in os.walk(path)
                     for name in names if not name.startswith(".")
                     and os.path.splitext(name)[1].lower() in ARTICLE_EXTENSIONS]
        elif os.path.isfile(path):
            files = [path]
        else:
            continue  # missing: reported as a failure, no article
        for name in files:
            count = _articles_in(name)
            if count is None:
                return None
            total += count
    return total


def _articles_in(path: str) -> int | None:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in UNCOUNTABLE:
        return None
    if suffix not in LINES:
        return 1
    count = 0
    try:
        with open(path, "rb") as handle:
            for line in handle:
                if line.strip():
                    count += 1
    except OSError:
        return 0
    return count


def loading_line(settings, enabled: bool) -> None:
    """Say that the language model is loading (it takes seconds before the first article)."""
    if enabled:
        print(f"eventdesk: loading the language model {settings.pipeline} ...", file=sys.stderr,
              flush=True)


@contextmanager
def article_bar(total: int | None, enabled: bool, label: str = "articles"):
    """A rich progress bar on stderr (None when not ``enabled``): ``bar.advance(n)``,
    ``bar.describe(text)``."""
    if not enabled:
        yield None
        return
    from rich.console import Console

    progress = make_progress(Console(stderr=True))
    with progress:
        yield Bar(progress, progress.add_task(label, total=total, note=""), label)


def make_progress(console):
    """The bar's columns: count of total, a bar, rate, time left, time spent, a note."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    RateColumn(), TextColumn("eta"), TimeRemainingColumn(),
                    TextColumn("elapsed"), TimeElapsedColumn(), TextColumn("{task.fields[note]}"),
                    console=console, transient=True, redirect_stdout=False)


class RateColumn(ProgressColumn):
    """Articles per second (per minute when slower than one a second)."""

    def render(self, task):
        from rich.text import Text

        speed = task.finished_speed or task.speed
        if not speed:
            return Text("-/s")
        return Text(f"{speed:.1f}/s" if speed >= 1 else f"{speed * 60:.1f}/min")


class Bar:
    def __init__(self, progress, task, label: str):
        self.progress = progress
        self.task = task
        self.label = label

    def advance(self, count: int = 1) -> None:
        self.progress.advance(self.task, count)

    def update(self, completed: int, note: str = "") -> None:
        self.progress.update(self.task, completed=completed, note=note)


def counted(items: Iterable, total: int | None, quiet: bool = False):
    """``items`` passed through, with a bar on stderr when a person is watching."""
    show = interactive(quiet)
    with article_bar(total, show) as bar:
        for item in items:
            yield item
            if bar is not None:
                bar.advance()
