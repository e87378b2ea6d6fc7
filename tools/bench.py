"""Speed benchmark of eventdesk: what the coder costs on top of spaCy's parse.

Measures, in one run and on the same articles (see docs/benchmark.md):

1. parse only: ``parse_articles`` (the coder's own nlp.pipe step, same pipeline, same batch
   size, titles included) with the pipeline already loaded and warmed up;
2. coding without storage: ``Coder.code`` (parse + actors, events, times, places);
3. end-to-end ``eventdesk.runner.ingest`` into a fresh temporary SQLite database, once per
   ``--workers-list`` entry; with more than one worker the wall time includes spawning the
   pool and loading the pipeline in every worker, which is also timed on its own;
4. start-up plus one article: ``python -m eventdesk code samples/seed_...txt`` as a process;
5. peak RSS: this process (every single-process stage), the largest pool worker and the
   ``eventdesk code`` process (VmHWM sampled from /proc; see ``ChildPeakRSS``).

Reports medians of ``--repeat`` runs as a table (100 columns) and as JSON. It is a benchmark,
not a test: it asserts nothing about speed and CI does not run it. Usage::

    .venv/bin/python tools/bench.py                      # the bundled samples/
    .venv/bin/python tools/bench.py --corpus /work/shared/corpus/guardian_syria_2019.jsonl
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import multiprocessing
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO / "samples"
ONE_ARTICLE = REPO / "samples" / "seed_lavrov_rubio_2025-05-29.txt"
DEFAULT_OUT = REPO / "bench-results" / "bench.json"
STARTUP_PROBE_SECONDS = 0.3  # each pool worker sleeps this long once it is ready
STARTUP_SHARE_MAX = 0.5  # no "less start-up" figures when start-up is half the run or more

# name, description, comparison, threshold (from the issue)
TARGETS = [
    ("e2e_over_parse_cpu", "ingest w=1 / parse only, per CPU-second", ">=", 0.80),
    ("scaling_w2", "ingest w=2 / w=1, net of start-up", ">=", 1.70),
    ("rss_worker_mb", "peak RSS per worker, MB", "<", 600.0),
    ("code_one_s", "eventdesk code, 1 article, s", "<", 3.0),
]


# -- inputs ---------------------------------------------------------------------------------


def load_articles(corpus: str | Path, limit: int | None = None) -> tuple[list, list[str]]:
    """The articles ingest would code (input order, duplicates dropped), and the read errors."""
    from eventdesk.errors import InputError
    from eventdesk.ingest import iter_articles

    articles, errors, seen = [], [], set()
    for item in iter_articles([str(corpus)]):
        if isinstance(item, InputError):
            errors.append(str(item))
            continue
        if item.content_hash in seen:
            continue
        seen.add(item.content_hash)
        articles.append(item)
        if limit is not None and len(articles) >= limit:
            break
    return articles, errors


def write_jsonl(articles: list, path: Path) -> Path:
    """Write articles as eventdesk JSON Lines (same text, title and date: same content hash)."""
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            record = {"id": a.id, "title": a.title, "date": a.date, "source": a.source,
                      "url": a.url, "text": a.text}
            fh.write(json.dumps({k: v for k, v in record.items() if v is not None},
                                ensure_ascii=False) + "\n")
    return path


# -- measurements ---------------------------------------------------------------------------


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its waited-for children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(action: Callable[[], Any]) -> tuple[dict[str, float], Any]:
    """Run ``action``; ({"wall": s, "cpu": s}, its result). CPU time counts child processes
    once they have been waited for (pool workers are, when the pool closes)."""
    cpu, started = cpu_seconds(), time.perf_counter()
    result = action()
    return {"wall": time.perf_counter() - started, "cpu": cpu_seconds() - cpu}, result


def parse_only(coder, articles: list) -> tuple[int, int]:
    """Parse every article with the coder's pipeline and batching; (docs, spaCy tokens)."""
    from eventdesk.nlp.pipeline import parse_articles

    docs = tokens = 0
    for _article, pieces in parse_articles(coder.nlp, articles, coder.settings.batch_size):
        for _segment, _offset, doc in pieces:
            docs += 1
            tokens += len(doc)
    return docs, tokens


