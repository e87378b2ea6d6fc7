"""Progress on stderr: articles counted first, a bar with total, rate and ETA, a loading line;
nothing when stderr is not a terminal or with --quiet, and stdout never touched."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

from conftest import SAMPLES
from eventdesk.cli import progress
from eventdesk.cli.main import app


def test_articles_are_counted_first(tmp_path: Path) -> None:
    lines = tmp_path / "many.jsonl"
    lines.write_text("".join(json.dumps({"text": f"Text {i}."}) + "\n" for i in range(7))
                     + "\n", encoding="utf-8")
    (tmp_path / "one.txt").write_text("A text.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    assert progress.count_articles([str(tmp_path)]) == 8
    assert progress.count_articles([str(lines), str(tmp_path / "missing.txt")]) == 7
    assert progress.count_articles(["-"]) is None
    assert progress.count_articles(["https://example.org/feed"]) is None
    assert progress.count_articles([str(SAMPLES)]) is None  # a feed: its items are unknown
    assert progress.count_articles([str(SAMPLES / "briefs.jsonl")]) == 3


def test_bar_shows_total_rate_and_time_left() -> None:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=120, color_system=None)
    bar = progress.make_progress(console)
    task = bar.add_task("articles", total=10, note="12 events")
    bar.start_task(task)
    for _ in range(4):
        bar.advance(task)
        time.sleep(0.02)
    console.print(bar.get_renderable())
    text = buffer.getvalue()
    assert "4/10" in text and "/s" in text and "eta" in text and "12 events" in text
    assert "-:--:--" not in text.split("eta", 1)[1].split("elapsed", 1)[0]  # an ETA is known


@pytest.mark.usefixtures("clean_env")
def test_quiet_when_not_a_terminal_and_stdout_untouched(cli, monkeypatch) -> None:
    result = cli.invoke(app, ["code", str(SAMPLES / "briefs.jsonl")])
    assert result.exit_code == 0 and result.stderr == ""  # stderr is no terminal here
    # as if stderr were a terminal (the runner's stderr is a buffer)
    monkeypatch.setattr(progress, "interactive", lambda quiet=False: not quiet)
    shown = cli.invoke(app, ["code", str(SAMPLES / "briefs.jsonl")])
    assert "loading the language model" in shown.stderr
    assert shown.stdout == result.stdout  # progress goes to stderr only
    assert all(json.loads(line) for line in shown.stdout.splitlines())
    quiet = cli.invoke(app, ["code", "--quiet", str(SAMPLES / "briefs.jsonl")])
    assert quiet.stderr == "" and quiet.stdout == result.stdout
