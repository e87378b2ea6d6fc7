"""An event while it is being coded (``Draft``) and what the stages share for one Doc
(``Context``: the lexicon, the resolver of the article's actors, the Doc's role matches)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventdesk.extract.constructions import RoleFinder, Roles
from eventdesk.extract.triggers import Found
from eventdesk.lexicon.events import EventLexicon
from eventdesk.model import Actor, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

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


@dataclass
class Context:
    """One Doc of one article, as the stages see it."""

    lexicon: EventLexicon
    finder: RoleFinder
    index: dict
    resolver: ActorResolver
    offset: int  # character offset of the Doc in its segment

    def roles(self, token: Token, nominal: bool = False, plover_type: str = "ASSAULT") -> Roles:
        return self.finder.roles(token, nominal, plover_type,
                                 self.lexicon.behaviour(plover_type), self.index)

    def span(self, first: Token, last: Token) -> Span:
        doc = first.doc
        return Span(doc[first.i:last.i + 1].text, self.offset + first.idx,
                    self.offset + last.idx + len(last.text))