def code_only(coder, articles: list) -> tuple[int, float | None]:
    """Code every article, store nothing; (events, CPU seconds spent in the parse step).

    The parse step is timed by wrapping ``eventdesk.coder.parse_articles`` for the call, so
    parse and extraction shares come from the same pass (robust to load changing between
    stages). None when the coder no longer calls ``parse_articles``.
    """
    import eventdesk.coder as coder_module

    original = getattr(coder_module, "parse_articles", None)
    spent = [0.0]
    end = object()

    def timed_parse(*args: Any, **kwargs: Any):
        batches = original(*args, **kwargs)
        while True:
            started = time.process_time()
            item = next(batches, end)
            spent[0] += time.process_time() - started
            if item is end:
                return
            yield item

    if original is not None:
        coder_module.parse_articles = timed_parse
    try:
        events = sum(len(coded.events) for coded in coder.code(articles))
    finally:
        if original is not None:
            coder_module.parse_articles = original
    return events, (spent[0] if original is not None and spent[0] > 0 else None)


def ingest_once(path: Path, settings, workers: int, folder: Path) -> dict[str, Any]:
    """One ``runner.ingest`` of ``path`` into a new database in ``folder``."""
    from eventdesk.runner import ingest
    from eventdesk.store import open_store

    db = Path(tempfile.mkdtemp(dir=folder)) / "bench.db"
    errors: list[str] = []
    with open_store(db) as store:
        times, summary = timed(lambda: ingest([str(path)], store, settings, workers=workers,
                                              on_error=lambda e: errors.append(str(e))))
    return {**times, "new": summary.new, "events": summary.events,
            "failed": summary.failed, "errors": errors[:5]}


def pool_startup(settings, workers: int) -> dict[str, float] | None:
    """Seconds to spawn ``workers`` coding processes and build a Coder in each (the fixed cost
    ingest pays before its first article when workers > 1), as ``runner.code_stream`` does."""
    from eventdesk import runner

    initializer = getattr(runner, "_init_worker", None)
    if initializer is None:  # the runner changed: nothing to imitate
        return None
    context = multiprocessing.get_context("spawn")

    def start() -> None:
        with context.Pool(workers, initializer=initializer, initargs=(settings,)) as pool:
            pool.map(time.sleep, [STARTUP_PROBE_SECONDS] * workers, chunksize=1)

    times, _ = timed(start)
    return {"wall": times["wall"] - STARTUP_PROBE_SECONDS, "cpu": times["cpu"]}


def code_one_article(path: Path) -> dict[str, Any]:
    """Wall time and peak RSS of ``python -m eventdesk code PATH`` (start-up included)."""
    with tempfile.TemporaryFile() as errfile, ChildPeakRSS(0.02) as sampler:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "eventdesk", "code", str(path)],
                                stdout=subprocess.PIPE, stderr=errfile, cwd=REPO)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.stdout.close()
        proc.returncode = os.waitstatus_to_exitcode(status)
        errfile.seek(0)
        err = errfile.read()
    lines = [ln for ln in out.decode("utf-8", "replace").splitlines() if ln.strip()]
    ok = proc.returncode == 0 and len(lines) == 1 and "events" in json.loads(lines[0])
    return {"seconds": seconds, "rss_mb": sampler.max_mb, "ok": ok,
            "ru_maxrss_mb": usage.ru_maxrss / 1024,
            "returncode": proc.returncode, "stderr": err.decode("utf-8", "replace")[-500:]}


def maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


