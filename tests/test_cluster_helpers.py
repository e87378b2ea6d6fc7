"""Synthetic coded articles for the corpus tests (no NLP): one event per sentence, as we say."""

from __future__ import annotations

from eventdesk.model import Actor, Article, CodedArticle, Event, Place, Span, event_id

COUNTRIES = {"RUS": "Russia", "UKR": "Ukraine", "USA": "United States", "CHN": "China",
             "ISR": "Israel", "TUR": "Turkey"}
CAMEO = {"ASSAULT": ("190", -10.0, 4), "CONSULT": ("040", 1.0, 1), "ACCUSE": ("112", -2.0, 3),
         "SANCTION": ("163", -8.0, 4), "AGREE": ("057", 8.0, 1), "AID": ("070", 7.0, 2)}


def actor(code: str) -> Actor:
    country = code[:3] if code[:3] in COUNTRIES else None
    name = COUNTRIES.get(code[:3], code)
    return Actor(text=name, segment="body", start=0, end=len(name), name=name, country=country,
                 sector=code[3:6] or None, code=code, kind="state")


def place(name: str, country: str, feature: str = "city", gid: int | None = None) -> Place:
    return Place(segment="body", start=0, end=len(name), text=name, name=name, country=country,
                 admin1=None, lat=10.0, lon=20.0, geonameid=gid, feature=feature)


def article(aid: str, sentences: list[dict], date: str = "2025-03-11", source: str | None = "Wire",
            url: str | None = None, title: str | None = None) -> CodedArticle:
    """``sentences``: dicts with text, type, source, target and optionally date, location,
    negated, modality, content."""
    text = " ".join(s["text"] for s in sentences)
    art = Article(text=text, title=title, date=date, source=source, url=url, id=aid)
    events, offset = [], 0
    for number, spec in enumerate(sentences):
        sentence = spec["text"]
        ptype = spec["type"]
        src = tuple(actor(c) for c in spec.get("source", ()))
        tgt = tuple(actor(c) for c in spec.get("target", ()))
        cameo, goldstein, quad = CAMEO.get(ptype, ("010", 0.0, 1))
        trigger = spec.get("trigger", sentence.split()[1])
        start = offset + sentence.find(trigger)
        eid = event_id(art.content_hash, "body", start, ptype, [a.code for a in src],
                       [a.code for a in tgt])
        events.append(Event(
            id=eid, segment="body", sentence=number, sentence_text=sentence,
            sentence_start=offset, sentence_end=offset + len(sentence),
            trigger=Span(trigger, start, start + len(trigger)), plover_type=ptype,
            plover_mode=None, cameo_code=cameo, goldstein=goldstein, quad_class=quad,
            source=src, target=tgt, date=spec.get("date", date), date_precision="day",
            location=spec.get("location"), negated=spec.get("negated", False),
            modality=spec.get("modality", "factual"), content=spec.get("content"),
            confidence=0.8, rule="test"))
        offset += len(sentence) + 1
    return CodedArticle(article=art, events=tuple(events),
                        sentences=tuple(("body", e.sentence_start, e.sentence_end)
                                        for e in events))


SHELLING = "Russia shelled Kharkiv on Tuesday, killing three civilians near a school."

# Three outlets report one shelling; a fourth the talks; one more shelling three days later.
CORPUS = [
    article("w1", [{"text": SHELLING, "type": "ASSAULT", "source": ["RUSMIL"]}],
            source="Northern Wire"),
    article("w2", [{"text": "Russian forces shelled Kharkiv, killing three civilians.",
                    "type": "ASSAULT", "source": ["RUS"], "trigger": "shelled"}],
            source="Daily Ledger", date="2025-03-12", url="https://ledger.example/a"),
    article("w3", [{"text": "Russia bombarded Kharkiv and three civilians died near a school.",
                    "type": "ASSAULT", "source": ["RUSMIL"]}],
            source=None, url="https://www.herald.example/x", date="2025-03-11"),
    article("w4", [{"text": "Russia and Ukraine held talks in Istanbul on Monday.",
                    "type": "CONSULT", "source": ["RUSGOV", "UKRGOV"], "date": "2025-03-10",
                    "trigger": "talks"}], source="Northern Wire"),
    article("w5", [{"text": "Russia shelled Kharkiv again, killing three civilians.",
                    "type": "ASSAULT", "source": ["RUSMIL"], "date": "2025-03-14"}],
            source="Northern Wire", date="2025-03-14"),
]
