"""Headlines in Title Case ("Rwanda Hosts Peace Talks Between Uganda and Rebels") parse badly:
the tagger reads every capitalised word as a name. ``sentence_case`` lowers the capital of
the words a lexicon knows as common words (function words, trigger verbs and nouns, role
words), keeping names and the first word. Only case changes, so every offset stays valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD = re.compile(r"[A-Za-z][a-z'’]*(?:-[A-Za-z][a-z'’]*)*")
MIN_WORDS = 4  # shorter titles are left as they are
TITLE_SHARE = 0.6  # of the words that start with a capital, for a title to be Title Case


def is_title_case(text: str) -> bool:
    words = [w for w in WORD.findall(text) if len(w) > 3]
    return len(words) >= MIN_WORDS and \
        sum(w[0].isupper() for w in words) >= TITLE_SHARE * len(words)


def sentence_case(text: str, common: frozenset[str], names: frozenset[str] = frozenset()) -> str:
    """``text`` with the capitals of known common words lowered, when it is in Title Case;
    words inside a known name of several words ("White House", "Syrian Democratic Forces")
    keep theirs."""
    if not is_title_case(text):
        return text
    kept = [False] * len(text)
    for name in names:
        at = text.find(name)
        while at >= 0:
            kept[at:at + len(name)] = [True] * len(name)
            at = text.find(name, at + 1)
    chars = list(text)
    for number, match in enumerate(WORD.finditer(text)):
        word = match.group()
        if number == 0 or not word[0].isupper() or not word[1:].islower() \
                or kept[match.start()]:
            continue  # the first word, lower-case words, acronyms ("UN", "NATO"), names
        if word.lower() not in CALENDAR and _known(word.lower(), common):
            chars[match.start()] = word[0].lower()
    return "".join(chars)


def common_words(words: Iterable[str]) -> frozenset[str]:
    """The single lower-case words of a list of phrases."""
    return frozenset(w for phrase in words for w in phrase.lower().split() if w.isalpha())


# names of months and days keep their capital: "Talks Resume On May 16"
CALENDAR = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _known(word: str, common: frozenset[str]) -> bool:
    """The word or a plain inflection of it ("hosts", "talks", "offered", "charging")."""
    if word in common:
        return True
    for suffix, stem in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("ing", ""), ("ing", "e"), ("d", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + stem in common:
            return True
    return False
