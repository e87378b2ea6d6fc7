"""Clustering rules (pure): when two mentions are the same real-world event."""

from __future__ import annotations

import itertools

from eventdesk.cluster.match import (
    cluster_id,
    components,
    matches,
    mention_from_event,
    outlet,
)
from test_cluster_helpers import SHELLING, article, place


def mention(text=SHELLING, ptype="ASSAULT", source=("RUSMIL",), target=(), **spec):
    aid = spec.pop("aid", "x")
    coded = article(aid, [dict(text=text, type=ptype, source=list(source),
                                 target=list(target), **spec)], title=aid)
    return mention_from_event(coded.events[0].to_dict())


def test_paraphrases_of_one_event_match() -> None:
    a = mention()
    b = mention("Russian troops shelled Kharkiv, killing three civilians.", source=("RUS",),
                date="2025-03-12", aid="y", trigger="shelled")
    assert matches(a, b) and matches(b, a)


def test_dates_more_than_a_day_apart_do_not_match() -> None:
    assert not matches(mention(), mention(date="2025-03-13", aid="y"))
    assert matches(mention(), mention(date="2025-03-10", aid="y"))


def test_other_actor_type_or_polarity_do_not_match() -> None:
    base = mention()
    assert not matches(base, mention(source=("RUSGOV",), aid="y"))  # GOV vs MIL
    assert not matches(base, mention(source=("UKR",), aid="y"))
    assert not matches(base, mention(target=("UKR",), aid="y"))
    assert not matches(base, mention(ptype="COERCE", aid="y"))
    assert not matches(base, mention(negated=True, aid="y"))
    assert not matches(base, mention(modality="planned", aid="y"))
    # non-factual mentions match their own kind
    assert matches(mention(negated=True), mention(negated=True, aid="y"))


def test_locations_must_agree_when_both_are_known() -> None:
    kharkiv = place("Kharkiv", "UKR", gid=706483)
    odesa = place("Odesa", "UKR", gid=698740)
    ukraine = place("Ukraine", "UKR", feature="country")
    assert matches(mention(location=kharkiv), mention(location=kharkiv, aid="y"))
    assert matches(mention(location=kharkiv), mention(aid="y"))
    assert matches(mention(location=kharkiv), mention(location=ukraine, aid="y"))
    assert not matches(mention(location=kharkiv), mention(location=odesa, aid="y"))


def test_dissimilar_evidence_does_not_match() -> None:
    other = mention("Russia shelled a grain port with drones, setting silos on fire.", aid="y")
    assert not matches(mention(), other)


def test_mutual_types_pool_sources_and_targets() -> None:
    text = "Russia and Ukraine held talks in Istanbul."
    a = mention(text, "CONSULT", ("RUSGOV", "UKRGOV"), trigger="talks")
    b = mention("Russia held talks with Ukraine in Istanbul.", "CONSULT", ("RUS",), ("UKR",),
                aid="y", trigger="talks")
    assert matches(a, b)


def test_mentions_without_actors_stay_alone() -> None:
    a, b = mention(source=()), mention(source=(), aid="y")
    assert a.block is None and not matches(a, b)


def test_components_do_not_depend_on_order() -> None:
    texts = [SHELLING, "Russian forces shelled Kharkiv, killing three civilians.",
             "Russia bombarded Kharkiv and three civilians died near a school.",
             "Russia shelled a grain port with drones, setting silos on fire."]
    mentions = [mention(t, aid=f"a{i}", trigger=t.split()[1]) for i, t in enumerate(texts)]
    results = set()
    for order in itertools.permutations(mentions):
        groups = components(list(order))
        results.add(tuple(tuple(m.event_id for m in g) for g in groups))
    assert len(results) == 1
    (groups,) = results
    assert sorted(len(g) for g in groups) == [1, 3]


def test_ids_and_outlets() -> None:
    assert cluster_id("ev_0123456789abcdef0123") == "ce_0123456789abcdef0123"
    assert outlet("Reuters ", "https://x.example/a", "a1") == "source:reuters"
    assert outlet(None, "https://www.x.example/a", "a1") == "host:x.example"
    assert outlet("", None, "a1") == "article:a1"
