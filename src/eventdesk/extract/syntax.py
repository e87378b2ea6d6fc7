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


# Words that open a relative clause and stand for the noun it modifies.
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})


def relative_antecedent(word: Token) -> Token | None:
    """The noun a relative pronoun stands for ("the men whom police held": men), or None."""
    verb = word.head
    if word.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.i != word.i:
        return verb.head
    return None


def passive_voice(verb: Token) -> bool:
    """A verb with a passive subject or auxiliary ("was attacked")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def passive(verb: Token) -> bool:
    """A passive verb, or a past participle after a noun ("villagers expelled by ...", at
    times tagged as a past tense)."""
    return passive_voice(verb) or verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD")


_OWN_CLAUSE_OR_OBJECT = ("nsubj", "nsubjpass", "csubj", "csubjpass", "aux", "auxpass", "dobj",
                         "obj")


def bare_conjunct(verb: Token) -> bool:
    """A past participle joined to the verb before it, with no subject, auxiliary or object of
    its own ("were robbed, [expelled] and beaten")."""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(
        c.dep_ in _OWN_CLAUSE_OR_OBJECT for c in verb.children)


def passive_top(trigger: Token) -> Token | None:
    """"were robbed, expelled and beaten by the militia": the passive verb a chain of bare past
    participles is joined to (its subject underwent them all); None for any other verb."""
    token = trigger
    while bare_conjunct(token):
        token = token.head
        if passive(token):
            return token
    return None
