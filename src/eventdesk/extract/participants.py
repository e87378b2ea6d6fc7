"""Stage 3 at the event: the actors behind a trigger's role words, and whether they make the
event political (types.yaml: participants)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventdesk.extract.constructions import conjuncts
from eventdesk.lexicon.events import EventLexicon
from eventdesk.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventdesk.extract.actors import ActorResolver

PRONOUNS = frozenset({"he", "she", "his", "her", "him", "it", "its", "they", "their", "them",
                      "our"})
# Sectors of the state's own bodies; of organised non-state actors; of armed actors.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
ORGANISED_SECTORS = frozenset({"IGO", "NGO", "PTY", "OPP", "REB", "IMG", "REL", "LAB"})
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "IMG", "SPY", "CRM"})


def classes(actor: Actor, lexicon: EventLexicon) -> set[str]:
    """The kinds of participant an actor is (types.yaml: participants)."""
    found: set[str] = set()
    sector, person = actor.sector, actor.kind == "person"
    if actor.kind == "state" and actor.country and sector in (None, *STATE_SECTORS):
        found.add("state")
    if sector in STATE_SECTORS | ORGANISED_SECTORS:
        found.add("official" if person else ("state" if sector in STATE_SECTORS
                                             else "organised"))
    if sector in ARMED_SECTORS:
        found.add("armed")
    words = {w.rstrip("s") for w in actor.text.lower().split()}
    if sector in (None, "CVL") and (actor.kind == "group" and sector == "CVL"
                                    or words & lexicon.cue("protester_words")):
        found.add("crowd")
    if actor.kind == "group" and sector in (None, "CVL") and actor.country:
        found.add("community")  # "the Kurds", "Bosnian Serbs", "Algerian farmers"
    return found


def political(draft_source: tuple[Actor, ...], draft_target: tuple[Actor, ...],
              plover_type: str, lexicon: EventLexicon, armed_means: bool = False) -> bool:
    """At least one participant of a kind the type requires ("He complied" is no event);
    weapons of war stand for an armed author ("killed by a car bomb")."""
    wanted = lexicon.behaviour(plover_type).participants
    if armed_means and "armed" in wanted:
        return True
    if plover_type == "PROTEST" and "crowd" in wanted:
        return True  # a protest is a crowd's doing, named or not ("protests erupted")
    return any(classes(a, lexicon) & wanted for a in draft_source + draft_target)


def armed_means(trigger: Token, heads: list[Token], lexicon: EventLexicon) -> bool:
    """The trigger, its compounds or its source words name weapons of war."""
    means = lexicon.cue("armed_means")
    words = [trigger, *heads]
    words += [c for w in words for c in w.children if c.dep_ in ("compound", "amod")]
    return any(w.lemma_.lower() in means or w.lower_ in means for w in words)


def actors(heads: list[Token], resolver: ActorResolver) -> list[Actor]:
    actors: list[Actor] = []
    for head in heads:
        pair = resolver.resolve_pair(head)
        found = list(pair) if pair else resolver.resolve_all(head)
        attached = not found  # the actors come from a word attached to the head
        if attached:
            found = fallback(head, resolver)
        if attached or not any(a.country for a in found):
            # "the guarantors of the peace process - Russia, Turkey and Iran -": the
            # appositive names the head itself, before anything attached to it
            named = same_entity(head, resolver)
            found = named if any(a.country for a in named) else found
        for actor in found:
            if actor is not None and all(key(actor) != key(a) for a in actors):
                actors.append(actor)
    return actors


# The sector a nationality word takes before an event noun of these types ("Russian airstrikes"
# are its military's, "Kurdish protests" its civilians'); before other event nouns ("Turkish
# demands", "Russian support") it is the government's.
MODIFIER_SECTORS = {"ASSAULT": "MIL", "MOBILIZE": "MIL", "PROTEST": "CVL"}


def acting_state(actor: Actor) -> Actor:
    """A country named as a participant acts through its government: "Russia vetoed" is
    RUSGOV (a country that is only a place was left out before this)."""
    if actor.kind != "state" or actor.sector is not None or not actor.country:
        return actor
    return replace(actor, sector="GOV", code=actor.country + "GOV")


def national_group(actor: Actor, trigger_start: int, nominal: bool, plover_type: str,
                   phrase_start: int | None = None) -> Actor:
    """A nationality or ethnic group ("Syrians", "the Kurds") is its civilians; as the word
    before an event noun ("Russian airstrikes", "US troop deployments") it is the state body
    that does such acts."""
    if actor.kind == "state" and actor.sector is None and actor.country and nominal \
            and phrase_start is not None and 0 <= phrase_start - actor.end <= 1 \
            and MODIFIER_SECTORS.get(plover_type) == "MIL":
        return replace(actor, sector="MIL", code=actor.country + "MIL")
    if actor.kind != "group" or actor.sector is not None or not actor.country:
        return actor
    modifier = nominal and actor.end <= trigger_start and " " not in actor.text.strip()
    sector = MODIFIER_SECTORS.get(plover_type, "GOV") if modifier else "CVL"
    return replace(actor, sector=sector, code=actor.country + sector)


def venue(actor: Actor, home: set) -> bool:
    """A bare state that is the sources' own country: where they met, not whom they met."""
    return actor.kind == "state" and actor.sector is None and actor.country in home


