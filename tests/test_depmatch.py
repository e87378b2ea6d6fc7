"""The on-demand dependency pattern matcher finds what spaCy's DependencyMatcher finds."""

from collections import defaultdict

import pytest
from spacy.matcher import DependencyMatcher

from eventdesk.coder import get_coder
from eventdesk.extract.depmatch import matches, pattern_problem

SENTENCES = [
    "Ruritanian jets bombed a depot in Osterlich on Monday, officials said.",
    "Talks between Vell and Ruritania were held in Geneva after the minister, who arrived "
    "on Sunday, condemned the Osterlich invasion of the islands.",
    "The convoy was ambushed by rebels near the pass and the army promised to retake the town.",
    "Osterlich imposed sanctions on Ruritania, whose leaders rejected the demands of the "
    "protesters and sent aid to the refugees.",
    "The villagers, who were robbed, expelled and beaten by the militia, fled to Vell.",
]


@pytest.fixture(scope="module")
def coder():
    return get_coder()


def test_same_matches_as_spacys_dependency_matcher(coder):
    constructions = coder.lexicon.events.constructions
    reference = DependencyMatcher(coder.nlp.vocab)
    for construction in constructions:
        reference.add(construction.name, [list(construction.pattern)])
    for text in SENTENCES:
        doc = coder.nlp(text)
        expected = defaultdict(set)
        for match_id, ids in reference(doc):
            name = doc.vocab.strings[match_id]
            nodes = [n["RIGHT_ID"] for n in
                     next(c for c in constructions if c.name == name).pattern]
            expected[(ids[0], name)].add(tuple(sorted(zip(nodes, ids))))
        found = defaultdict(set)
        for token in doc:
            for construction in constructions:
                for m in matches(list(construction.pattern), token):
                    found[(token.i, construction.name)].add(tuple(sorted(m.items())))
        assert found == expected, text


def test_unsupported_relations_and_attributes_are_named():
    assert "relation" in pattern_problem([{"RIGHT_ID": "t", "RIGHT_ATTRS": {}},
                                          {"LEFT_ID": "t", "REL_OP": ";", "RIGHT_ID": "x",
                                           "RIGHT_ATTRS": {}}])
    assert "ENT_TYPE" in pattern_problem([{"RIGHT_ID": "t", "RIGHT_ATTRS": {"ENT_TYPE": "GPE"}}])
    assert pattern_problem([{"RIGHT_ID": "t", "RIGHT_ATTRS": {"DEP": {"IN": ["nsubj"]}}}]) is None
