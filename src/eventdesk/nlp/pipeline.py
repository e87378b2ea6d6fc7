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

# Longest text handed to spaCy in one piece; longer bodies are cut into chunks at
# paragraph or sentence boundaries before parsing (the parser's cost is per token).
MAX_CHUNK_CHARS = 100_000


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
    return nlp


def segments(article: Article) -> list[tuple[str, str]]:
    """The (segment name, text) pairs of an article that get parsed."""
    parts = []
    if article.title and article.title.strip():
        parts.append(("title", article.title))
    parts.append(("body", article.text))
    return parts


def chunk_text(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut a long text into (offset, chunk) pieces of at most ``limit`` characters."""
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end))
            if cut > start + limit // 2:
                end = cut + 1
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def parse_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int = 32
) -> Iterator[tuple[Article, list[tuple[str, int, Doc]]]]:
    """Yield each article with its parsed pieces: (segment, offset in segment, Doc)."""
    buffer: list[Article] = []
    for article in articles:
        buffer.append(article)
        if len(buffer) >= batch_size:
            yield from _parse_batch(nlp, buffer, batch_size)
            buffer = []
    if buffer:
        yield from _parse_batch(nlp, buffer, batch_size)


def _parse_batch(nlp: Language, batch: list[Article], batch_size: int):
    items = []
    for index, article in enumerate(batch):
        for segment, text in segments(article):
            for offset, chunk in chunk_text(text):
                items.append((chunk, (index, segment, offset)))
    parsed: list[list[tuple[str, int, Doc]]] = [[] for _ in batch]
    for doc, (index, segment, offset) in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        parsed[index].append((segment, offset, doc))
    for article, docs in zip(batch, parsed):
        yield article, docs


def check_pipeline(name: str) -> str:
    """Return a short description of the loaded pipeline (for `doctor`)."""
    if not name:
        raise ConfigError("no spaCy pipeline named")
    nlp = load_pipeline(name)
    meta = nlp.meta
    return f"{meta.get('name', name)} {meta.get('version', '')} ({', '.join(nlp.pipe_names)})"
