"""Code the actor behind a noun phrase: country + sector, canonical name, kind.

``ActorResolver`` works on one article: it remembers who was mentioned so that
later mentions resolve ("Lavrov", "he", "the ministry", "both sides").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from eventdesk.extract.mentions import Mention
from eventdesk.extract.syntax import relative_antecedent
from eventdesk.lexicon.actors import ActorEntry, ActorLexicon, actor_code
from eventdesk.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
# Demonyms also used for ethnic groups living in other states: "Bosnian Serbs", "Iraqi Kurds".
ETHNIC_HEADS = frozenset({"serbs", "croats", "albanians", "hungarians", "russians", "armenians",
                          "azeris", "turks", "greeks", "uzbeks", "tajiks", "kazakhs", "somalis",
                          "afghans", "palestinians", "arabs", "kurds", "pashtuns", "tamils"})
GROUP_PRONOUNS = {"they", "them", "their"}
SPEAKER_PRONOUNS = {"we", "us", "our"}


def _is_person(seen: Seen) -> bool:
    return seen.actor.kind == "person" and not seen.plural


def _is_single_body(seen: Seen) -> bool:
    """"it", "its": a state or an organisation named in the singular (or a thing)."""
    return seen.actor.kind in ("state", "organization", "group", THING) and not seen.plural


def _is_body(seen: Seen) -> bool:
    """"they", "their": groups, organisations, states, several people or things together."""
    return seen.actor.kind not in ("person", THING) or seen.plural


# The kind of a subject that names no actor ("the report", "the talks"): a pronoun that refers
# to it codes no one, rather than the last actor named before it.
THING = "thing"
LOCATIVE_PREPS = frozenset({"in", "near", "outside", "across", "at"})
NON_STATE_SECTORS = frozenset({"IGO", "NGO", "IMG", "MNC", "UNK"})
# "US-backed rebels", "Iranian-led militias": the named country stands behind the group.
PATRON_WORDS = frozenset({"backed", "led", "supported", "trained", "funded", "allied",
                          "aligned", "sponsored", "armed", "sanctioned", "brokered",
                          "installed", "friendly"})
# Domestic roles that take the country of the place their clause is set in.
# REB is not among them: unknown gunmen or bombers stay unknown, whatever the place they struck
LOCAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "CVL", "OPP", "PTY"})
# Bodies of a state that travel: a town, city or conference hall names where they met, not
# whose they are ("diplomats gathered in Munich"); only a country or its capital (the seat of
# its government: "officials in Berlin") gives their country, and none gives an army's
# ("400 troops in Syria" are French).
NATIONAL_SECTORS = frozenset({"GOV", "MIL", "LEG", "SPY"})
PAIR_WORDS = {"both sides", "both parties", "both countries", "the two sides", "two sides",
              "the two countries", "the sides", "the parties"}
# "the two leaders", "both armies" stand for the last two parties named; "the two men" do not
PAIR_SECTORS = frozenset({"GOV", "MIL", "LEG", "SPY"})
PAIR_NOUNS = frozenset({"country", "nation", "state", "side", "party", "capital", "neighbour",
                        "neighbor", "rival", "delegation", "camp"})


@dataclass(frozen=True)
class Seen:
    """One actor mention, for the pronouns after it."""

    actor: Actor
    sentence: int  # sentence number in the article
    subject: bool  # the subject of its clause
    plural: bool


@dataclass
class ArticleMemory:
    """What an article has said so far, for resolving later mentions."""

    surnames: dict[str, Actor] = field(default_factory=dict)
    last_person: Actor | None = None
    last_by_sector: dict[str, Actor] = field(default_factory=dict)
    last_pair: tuple[Actor, ...] = ()
    last_state: Actor | None = None
    participants: dict[object, tuple] = field(
        default_factory=dict)  # PLOVER type, or (type, rule) -> (sources, targets, sentence)
    lead: dict[object, tuple] = field(
        default_factory=dict)  # (type, rule) -> participants of the article's lead event
    seen: dict[tuple[str, int], Seen] = field(default_factory=dict)  # (segment, start) ->
    sentence: int = 0  # the sentence being coded
    speakers: list[tuple[int, Actor]] = field(default_factory=list)  # (sentence, speaker)

    def remember(self, actor: Actor, subject: bool = False, plural: bool = False) -> None:
        if actor.kind == "person":
            self.last_person = actor
            if actor.name:
                self.surnames[actor.name.split()[-1]] = actor
        elif actor.country and actor.sector is None:
            self.last_state = actor
        if actor.sector:
            self.last_by_sector[actor.sector] = actor
        key = (actor.segment, actor.start)
        old = self.seen.get(key)
        if old is None or subject and not old.subject:
            self.seen[key] = Seen(actor, self.sentence, subject, plural)

    def salient(self, accept, segment: str, before: int, window: int = 2,
                subject: bool = False) -> Actor | None:
        """The most salient earlier mention ``accept`` takes: the nearest sentence first (this
        one included, before the pronoun), subjects before other mentions, then the latest.
        A pronoun that is itself a subject takes the nearest subject first ("The SDF have
        never sought that. In fact they worked with the army": the SDF, not a noun of an
        intervening phrase)."""
        best, best_key = None, None
        for (seg, start), seen in self.seen.items():
            distance = self.sentence - seen.sentence
            if distance < 0 or distance > window or not accept(seen):
                continue
            if distance == 0 and (seg != segment or start >= before):
                continue  # after the pronoun
            key = (not seen.subject, distance, -start) if subject else (
                distance, not seen.subject, -seen.sentence, -start)
            if best_key is None or key < best_key:
                best, best_key = seen.actor, key
        return best

    def remember_thing(self, token: Token, segment: str, start: int) -> None:
        """A subject that names no actor, as a candidate for "it" and "they"."""
        key = (segment, start)
        if key not in self.seen:
            thing = Actor(token.text, segment, start, start + len(token.text), None, None,
                          None, None, THING)
            self.seen[key] = Seen(thing, self.sentence, True, token.tag_ in ("NNS", "NNPS"))

    def speaker(self, window: int = 2) -> Actor | None:
        """Who is speaking: the subject of a reporting verb of this or a recent sentence."""
        for sentence, actor in reversed(self.speakers):
            if 0 <= self.sentence - sentence <= window:
                return actor
        return None


class ActorResolver:
    def __init__(self, lexicon: ActorLexicon, date: str | None, segment: str, offset: int):
        self.lexicon = lexicon
        self.date = date
        self.segment = segment
        self.offset = offset  # character offset of the Doc within its segment
        self.memory = ArticleMemory()
        self.mentions: dict[int, Mention] = {}
        # token -> (country, span, place)
        self.place_countries: dict[int, tuple[str, object, object]] = {}
        self.is_capital = None  # (name, iso3) -> bool, for the seats of governments
        self.doc_places: list = []

    def set_doc(self, mentions: list[Mention], segment: str, offset: int) -> None:
        self.segment, self.offset = segment, offset
        self.mentions = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                self.mentions[i] = mention

    def set_places(self, doc_places, is_capital=None) -> None:
        """The Doc's places; ``is_capital(name, iso3)`` tells a capital city (see _seat)."""
        self.doc_places = doc_places
        self.is_capital = is_capital
        self.place_countries = {}
        for place, span in doc_places:
            if place.country:
                for i in range(span.start, span.end):
                    self.place_countries[i] = (place.country, span, place)

    def _seat(self, i: int) -> bool:
        """The place at token ``i`` is a country or its capital: the seat of a government."""
        place = self.place_countries[i][2]
        return place.feature == "country" or self.is_capital is not None and self.is_capital(
            place.name or place.text, place.country)

    def clause_country(self, trigger: Token, national: bool = False) -> str | None:
        """The country of the place a clause is set in ("In Iraq, the state has brutalised
        Sunnis", "police in Cairo arrested ..."): one locative place attached to the trigger's
        clause (or to the sentence's main clause), all in one country; else None. With
        ``national``, only a country or a capital counts (see NATIONAL_SECTORS)."""
        from eventdesk.extract.syntax import clause_head

        sent = trigger.sent
        heads = {clause_head(trigger).i, sent.root.i}
        found = set()
        for i, (country, span, _) in self.place_countries.items():
            token = trigger.doc[i]
            if not (sent.start <= i < sent.end) or token.i != span.root.i or not _locative(token) \
                    or national and not self._seat(i):
                continue
            if token.dep_ in ("amod", "compound") and self._sector_of(token.head) is not None:
                continue  # "fired at Syrian protesters": a people, not the clause's setting
            governor = token.head.head if token.dep_ == "pobj" else token.head
            if clause_head(governor).i in heads or governor.i in heads:
                found.add(country)
        return found.pop() if len(found) == 1 else None

    def localise_all(self, actors: list[Actor], trigger: Token) -> list[Actor]:
        """A domestic role named without a country ("the police", "security forces", "the
        state", "protesters") takes the country of the place its clause is set in; named
        organisations, people, international actors and armies ("troops in Syria" are as
        often foreign as Syrian) never do."""
        countries: dict[bool, str | None] = {}  # national -> the clause's country
        found = []
        for actor in actors:
            if actor.country is not None or actor.sector not in LOCAL_SECTORS \
                    or actor.sector == "MIL" or actor.kind == "person" \
                    or actor.code and actor.code != actor.sector:
                found.append(actor)
                continue
            national = actor.sector in NATIONAL_SECTORS
            if national not in countries:
                countries[national] = self.clause_country(trigger, national)
            country = countries[national]
            found.append(actor if country is None else replace(
                actor, country=country, code=actor_code(country, actor.sector),
                name=actor.name or self._country_name(country)))
        return found

    # -- public ------------------------------------------------------------
    def resolve(self, head: Token) -> Actor | None:
        """The actor a noun phrase headed by ``head`` refers to, or None."""
        actors = self.resolve_all(head)
        return actors[0] if actors else None

    def resolve_all(self, head: Token) -> list[Actor]:
        """All actors a noun phrase stands for ("Hungarian and Romanian officials": two)."""
        noun = relative_antecedent(head) if head.dep_ in ("nsubj", "nsubjpass", "dobj",
                                                           "obj") else None
        if noun is not None:
            head = noun  # "Erdogan, who held talks", "the men that police held"
        if head.dep_ == "pobj" and head.head.lower_ == "of" and \
                head.head.head.lower_ in self.lexicon.place_nouns and not self._holder(head):
            return []  # "the border town of Albu Kamal": a place, whatever the tagger thought
        single = self._named(head) or self._pronoun(head)
        if single is None and (head.lower_ in self.lexicon.relations
                               or head.lower_ in self.lexicon.thing_nouns or (
                head.lower_ in self.lexicon.place_nouns and not _held(head))):
            return []  # "US allies", "Iran's proxies": not American; "Syria's Idlib province"
            # and "British values" are no actors
        actors = [single] if single is not None else self._sector_phrase(head)
        if not actors:
            actors = self._by_modifiers(head)
        if not actors and head.ent_type_ == "ORG":
            actors = [self._organization(head)]
        subject = head.dep_ in ("nsubj", "nsubjpass")
        plural = head.tag_ in ("NNS", "NNPS") or len(actors) > 1 or any(
            c.dep_ == "conj" for c in head.children)
        for actor in actors:
            if head.pos_ != "PRON":
                self.memory.remember(actor, subject, plural)
        return actors

    def resolve_pair(self, head: Token) -> tuple[Actor, ...]:
        """"both sides" and the like: the last two coordinated actors."""
        phrase = _phrase_text(head).lower()
        pair = phrase in PAIR_WORDS or head.tag_ == "NNS" and phrase.startswith(
            ("both ", "the two ", "the pair of ")) and (  # "the two leaders", "both
            getattr(self._sector_of(head), "sector", None) in PAIR_SECTORS  # governments",
            or head.lemma_ in PAIR_NOUNS)  # not "the two men"
        if pair and len(self.memory.last_pair) >= 2:
            return tuple(self._relocate(a, head) for a in self.memory.last_pair)
        return ()

    def relocate_all(self, actors, head: Token) -> list[Actor]:
        return [self._relocate(a, head) for a in actors]

    def note_pair(self, actors: list[Actor]) -> None:
        if len(actors) >= 2:
            self.memory.last_pair = tuple(actors)

    # -- the kinds of mention -----------------------------------------------
    def _named(self, head: Token) -> Actor | None:
        mention = self.mentions.get(head.i)
        if mention is not None and mention.demonym and (
                head.tag_ in ("NNPS", "NNS") or head.dep_ in ("amod", "compound", "nmod")):
            entry = mention.entries[0]  # "the Palestinians"
            span = head.doc[mention.start:mention.end]
            residence = self._residence(head, entry.country)
            if residence is not None:  # "Bosnian Serbs", "Iraqi Kurds": where they live
                entry = residence
            return Actor(span.text, self.segment, self._start(span), self._end(span),
                         entry.name, entry.country, None, entry.code, "group", entry.wikidata)
        if mention is not None and not mention.demonym and self._surname_of_another(
                mention, head):
            return self._person(head)  # "Thierry Herzog", then "Herzog": not Isaac Herzog
        if mention is not None and not mention.demonym:
            entry = self._pick(mention.entries)
            if entry is not None and entry.metonym and _city_modifier(head):
                return None  # "the Ankara bombing", "the Moscow talks": where, not who
            if entry is not None and entry.metonym and _locative(head):
                entry = self.lexicon.countries.get(entry.country, entry)  # "in Abidjan": a place
            if entry is not None:
                return self._from_entry(entry, head.doc[mention.start:mention.end], head)
        if head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and head.text in
                                          self.memory.surnames):
            return self._person(head)
        return None

    def _holder(self, head: Token) -> bool:
        """"the last enclave of Isis", "of the Islamic State caliphate": a group the lexicon
        knows, holding the place."""
        mentions = [m for m in [self.mentions.get(head.i), *self._modifier_mentions(head)] if m]
        return any(not m.demonym and any(e.kind in ("organization", "group") for e in m.entries)
                   for m in mentions)

    def _surname_of_another(self, mention: Mention, head: Token) -> bool:
        """A surname alone ("Herzog") names a person of the lexicon only when that person is
        in office on the article date or was named in full earlier in the article, and never
        inside another person's full name ("Thierry Herzog")."""
        people = [e for e in mention.entries if e.kind == "person"]
        if not people or len(people) < len(mention.entries) or " " in mention.surface:
            return False
        if any(mention.surface == e.name for e in people):
            return False
        entity = _entity_span(head)
        if entity.label_ == "PERSON" and len(entity) > mention.end - mention.start and \
                entity.text not in {e.name for e in people}:
            return True  # a longer name around the surname
        known = self.memory.surnames.get(mention.surface)
        if known is not None:
            return known.name not in {e.name for e in people}
        return not any(e.valid_on(self.date) for e in people)

    def _residence(self, head: Token, country: str | None) -> ActorEntry | None:
        if head.lower_ not in ETHNIC_HEADS:
            return None  # "Greek Cypriots", "Cuban Americans": the head says where they live
        for child in head.children:
            mention = self.mentions.get(child.i)
            if child.i < head.i and child.dep_ in ("amod", "compound") and mention is not None \
                    and mention.demonym and mention.entries[0].country not in (None, country):
                return mention.entries[0]
        return None

    def _person(self, head: Token) -> Actor | None:
        known = self.memory.surnames.get(head.text)
        span = _entity_span(head)
        if known is not None:
            return self._relocate(known, head, span)
        if head.ent_type_ != "PERSON":
            return None
        countries, sector = self._modifiers(head)
        country = countries[0] if countries else self._country_from_preps(head)
        if country is None and sector is None:
            country, sector = self._described_as(head)  # "Jane Roe, a British teacher,"
        code = actor_code(country, sector) if country or sector else None  # not coded
        return Actor(span.text, self.segment, self._start(span), self._end(span), span.text,
                     country, sector, code, "person")

    def _described_as(self, head: Token) -> tuple[str | None, str | None]:
        """The country and sector an appositive gives a person the lexicon does not know
        ("Jane Roe, a British-born teacher," is a British civilian; "Ahmed, a Syrian refugee,")
        from its own words: a demonym or country before its noun, and the noun's sector."""
        other = next((c for c in head.children if c.dep_ == "appos"), None)
        if other is None or other.pos_ != "NOUN":
            return None, None
        countries, _ = self._modifiers(other, seats=False)
        if not countries:
            return None, None
        entry = self._sector_of(other)
        return countries[0], entry.sector if entry is not None else None

    def _organization(self, head: Token) -> Actor:
        """A named organisation the lexicon does not know ("the Homeland Union")."""
        span = _entity_span(head)
        return Actor(span.text, self.segment, self._start(span), self._end(span), span.text,
                     None, None, None, "organization")

    def _pronoun(self, head: Token) -> Actor | None:
        """"he", "its", "they", "we": the most salient earlier mention that agrees in kind and
        number (the speaker of the quote for "we"); None when nothing agrees."""
        word = head.lower_
        if head.pos_ != "PRON" and word not in ("its", "their", "his", "her", "our"):
            return None
        if word in SPEAKER_PRONOUNS:
            speaker = self.memory.speaker()
            if speaker is None:
                return None
            if speaker.kind == "person" and speaker.country:  # "we" of a minister: the state
                state = self.lexicon.countries.get(speaker.country)
                speaker = replace(speaker, name=state.name if state else None, sector=None,
                                  code=speaker.country, kind="state")
            return self._relocate(speaker, head)
        if word in PERSON_PRONOUNS:
            accept = _is_person
        elif word in ("it", "its"):
            accept = _is_single_body
        elif word in GROUP_PRONOUNS:
            accept = _is_body
        else:
            return None
        sayer = _reporting_subject(head)
        if sayer is not None and (sayer.tag_ in ("NNS", "NNPS")) == (word in GROUP_PRONOUNS):
            # "Some Gulf states said they are willing": they are the Gulf states, coded or not
            found = self.resolve_all(sayer)
            return self._relocate(found[0], head) if len(found) == 1 else None
        avoid = self._clause_subject(head)  # "He urged him": him is not he
        earlier = self.memory.salient(lambda seen: accept(seen) and (
            avoid is None or seen.actor.name != avoid.name), self.segment,
            self.offset + head.idx, subject=head.dep_ in ("nsubj", "nsubjpass"))
        if earlier is None or earlier.kind == THING:
            return None  # "The report ... It also calls for ...": no actor
        return self._relocate(earlier, head)

    def _clause_subject(self, pronoun: Token) -> Actor | None:
        """The subject of the verb whose object ``pronoun`` is, resolved (None for subjects)."""
        if pronoun.dep_ not in ("dobj", "obj", "dative", "iobj", "pobj"):
            return None
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i == pronoun.i:
            return None
        return self.resolve(subject)

    def note_subject(self, token: Token) -> None:
        """Resolve a clause's subject (so pronouns can refer to it); one that names no actor
        is remembered as a thing."""
        if not self.resolve_all(token) and not self.resolve_pair(token):
            self.memory.remember_thing(token, self.segment, self.offset + token.idx)

    def note_speaker(self, actor: Actor | None) -> None:
        if actor is not None:
            self.memory.speakers.append((self.memory.sentence, actor))

    def _sector_phrase(self, head: Token) -> list[Actor]:
        entry = self._sector_of(head)
        if entry is None or _inside_name(head):
            return []
        countries, _ = self._modifiers(head)
        span = head.doc[_np_start(head):head.i + 1]
        organization = self._modifier_organization(head, span)
        if organization is not None and not countries:
            return [organization]
        body = self._body_of(head, span) if entry.person and not countries else None
        if body is not None:
            return [body]
        if not countries and head.tag_ in ("NNS", "NNPS"):
            countries = self._coordinated_of(head)  # "the leaders of Iran and Turkey"
        if not countries:
            country = self._possessor_country(head) \
                or self._country_from_preps(head, entry.sector) \
                or self._place_modifier_country(head) or self._leader_country(head, entry.sector)
            countries = [country] if country else []
        if not countries:
            earlier = self.memory.last_by_sector.get(entry.sector)
            if earlier is not None and any(t.lower_ in ("the", "its", "this") for t in span):
                return [self._relocate(earlier, head, span)]
            countries = [None]
        plural = head.tag_ in ("NNS", "NNPS")
        kind = ("group" if plural else "person") if entry.person else entry.kind
        sector = _former(span, entry.sector) if entry.person else entry.sector
        return [Actor(span.text, self.segment, self._start(span), self._end(span),
                      self._country_name(c), c, sector, actor_code(c, sector), kind)
                for c in countries]

    def names_actor(self, token: Token) -> bool:
        """The word names an actor by itself: a name of the lexicon, a person, group or
        organisation name, or a sector word ("counterparts", "police")."""
        return token.i in self.mentions or token.ent_type_ in ("PERSON", "ORG", "NORP") \
            or token.pos_ in ("NOUN", "PROPN") and self._sector_of(token) is not None

    def _coordinated_of(self, head: Token) -> list[str]:
        """"the leaders of Iran and Turkey": one country per coordinated name after "of"
        (two or more, all named states); else none."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is None or not pobj.conjuncts:
                    return []
                found = []
                for token in [pobj, *pobj.conjuncts]:
                    mention = self.mentions.get(token.i)
                    if mention is None or mention.demonym or not mention.entries \
                            or mention.entries[0].kind != "state":
                        return []
                    found.append(mention.entries[0].country)
                return list(dict.fromkeys(found))
        return []

    def _body_of(self, head: Token, span) -> Actor | None:
        """"leaders of the opposition coalition", "members of the Hamas movement": a person
        word followed by the group it belongs to stands for that group."""
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj" or pobj.pos_ not in ("NOUN", "PROPN"):
                    continue
                named = self._named(pobj)
                if named is not None and named.kind in ("organization", "group") \
                        and named.sector:
                    return self._relocate(named, head, span)
                entry = self._sector_of(pobj)
                if named is None and entry is not None and not entry.person:
                    group = self._sector_phrase(pobj)
                    return self._relocate(group[0], head, span) if group else None
        return None

    def _by_modifiers(self, head: Token) -> list[Actor]:
        """"Iraqi Kurds", "a U.S. request": the country named before a non-actor noun; a
        capital before one names a venue ("the Astana group", "the Minsk accords")."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return []
        countries, sector = self._modifiers(head, seats=False)
        span = head.doc[_np_start(head):head.i + 1]
        organization = self._modifier_organization(head, span)
        if organization is not None:
            return [organization]
        if sector is not None and countries:  # "a US military base": the US military's
            return [Actor(span.text, self.segment, self._start(span), self._end(span),
                          self._country_name(c), c, sector, actor_code(c, sector), "group")
                    for c in countries]
        # "Iraqi Kurds", "Syrian Christians": a people (people named by a common noun, such as
        # "British volunteers", are sector words); "a U.S. request", "Iranian boats": the country
        people = head.tag_ in ("NNS", "NNPS") and head.text[:1].isupper()
        return [Actor(span.text, self.segment, self._start(span), self._end(span),
                      self._country_name(c), c, None, c, "group" if people else "state")
                for c in countries]

    def _leader_country(self, head: Token, sector: str | None) -> str | None:
        """"the Trump administration", "the Assad regime": the country of the office holder
        named before a government word."""
        if sector != "GOV":
            return None
        for token in head.doc[_np_start(head):head.i]:
            mention = self.mentions.get(token.i)
            if mention is None or mention.demonym:
                continue
            entry = self._pick(mention.entries)
            if entry is not None and entry.kind == "person" and entry.country:
                return entry.country
        return None

    def _country_from_preps(self, head: Token, sector: str | None = None) -> str | None:
        """"rebels in the Ivory Coast", "leaders of Azerbaijan", "rebels in Idlib" (a place
        attached to the phrase itself, not to the clause); for a body of a state that travels
        only its country or capital ("officials in Berlin", not "counterparts in Munich")."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "from") and not (
                    sector == "MIL" and prep.lower_ == "in"):  # "troops in Mali": whose?
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    mention = self.mentions.get(pobj.i)
                    if mention is not None:
                        return mention.entries[0].country
                    place = self.place_countries.get(pobj.i)
                    if place is not None and prep.lower_ in ("in", "from") and (
                            sector not in NATIONAL_SECTORS or self._seat(pobj.i)):
                        return place[0]
        return None

    def _country_name(self, country: str | None) -> str | None:
        entry = self.lexicon.countries.get(country) if country else None
        return entry.name if entry else None

    # -- helpers -------------------------------------------------------------
    def _pick(self, entries: tuple[ActorEntry, ...]) -> ActorEntry | None:
        valid = [e for e in entries if e.valid_on(self.date)]
        if valid:
            return valid[-1]
        people = [e for e in entries if e.kind == "person"]
        if not people:
            return entries[-1] if entries else None
        last = max(people, key=lambda e: e.start or "")
        if self.date is None:
            return last  # no article date: the person's latest known role
        if last.country is None:
            return last  # an international official keeps the organisation's sector
        # a known person out of office on this date: the country, no sector
        return replace(last, sector=None, code=actor_code(last.country, None))

    def _from_entry(self, entry: ActorEntry, span, head: Token) -> Actor:
        if entry.kind == "person" and entry.sector is None:
            countries, sector = self._modifiers(head)
            country = entry.country or (countries[0] if countries else None)
            entry = replace(entry, sector=sector, code=actor_code(country, sector))
        if entry.kind == "state" and entry.sector is None:
            _, sector = self._modifiers(head)
            if sector:
                entry = replace(entry, sector=sector, code=actor_code(entry.country, sector))
        return Actor(span.text, self.segment, self._start(span), self._end(span), entry.name,
                     entry.country, entry.sector, entry.code, entry.kind, entry.wikidata)

    def _modifiers(self, head: Token, seats: bool = True) -> tuple[list[str], str | None]:
        """Countries and sector from the words before the head ("Russian Foreign Minister");
        without ``seats``, capitals and seats of power give none."""
        countries: list[str] = []
        for mention in self._modifier_mentions(head):
            entry = mention.entries[0]
            if not seats and entry.metonym:
                continue
            country = entry.country
            if entry.kind == "state" and country and country not in countries:
                countries.append(country)
        entry = self._sector_of(head, title_only=True)
        return countries, entry.sector if entry is not None else None

    def _modifier_mentions(self, head: Token) -> list[Mention]:
        """Lexicon names before the head, but not "pro-Iranian", "anti-American" or
        "US-backed" (the forces the US backs are not American)."""
        doc, found = head.doc, []
        for token in doc[_np_start(head):head.i]:
            mention = self.mentions.get(token.i)
            if mention is None or mention.entries[0].kind == "person" or mention in found:
                continue
            if _for_or_against(doc, mention.start, mention.end):
                continue
            found.append(mention)
        return found

    def _modifier_organization(self, head: Token, span) -> Actor | None:
        """"Red Cross officials", "a Security Council resolution": the organisation named."""
        for mention in self._modifier_mentions(head):
            entry = self._pick(mention.entries)
            if entry is not None and entry.kind in ("organization", "group"):
                return Actor(span.text, self.segment, self._start(span), self._end(span),
                             entry.name, entry.country, entry.sector, entry.code, entry.kind,
                             entry.wikidata)
        return None

    def _place_modifier_country(self, head: Token) -> str | None:
        """"Chicago police", "the Texas state government", "Kerala's high court": a body of a
        place below the state carries the place's country."""
        doc = head.doc
        for token in doc[_np_start(head):head.i]:
            place = self.place_countries.get(token.i)
            if place is not None and token.dep_ in ("compound", "poss", "nmod", "amod") \
                    and token.ent_type_ != "NORP" and not _for_or_against(
                        doc, place[1].start, place[1].end):
                return place[0]
        return None

    def _possessor_country(self, head: Token) -> str | None:
        """"their forces", "its army": the country of the actor the pronoun stands for."""
        if head.lemma_.lower() == "counterpart":
            return None  # "his counterpart" is the other side's
        for child in head.children:
            if child.dep_ == "poss" and child.lower_ in ("its", "their"):
                earlier = self.memory.last_state
                return earlier.country if earlier is not None else None
            if child.dep_ == "poss" and child.lower_ in ("his", "her"):
                earlier = self.memory.last_person  # "his ministers": a leader's; not "her
                # Kurdish commanders" of a British volunteer (no office, no state to lend)
                return earlier.country if earlier is not None \
                    and earlier.sector in LOCAL_SECTORS - {"CVL"} else None
        return None

    def _sector_of(self, head: Token, title_only: bool = False):
        """The longest sector phrase ending at the head, or at the title before a name."""
        if head.tag_ == "VBG":
            return None  # "accused Israel of spying": an act, not the spies
        tokens = list(head.doc[_np_start(head):head.i + 1])
        if title_only:
            tokens = [t for t in tokens if t.ent_type_ != "PERSON" and t.i != head.i]
        if not tokens:
            return None
        words = [t.lower_ for t in tokens]
        lemma_last = tokens[-1].lemma_.lower()
        if lemma_last == words[-1] and lemma_last.endswith("s") and tokens[-1].tag_ in (
                "NNS", "NNPS", "NNP"):
            lemma_last = lemma_last[:-1]  # "Farmers" at the start of a sentence, tagged NNP
        longest = self.lexicon.max_sector_words
        for end in range(len(words), 0, -1):
            for size in range(min(longest, end), 0, -1):
                phrase = words[end - size:end]
                for last in ((lemma_last, phrase[-1]) if end == len(words) else (phrase[-1],)):
                    entry = self.lexicon.sectors.get(" ".join(phrase[:-1] + [last]))
                    if entry is not None:
                        return entry
            if not title_only:
                break
        return None

    def _relocate(self, actor: Actor, head: Token, span=None) -> Actor:
        span = span if span is not None else head.doc[head.i:head.i + 1]
        return replace(actor, text=span.text, segment=self.segment, start=self._start(span),
                       end=self._end(span))

    def _start(self, span) -> int:
        return self.offset + span.start_char

    def _end(self, span) -> int:
        return self.offset + span.end_char


