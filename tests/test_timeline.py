"""`eventdesk timeline`: one line per canonical event, filters, evidence, jsonl fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventdesk.cli.main import app
from eventdesk.store import open_store
from test_cluster_helpers import CORPUS, article

pytestmark = pytest.mark.usefixtures("clean_env")

EXTRA = article("w6", [{"text": "China accused the United States of meddling in trade.",
                        "type": "ACCUSE", "source": ["CHN"], "target": ["USA"],
                        "trigger": "accused"}], date="2025-03-12", source="Global Post")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("timeline") / "t.db"
    with open_store(path) as store:
        for coded in [*CORPUS, EXTRA]:
            store.write_article(coded, "test/1")
    return path


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def test_table_has_one_line_per_canonical_event(db: Path) -> None:
    result = run("timeline", "--db", db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("date") and len(lines) == 1 + 4
    assert [line[:10] for line in lines[1:]] == sorted(line[:10] for line in lines[1:])
    shelling = [line for line in lines if "ASSAULT" in line and "2025-03-11" in line]
    assert len(shelling) == 1 and "   3  " in shelling[0]  # three articles


def test_evidence_lists_every_mention(db: Path) -> None:
    result = run("timeline", "--db", db, "--evidence", "--since", "2025-03-11",
                 "--until", "2025-03-11")
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 1 + 3
    assert "[Northern Wire 2025-03-11]" in result.stdout
    assert "[herald.example 2025-03-11]" in result.stdout  # no outlet: the URL host


def test_jsonl_carries_contract_and_cluster_fields(db: Path, event_validator) -> None:
    result = run("timeline", "--db", db, "--format", "jsonl", "--evidence")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 4
    for row in rows:
        assert {"cluster_id", "num_mentions", "num_sources", "num_articles"} <= set(row)
        contract = {k: v for k, v in row.items() if k in event_validator.schema["$defs"]
                    ["event"]["properties"]}
        event_validator.validate(contract)
        assert len(row["mentions"]) == row["num_mentions"]
    top = max(rows, key=lambda r: r["num_mentions"])
    assert (top["num_mentions"], top["num_sources"], top["num_articles"]) == (3, 3, 3)


@pytest.mark.parametrize("args,count", [
    (["--actor", "RUS"], 3), (["--actor", "RUS", "--actor", "UKR"], 1),
    (["--actor", "CHN"], 1), (["--dyad", "CHN-USA"], 1), (["--dyad", "USA-CHN"], 0),
    (["--dyad", "USA-CHN", "--dyad", "CHN-US"], 1), (["--type", "consult"], 1),
    (["--since", "2025-03-12"], 2), (["--until", "2025-03"], 4), (["--limit", "2"], 2),
])
def test_filters(db: Path, args: list[str], count: int) -> None:
    result = run("timeline", "--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == count


@pytest.mark.parametrize("args", [["--format", "xml"], ["--dyad", "RUS"], ["--since", "March"],
                                  ["--type", "FIGHT"], ["--actor", ""]])
def test_bad_options_are_one_line(db: Path, args: list[str]) -> None:
    result = run("timeline", "--db", db, *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_store_is_one_line(tmp_path: Path) -> None:
    result = run("timeline", "--db", tmp_path / "none.db")
    assert result.exit_code == 1 and "no such database" in result.stderr


@pytest.mark.parametrize("args", [["--actor", "RUS", "--limit", "5"],
                                  ["--actor", "RUS", "--actor", "UKR", "--limit", "5"],
                                  ["--dyad", "CHN-USA", "--limit", "5"],
                                  ["--actor", "RUS", "--since", "2025-03-11"]])
def test_probe_and_list_plans_agree(db: Path, args: list[str], monkeypatch) -> None:
    listed = run("timeline", "--db", db, "--format", "jsonl", *args).stdout
    monkeypatch.setattr("eventdesk.query.canonical.COMMON", 0)  # every actor counts as common
    probed = run("timeline", "--db", db, "--format", "jsonl", *args).stdout
    assert probed == listed and listed


def test_events_actor_plans_agree(db: Path, monkeypatch) -> None:
    args = ["events", "--db", db, "--format", "jsonl", "--actor", "RUS", "--limit", "3"]
    listed = run(*args).stdout
    monkeypatch.setattr("eventdesk.query.canonical.COMMON", 0)
    assert run(*args).stdout == listed and len(listed.splitlines()) == 3
