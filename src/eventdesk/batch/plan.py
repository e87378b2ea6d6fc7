"""Cut the input stream into partitions of articles with stable ids.

The inputs are read in order by the existing readers (``eventdesk.ingest.iter_articles``), with
ingest's rules for repeats: an article whose content hash was already read is skipped, and an
article id read again with another text replaces the earlier one (``superseded`` holds the
sequence numbers of the replaced ones). A partition's id is a hash of the coder version and
the ids and content hashes of its articles: the same inputs give the same partitions, so a
rerun finds the partitions it already wrote and skips them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from eventdesk.errors import InputError
from eventdesk.model import Article

DEFAULT_PARTITION_SIZE = 200


@dataclass(frozen=True)
class Partition:
    """Articles coded (and written) together; ``first_seq`` numbers its first article."""

    id: str
    index: int
    first_seq: int
    articles: tuple[Article, ...]


@dataclass
class Plan:
    """What the reading of all inputs found, filled while the partitions are handed out."""

    read: int = 0
    repeated: int = 0
    failed: int = 0
    partition_ids: list[str] = field(default_factory=list)
    superseded: set[int] = field(default_factory=set)  # seq numbers replaced by a later text


def partitions(items: Iterable[Article | InputError], version: str, size: int, plan: Plan,
               on_error: Callable[[InputError], None]) -> Iterator[Partition]:
    """Partitions of ``size`` new articles from a stream of articles and read errors."""
    seen_hashes: set[bytes] = set()
    seq_of_id: dict[str, int] = {}
    batch: list[Article] = []
    seq = 0
    for item in items:
        if isinstance(item, InputError):
            plan.failed += 1
            on_error(item)
            continue
        plan.read += 1
        digest = bytes.fromhex(item.content_hash)[:16]
        if digest in seen_hashes:
            plan.repeated += 1
            continue
        seen_hashes.add(digest)
        earlier = seq_of_id.get(item.article_id)
        if earlier is not None:
            plan.superseded.add(earlier)
        seq_of_id[item.article_id] = seq
        seq += 1
        batch.append(item)
        if len(batch) >= size:
            yield _partition(batch, version, len(plan.partition_ids), seq - len(batch), plan)
            batch = []
    if batch:
        yield _partition(batch, version, len(plan.partition_ids), seq - len(batch), plan)


def _partition(articles: list[Article], version: str, index: int, first_seq: int,
               plan: Plan) -> Partition:
    digest = hashlib.sha256(f"{version}\n{first_seq}\n".encode())
    for article in articles:
        digest.update(f"{article.article_id}\t{article.content_hash}\n".encode())
    pid = f"p{index:06d}-{digest.hexdigest()[:16]}"
    plan.partition_ids.append(pid)
    return Partition(pid, index, first_seq, tuple(articles))
