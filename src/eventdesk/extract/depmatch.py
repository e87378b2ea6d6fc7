"""Dependency patterns matched from one token, on demand.

The constructions (``events/constructions.yaml``) are written in spaCy's DependencyMatcher
format: a list of nodes, the first one the anchor (the trigger), each later node tied to an
earlier one by a relation. spaCy's DependencyMatcher matches every pattern over the whole Doc,
which costs more than the parse itself; the coder only ever asks for the matches anchored at a
handful of tokens. This module matches one pattern from one anchor token, with the subset of
the format the constructions use (checked when the lexicon loads):

- relations ``>`` (the right node is a child of the left one), ``<`` (its head), ``<<``
  (one of its ancestors) and ``>>`` (one of its descendants);
- token attributes ``DEP``, ``POS``, ``TAG``, ``LEMMA``, ``LOWER``, each a string or
  ``{"IN": [...]}`` / ``{"NOT_IN": [...]}``; ``IS_LOWER``, ``IS_TITLE`` true or false.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token

RELATIONS = (">", "<", "<<", ">>")
ATTRIBUTES = {
    "DEP": lambda t: t.dep_,
    "POS": lambda t: t.pos_,
    "TAG": lambda t: t.tag_,
    "LEMMA": lambda t: t.lemma_,
    "LOWER": lambda t: t.lower_,
    "IS_LOWER": lambda t: t.is_lower,
    "IS_TITLE": lambda t: t.is_title,
}


def pattern_problem(pattern: list[dict[str, Any]]) -> str | None:
    """Why this module cannot match ``pattern``, or None."""
    for number, node in enumerate(pattern):
        if number and node.get("REL_OP") not in RELATIONS:
            return f"node {node.get('RIGHT_ID')!r}: relation {node.get('REL_OP')!r} is not " \
                   f"one of {', '.join(RELATIONS)}"
        for key, value in node.get("RIGHT_ATTRS", {}).items():
            if key not in ATTRIBUTES:
                return f"node {node.get('RIGHT_ID')!r}: attribute {key!r} is not one of " \
                       f"{', '.join(ATTRIBUTES)}"
            if isinstance(value, dict) and set(value) - {"IN", "NOT_IN"}:
                return f"node {node.get('RIGHT_ID')!r}: {key} takes a value, IN or NOT_IN"
    return None


def matches(pattern: list[dict[str, Any]], anchor: Token) -> list[dict[str, int]]:
    """Every way ``pattern`` matches with its first node at ``anchor``: node id -> token
    index, in token order (deduplicated)."""
    if not _fits(anchor, pattern[0].get("RIGHT_ATTRS", {})):
        return []
    found = {tuple(sorted(m.items())): m for m in _extend(pattern, 1, {
        pattern[0]["RIGHT_ID"]: anchor})}
    return [{k: t.i for k, t in found[key].items()}
            for key in sorted(found, key=lambda k: [found[k][n["RIGHT_ID"]].i for n in pattern])]


def _extend(pattern, number: int, bound: dict[str, Token]) -> Iterator[dict[str, Token]]:
    if number == len(pattern):
        yield dict(bound)
        return
    node = pattern[number]
    left = bound[node["LEFT_ID"]]
    attrs = node.get("RIGHT_ATTRS", {})
    for token in _related(left, node["REL_OP"]):
        if _fits(token, attrs):
            bound[node["RIGHT_ID"]] = token
            yield from _extend(pattern, number + 1, bound)
            del bound[node["RIGHT_ID"]]


def _related(token: Token, relation: str):
    if relation == ">":
        return token.children
    if relation == "<":
        return [token.head] if token.head.i != token.i else []
    if relation == ">>":
        return (t for t in token.subtree if t.i != token.i)
    return token.ancestors  # "<<"


def _fits(token: Token, attrs: dict[str, Any]) -> bool:
    for key, wanted in attrs.items():
        value = ATTRIBUTES[key](token)
        if isinstance(wanted, dict):
            if "IN" in wanted and value not in wanted["IN"]:
                return False
            if "NOT_IN" in wanted and value in wanted["NOT_IN"]:
                return False
        elif value != wanted:
            return False
    return True
