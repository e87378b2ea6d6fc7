"""An event while it is being coded (``Draft``) and what the stages share for one Doc
(``Context``: the lexicon, the resolver of the article's actors, the Doc's role matches)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventdesk.extract.constructions import Anchors, RoleFinder, Roles
from eventdesk.extract.triggers import Found
from eventdesk.lexicon.events import EventLexicon
from eventdesk.model import Actor, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventdesk.classify import EventClassifier
    from eventdesk.extract.actors import ActorResolver


@dataclass(frozen=True)
class Draft:
    """An event before dates, places and ids are attached."""

    found: Found
    trigger: Span
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    negated: bool
    modality: str
    reported_by: Actor | None
    content: str | None
    confidence: float
    plover_type: str
    cameo: str
    why: str = ""  # the rows and constructions that shaped it (for lexicon stats)
    armed: bool = False  # weapons of war name an armed author (participants.armed_means)
    refers_back: bool = False  # its participants come from an earlier mention of the event


@dataclass
class Trace:
    """What happened to every trigger (lexicon stats, error analysis); off unless asked for."""

    outcomes: Counter = field(default_factory=Counter)  # (rule, outcome) -> count
    rows: Counter = field(default_factory=Counter)  # reinterpretation rows applied
    positions: list[tuple[str, int, str, str]] = field(default_factory=list)  # seg, start, ...

    def note(self, found: Found, outcome: str, ctx: Context) -> None:
        self.outcomes[(found.entry.rule, outcome)] += 1
        self.positions.append((ctx.resolver.segment, ctx.offset + found.token.idx,
                               found.entry.rule, outcome))


@dataclass
class Context:
    """One Doc of one article, as the stages see it."""

    lexicon: EventLexicon
    finder: RoleFinder
    index: Anchors  # construction matches by trigger token
    resolver: ActorResolver
    offset: int  # character offset of the Doc in its segment
    trace: Trace | None = None
    classifier: EventClassifier | None = None  # stage 5; None: the rules alone

    def note(self, found: Found, outcome: str) -> None:
        if self.trace is not None:
            self.trace.note(found, outcome, self)

    def note_rows(self, why: str) -> None:
        """Count the reinterpretation rows (and statement rules) that shaped a kept event."""
        if self.trace is not None:
            names = {r.name for r in self.lexicon.rows} | {"directive"}
            for word in why.split():
                if word in names:
                    self.trace.rows[word] += 1

    def roles(self, token: Token, nominal: bool = False, plover_type: str = "ASSAULT",
              of_is: str = "target") -> Roles:
        return self.finder.roles(token, nominal, plover_type,
                                 self.lexicon.behaviour(plover_type), self.index, of_is=of_is)

    def span(self, first: Token, last: Token) -> Span:
        doc = first.doc
        return Span(doc[first.i:last.i + 1].text, self.offset + first.idx,
                    self.offset + last.idx + len(last.text))
