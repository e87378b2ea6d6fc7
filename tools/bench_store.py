"""Benchmark queries on a large synthetic store (default one million event mentions).

The store is generated directly with SQL (not through the NLP pipeline): real events with
1 to 8 mentions each, reported by 4 mentions per article over three years, 40 countries with
skewed frequencies, the schema of the current migrations (FTS index included). Then typical
``events``, ``timeline`` and ``stats --by`` queries run ``--runs`` times each (results fully
read) and their p50 and p95 are printed.

    .venv/bin/python tools/bench_store.py --db /tmp/bench1m.db --events 1000000
    .venv/bin/python tools/bench_store.py --db /tmp/bench1m.db --reuse   # skip generation
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from eventdesk.cluster.match import cluster_id
from eventdesk.query.canonical import ClusterFilter, canonical_events
from eventdesk.query.events import EventFilter, query_events
from eventdesk.query.series import series
from eventdesk.store import open_store

COUNTRIES = ["USA", "RUS", "UKR", "CHN", "ISR", "PSE", "IRN", "GBR", "FRA", "DEU", "TUR",
             "IND", "PAK", "SYR", "IRQ", "EGY", "SAU", "JPN", "KOR", "PRK", "BRA", "MEX",
             "NGA", "ETH", "SDN", "AFG", "LBN", "YEM", "VEN", "COL", "POL", "HUN", "SRB",
             "KEN", "ZAF", "IDN", "PHL", "VNM", "TWN", "AUS"]
SECTORS = ["", "GOV", "GOV", "MIL", "CVL", "OPP", "REB", "POL"]
TYPES = [("CONSULT", "040", 1.0, 1), ("ACCUSE", "112", -2.0, 3), ("ASSAULT", "190", -10.0, 4),
         ("AGREE", "057", 8.0, 1), ("REQUEST", "1056", 3.0, 1), ("REJECT", "120", -4.0, 3),
         ("THREATEN", "138", -7.0, 3), ("SANCTION", "163", -8.0, 4), ("AID", "070", 7.0, 2),
         ("PROTEST", "141", -6.5, 3), ("SUPPORT", "051", 3.4, 1), ("COERCE", "173", -5.0, 4)]
WORDS = ["talks", "troops", "border", "strike", "minister", "government", "rebels", "city",
         "port", "aid", "sanctions", "protest", "election", "parliament", "embassy", "oil",
         "gas", "drones", "shelling", "refugees"]
RARE = "ceasefire"  # in about 2% of articles
START = date(2023, 1, 1)
DAYS = 3 * 365
MENTIONS_PER_ARTICLE = 4


def generate(db: str, n_events: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    Path(db).unlink(missing_ok=True)
    with open_store(db) as store:  # creates the schema
        conn = store.conn
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        weights = [1 / (i + 1) for i in range(len(COUNTRIES))]
        made, article_no, buffer = 0, 0, []
        while made < n_events:
            real = _real_event(rng, weights)
            for _ in range(min(_mentions(rng), n_events - made)):
                buffer.append((made, real))
                made += 1
                if len(buffer) == MENTIONS_PER_ARTICLE:
                    _write_article(conn, rng, article_no, buffer)
                    article_no, buffer = article_no + 1, []
        if buffer:
            _write_article(conn, rng, article_no, buffer)
        conn.execute("COMMIT")
        _write_clusters(conn)


def _real_event(rng, weights) -> dict:
    ptype = rng.choice(TYPES)
    src, tgt = rng.choices(COUNTRIES, weights, k=2)
    day = START + timedelta(days=rng.randrange(DAYS))
    return {"type": ptype, "source": src + rng.choice(SECTORS), "target": tgt + rng.choice(SECTORS),
            "date": day.isoformat(), "content": " ".join(rng.sample(WORDS, 3))}


def _mentions(rng) -> int:
    return min(1 + int(rng.expovariate(1.2)), 8)


def _write_article(conn, rng, number: int, mentions: list) -> None:
    aid = f"art{number:08d}"
    day = mentions[0][1]["date"]
    words = [m[1]["content"] for m in mentions]
    text = " ".join(f"Report {number} says {w}." for w in words)
    if rng.random() < 0.02:
        text += f" Both sides spoke of a {RARE}."
    conn.execute(
        "INSERT INTO articles (id, content_hash, title, date, source, url, meta, text, origin, "
        "schema_version, coder_version, coded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (aid, f"hash{number:012d}", f"Headline {number}", day, f"Outlet {number % 97}",
         f"https://outlet{number % 97}.example/{aid}", "{}", text, "bench", "1.0", "bench",
         day + "T12:00:00Z"))
    for position, (index, real) in enumerate(mentions):
        _write_event(conn, aid, position, index, real)


def _write_event(conn, aid: str, position: int, index: int, real: dict) -> None:
    ptype, cameo, goldstein, quad = real["type"]
    eid = f"ev_{index:020x}"
    actors = {"source": real["source"], "target": real["target"]}
    event = {"id": eid, "segment": "body", "sentence": position, "plover_type": ptype,
             "plover_mode": None, "cameo_code": cameo, "goldstein": goldstein,
             "quad_class": quad, "date": real["date"], "date_precision": "day",
             "date_text": None, "date_basis": "article_date", "location": None,
             "negated": False, "modality": "factual", "reported_by": None,
             "content": real["content"], "confidence": 0.7, "rule": "bench",
             "sentence_text": f"{actors['source']} {ptype.lower()} {actors['target']}: "
                              f"{real['content']}.", "sentence_start": 0, "sentence_end": 60,
             "trigger": {"text": ptype.lower(), "start": 4, "end": 10},
             "source": [_actor(actors["source"])], "target": [_actor(actors["target"])]}
    block = f"{ptype}|factual|{real['source'][:3]}|{real['target'][:3]}"
    real.setdefault("anchor", eid)
    conn.execute(
        "INSERT INTO events (id, article_id, segment, sentence, plover_type, plover_mode, "
        "cameo_code, goldstein, quad_class, date, date_precision, date_basis, location_country, "
        "negated, modality, confidence, rule, trigger_start, data, block, cluster_id) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (eid, aid, "body", position, ptype, None, cameo, goldstein, quad, real["date"], "day",
         "article_date", None, 0, "factual", 0.7, "bench", 4, json.dumps(event), block,
         cluster_id(real["anchor"])))
    conn.executemany(
        "INSERT INTO event_actors (event_id, role, position, text, name, country, sector, code, "
        "kind) VALUES (?,?,0,?,?,?,?,?,'state')",
        [(eid, role, code, code, code[:3], code[3:] or None, code)
         for role, code in actors.items()])


def _write_clusters(conn) -> None:
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO clusters (id, anchor_event_id, plover_type, cameo_code, goldstein, "
        "quad_class, date, factual, num_mentions, num_sources, num_articles, first_report, "
        "last_report, first_added) "
        "SELECT e.cluster_id, MIN(e.id), e.plover_type, e.cameo_code, e.goldstein, e.quad_class, "
        "MIN(e.date), 1, COUNT(*), COUNT(DISTINCT a.source), COUNT(DISTINCT a.id), "
        "MIN(a.date), MAX(a.date), MIN(a.coded_at) FROM events e "
        "JOIN articles a ON a.id = e.article_id GROUP BY e.cluster_id")
    conn.execute("COMMIT")


def _actor(code: str) -> dict:
    return {"text": code, "segment": "body", "start": 0, "end": 3, "name": code,
            "country": code[:3], "sector": code[3:] or None, "code": code, "kind": "state",
            "wikidata": None}


QUERIES = {
    "events --limit 100": lambda s: query_events(s, EventFilter(limit=100)),
    "events --actor RUS --limit 100": lambda s: query_events(s, EventFilter(actor="RUS",
                                                                            limit=100)),
    "events --country UKR --limit 100": lambda s: query_events(s, EventFilter(country="UKR",
                                                                              limit=100)),
    "events --type ASSAULT --since/--until 1 month": lambda s: query_events(
        s, EventFilter(since="2024-06-01", until="2024-06-30", plover_type="ASSAULT")),
    "events --text ceasefire --limit 100": lambda s: query_events(
        s, EventFilter(text="ceasefire", limit=100)),
    "events --text 'ceasefire drones' --limit 100": lambda s: query_events(
        s, EventFilter(text="ceasefire drones", limit=100)),
    "timeline --limit 100": lambda s: canonical_events(s, ClusterFilter(limit=100)),
    "timeline --dyad RUS-UKR --limit 100": lambda s: canonical_events(
        s, ClusterFilter(dyads=(("RUS", "UKR"),), limit=100)),
    "timeline --actor USA --actor CHN (all)": lambda s: canonical_events(
        s, ClusterFilter(actors=("USA", "CHN"))),
    "timeline --actor ISR --since/--until 1 month": lambda s: canonical_events(
        s, ClusterFilter(actors=("ISR",), since="2024-06-01", until="2024-06-30")),
    "stats --by month (whole store)": lambda s: series(s, "month", ClusterFilter()),
    "stats --by week --dyad RUS-UKR": lambda s: series(
        s, "week", ClusterFilter(dyads=(("RUS", "UKR"),))),
    "stats --by day --since/--until 1 year": lambda s: series(
        s, "day", ClusterFilter(since="2024-01-01", until="2024-12-31")),
}


def bench(db: str, runs: int) -> list[tuple[str, int, float, float]]:
    results = []
    with open_store(db, readonly=True) as store:
        for name, query in QUERIES.items():
            times, rows = [], 0
            for _ in range(runs):
                started = time.perf_counter()
                rows = sum(1 for _ in query(store))
                times.append(time.perf_counter() - started)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            results.append((name, rows, statistics.median(times), p95))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/eventdesk-bench.db")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="use the store already at --db")
    args = parser.parse_args()
    if not args.reuse:
        started = time.perf_counter()
        generate(args.db, args.events)
        print(f"generated {args.events} mentions in {time.perf_counter() - started:.0f} s")
    with open_store(args.db, readonly=True) as store:
        counts = {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "events", "event_actors", "clusters")}
    print("store:", ", ".join(f"{k} {v}" for k, v in counts.items()),
          f"({Path(args.db).stat().st_size / 1e9:.2f} GB)")
    print(f"{'query':<48} {'rows':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for name, rows, p50, p95 in bench(args.db, args.runs):
        print(f"{name:<48} {rows:>7} {p50 * 1000:>8.1f} {p95 * 1000:>8.1f}")


if __name__ == "__main__":
    main()