class ChildPeakRSS:
    """Peak RSS (VmHWM) of every descendant process, sampled from /proc in a thread.

    RUSAGE_CHILDREN is no use here: on Linux a child's ru_maxrss starts at the RSS its
    parent had when it forked (exec keeps the old high-water mark), so every child of this
    large process would report at least this process's size. VmHWM belongs to the child's
    own address space after exec. Sampling may miss growth in the last ``interval`` seconds
    of a child's life; a pool worker peaks while coding, long before it ends.
    """

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak_kib: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> ChildPeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def max_mb(self) -> float | None:
        return max(self.peak_kib.values()) / 1024 if self.peak_kib else None

    def _loop(self) -> None:
        own = _cmdline(os.getpid())
        while not self._stop.is_set():
            for pid in _descendants(os.getpid()):
                if _cmdline(pid) in (own, None):
                    continue  # forked but not yet exec'd: still this process's memory
                kib = _vm_hwm_kib(pid)
                if kib is not None and kib > self.peak_kib.get(pid, 0):
                    self.peak_kib[pid] = kib
            self._stop.wait(self.interval)


def _descendants(root: int) -> list[int]:
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    kids = [int(k) for k in fh.read().split()]
            except OSError:
                continue
            found += kids
            todo += kids
    return found


def _cmdline(pid: int) -> bytes | None:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _vm_hwm_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


# -- the run --------------------------------------------------------------------------------


