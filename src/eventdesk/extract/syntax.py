"""Small dependency-parse helpers shared by the extractors."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def clause_head(token: Token) -> Token:
    """The nearest verb at or above a token: the head of its clause (the root if none).

    Tokens are compared by index: spaCy makes a new Token object on every access.
    """
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def in_question(token: Token) -> bool:
    """The token's sentence asks something (it holds a question mark)."""
    return any(t.text == "?" for t in token.sent)


def to_infinitive(verb: Token) -> bool:
    """"to protest", "to discuss": a verb marked by infinitival "to"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def described(verb: Token) -> bool:
    """A relative clause or a past participle with its own doer, telling what happened to the
    noun it describes ("the men whom police arrested", "fighters captured by the army"): a
    fact, not part of what the clause around it says, asks or intends."""
    if verb.dep_ == "relcl":
        return any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children)
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent"
                                                              for c in verb.children)
