"""Examples for the event classifier, read from the gold files by half (training and evaluation).

Every dev file is split by ``eventdesk.evaluation.split.half(record id)``: training reads only
the TUNE half of each dev file, plus all of ``train/ngec_synthetic_train.jsonl`` and the
invented negatives in ``training/negatives.jsonl``; evaluation reads either half. One record
gives one or more ``Example`` views (an NGEC story gives its full text and its lead); the views of
one record share ``group``, so cross-validation keeps them in the same fold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventdesk.evaluation.split import half

REPO = Path(__file__).resolve().parent.parent
NEGATIVES = REPO / "training" / "negatives.jsonl"
LEAD_SENTENCES = 2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"\u201c]?[A-Z0-9])")


@dataclass(frozen=True)
class Example:
    """One text with what is known of it.

    ``types``: the accepted PLOVER types (case2021 ``accept``, the gold types of a sentence, the
    label of an NGEC story); empty for a non-event. ``event``: False for a non-event.
    ``view``: "sentence", "snippet", "full" (an NGEC story's title and text) or "lead" (its
    title and first sentences).
    """

    text: str
    source: str
    group: str
    event: bool
    types: tuple[str, ...]
    view: str


def read_jsonl(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def sentences(text: str) -> list[str]:
    """A plain split of a story into sentences (paragraphs first, then sentence ends)."""
    found: list[str] = []
    for paragraph in text.split("\n"):
        found += [part.strip() for part in _SENTENCE_END.split(paragraph) if part.strip()]
    return found


def story_views(record: dict, source: str, views: tuple[str, ...]) -> list[Example]:
    """The requested views of one NGEC story: "full" and/or "lead"."""
    title = (record.get("title") or "").strip()
    texts = {
        "full": f"{title}\n{record['text']}".strip(),
        "lead": " ".join([title, *sentences(record["text"])[:LEAD_SENTENCES]]).strip(),
        "title": title,
        "first": (sentences(record["text"]) or [""])[0],
    }
    label = (record["label"],)
    return [Example(texts[view], source, record["id"], True, label, view) for view in views]


def case2021_example(record: dict) -> Example | None:
    """A scored snippet: an event with its accepted types, or a disaster (non-event)."""
    if not record.get("scored"):
        return None
    if record.get("none_expected"):
        return Example(record["text"], "case2021", record["id"], False, (), "snippet")
    return Example(record["text"], "case2021", record["id"], True,
                   tuple(record["accept"]), "snippet")


def sentence_example(record: dict, source: str) -> Example | None:
    """A plover_gsr / petr2_gsr sentence with its PLOVER 2023 types; None without any."""
    found = sorted({e["plover_type_2023"] for e in record.get("events", [])
                    if e.get("plover_type_2023")})
    if not found:
        return None
    return Example(record["text"], source, record["id"], True, tuple(found), "sentence")


def dev_examples(dev_dir: Path, wanted_half: str, story_view: tuple[str, ...]) -> list[Example]:
    """Examples of one half of the four event dev files."""
    examples: list[Example | None] = []
    for record in read_jsonl(dev_dir / "case2021_dev.jsonl"):
        if half(record["id"]) == wanted_half:
            examples.append(case2021_example(record))
    for name in ("plover_gsr", "petr2_gsr"):
        for record in read_jsonl(dev_dir / f"{name}.jsonl"):
            if half(record["id"]) == wanted_half:
                examples.append(sentence_example(record, name))
    for record in read_jsonl(dev_dir / "ngec_synthetic_dev.jsonl"):
        if half(record["id"]) == wanted_half:
            examples += story_views(record, "ngec_dev", story_view)
    return [example for example in examples if example is not None]


def negative_examples(path: Path = NEGATIVES) -> list[Example]:
    return [Example(rec["text"], "negatives", rec["id"], False, (), "sentence")
            for rec in read_jsonl(path)]


def training_examples(shared: Path, story_view: tuple[str, ...]) -> list[Example]:
    """Everything the classifier may learn from: TUNE halves, the train file, the negatives."""
    examples = dev_examples(shared / "dev", "tune", story_view)
    for record in read_jsonl(shared / "train" / "ngec_synthetic_train.jsonl"):
        examples += story_views(record, "ngec_train", story_view)
    return examples + negative_examples()
