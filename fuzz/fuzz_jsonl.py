"""Fuzz the JSON readers (JSON Lines and JSON documents) with atheris.

    make fuzz FUZZ_TARGETS=fuzz_jsonl
    python fuzz/fuzz_jsonl.py -max_total_time=60 CORPUS_DIR fuzz/seeds

The bytes are read as UTF-8 text (invalid bytes replaced: the readers get decoded text), so
the fuzzer reaches JSON escapes such as lone surrogates, deep nesting, huge numbers, NaN.
A crash is any exception escaping a reader, an item that is neither an Article nor an
InputError, a JSON Lines result count other than its non-blank lines, an error message over
one line, or an article holding anything that cannot be stored: text that is not valid
Unicode, or meta that does not serialise back to JSON.
"""

from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports():
    from eventdesk.errors import InputError
    from eventdesk.ingest import jsondoc, jsonl
    from eventdesk.model import Article


def check(item: object, origin: str) -> None:
    if isinstance(item, InputError):
        message = str(item)
        assert "\n" not in message and message.startswith(origin), repr(message)
        message.encode("utf-8")
    elif isinstance(item, Article):
        assert item.text.strip(), "an article without text"
        for value in (item.text, item.title or "", item.source or "", item.url or "",
                      item.id or ""):
            value.encode("utf-8")
        json.dumps(item.meta, ensure_ascii=False, allow_nan=False).encode("utf-8")
        item.to_dict()
    else:
        raise AssertionError(f"reader yielded {type(item).__name__}")


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    results = list(jsonl.read(text, "fuzz.jsonl", "2025-01-02"))
    assert len(results) == sum(1 for line in text.split("\n") if line.strip())
    for item in results:
        check(item, "fuzz.jsonl")
    for item in jsondoc.read(text, "fuzz.json", "2025-01-02"):
        check(item, "fuzz.json")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
