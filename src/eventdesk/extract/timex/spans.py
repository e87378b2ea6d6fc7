"""Where time expressions are: spaCy DATE/TIME entities plus compiled regexes for the forms
spaCy misses, and the tense direction of the clause that governs each one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NUMW = (r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
         r"fifteen|twenty|thirty|forty|fifty|sixty|hundred|a|an|a few|several|a couple of|"
         r"(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight|nine))")
_UNIT = r"(?:second|minute|hour|day|week|month|quarter|year|decade|century|centurie)"
_MONTH = (r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
          r"aug(?:ust|\.)?|sep(?:t\.?|tember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|"
          r"dec(?:ember|\.)?)")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(?:morning|afternoon|evening|night)"

EXTRA_PATTERNS = [
    # reference words (TimeML: now/currently -> PRESENT_REF, recently -> PAST_REF ...)
    r"\b(?:now|currently|nowadays|presently|at present|recently|lately|"
    r"(?:the |in the )?(?:near )?future)\b",
    # sets
    r"\b(?:daily|nightly|weekly|biweekly|monthly|quarterly|annually|yearly|hourly)\b",
    rf"\b(?:every|each)\s+(?:other\s+)?(?:{_NUMW}\s+)?(?:{_UNIT}s?|{_WEEKDAY}|{_PART})\b",
    rf"\b(?:once|twice|three times|\w+ times)\s+(?:a|an|per|every|each)\s+{_UNIT}\b",
    # weekdays (with a part of the day) and month-day(-year) dates
    rf"\b(?:(?:last|next|this|early|late)\s+)?{_WEEKDAY}(?:\s+{_PART})?\b",
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d\b)?",
    rf"\b(?:(?:early|mid|late)[- ]?)?{_MONTH[:-1]}\b(?:\s+(?:19|20)\d\d)?)\b(?=\s*(?:,|\.|;|$|"
    r"\s+(?:19|20)\d\d|\s+(?:and|or|to|through|when|after|before|last|this|next)\b))",
    # decades, centuries, years, fiscal years, quarters, halves
    r"(?:\bthe\s+)?(?:\b(?:early|mid|late)[- ]?)?(?:\b(?:1[0-9]|20)\d0|'\d0)'?s\b",
    r"\b(?:fiscal|calendar)(?:\s+year)?\s+(?:19|20)\d\d\b",
    r"(?<![$#\d.,])\b(?:(?:early|mid|late)-?)?(?:1[89]|20)\d\d\b(?!\s*%|[,.]\d|-\d|\s+(?:percent|"
    r"people|members|employees|shares|troops|votes|cars|tons)\b)",
    r"\b(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?"
    r"(?:quarter|half)\b",
    # durations: "30-day", "three years", "the past 18 months", "for years"
    rf"\b(?:the\s+)?(?:(?:past|last|next|coming|previous|first)\s+)?{_NUMW}[- ]{_UNIT}s?"
    r"(?:\s+(?:ago|earlier|later|from now))?\b",
    rf"\b(?:for|over|in recent|recent)\s+(?:{_UNIT}s)\b",
    rf"\b(?:the\s+)?(?:past|last|next|coming)\s+(?:few\s+)?{_UNIT}s?\b",
    r"\b(?:this|last|next)\s+(?:week|month|year|weekend|spring|summer|fall|autumn|winter)\b",
    r"\b(?:today|tonight|yesterday|tomorrow)\b",
    # holidays with a fixed or computable date
    r"\b(?:(?:last|next|this)\s+)?(?:Thanksgiving(?: Day)?|Christmas(?: Eve| Day)?|"
    r"New Year's (?:Day|Eve)|Independence Day)\b",
]
EXTRA = [re.compile(p, re.IGNORECASE) for p in EXTRA_PATTERNS]

TEMPORAL_WORD = re.compile(
    rf"\b(?:{_MONTH}|{_WEEKDAY}|{_UNIT}s?|{_PART}|weekend|today|tonight|yesterday|tomorrow|now|"
    r"spring|summer|fall|autumn|winter|(?:1[0-9]|20)\d\d|\d0s|fiscal|past|future|ago|"
    r"daily|weekly|monthly|annual|annually|yearly|quarterly|christmas|thanksgiving|"
    r"[ap]\.?m\.?|noon|midnight|recently|currently)\b", re.IGNORECASE)
AGE = re.compile(r"\b[\w-]+[- ]years?[- ]olds?\b|\baged?\b|\bages\b|\bhis\b|\bher\b|"
                 r"\btheir\b", re.IGNORECASE)
SPLIT = re.compile(r"\s+(?:and|or|to|through|until|ended|ending|end)\s+|\s*[-\u2013]\s*(?=[A-Z])")

FUTURE_LEMMAS = frozenset({"plan", "schedule", "expect", "due", "set", "intend", "propose",
                           "aim", "prepare", "hope", "will", "shall", "going", "upcoming",
                           "forecast", "project", "anticipate", "slate"})
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "gonna"})
PAST_AUX = frozenset({"was", "were", "did", "had", "has", "have", "'d"})


def candidate_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of time expressions in the doc, non-overlapping, in text order."""
    text = doc.text
    found: list[tuple[int, int, int]] = []  # (start, end, priority)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        for start, end in _split_entity(ent.text, ent.start_char):
            start, end = _trim(text, start, end)
            if end > start:
                found.append((start, end, 1))
    for pattern in EXTRA:
        for m in pattern.finditer(text):
            start, end = _trim(text, m.start(), m.end())
            if end > start:
                found.append((start, end, 0))
    found.sort(key=lambda x: (-(x[1] - x[0]), -x[2], x[0]))
    chosen: list[tuple[int, int]] = []
    for start, end, _ in found:
        if any(start < e and s < end for s, e in chosen):
            continue
        chosen.append((start, end))
    return _merge_clock_day(text, sorted(chosen))


