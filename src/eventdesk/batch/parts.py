"""The files of one coded partition, written whole or not at all, and its done marker.

Under ``OUT/_work/``, per partition ``PID``:

- ``coded/PID.jsonl.gz``: one record per coded article (``records.coded_to_record``), read by
  ``eventdesk load``;
- ``mentions/PID.parquet``: one row per event (``records.mention_rows``), read by clustering;
- ``done/PID.json``: the marker, written last: the articles, events and errors of the partition.

Each file is written to a temporary name beside it and renamed into place
(``eventdesk.outfile.replacing``). A partition counts as done only when its marker exists, and
the marker is renamed into place after both data files: a kill at any moment leaves either a
finished partition or one that the next run writes again, whole.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from eventdesk.batch.records import MENTION_SCHEMA, coded_to_record, mention_rows
from eventdesk.errors import InputError
from eventdesk.model import CodedArticle
from eventdesk.outfile import replacing

WORK = "_work"


class WorkDir:
    """The ``_work`` folder of a batch output folder."""

    def __init__(self, out: str | Path, create: bool = True):
        self.root = Path(out) / WORK
        for name in ("coded", "mentions", "done") if create else ():
            (self.root / name).mkdir(parents=True, exist_ok=True)

    @classmethod
    def existing(cls, out: str | Path) -> WorkDir:
        """The work folder of a dataset, read only: nothing is created."""
        return cls(out, create=False)

    def coded_path(self, pid: str) -> Path:
        return self.root / "coded" / f"{pid}.jsonl.gz"

    def mentions_path(self, pid: str) -> Path:
        return self.root / "mentions" / f"{pid}.parquet"

    def marker_path(self, pid: str) -> Path:
        return self.root / "done" / f"{pid}.json"

    def is_done(self, pid: str) -> bool:
        return self.marker_path(pid).exists()

    def marker(self, pid: str) -> dict:
        return json.loads(self.marker_path(pid).read_text(encoding="utf-8"))

    def write(self, pid: str, first_seq: int, results: list[CodedArticle | InputError],
              shards: int) -> dict:
        """Write the partition's files and then its marker; return the marker."""
        coded_day = datetime.now(UTC).strftime("%Y-%m-%d")
        coded = [r for r in results if isinstance(r, CodedArticle)]
        errors = [[r.origin, r.reason, r.line] for r in results if isinstance(r, InputError)]
        with replacing(self.coded_path(pid)) as temp, \
                gzip.GzipFile(temp, "wb", mtime=0) as handle:
            for result in results:
                if isinstance(result, CodedArticle):
                    line = json.dumps(coded_to_record(result), ensure_ascii=False)
                    handle.write(line.encode("utf-8") + b"\n")
        rows = []
        for offset, result in enumerate(results):
            if isinstance(result, CodedArticle):
                rows += mention_rows(result, first_seq + offset, coded_day, shards)
        _write_rows(self.mentions_path(pid), rows)
        marker = {"partition": pid, "articles": len(coded), "failed": len(errors),
                  "events": len(rows), "errors": errors}
        with replacing(self.marker_path(pid)) as temp:
            temp.write_text(json.dumps(marker, ensure_ascii=False), encoding="utf-8")
        return marker

    def records(self, pid: str) -> Iterator[dict]:
        """The coded-article records of one finished partition, in input order."""
        with gzip.open(self.coded_path(pid), "rt", encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)


def mention_schema():
    import pyarrow as pa

    types = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64()}
    return pa.schema([(name, types[kind]) for name, kind in MENTION_SCHEMA])


def _write_rows(path: Path, rows: list[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows.sort(key=lambda r: (r["shard"], r["event_id"]))
    table = pa.Table.from_pylist(rows, schema=mention_schema())
    with replacing(path) as temp:
        pq.write_table(table, str(temp), compression="zstd", row_group_size=4096)
