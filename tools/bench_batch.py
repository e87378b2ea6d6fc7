"""Throughput of `eventdesk batch` (Dask, 1 and 2 workers) against `eventdesk ingest` (1 and 2
workers), in one run on the same articles (see docs/batch.md).

Each configuration is one fresh command (``python -m eventdesk ...``) into a fresh output, timed
from start to exit: start-up (imports, spaCy and lexicon loading in every worker, starting the
Dask cluster) is included, as a user sees it. Also run: ``batch --engine local`` with one
process, the Dask-free baseline of the same work, which gives the Dask overhead. While each
command runs, the resident memory of every process of its tree is sampled (psutil); the peak
of the largest process is reported. For the batch runs, the size of the Parquet dataset and of
the coded-article work files is reported per million canonical events and per million articles.

A benchmark, not a test: it asserts nothing and CI does not run it. Usage::

    .venv/bin/python tools/bench_batch.py --corpus ../shared/corpus/guardian_syria_2019.jsonl
    .venv/bin/python tools/bench_batch.py --corpus ... --limit 60   # the first 60 articles
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "guardian_syria_2019.jsonl"

# (name, eventdesk arguments after the input and output); {out} is the fresh output
RUNS = [
    ("ingest, 1 worker", ["ingest", "{input}", "--db", "{out}/x.db", "-q", "--workers", "1"]),
    ("ingest, 2 workers", ["ingest", "{input}", "--db", "{out}/x.db", "-q", "--workers", "2"]),
    ("batch local, 1 process", ["batch", "{input}", "--out", "{out}/ds", "-q",
                                "--partition-size", "{partition}"]),
    ("batch dask, 1 worker", ["batch", "{input}", "--out", "{out}/ds", "-q", "--engine", "dask",
                              "--workers", "1", "--partition-size", "{partition}"]),
    ("batch dask, 2 workers", ["batch", "{input}", "--out", "{out}/ds", "-q", "--engine",
                               "dask", "--workers", "2", "--partition-size", "{partition}"]),
]


class PeakRSS:
    """Samples the RSS of a process and its descendants every 0.2 s; keeps the largest."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.is_set():
            try:
                for proc in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        self.peak = max(self.peak, proc.memory_info().rss)
            except psutil.Error:
                return
            self.stop.wait(0.2)

    def done(self) -> float:
        self.stop.set()
        self.thread.join()
        return self.peak / 2**20


def subset(corpus: Path, limit: int | None, folder: Path) -> tuple[Path, int]:
    """The first ``limit`` lines of a JSON Lines corpus (all without a limit) and their count."""
    lines = corpus.read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if line.strip()][:limit]
    path = folder / "input.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(lines)


def run_one(args: list[str], input_path: Path, out: Path,
            partition: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, largest process) of one eventdesk command."""
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "eventdesk",
               *(a.format(input=input_path, out=out, partition=partition) for a in args)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTDESK_")}
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    rss = PeakRSS(proc.pid)
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    peak = rss.done()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}): {stderr.strip()}")
    return seconds, peak


def dataset_sizes(folder: Path) -> dict:
    """Bytes of the Parquet dataset and of the work files, and what they hold."""
    manifest = json.loads((folder / "_manifest.json").read_text())
    parquet = sum(p.stat().st_size for p in folder.glob("month=*/*.parquet"))
    work = sum(p.stat().st_size for p in (folder / "_work").rglob("*") if p.is_file())
    return {"events": manifest["events"], "mentions": manifest["mentions"],
            "articles": manifest["articles"], "parquet_bytes": parquet, "work_bytes": work,
            "parquet_mb_per_million_events":
                round(parquet / max(1, manifest["events"]) * 1e6 / 2**20, 1),
            "work_gb_per_million_articles":
                round(work / max(1, manifest["articles"]) * 1e6 / 2**30, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="A JSON Lines corpus (default: %(default)s).")
    parser.add_argument("--limit", type=int, default=None, help="Use the first N articles.")
    parser.add_argument("--partition-size", type=int, default=10,
                        help="batch --partition-size (default %(default)s): Dask spreads "
                             "partitions, not articles, over its workers, so a run needs "
                             "several partitions per worker.")
    parser.add_argument("--out", type=Path, default=REPO / "bench-results" / "batch.json",
                        help="Where the JSON results go (default: %(default)s).")
    options = parser.parse_args(argv)
    if not options.corpus.is_file():
        parser.error(f"--corpus {options.corpus}: no such file")
    results = {"corpus": str(options.corpus), "cpus": os.cpu_count(),
               "partition_size": options.partition_size,
               "load_average_before": os.getloadavg(), "runs": []}
    with tempfile.TemporaryDirectory(prefix="eventdesk-bench-batch-") as tmp:
        input_path, count = subset(options.corpus, options.limit, Path(tmp))
        results["articles"] = count
        print(f"{count} articles from {options.corpus}", flush=True)
        print(f"{'configuration':<26} {'wall s':>8} {'articles/s':>11} {'peak RSS MB':>12}")
        for number, (name, args) in enumerate(RUNS):
            out = Path(tmp) / f"run{number}"
            seconds, peak = run_one(args, input_path, out, options.partition_size)
            run = {"name": name, "seconds": round(seconds, 2),
                   "articles_per_s": round(count / seconds, 2), "peak_rss_mb": round(peak)}
            if (out / "ds").is_dir():
                run["dataset"] = dataset_sizes(out / "ds")
            results["runs"].append(run)
            print(f"{name:<26} {seconds:>8.2f} {count / seconds:>11.2f} {peak:>12.0f}",
                  flush=True)
    by_name = {r["name"]: r["seconds"] for r in results["runs"]}
    results["dask_w2_speedup"] = round(by_name["batch dask, 1 worker"]
                                       / by_name["batch dask, 2 workers"], 2)
    results["ingest_w2_speedup"] = round(by_name["ingest, 1 worker"]
                                         / by_name["ingest, 2 workers"], 2)
    results["dask_overhead_vs_local"] = round(by_name["batch dask, 1 worker"]
                                              / by_name["batch local, 1 process"] - 1, 3)
    results["dask_w1_vs_ingest_w1"] = round(by_name["batch dask, 1 worker"]
                                            / by_name["ingest, 1 worker"] - 1, 3)
    results["load_average_after"] = os.getloadavg()
    sizes = next(r["dataset"] for r in results["runs"] if "dataset" in r)
    results["dataset"] = sizes
    print(f"2 Dask workers / 1: {results['dask_w2_speedup']}x (ingest: "
          f"{results['ingest_w2_speedup']}x); Dask, 1 worker, over batch local: "
          f"{results['dask_overhead_vs_local']:+.1%}; over ingest w=1: "
          f"{results['dask_w1_vs_ingest_w1']:+.1%}")
    print(f"dataset: {sizes['events']} canonical events ({sizes['mentions']} mentions), "
          f"{sizes['parquet_bytes']:,} bytes Parquet "
          f"({sizes['parquet_mb_per_million_events']} MB per million events); work files "
          f"{sizes['work_bytes']:,} bytes ({sizes['work_gb_per_million_articles']} GB per "
          "million articles)")
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"results: {options.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
