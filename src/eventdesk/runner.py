"""The ingest job: read inputs, code what is new or stale, store each article whole."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from eventdesk.coder import Coder, coder_version, get_coder
from eventdesk.config import Settings
from eventdesk.errors import InputError, describe
from eventdesk.ingest import iter_articles
from eventdesk.model import Article, CodedArticle
from eventdesk.store.db import NEW, RECODE, UNCHANGED, Store


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    recoded: int = 0
    unchanged: int = 0
    failed: int = 0
    events: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (f"articles: {self.read} read, {self.new} new, {self.recoded} re-coded, "
                f"{self.unchanged} unchanged, {self.failed} failed; {self.events} events; "
                f"{self.seconds:.1f} s")


def ingest(paths: Iterable[str], store: Store, settings: Settings, *, workers: int = 1,
           input_format: str | None = None, date: str | None = None,
           on_error: Callable[[InputError], None] = lambda e: None,
           on_article: Callable[[IngestSummary], None] = lambda s: None) -> IngestSummary:
    """Ingest every article under ``paths`` into ``store``; bad inputs go to ``on_error``."""
    summary = IngestSummary()
    started = time.perf_counter()
    version = coder_version(settings)  # articles stored by another version are re-coded
    statuses: dict[str, str] = {}
    queued: set[str] = set()  # content hashes coded in this run
    queued_ids: set[str] = set()

    def fail(error: InputError) -> None:
        summary.failed += 1
        on_error(error)

    def pending() -> Iterator[Article]:
        for item in iter_articles(paths, input_format, date, settings.max_bytes,
                                  max_chars=settings.max_chars,
                                  fetch_timeout=settings.fetch_timeout):
            if isinstance(item, InputError):
                fail(item)
                continue
            summary.read += 1
            status = store.status(item.article_id, item.content_hash, version)
            if item.content_hash in queued:
                status = UNCHANGED  # the same article twice in this run
            elif item.article_id in queued_ids:
                status = RECODE  # the same id with another text: the later one replaces it
            if status == UNCHANGED:
                summary.unchanged += 1
                on_article(summary)
                continue
            statuses[item.content_hash] = status
            queued.add(item.content_hash)
            queued_ids.add(item.article_id)
            yield item

    for coded in code_stream(pending(), settings, workers):
        problem = coded if isinstance(coded, InputError) else write(store, coded, version)
        if problem is not None:
            fail(problem)
            continue
        if statuses.pop(coded.article.content_hash, NEW) == NEW:
            summary.new += 1
        else:
            summary.recoded += 1
        summary.events += len(coded.events)
        on_article(summary)
    summary.seconds = time.perf_counter() - started
    return summary


def write(store: Store, coded: CodedArticle, version: str) -> InputError | None:
    """Store one coded article; a failure of this article alone becomes its InputError.

    Failures of the database itself (busy, full, damaged, read-only) are raised: the run
    stops, as every later article would fail the same way.
    """
    try:
        store.write_article(coded, version)
    except Exception as exc:
        if store_failure(exc):
            raise
        return InputError(coded.article.origin or "<article>",
                          f"cannot store this article: {describe(exc)}")
    return None


def store_failure(exc: BaseException) -> bool:
    """True for a database error that is not about one article's data."""
    if isinstance(exc, (sqlite3.IntegrityError, sqlite3.DataError, sqlite3.InterfaceError,
                        sqlite3.ProgrammingError)):
        return False
    return isinstance(exc, sqlite3.Error)


def code_stream(articles: Iterable[Article], settings: Settings,
                workers: int = 1) -> Iterator[CodedArticle | InputError]:
    """Code articles in input order, in this process or in ``workers`` processes.

    An article the coder fails on comes out as an InputError naming it; the others go on.
    """
    if workers <= 1:
        yield from get_coder(settings).code_each(articles)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        batches = _batches(articles, WORKER_TASK_ARTICLES)
        for coded_batch in pool.imap(_code_batch, batches):
            yield from coded_batch


# Articles per task sent to a worker: small tasks keep both cores busy to the end of a run.
WORKER_TASK_ARTICLES = 2

_worker_coder: Coder | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_coder
    _worker_coder = Coder(settings)


def _code_batch(batch: list[Article]) -> list[CodedArticle | InputError]:
    assert _worker_coder is not None
    return list(_worker_coder.code_each(batch))


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
