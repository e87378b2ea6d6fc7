"""Benchmark one very long article: time, peak memory and how long the write lock is held.

Builds an article of ``--chars`` characters from a corpus (article texts joined by blank
lines, repeated as needed; the file is written to a temporary folder, never to the
repository), then ingests it with ``eventdesk.runner.ingest`` into a new database in this
process and reports wall and CPU seconds, peak RSS, events, and the seconds between
BEGIN IMMEDIATE and COMMIT of the article's write (the time other writers wait). A benchmark,
not a test: it asserts nothing; CI does not run it. See docs/benchmark.md.

    .venv/bin/python tools/bench_long.py --corpus /work/shared/corpus/guardian_syria_2019.jsonl \\
        --chars 5000000
    .venv/bin/python tools/bench_long.py --corpus FILE --chars 1000000 --keep long.txt
    .venv/bin/python tools/bench_long.py --corpus FILE --chars 5000000 --write long.txt  # only
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import sys
import tempfile
import time
from pathlib import Path


def build_article(corpus: Path, chars: int) -> str:
    """``chars`` characters of article texts from a JSON Lines corpus, joined by blank lines."""
    texts = []
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                text = json.loads(line).get("text")
                if isinstance(text, str) and text.strip():
                    texts.append(text.strip())
    if not texts:
        raise SystemExit(f"{corpus}: no article texts")
    parts, size, index = [], 0, 0
    while size < chars:
        parts.append(texts[index % len(texts)])
        size += len(parts[-1]) + 2
        index += 1
    return "\n\n".join(parts)[:chars]


def lock_timer(held: list[float]):
    """Wrap store.transactions.write_transaction to time every write transaction."""
    from eventdesk.store import db, transactions

    real = transactions.write_transaction

    @contextlib.contextmanager
    def timed(conn):
        with real(conn):
            started = time.perf_counter()
            yield conn
            held.append(time.perf_counter() - started)

    db.write_transaction = timed  # the name Store.write_article calls


def run(corpus: Path, chars: int, keep: Path | None) -> dict:
    from eventdesk.config import Settings
    from eventdesk.runner import ingest
    from eventdesk.store import open_store

    text = build_article(corpus, chars)
    held: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        path = keep or Path(folder) / "long.txt"
        path.write_text(text, encoding="utf-8")
        db = Path(folder) / "long.db"
        settings = Settings.from_env().with_overrides(db=str(db), max_chars=len(text) + 1,
                                                      max_bytes=max(len(text) * 4, 1))
        errors: list[str] = []
        with open_store(db) as store:
            lock_timer(held)
            cpu, wall = time.process_time(), time.perf_counter()
            summary = ingest([str(path)], store, settings, date="2019-05-01",
                             on_error=lambda e: errors.append(str(e)))
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"chars": len(text), "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "events": summary.events, "failed": summary.failed, "errors": errors,
            "write_lock_s": round(max(held), 2) if held else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="JSON Lines with 'text'")
    parser.add_argument("--chars", type=int, default=5_000_000, help="article length")
    parser.add_argument("--keep", type=Path, help="also write the article to this file")
    parser.add_argument("--write", type=Path, help="only write the article to this file "
                                                   "(to time `eventdesk ingest` on it)")
    args = parser.parse_args(argv)
    if args.write:
        args.write.write_text(build_article(args.corpus, args.chars), encoding="utf-8")
        return 0
    result = run(args.corpus, args.chars, args.keep)
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
