"""Load test of `eventdesk serve` (make loadtest; not run by CI): concurrent clients on
127.0.0.1 for a bounded time against a large synthetic store (tools/bench_store.py).

First every endpoint kind is asked once on a cold server (its first-request time is
reported: aggregates are computed then cached until the store changes); then ``--clients``
threads send requests for ``--seconds``, each picking an endpoint kind by weight with
varied parameters (filters, deep pages through cursors, evidence of random events). Reported:
requests/s, p50/p95/max per endpoint kind, errors (non-200 or refused), and the server's
memory (RSS) when the timed run starts, at its highest and at the end.

    .venv/bin/python tools/loadtest.py --db /tmp/eventdesk-bench.db --seconds 60
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).parent))

COUNTRIES = ["USA", "RUS", "UKR", "CHN", "ISR", "PSE", "IRN", "GBR", "FRA", "DEU", "TUR", "IND"]
TYPES = ["CONSULT", "ACCUSE", "ASSAULT", "AGREE", "REQUEST", "REJECT", "THREATEN", "AID"]
MONTHS = [f"{y}-{m:02d}" for y in (2023, 2024, 2025) for m in range(1, 13)]
# The series a dashboard asks for: the overview and a few filtered views.
SERIES = [{"by": "month"}, {"by": "week"}, {"by": "year"}, {"by": "month", "dyad": "RUS-UKR"},
          {"by": "week", "dyad": "RUS-UKR"}, {"by": "month", "actor": "USA"},
          {"by": "month", "type": "ASSAULT"}, {"by": "day", "since": "2024-01-01",
                                                "until": "2024-12-31"}]
WEIGHTS = {"events": 30, "events next page": 10, "canonical": 15, "timeline": 15,
           "series": 15, "evidence": 8, "actors": 2, "dyads": 2, "places": 1, "page /events": 2}


def url_for(kind: str, rng: random.Random, state: dict) -> str:
    filters = rng.choice([{}, {"actor": rng.choice(COUNTRIES)}, {"type": rng.choice(TYPES)},
                          {"since": (m := rng.choice(MONTHS)), "until": m}])
    if kind == "events":
        return "/api/v1/events?" + urlencode({"limit": 50, **filters})
    if kind == "events next page":
        return state.get("next") or "/api/v1/events?limit=50&sort=-date"
    if kind == "canonical":
        return "/api/v1/canonical?" + urlencode({"limit": 50, **filters})
    if kind == "timeline":
        pair = rng.sample(COUNTRIES[:6], 2)
        return "/api/v1/timeline?" + urlencode([("actor", pair[0]), ("actor", pair[1]),
                                                 ("limit", 100)])
    if kind == "series":
        return "/api/v1/series?" + urlencode(rng.choice(SERIES))
    if kind == "evidence":
        return f"/api/v1/events/{state.get('event') or 'ev_' + '0' * 20}"
    if kind == "actors":
        return "/api/v1/actors?" + urlencode({"code": rng.choice(COUNTRIES)})
    if kind == "dyads":
        return "/api/v1/dyads?" + urlencode({"limit": 80, **rng.choice([{}, {"type": "ASSAULT"}])})
    if kind == "places":
        return "/api/v1/places?limit=500"
    return "/events?" + urlencode(filters)


class Client(threading.Thread):
    def __init__(self, port: int, seed: int, deadline: float, results: dict, lock):
        super().__init__(daemon=True)
        self.port, self.rng, self.deadline = port, random.Random(seed), deadline
        self.results, self.lock, self.state = results, lock, {}

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
        while time.monotonic() < self.deadline:
            kind = self.rng.choices(kinds, weights)[0]
            url = url_for(kind, self.rng, self.state)
            started = time.perf_counter()
            try:
                conn.request("GET", url)
                response = conn.getresponse()
                body = response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                body, status = b"", 0
            elapsed = time.perf_counter() - started
            self.remember(kind, status, body)
            with self.lock:
                self.results[kind].append((elapsed, status))
        conn.close()

    def remember(self, kind: str, status: int, body: bytes) -> None:
        if status != 200 or kind not in ("events", "events next page"):
            return
        data = json.loads(body)
        self.state["next"] = data.get("next_url")
        if data["data"]:
            self.state["event"] = self.rng.choice(data["data"])["id"]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_server(db: str, port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "eventdesk", "serve", "--db", db,
                                "--port", str(port)], stderr=subprocess.PIPE)
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/v1/stats")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("the server did not start")


def cold_pass(port: int) -> list[tuple[str, float, int]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    rows = []
    for label, url in [("events", "/api/v1/events?limit=50"),
                       ("canonical", "/api/v1/canonical?limit=50&actor=RUS"),
                       ("timeline", "/api/v1/timeline?actor=USA&actor=CHN&limit=100"),
                       *((f"series {urlencode(s)}", "/api/v1/series?" + urlencode(s))
                         for s in SERIES),
                       ("actors", "/api/v1/actors?code=RUS"), ("dyads", "/api/v1/dyads?limit=80"),
                       ("places", "/api/v1/places?limit=500")]:
        started = time.perf_counter()
        conn.request("GET", url)
        response = conn.getresponse()
        response.read()
        rows.append((label, time.perf_counter() - started, response.status))
    conn.close()
    return rows


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/eventdesk-bench.db")
    parser.add_argument("--events", type=int, default=1_000_000,
                        help="mentions to generate when --db does not exist")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if not Path(args.db).exists():
        from bench_store import generate

        print(f"generating {args.events} mentions in {args.db} (minutes) ...", flush=True)
        generate(args.db, args.events)
    server = start_server(args.db, args.port)
    try:
        print("cold server, first request of each kind:")
        for label, seconds, status in cold_pass(args.port):
            print(f"  {label:<44} {seconds * 1000:>8.1f} ms  HTTP {status}")
        results: dict[str, list] = defaultdict(list)
        lock = threading.Lock()
        memory = [rss_mb(server.pid)]
        deadline = time.monotonic() + args.seconds
        clients = [Client(args.port, seed, deadline, results, lock)
                   for seed in range(args.clients)]
        started = time.monotonic()
        for client in clients:
            client.start()
        while any(c.is_alive() for c in clients):
            time.sleep(1.0)
            memory.append(rss_mb(server.pid))
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(results, elapsed, memory, args)


def report(results: dict, elapsed: float, memory: list[float], args) -> None:
    total = sum(len(v) for v in results.values())
    errors = sum(1 for v in results.values() for _, status in v if status != 200)
    print(f"\n{args.clients} clients, {elapsed:.0f} s: {total} requests, "
          f"{total / elapsed:.0f} requests/s, {errors} errors")
    print(f"{'endpoint':<18} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'max ms':>8}")
    for kind in WEIGHTS:
        rows = results.get(kind, [])
        if not rows:
            continue
        times = [t * 1000 for t, _ in rows]
        bad = sum(1 for _, status in rows if status != 200)
        print(f"{kind:<18} {len(rows):>8} {bad:>6} {statistics.median(times):>8.1f} "
              f"{percentile(times, 0.95):>8.1f} {max(times):>8.1f}")
    print(f"server memory (RSS): {memory[0]:.0f} MB at the start, {max(memory):.0f} MB at "
          f"most, {memory[-1]:.0f} MB at the end")


if __name__ == "__main__":
    main()