# Types whose object is what the source moves ("withdrew its troops", "deployed warships").
MOVING_TYPES = frozenset({"RETREAT", "MOBILIZE"})


def without_own_agents(targets: list[Actor], sources: list[Actor],
                       plover_type: str = "") -> list[Actor]:
    """"recalled its ambassador from Colombia", "sent their troops to Mali": the source's own
    people are what it moves, not whom it acts on, when another country is the target; the
    forces a state withdraws or deploys are never its target."""
    home = {a.country for a in sources if a.country}
    if len(sources) >= 2:  # "talks between Russia and China were held in Beijing": the venue
        targets = [a for a in targets if not venue(a, home)]
    if plover_type in MOVING_TYPES:
        targets = [a for a in targets if not (a.sector == "MIL" and a.country in home | {None})]
    foreign = [a for a in targets if a.country and a.country not in home]
    if not home or not foreign:
        return targets
    return [a for a in targets if not (
        a.country in home and a.text.lower().split()[0] in PRONOUNS
        or a.country is None and a.sector == "MIL")]  # "agreed to send troops to Estonia"


def forces_as_source(sources: list[Actor], targets: list[Actor],
                     plover_type: str) -> tuple[list[Actor], list[Actor]]:
    """"withdrawing US troops", "the deployment of Russian warships" with no one named as
    doing it: the forces are moved by their own side, so they are the source, not the target."""
    if sources or plover_type not in MOVING_TYPES:
        return sources, targets
    forces = [a for a in targets if a.sector in ("MIL", "COP")]
    if not forces:
        return sources, targets
    return forces, [a for a in targets if a not in forces]


def without_bare_duplicates(actors: list[Actor]) -> list[Actor]:
    """"met Erdogan in Ankara": the country alone adds nothing beside its president; "the
    SDF, a group of Kurdish and Arab militias": the militias without a country add nothing
    beside the SDF of the same sector."""
    coded = {a.country for a in actors if a.sector or a.kind == "person"}
    placed = {a.sector for a in actors if a.sector and a.country}
    return [a for a in actors if (a.sector or a.kind == "person" or a.country not in coded)
            and not (a.country is None and a.sector in placed)]


def fallback(head: Token, resolver: ActorResolver) -> list[Actor]:
    """"Trump's idea", "the government of Syria", "the sanctions imposed by the US", "the
    agreement between the two Koreas": the actors attached to a non-actor noun; not to a
    noun of relation ("Iran's proxies", "allies of Russia": someone else)."""
    lexicon = resolver.lexicon
    if head.lower_ in lexicon.relations or head.lower_ in lexicon.place_nouns \
            or head.lower_ in lexicon.thing_nouns:
        return []  # ... nor to a place ("the bombardment of Syria's Idlib province") or a
        # thing ("the values of Britain")
    for child in head.children:
        if child.dep_ == "poss":
            return [a for a in [resolver.resolve(child)] if a is not None]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "by", "between"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = [a for t in conjuncts(pobj) for a in resolver.resolve_all(t)]
                    return found if child.lower_ == "between" else found[:1]
    for clause in head.children:  # "the sanctions imposed by the US"
        if clause.dep_ == "acl" and clause.tag_ == "VBN":
            for agent in clause.children:
                if agent.dep_ == "agent":
                    return [a for p in agent.children if p.dep_ == "pobj"
                            for a in resolver.resolve_all(p)][:1]
    return []


def same_entity(head: Token, resolver: ActorResolver) -> list[Actor]:
    """"the SDF, the Kurdish-led force battling Isis", "Kurdish-led forces, the Syrian
    Democratic Forces, have ...", "the home secretary, Sajid Javid,": an appositive names the
    same actor as its noun (a person's appositive describes them, "Ahmed, a Syrian refugee",
    and names no other actor; the resolver takes the person's country from it)."""
    if head.ent_type_ == "PERSON":
        return []
    other = head.head if head.dep_ == "appos" else next(
        (c for c in head.children if c.dep_ == "appos"), None)
    if other is None:
        return []
    if other.ent_type_ == "PERSON":  # the name of the office holder the title stands for
        return [a for a in resolver.resolve_all(other) if a.kind == "person" and a.country]
    return [a for t in conjuncts(other) for a in resolver.resolve_all(t) if a.kind != "person"]


def key(actor: Actor) -> tuple:
    return (actor.code, actor.name, actor.start)


def reporter(head: Token | None, resolver: ActorResolver) -> Actor | None:
    return resolver.resolve(head) if head is not None else None
