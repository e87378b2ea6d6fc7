"""Build the spaCy pipeline once per process and parse articles in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from eventdesk.errors import ConfigError
from eventdesk.model import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Texts up to this many characters are parsed whole, as one Doc (every article of normal size).
MAX_CHUNK_CHARS = 100_000
# Longer texts are cut into sections of at most this many characters, at a paragraph, sentence
# or word boundary, and parsed a few sections at a time while the coder reads them: time and
# memory then grow linearly with the length, and no parse sees an overlong run-on text.
SECTION_CHARS = 10_000

Piece = tuple[str, int, "Doc"]  # (segment, offset of the Doc's text in the segment, Doc)


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load a spaCy pipeline by package name or path; raise ConfigError if it is missing."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"cannot load spaCy pipeline {name!r}: install it with pip or set "
            f"EVENTDESK_PIPELINE to an installed pipeline ({str(exc).splitlines()[0][:120]})"
        ) from None
    nlp.max_length = max(nlp.max_length, 2 * MAX_CHUNK_CHARS)
    from eventdesk.nlp.lemmas import add_lemma_fixes

    add_lemma_fixes(nlp)
    return nlp


def segments(article: Article) -> list[tuple[str, str]]:
    """The (segment name, text) pairs of an article that get parsed: boilerplate (credits,
    "Read more" lines, bylines) blanked with spaces, so every offset stays the input's."""
    from eventdesk.nlp.boilerplate import mask
    from eventdesk.nlp.headline import sentence_case

    parts = []
    if article.title and article.title.strip():
        parts.append(("title", sentence_case(mask(article.title), *_headline_words())))
    parts.append(("body", mask(article.text)))
    return parts


@lru_cache(maxsize=1)
def _headline_words() -> tuple[frozenset[str], frozenset[str]]:
    """Words a Title Case headline may hold in lower case (spaCy's English stop words, the
    built-in lexicon's trigger verbs and nouns and role words), and the lexicon's names of
    several words, which keep their capitals."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from eventdesk.lexicon import load_lexicon
    from eventdesk.nlp.headline import common_words

    lexicon = load_lexicon(())  # the same cache entry as the coder's built-in lexicon
    common = common_words([*STOP_WORDS, *lexicon.events.verbs, *lexicon.events.nouns,
                           *lexicon.actors.sectors])
    names = frozenset(n for n in lexicon.actors.names if " " in n and not n.islower())
    return common, names


def chunk_text(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut a text into (offset, chunk) pieces of at most ``limit`` characters, each cut after
    the last line break, else sentence end, else space in the second half of the piece."""
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            end = _cut(text, start, end, limit)
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _cut(text: str, start: int, end: int, limit: int) -> int:
    floor = start + limit // 2
    for mark in ("\n", ". ", " "):
        at = text.rfind(mark, floor, end)
        if at >= floor:
            return at + 1
    return end


def sections(text: str) -> list[tuple[int, str]]:
    """The (offset, text) pieces of one segment: the whole text when it is of normal size."""
    if len(text) <= MAX_CHUNK_CHARS:
        return [(0, text)]
    return chunk_text(text, SECTION_CHARS)


def is_long(article: Article) -> bool:
    return any(len(text) > MAX_CHUNK_CHARS for _, text in segments(article))


def parse_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int = 32, isolate: bool = False
) -> Iterator[tuple[Article, Iterable[Piece] | Exception]]:
    """Yield each article with its parsed pieces: (segment, offset in segment, Doc).

    Articles of normal size are parsed in batches and get a list. A long article gets an
    iterator that parses its sections while it is read: consume it before the next article.
    With ``isolate``, a batch the parser fails on is parsed again article by article and an
    article that still fails gets its exception instead of pieces.
    """
    buffer: list[Article] = []
    for article in articles:
        if is_long(article):
            if buffer:
                yield from _parse_batch(nlp, buffer, batch_size, isolate)
                buffer = []
            yield article, _parse_sections(nlp, article, batch_size)
            continue
        buffer.append(article)
        if len(buffer) >= batch_size:
            yield from _parse_batch(nlp, buffer, batch_size, isolate)
            buffer = []
    if buffer:
        yield from _parse_batch(nlp, buffer, batch_size, isolate)


def _parse_sections(nlp: Language, article: Article, batch_size: int) -> Iterator[Piece]:
    items = [(section, (segment, offset)) for segment, text in segments(article)
             for offset, section in sections(text)]
    for doc, (segment, offset) in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        yield segment, offset, doc


def _parse_batch(nlp: Language, batch: list[Article], batch_size: int, isolate: bool):
    try:
        parsed = _parse_all(nlp, batch, batch_size)
    except Exception:
        if not isolate:
            raise
        for article in batch:
            try:
                yield article, _parse_all(nlp, [article], batch_size)[0]
            except Exception as exc:  # noqa: BLE001 - reported for this article only
                yield article, exc
        return
    yield from zip(batch, parsed)


def _parse_all(nlp: Language, batch: list[Article], batch_size: int) -> list[list[Piece]]:
    items = []
    for index, article in enumerate(batch):
        for segment, text in segments(article):
            for offset, chunk in sections(text):
                items.append((chunk, (index, segment, offset)))
    parsed: list[list[Piece]] = [[] for _ in batch]
    for doc, (index, segment, offset) in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        parsed[index].append((segment, offset, doc))
    return parsed


def check_pipeline(name: str) -> str:
    """Return a short description of the loaded pipeline (for `doctor`)."""
    if not name:
        raise ConfigError("no spaCy pipeline named")
    nlp = load_pipeline(name)
    meta = nlp.meta
    return f"{meta.get('name', name)} {meta.get('version', '')} ({', '.join(nlp.pipe_names)})"
