"""`eventdesk load`: bring a batch dataset into the SQLite store.

The coded articles of every partition the manifest lists are written in input order with the
store's own write (``Store.write_article``), so sentences, times, places and the clusters are
exactly what `eventdesk ingest` stores. An article the store already holds with the same text
and coder version is skipped: loading twice duplicates nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from eventdesk.batch.parts import WORK, WorkDir
from eventdesk.batch.records import coded_from_record
from eventdesk.batch.run import MANIFEST
from eventdesk.errors import EventdeskError
from eventdesk.store.db import UNCHANGED, Store


@dataclass
class LoadSummary:
    articles: int = 0
    written: int = 0
    unchanged: int = 0
    events: int = 0

    def line(self) -> str:
        return (f"articles: {self.articles} in the dataset, {self.written} written, "
                f"{self.unchanged} already stored; {self.events} events written")


def read_manifest(folder: str | Path) -> dict:
    """The manifest of a finished batch dataset; EventdeskError when there is none."""
    path = Path(folder) / MANIFEST
    if not (Path(folder) / WORK).is_dir() or not path.is_file():
        raise EventdeskError(f"{folder}: not a finished `eventdesk batch` output (no {MANIFEST}); "
                             "run or resume `eventdesk batch` into it first")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EventdeskError(f"{path}: cannot read the manifest: {exc}") from None


def load_dataset(folder: str | Path, store: Store) -> LoadSummary:
    """Write every coded article of the dataset at ``folder`` into ``store``."""
    manifest = read_manifest(folder)
    version = manifest["coder_version"]
    work = WorkDir.existing(folder)
    summary = LoadSummary()
    for pid in manifest["partitions"]:
        for record in work.records(pid):
            coded = coded_from_record(record)
            summary.articles += 1
            article = coded.article
            if store.status(article.article_id, article.content_hash, version) == UNCHANGED:
                summary.unchanged += 1
                continue
            store.write_article(coded, version)
            summary.written += 1
            summary.events += len(coded.events)
    return summary
