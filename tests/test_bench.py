"""Smoke test of the speed benchmark (tools/bench.py) on two tiny articles.

Checks the structure of the result and of the table only, never a timing: the benchmark
itself is run by hand (`make bench`), not in CI.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "tools" / "bench.py"

ARTICLES = [
    {"id": "b1", "date": "2025-03-03", "title": "France and Germany hold talks",
     "text": "France met with Germany in Berlin on Monday, officials said."},
    {"id": "b2", "date": "2025-03-04",
     "text": "Russia accused Ukraine of shelling a village last week, the ministry said."},
]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("eventdesk_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look modules up by name
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def test_run_writes_json_and_table(bench, corpus, tmp_path, warm_coder, clean_env, capsys):
    out = tmp_path / "out" / "bench.json"
    assert bench.main(["--corpus", str(corpus), "--repeat", "1", "--workers-list", "1",
                       "--out", str(out), "--no-code-one", "--stage-timeout", "0"]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert set(result) >= {"meta", "corpus", "stages", "figures", "targets"}
    assert result["corpus"]["articles"] == 2
    assert result["corpus"]["tokens"] > 0
    assert set(result["stages"]) == {"parse", "code", "ingest_w1"}
    for record in result["stages"].values():
        assert len(record["runs_wall_s"]) == 1
        for key in ("median_s", "median_cpu_s", "articles_per_s", "tokens_per_s",
                    "articles_per_cpu_s", "tokens_per_cpu_s", "x_parse", "x_parse_cpu"):
            assert isinstance(record[key], float), key
    assert result["stages"]["ingest_w1"]["new"] == 2
    assert result["stages"]["ingest_w1"]["failed"] == 0
    assert [t["key"] for t in result["targets"]] == [k for k, *_ in bench.TARGETS]
    assert {t["pass"] for t in result["targets"]} <= {True, False, None}
    assert result["figures"]["code_one_s"] is None  # --no-code-one
    printed = capsys.readouterr().out
    assert "parse only" in printed and "ingest, 1 worker(s)" in printed
    assert max(len(line) for line in printed.splitlines()) <= 100


def test_limit_takes_the_first_articles(bench, corpus):
    articles, errors = bench.load_articles(corpus, limit=1)
    assert [a.id for a in articles] == ["b1"] and errors == []


def test_scaling_figures_from_worker_runs(bench, warm_coder, clean_env):
    """Two-worker figures without spawning workers: summarise() on made-up run times."""
    from eventdesk.config import Settings

    articles, _ = bench.load_articles(bench.DEFAULT_CORPUS)

    def run(wall: float, cpu: float, **extra) -> dict:
        return {"wall": wall, "cpu": cpu, "new": 2, "events": 1, "failed": 0, "errors": [],
                **extra}

    raw = {"parse": [{"wall": 1.0, "cpu": 1.0}], "code": [{"wall": 1.1, "cpu": 1.1}],
           "ingest_w1": [run(1.2, 1.2)], "ingest_w2": [run(1.0, 2.6)],
           "startup": [{"wall": 0.4, "cpu": 0.8}], "one": []}
    result = bench.summarise(raw, corpus=bench.DEFAULT_CORPUS, limit=None, articles=articles,
                             docs=2, tokens=100, events=1, read_errors=[],
                             workers_list=(1, 2), repeat=1, settings=Settings(),
                             coder=warm_coder, load_s=0.1, rss_self=100.0, rss_workers=90.0,
                             ru_children=100.0)
    figures = result["figures"]
    assert figures["scaling_w2"] == pytest.approx(1.2 / 0.6)
    assert figures["scaling_w2_gross"] == pytest.approx(1.2)
    assert figures["rss_worker_mb"] == 90.0
    assert "ingest_w2_net" in result["stages"]
    json.dumps(result)
    assert max(len(line) for line in bench.table(result).splitlines()) <= 100


def test_bad_workers_list_is_a_usage_error(bench):
    with pytest.raises(SystemExit):
        bench.parse_args(["--workers-list", "one,two"])