def _for_or_against(doc, start: int, end: int) -> bool:
    """"pro-Iranian", "anti-Syria", "US-backed": a name that says whom the phrase is for or
    against, or who backs it, not whose it is."""
    before = doc[max(start - 2, 0):start].text.lower().replace(" ", "")
    after = doc[end:end + 2].text.lower().replace(" ", "")
    return before.endswith(("pro-", "anti-")) or after.startswith("-") and \
        after[1:] in PATRON_WORDS


# a former office holder holds no office: CAMEO codes them ELI (elites), not GOV or MIL
_OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP"})


HOLDING_WORDS = frozenset({"held", "controlled", "occupied", "run", "besieged"})


def _held(head: Token) -> bool:
    """"the Serb-held region", "rebel-controlled areas": a place named by who holds it."""
    return any(c.dep_ == "amod" and c.lower_ in HOLDING_WORDS for c in head.children)


def _former(span, sector: str | None) -> str | None:
    """ELI for "former minister", "ex-general"; the sector unchanged otherwise."""
    if sector in _OFFICE_SECTORS and any(
            t.lower_ in ("former", "ex") or t.lower_.startswith("ex-") for t in span):
        return "ELI"
    return sector


def _reporting_subject(pronoun: Token) -> Token | None:
    """The noun that says what the pronoun's clause says ("the states said they would ..."):
    a common noun subject of the reporting verb, the pronoun the subject of its complement."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.head.dep_ != "ccomp":
        return None
    verb = pronoun.head.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN" or subject.i > pronoun.i:
        return None
    return subject


def _city_modifier(token: Token) -> bool:
    """A capital city named before a noun ("the Paris attacks"), not a seat of power ("the
    Kremlin decision") or an owner ("Moscow's decision")."""
    return token.dep_ in ("compound", "nmod") and token.head.pos_ == "NOUN" \
        and token.ent_type_ == "GPE"


def _locative(token: Token) -> bool:
    """"in Basra", "in the Egyptian square", "in the south of the Vell region"."""
    if token.dep_ in ("amod", "compound"):
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "pobj":
        token = token.head.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


def _inside_name(token: Token) -> bool:
    """"King's Cross station", "President's Park": a role word that is part of a longer name."""
    if token.ent_type_ not in ("ORG", "FAC", "LOC", "GPE") or token.ent_iob_ == "":
        return False
    doc = token.doc
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return token.dep_ == "poss" and end > token.i + 2


def _np_start(head: Token) -> int:
    """First token of the noun phrase before its head, skipping determiners and punctuation."""
    start = head.left_edge.i
    doc = head.doc
    while start < head.i and (doc[start].pos_ in ("DET", "PUNCT", "SPACE")
                              or doc[start].dep_ == "poss" and doc[start].head.i != head.i):
        start += 1
    return start


def _entity_span(head: Token):
    doc = head.doc
    for ent in doc.ents:
        if ent.start <= head.i < ent.end:
            return ent
    return doc[head.i:head.i + 1]


def _phrase_text(head: Token) -> str:
    return head.doc[head.left_edge.i:head.i + 1].text


def covered_by_person(doc: Doc, index: int) -> bool:
    return doc[index].ent_type_ == "PERSON"