def run(corpus: str | Path = DEFAULT_CORPUS, repeat: int = 3,
        workers_list: tuple[int, ...] = (1, 2), limit: int | None = None,
        one_article: Path | None = ONE_ARTICLE, stage_timeout: float = 900.0,
        log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    """Measure every stage ``repeat`` times on the same articles; return the result record."""
    from eventdesk.coder import get_coder
    from eventdesk.config import Settings

    settings = Settings.from_env()
    corpus = Path(corpus)
    articles, read_errors = load_articles(corpus, limit)
    if not articles:
        raise SystemExit(f"{corpus}: no articles to benchmark")
    load, coder = timed(lambda: get_coder(settings))  # the one warm coder of this process
    list(coder.code(articles[:1]))  # warm-up: first-use caches and lazy imports, not timed
    raw: dict[str, list] = {"parse": [], "code": [], "startup": [], "one": []}
    raw.update({f"ingest_w{w}": [] for w in workers_list})
    tokens = docs = events = 0
    rss_workers: float | None = None

    def guard(stage: str) -> None:
        log(stage)
        if stage_timeout:
            faulthandler.dump_traceback_later(stage_timeout, exit=True)

    with tempfile.TemporaryDirectory(prefix="eventdesk-bench-") as tmp:
        folder = Path(tmp)
        source = corpus if limit is None else write_jsonl(articles, folder / "corpus.jsonl")
        for n in range(1, repeat + 1):
            guard(f"run {n}/{repeat}: parse only")
            times, (docs, tokens) = timed(lambda: parse_only(coder, articles))
            raw["parse"].append(times)
            guard(f"run {n}/{repeat}: code, no storage")
            times, (events, parse_cpu) = timed(lambda: code_only(coder, articles))
            raw["code"].append({**times, "parse_cpu": parse_cpu})
            for w in workers_list:
                guard(f"run {n}/{repeat}: ingest, {w} worker(s)")
                with ChildPeakRSS() as sampler:
                    raw[f"ingest_w{w}"].append(ingest_once(source, settings, w, folder))
                if sampler.max_mb is not None:
                    rss_workers = max(rss_workers or 0.0, sampler.max_mb)
            if any(w > 1 for w in workers_list):
                top = max(workers_list)
                guard(f"run {n}/{repeat}: pool start-up, {top} workers")
                startup = pool_startup(settings, top)
                if startup is not None:
                    raw["startup"].append(startup)
        ru_children = maxrss_mb(resource.RUSAGE_CHILDREN)
        if one_article is not None:
            guard("eventdesk code, one article (1 warm-up run)")
            code_one_article(one_article)  # warms the OS file cache, not counted
            for n in range(1, repeat + 1):
                guard(f"run {n}/{repeat}: eventdesk code, one article")
                raw["one"].append(code_one_article(one_article))
    faulthandler.cancel_dump_traceback_later()
    return summarise(raw, corpus=corpus, limit=limit, articles=articles, docs=docs,
                     tokens=tokens, events=events, read_errors=read_errors,
                     workers_list=workers_list, repeat=repeat, settings=settings, coder=coder,
                     load_s=load["wall"], rss_self=maxrss_mb(resource.RUSAGE_SELF),
                     rss_workers=rss_workers, ru_children=ru_children)


def summarise(raw: dict[str, list], *, corpus: Path, limit: int | None, articles: list,
              docs: int, tokens: int, events: int, read_errors: list[str],
              workers_list: tuple[int, ...], repeat: int, settings, coder, load_s: float,
              rss_self: float, rss_workers: float | None,
              ru_children: float) -> dict[str, Any]:
    n_art = len(articles)
    median = statistics.median

    def stage(name: str, runs: list[dict[str, float]], processes: int,
              **extra: Any) -> dict[str, Any]:
        wall, cpu = median(r["wall"] for r in runs), median(r["cpu"] for r in runs)
        return {"stage": name, "processes": processes,
                "runs_wall_s": [round(r["wall"], 4) for r in runs],
                "runs_cpu_s": [round(r["cpu"], 4) for r in runs],
                "median_s": wall, "median_cpu_s": cpu,
                "articles_per_s": n_art / wall, "tokens_per_s": tokens / wall,
                "articles_per_s_per_core": n_art / wall / processes,
                "tokens_per_s_per_core": tokens / wall / processes,
                "articles_per_cpu_s": n_art / cpu, "tokens_per_cpu_s": tokens / cpu, **extra}

    stages = {"parse": stage("parse only (nlp.pipe)", raw["parse"], 1),
              "code": stage("code, no storage", raw["code"], 1)}
    startup = ({"wall": median(r["wall"] for r in raw["startup"]),
                "cpu": median(r["cpu"] for r in raw["startup"])} if raw["startup"] else None)
    for w in workers_list:
        runs = raw[f"ingest_w{w}"]
        checks = {"new": runs[0]["new"], "events": runs[0]["events"],
                  "failed": runs[0]["failed"], "errors": runs[0]["errors"]}
        stages[f"ingest_w{w}"] = stage(f"ingest, {w} worker(s)", runs, w, **checks)
        # the start-up estimate is only meaningful when it is a small part of the run
        if w > 1 and startup is not None and w == max(workers_list) \
                and startup["wall"] < STARTUP_SHARE_MAX * stages[f"ingest_w{w}"]["median_s"]:
            net = [{"wall": r["wall"] - startup["wall"],
                    "cpu": max(r["cpu"] - startup["cpu"], 1e-6)} for r in runs]
            stages[f"ingest_w{w}_net"] = stage(f"ingest, {w} workers, less start-up", net, w)
    parse = stages["parse"]
    for record in stages.values():
        record["x_parse"] = record["articles_per_s"] / parse["articles_per_s"]
        record["x_parse_cpu"] = record["articles_per_cpu_s"] / parse["articles_per_cpu_s"]
    one = raw["one"]
    shares = [1 - r["parse_cpu"] / r["cpu"] for r in raw["code"]
              if r.get("parse_cpu") and r["cpu"] > 0]
    figures: dict[str, Any] = {
        "extract_share_cpu": median(shares) if shares else None,
        "code_over_parse": stages["code"]["x_parse"],
        "code_over_parse_cpu": stages["code"]["x_parse_cpu"],
        "e2e_over_parse": stages["ingest_w1"]["x_parse"] if "ingest_w1" in stages else None,
        "e2e_over_parse_cpu": (stages["ingest_w1"]["x_parse_cpu"] if "ingest_w1" in stages
                               else None),
        "scaling_w2": None, "scaling_w2_gross": None,
        "pool_startup_s": startup["wall"] if startup else None,
        "pool_startup_cpu_s": startup["cpu"] if startup else None,
        "rss_self_mb": rss_self, "rss_worker_mb": rss_workers,
        "ru_maxrss_children_mb": ru_children,  # inflated by this process's size, see above
        "code_one_s": median(r["seconds"] for r in one) if one else None,
        "code_one_runs_s": [round(r["seconds"], 3) for r in one],
        "code_one_rss_mb": max(r["rss_mb"] for r in one) if one else None,
        "code_one_ok": all(r["ok"] for r in one) if one else None,
        "coder_load_s": load_s,
    }
    if "ingest_w1" in stages and "ingest_w2" in stages:
        w1 = stages["ingest_w1"]["median_s"]
        figures["scaling_w2_gross"] = w1 / stages["ingest_w2"]["median_s"]
        if "ingest_w2_net" in stages:
            figures["scaling_w2"] = w1 / stages["ingest_w2_net"]["median_s"]
    if rss_workers is None and "ingest_w1" in stages:
        figures["rss_worker_mb"] = rss_self  # one worker = this process
    targets = []
    for key, label, op, threshold in TARGETS:
        value = figures.get(key)
        ok = None if value is None else (value >= threshold if op == ">=" else value < threshold)
        targets.append({"key": key, "label": label, "target": f"{op} {threshold:g}",
                        "value": value, "pass": ok})
    return {"meta": meta(corpus, limit, settings, coder, repeat, workers_list),
            "corpus": {"path": str(corpus), "articles": n_art, "docs": docs, "tokens": tokens,
                       "chars": sum(len(a.text) + len(a.title or "") for a in articles),
                       "events": events, "read_errors": read_errors[:10]},
            "stages": stages, "figures": figures, "targets": targets,
            "code_one_runs": one}


def meta(corpus: Path, limit: int | None, settings, coder, repeat: int,
         workers_list: tuple[int, ...]) -> dict[str, Any]:
    import spacy

    import eventdesk

    def git(*args: str) -> str | None:
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True,
                                  timeout=10).stdout.strip() or None
        except (OSError, subprocess.SubprocessError):
            return None

    nlp = coder.nlp
    return {"when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "host": platform.node(), "python": platform.python_version(),
            "cpus": os.cpu_count(), "loadavg": list(os.getloadavg()),
            "spacy": spacy.__version__,
            "pipeline": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} "
                        f"{nlp.meta.get('version')}",
            "pipe_names": list(nlp.pipe_names), "disabled": list(nlp.disabled),
            "eventdesk": str(Path(eventdesk.__file__).parent),
            "git_commit": git("rev-parse", "--short", "HEAD"),
            "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
            "settings": {k: list(v) if isinstance(v, tuple) else v
                         for k, v in asdict(settings).items()},
            "corpus": str(corpus), "limit": limit, "repeat": repeat,
            "workers_list": list(workers_list)}


