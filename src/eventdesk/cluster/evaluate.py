"""Score the clustering against gold labels: pairwise and B-cubed precision and recall.

Gold (``gold.jsonl`` beside the articles): one line per event mention a reader expects,
``{"article", "segment", "trigger", "event"}``; a stored mention takes the label of the first
gold line with its article and segment whose ``trigger`` occurs in the mention's trigger text.
Mentions no gold line names are left out of the scores (and counted).

    python -m eventdesk.cluster.evaluate tests/fixtures/paraphrase [--sweep]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path


def score(labelled: list[tuple[str, str]]) -> dict:
    """``labelled``: (gold event, predicted cluster) per mention."""
    pairs = list(combinations(labelled, 2))
    same_pred = sum(1 for a, b in pairs if a[1] == b[1])
    same_gold = sum(1 for a, b in pairs if a[0] == b[0])
    both = sum(1 for a, b in pairs if a[0] == b[0] and a[1] == b[1])
    gold_size, pred_size = Counter(g for g, _ in labelled), Counter(p for _, p in labelled)
    joint = Counter(labelled)
    n = len(labelled) or 1
    b3_p = sum(joint[(g, p)] / pred_size[p] for g, p in labelled) / n
    b3_r = sum(joint[(g, p)] / gold_size[g] for g, p in labelled) / n
    return {
        "mentions": len(labelled), "gold_events": len(gold_size), "clusters": len(pred_size),
        "pair_precision": both / same_pred if same_pred else 1.0,
        "pair_recall": both / same_gold if same_gold else 1.0,
        "bcubed_precision": b3_p, "bcubed_recall": b3_r,
    }


def miss_reasons(labelled: list[tuple[dict, str]]) -> Counter:
    """Why each pair of mentions of one gold event is not in one cluster: the first rule that
    fails (a pair can be joined through others, so pairs split only by chaining count as
    ``indirect``)."""
    from eventdesk.cluster.match import dates_close, mention_from_event, places_compatible

    reasons: Counter = Counter()
    for (a, la), (b, lb) in combinations(labelled, 2):
        if la != lb or a["cluster_id"] == b["cluster_id"]:
            continue
        ma, mb = mention_from_event(a), mention_from_event(b)
        if ma.block is None or mb.block is None:
            reasons["no actors"] += 1
        elif ma.block.split("|")[:2] != mb.block.split("|")[:2]:
            reasons["type or polarity"] += 1
        elif ma.block != mb.block:
            reasons["actor countries"] += 1
        elif not dates_close(ma.date, mb.date):
            reasons["dates"] += 1
        elif not places_compatible(ma.location, mb.location):
            reasons["location"] += 1
        else:
            reasons["actor codes or evidence"] += 1
    return reasons


def label_mentions(events: list[dict], gold: list[dict]) -> list[tuple[dict, str | None]]:
    """Pair each stored event (with ``article_id``) with its gold label or None."""
    result = []
    for event in events:
        trigger = (event.get("trigger") or {}).get("text", "").lower()
        label = next((g["event"] for g in gold if g["article"] == event["article_id"]
                      and g["segment"] == event["segment"]
                      and g["trigger"].lower() in trigger), None)
        result.append((event, label))
    return result


def stored_mentions(db: str) -> list[dict]:
    from eventdesk.store import open_store

    with open_store(db, readonly=True) as store:
        return [dict(json.loads(r[0]), article_id=r[1], cluster_id=r[2])
                for r in store.conn.execute(
                    "SELECT data, article_id, cluster_id FROM events ORDER BY id")]


def ingest_corpus(folder: Path, db: str) -> None:
    from eventdesk.config import Settings
    from eventdesk.runner import ingest
    from eventdesk.store import open_store

    with open_store(db) as store:
        ingest([str(folder / "articles.jsonl")], store, Settings.from_env())


def evaluate(folder: Path, db: str | None = None, thresholds=()) -> dict:
    """Ingest ``folder``'s articles (into ``db`` or a temporary store) and score."""
    from eventdesk.cluster.match import components, mention_from_event

    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text().splitlines()
            if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        path = db or str(Path(tmp) / "eval.db")
        ingest_corpus(folder, path)
        events = stored_mentions(path)
    pairs = label_mentions(events, gold)
    labelled = [(label, e["cluster_id"]) for e, label in pairs if label]
    result = score(labelled)
    result["unlabelled_mentions"] = sum(1 for _, label in pairs if not label)
    result["missed_pairs_by_reason"] = dict(
        miss_reasons([(e, label) for e, label in pairs if label]).most_common())
    result["sweep"] = {}
    for threshold in thresholds:
        mentions = [mention_from_event(e) for e, label in pairs if label]
        found = {m.event_id: c[0].event_id for c in components(mentions, threshold) for m in c}
        swept = [(label, found[e["id"]]) for e, label in pairs if label]
        result["sweep"][threshold] = score(swept)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score event clustering on a gold corpus.")
    parser.add_argument("folder", type=Path, help="folder with articles.jsonl and gold.jsonl")
    parser.add_argument("--db", help="store to ingest into (default: a temporary one)")
    parser.add_argument("--sweep", action="store_true", help="also try other thresholds")
    args = parser.parse_args(argv)
    sweep = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4) if args.sweep else ()
    result = evaluate(args.folder, args.db, sweep)
    for key, value in result.items():
        if key != "sweep":
            print(f"{key:<20} {value:.3f}" if isinstance(value, float) else f"{key:<20} {value}")
    for threshold, s in result["sweep"].items():
        print(f"threshold {threshold:<5} pairs P {s['pair_precision']:.3f} R "
              f"{s['pair_recall']:.3f}  B3 P {s['bcubed_precision']:.3f} R "
              f"{s['bcubed_recall']:.3f}  clusters {s['clusters']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
