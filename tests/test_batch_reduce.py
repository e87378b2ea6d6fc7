"""The batch clustering (only same-date and next-day pairs compared, shard by shard) finds the
clusters of the reference relation (``cluster.match.components``, all pairs compared)."""

from __future__ import annotations

import json
import random

import pytest

from eventdesk.batch.records import shard_of
from eventdesk.batch.reduce import cluster_groups, cluster_rows, month_of
from eventdesk.cluster.match import anchor_key, cluster_id, components, mention_from_event

ACTORS = [("RUSGOV", "RUS"), ("RUS", "RUS"), ("UKRGOV", "UKR"), ("UKRMIL", "UKR"),
          ("IGONATO", None), ("USAGOV", "USA")]
WORDS = ["talks", "ceasefire", "shelling", "border", "prisoners", "exchange", "aid", "convoy",
         "strike", "city"]
DATES = [None, "2025-03", "2025-02-28", "2025-03-01", "2025-03-02", "2025-03-03", "2025-03-05",
         "2024-12-31", "2025-01-01", "bad-date-x"]


def random_event(rng: random.Random, number: int) -> dict:
    def actors() -> list[dict]:
        return [{"code": code, "country": country, "text": code.lower()}
                for code, country in rng.sample(ACTORS, rng.randint(0, 2))]

    return {
        "id": f"ev_{number:020d}", "plover_type": rng.choice(["CONSULT", "ACCUSE", "ASSAULT"]),
        "source": actors(), "target": actors(), "date": rng.choice(DATES),
        "negated": rng.random() < 0.1, "modality": rng.choice(["factual"] * 4 + ["planned"]),
        "location": rng.choice([None, {"name": "Kyiv", "country": "UKR", "feature": "city"},
                                {"name": "Ukraine", "country": "UKR", "feature": "country"}]),
        "sentence_text": " ".join(rng.sample(WORDS, 4)),
    }


@pytest.mark.parametrize("seed", range(5))
def test_shard_clusters_are_the_components_of_the_match_relation(seed: int) -> None:
    rng = random.Random(seed)
    events = [random_event(rng, n) for n in range(250)]
    rows = [{"event": json.dumps(e), "article_id": f"a{n % 40}", "outlet": f"o{n % 7}",
             "report_day": "2025-03-04", "article_title": None, "article_url": None,
             "article_source": None, "article_date": None} for n, e in enumerate(events)]
    expected = {cluster_id(group[0].event_id): sorted(m.event_id for m in group)
                for group in components([mention_from_event(e) for e in events])}
    assert sum(len(group) > 1 for group in expected.values()) >= 5  # not a trivial case

    by_id = {event["id"]: event for event in events}
    shards = 4
    found: dict[str, list[str]] = {}
    for shard in range(shards):
        part = [row for row, event in zip(rows, events)
                if shard_of(mention_from_event(event).block, event["id"], shards) == shard]
        ids = [json.loads(row["event"])["id"] for row in part]
        sizes = {}
        for group in cluster_groups(part):
            members = [ids[i] for i in group]
            anchor = min(members, key=lambda i: anchor_key(by_id[i]["date"], i))
            found[cluster_id(anchor)] = sorted(members)
            sizes[cluster_id(anchor)] = len(members)
        canonical = cluster_rows(part)
        assert {c["cluster_id"]: c["num_mentions"] for c in canonical} == sizes
        keys = [(c["date"] is None, c["date"] or "", c["cluster_id"]) for c in canonical]
        assert keys == sorted(keys)
    assert found == expected


def test_month_of_event_dates() -> None:
    from datetime import date

    assert month_of(date(2025, 3, 2)) == "2025-03"
    assert month_of(date(956, 1, 1)) == "0956-01"
    assert month_of(None) == "undated"