# -- output ---------------------------------------------------------------------------------


def table(result: dict[str, Any]) -> str:
    """The result as text, at most 100 columns wide."""
    c, m, f = result["corpus"], result["meta"], result["figures"]
    lines = [
        f"eventdesk benchmark: {Path(c['path']).name}: {c['articles']} articles, "
        f"{c['tokens']:,} spaCy tokens, {c['events']} events",
        f"{m['pipeline']}, batch {m['settings']['batch_size']}, median of {m['repeat']} runs, "
        f"{m['cpus']} cpus, load average {m['loadavg'][0]:.2f}",
        *textwrap.wrap(f"components: {', '.join(m['pipe_names'])}"
                       + (f" (disabled: {', '.join(m['disabled'])})" if m["disabled"] else ""),
                       100, subsequent_indent="  "),
        "",
        "wall: elapsed seconds; cpu: CPU seconds of this process and its workers (per-core "
        "figures);",
        "x parse: articles/s relative to parse only (1.00 = free on top of the parser)",
        "",
        f"{'stage':<34}{'wall s':>7}{'cpu s':>7}{'art/s':>7}{'tok/s':>7}{'art/cpu-s':>10}"
        f"{'tok/cpu-s':>10}{'x parse':>9}{'x parse':>9}",
        f"{'':<34}{'':>7}{'':>7}{'':>7}{'':>7}{'':>10}{'':>10}{'wall':>9}{'cpu':>9}",
    ]
    if Path(m["eventdesk"]).resolve() != (REPO / "src" / "eventdesk").resolve():
        lines.insert(3, f"eventdesk imported from {m['eventdesk']} (not this checkout)")
    for s in result["stages"].values():
        lines.append(f"{s['stage'][:33]:<34}{s['median_s']:>7.2f}{s['median_cpu_s']:>7.2f}"
                     f"{s['articles_per_s']:>7.1f}{s['tokens_per_s']:>7.0f}"
                     f"{s['articles_per_cpu_s']:>10.1f}{s['tokens_per_cpu_s']:>10.0f}"
                     f"{s['x_parse']:>9.2f}{s['x_parse_cpu']:>9.2f}")
    lines.append("")

    def fmt(value: float | None, unit: str = "") -> str:
        return "n/a" if value is None else f"{value:.2f}{unit}"

    share = None if f["extract_share_cpu"] is None else 100 * f["extract_share_cpu"]
    lines += [
        f"pool start-up (spawn + load, all workers): {fmt(f['pool_startup_s'], ' s')} wall, "
        f"{fmt(f['pool_startup_cpu_s'], ' s')} cpu; coder load here: "
        f"{fmt(f['coder_load_s'], ' s')}",
        f"w=2 / w=1 wall-clock (start-up included): {fmt(f['scaling_w2_gross'], 'x')}",
        "extraction (actors, events, times, places) share of the CPU of 'code, no storage', "
        f"same run: {fmt(share, ' %')}",
        f"peak RSS: this process {fmt(f['rss_self_mb'], ' MB')}, largest worker "
        f"{fmt(f['rss_worker_mb'], ' MB')}, eventdesk code {fmt(f['code_one_rss_mb'], ' MB')}",
        "",
        f"{'target':<44}{'goal':>10}{'measured':>12}  result",
    ]
    for t in result["targets"]:
        mark = {True: "PASS", False: "SHORT", None: "n/a"}[t["pass"]]
        value = "n/a" if t["value"] is None else f"{t['value']:.2f}"
        lines.append(f"{t['label']:<44}{t['target']:>10}{value:>12}  {mark}")
    if f["scaling_w2"] is None and f["scaling_w2_gross"] is not None:
        lines.append("note: pool start-up is over half of the w=2 run, no scaling figure; "
                     "use a bigger --corpus")
    if f["code_one_ok"] is False:
        lines.append("warning: `eventdesk code` on one article failed or printed no record")
    for s in result["stages"].values():
        if s.get("failed") or s.get("errors"):
            lines.append(f"warning: {s['stage']}: {s['failed']} failed {s['errors'][:1]}")
    if m["loadavg"][0] > 0.5:
        lines.append(f"warning: load average {m['loadavg'][0]:.2f} at the start: "
                     "other processes share the cores, figures are noisy")
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS),
                        help="file or folder of articles, any format ingest reads "
                             "(default: samples/)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage; medians reported")
    parser.add_argument("--workers-list", default="1,2",
                        help="ingest worker counts, comma-separated (default 1,2)")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="JSON result file")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--no-code-one", action="store_true",
                        help="skip timing `eventdesk code` on one article")
    parser.add_argument("--stage-timeout", type=float, default=900.0,
                        help="dump the stack and exit if one stage runs longer (s; 0: never)")
    args = parser.parse_args(argv)
    try:
        args.workers = tuple(sorted({int(w) for w in args.workers_list.split(",") if w.strip()}))
    except ValueError:
        parser.error(f"--workers-list: expected numbers like 1,2, got {args.workers_list!r}")
    if not args.workers or min(args.workers) < 1 or args.repeat < 1 or (
            args.limit is not None and args.limit < 1):
        parser.error("--workers-list, --repeat and --limit must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    result = run(args.corpus, repeat=args.repeat, workers_list=args.workers, limit=args.limit,
                 one_article=None if args.no_code_one else ONE_ARTICLE,
                 stage_timeout=args.stage_timeout,
                 log=lambda s: print(f"  {s} ...", file=sys.stderr, flush=True))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(result))
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