CLOCK = re.compile(r"^(?:\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?\s?m\.?(?:\s*[a-z]{2,4}t)?|\d{1,2}:\d\d|"
                   r"noon|midnight)$", re.IGNORECASE)
DAY = re.compile(rf"^(?:(?:last|next|this)\s+)?(?:{_WEEKDAY}|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|"
                 r"today|tonight|yesterday|tomorrow)$", re.IGNORECASE)
GAP = re.compile(r"^[\s,]*(?:on|at|of)?[\s,]*$")


def _merge_clock_day(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'10 p.m.' + 'Wednesday' -> '10 p.m. Wednesday'; 'Friday' + 'at 3 p.m.' likewise."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            p_start, p_end = merged[-1]
            left, right = text[p_start:p_end], text[start:end]
            if GAP.match(text[p_end:start]) and (
                    CLOCK.match(left) and DAY.match(right) or DAY.match(left) and
                    CLOCK.match(right)):
                merged[-1] = (p_start, end)
                continue
        merged.append((start, end))
    return merged


def _split_entity(text: str, offset: int) -> list[tuple[int, int]]:
    """'Monday and Tuesday' -> two spans; ranges keep both ends as separate expressions."""
    parts = []
    last = 0
    for m in SPLIT.finditer(text):
        left, right = text[last:m.start()], text[m.end():]
        if TEMPORAL_WORD.search(left) and TEMPORAL_WORD.search(right) and \
                not re.fullmatch(r"\w+s", left.strip()):
            parts.append((offset + last, offset + m.start()))
            last = m.end()
    parts.append((offset + last, offset + len(text)))
    return parts


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,;:.'\"()-\n":
        if text[end - 1] == "." and re.search(r"(?:[ap]\.m|[A-Z][a-z]{2})\.$",
                                              text[start:end]):
            break
        end -= 1
    if text[start:end].lower().endswith("'s"):
        end -= 2
    while start < end and text[start] in " ,;:'\"()-\n":
        start += 1
    return start, end


def keep(text: str, value: str | None) -> bool:
    """Drop entity noise: ages, bare numbers, spans with no temporal word and no value."""
    if AGE.search(text) and not re.search(r"\b(?:19|20)\d\d\b", text):
        return False
    if value is not None:
        return True
    return bool(TEMPORAL_WORD.search(text))


def direction(span: Span) -> int:
    """-1 when the governing clause is past, +1 when future or planned, 0 when unknown."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("next", "coming", "upcoming", "until", "till", "by"):
        return 1
    if before in ("last", "past", "since", "ago", "previous"):
        return -1
    verb = governing_verb(span)
    if verb is None:
        return 0
    return verb_direction(verb)


def governing_verb(span: Span) -> Token | None:
    tok = span.root
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            return tok
    return tok if tok.pos_ in ("VERB", "AUX") else None


def verb_direction(verb: Token) -> int:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {c.lower_ for c in auxes}
    if aux_words & FUTURE_AUX or any(c.tag_ == "MD" and c.lemma_ in ("will", "shall")
                                     for c in auxes):
        return 1
    if verb.lemma_.lower() in FUTURE_LEMMAS or verb.lower_ in FUTURE_LEMMAS:
        return 1
    if "to" in aux_words and verb.tag_ == "VB":
        head = verb.head
        if head.i != verb.i and head.lemma_.lower() in FUTURE_LEMMAS | {"agree", "want",
                                                                        "decide", "vow"}:
            return 1
        return verb_direction(head) if head.i != verb.i and head.pos_ in ("VERB", "AUX") else 0
    if aux_words & {"was", "were", "did", "had"}:
        return -1
    if verb.tag_ == "VBD":
        return -1
    if verb.tag_ == "VBN":
        if aux_words & {"has", "have", "'ve"}:
            return -1
        if aux_words & {"is", "are", "'s", "be"}:
            return 1 if verb.lemma_.lower() in FUTURE_LEMMAS else 0
        return -1 if not aux_words else 0
    if verb.tag_ == "VBG" and aux_words & {"is", "are", "am", "'s", "'re"}:
        return 1
    if verb.tag_ == "MD":
        return 1 if verb.lower_ in FUTURE_AUX else 0
    return 0
