"""Boilerplate (credits, captions, "Read more" lines, bylines) is blanked before parsing: no
event, actor or place comes from it, and every offset stays the input's."""

from __future__ import annotations

from eventdesk import code_text
from eventdesk.config import Settings
from eventdesk.nlp.boilerplate import boilerplate_spans, mask

TEXT = ("(Jana Novak/Agence Vell) Gunmen attacked a police post near the border on Monday.\n"
        "Read more: Osterlich sends troops to the frontier\n"
        "The interior ministry said two officers were wounded.\n"
        "Reporting by Tomas Blum; Editing by Ana Kral\n")


def test_mask_keeps_length_and_lines() -> None:
    masked = mask(TEXT)
    assert len(masked) == len(TEXT) and masked.count("\n") == TEXT.count("\n")
    assert "Agence Vell" not in masked and "Read more" not in masked
    assert "Reporting by" not in masked and "Gunmen attacked" in masked
    assert [TEXT[s:e] for s, e in boilerplate_spans(TEXT)][0] == "(Jana Novak/Agence Vell)"


def test_no_event_or_actor_from_boilerplate() -> None:
    coded = code_text(TEXT, date="2024-04-08", settings=Settings(classifier="none"))
    texts = [a["text"] for e in coded["events"] for a in e["source"] + e["target"]]
    assert not any("Vell" in t or "Novak" in t for t in texts)
    triggers = {e["trigger"]["text"] for e in coded["events"]}
    assert "sends" not in triggers  # the "Read more" headline is no event of this story
    assert "attacked" in triggers
    for event in coded["events"]:  # offsets and sentence texts are the input's
        start, end = event["sentence_start"], event["sentence_end"]
        assert TEXT[start:end] == event["sentence_text"]
        trigger = event["trigger"]
        assert TEXT[trigger["start"]:trigger["end"]] == trigger["text"]
