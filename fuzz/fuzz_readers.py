"""Fuzz the input readers with atheris: any bytes in, only Articles or InputErrors out.

    make fuzz                       # 60 s (FUZZ_SECONDS=600 make fuzz for longer)
    python fuzz/fuzz_readers.py -max_total_time=60 CORPUS_DIR fuzz/seeds

The first byte picks the file name the bytes are read under (so each format is reached by
extension as well as by content sniffing) and whether the format is forced. A crash is any
exception escaping ``read_source``, an item that is neither an Article nor an InputError, an
Article with empty text, or an error message over one line.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from eventdesk.errors import InputError
    from eventdesk.ingest import FORMATS, read_source
    from eventdesk.ingest.common import normalise_date
    from eventdesk.ingest.sources import Source
    from eventdesk.model import Article

NAMES = ["in.txt", "in.jsonl", "in.html", "in.rss", "in.atom", "in.xml", "noext", "in.json"]


def test_one_input(data: bytes) -> None:
    if not data:
        return
    head, body = data[0], data[1:]
    name = NAMES[head % len(NAMES)]
    forced = FORMATS[(head >> 3) % len(FORMATS)] if head & 0x80 else None
    for item in read_source(Source(f"fuzz/{name}", body), forced, "2025-01-02"):
        if isinstance(item, InputError):
            assert "\n" not in str(item), repr(str(item))
            assert str(item).startswith("fuzz/"), str(item)
        elif isinstance(item, Article):
            assert item.text.strip(), "an article without text"
            assert item.date is None or normalise_date(item.date) == item.date, item.date
            item.to_dict()  # ids and hashes compute
        else:
            raise AssertionError(f"reader yielded {type(item).__name__}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
