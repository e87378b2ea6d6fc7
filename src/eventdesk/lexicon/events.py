"""Event lexicon: trigger rules, cue lists, type behaviour, the reinterpretation table and role
constructions, read from YAML files that each declare their kind (see ``schema``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventdesk.extract.depmatch import pattern_problem
from eventdesk.lexicon import schema
from eventdesk.lexicon.tables import read_tsv, read_yaml_document
from eventdesk.model import MODALITIES, PLOVER_TYPES


@dataclass(frozen=True)
class CameoEntry:
    code: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None


@dataclass(frozen=True)
class Trigger:
    """One trigger word or phrase of one lexicon entry."""

    rule: str
    plover_type: str
    cameo: str
    mode: str | None
    words: tuple[str, ...]  # verb: lemma then particles; noun: the phrase as written, tokenised
    objects: frozenset[str]
    excluded: frozenset[str]  # the verb does not fire with these direct objects
    confidence: float
    where: str  # file:line
    preps: frozenset[str] = frozenset()  # the noun fires only with one of these prepositions
    verb_preps: frozenset[str] = frozenset()  # the verb fires only with one of these after it
    governors: frozenset[str] = frozenset()  # ... or as the object of one of these verbs
    excluded_preps: frozenset[str] = frozenset()  # never fires with these prepositions
    nominal: bool = False
    of_is: str = "target"  # what "of" names after the noun: "the killing of civilians" (target),
    # "the withdrawal of troops" (source)


@dataclass(frozen=True)
class Cue:
    """A named word list and how its words are compared with tokens."""

    name: str
    match: str
    words: frozenset[str]  # the entries of one word (a verb without particles, a lemma, ...)
    particles: dict[str, tuple[tuple[str, ...], ...]]  # verbs: lemma -> particle sequences
    phrases: tuple[tuple[str, ...], ...]  # phrases: lemma sequences
    where: str


@dataclass(frozen=True)
class TypeBehaviour:
    participants: frozenset[str]
    symmetric: bool
    content: bool
    topic_preps: frozenset[str]
    from_is: str
    needs_target: bool
    located: bool = False  # without a place of its own, the event takes the article's country
    needs_object: bool = False  # coded only with a target or a content ("asked" alone: a question)
    reacts: bool = False  # "condemned the attack": its target is the attack's author


@dataclass(frozen=True)
class Row:
    """One row of the reinterpretation table: when its conditions hold, the event changes."""

    name: str
    when: dict[str, Any]
    then: dict[str, Any]
    codes: dict[str, str]  # original PLOVER type -> CAMEO code of the new event
    where: str


@dataclass(frozen=True)
class Construction:
    """A dependency pattern that gives a trigger one role (source or target)."""

    name: str
    trigger: str  # verb, noun or any
    role: str
    pattern: tuple[dict, ...]
    only_if_empty: bool
    symmetric: bool
    skip_topic_preps: bool
    from_is: str | None
    types: frozenset[str]
    except_types: frozenset[str]  # types it never applies to
    requires: tuple[str, ...]
    delegate: str | None  # a node whose own roles fill this role
    delegate_role: str | None  # which of its roles (None: the same as ``role``)
    of_is: str | None  # only for trigger rules whose "of" names this role
    example: str | None
    expect: tuple[str, ...]
    where: str


@dataclass
class EventLexicon:
    cameo: dict[str, CameoEntry] = field(default_factory=dict)
    triggers: list[Trigger] = field(default_factory=list)
    verbs: dict[str, list[Trigger]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Trigger]] = field(default_factory=lambda: defaultdict(list))
    cues: dict[str, Cue] = field(default_factory=dict)
    types: dict[str, TypeBehaviour] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    constructions: list[Construction] = field(default_factory=list)
    rules: set[str] = field(default_factory=set)
    by_rule: dict[str, Trigger] = field(default_factory=dict)  # first trigger of each rule
    problems: list[str] = field(default_factory=list)
    pending: list[tuple[str, str, dict]] = field(default_factory=list)  # kind, where, raw

    def cue(self, name: str) -> frozenset[str]:
        entry = self.cues.get(name)
        return entry.words if entry is not None else frozenset()

    def behaviour(self, plover_type: str) -> TypeBehaviour:
        return self.types[plover_type]


# -- reading --------------------------------------------------------------------------------

def load_ontology(path: Path, lex: EventLexicon) -> None:
    for row in read_tsv(path, ("cameo_code", "goldstein", "quad_class", "plover_type")):
        v = row.values
        try:
            entry = CameoEntry(v["cameo_code"], float(v["goldstein"]), int(v["quad_class"]),
                               v["plover_type"] or None, v.get("plover_mode") or None)
        except ValueError as exc:
            lex.problems.append(f"{row.where()}: {exc}")
            continue
        lex.cameo[entry.code] = entry


def load_events_file(path: Path, lex: EventLexicon) -> None:
    """Read one YAML file of any kind; its entries are checked once every file is read."""
    kind, entries = read_yaml_document(path, schema.FILE_KINDS)
    for line, item in entries:
        lex.pending.append((kind, f"{path}:{line}", item))


def finish(lex: EventLexicon) -> None:
    """Check and add the entries of every file read, in an order that lets them refer to each
    other: trigger rules, then cue lists, then types, rows and constructions."""
    order = ("triggers", "cues", "types", "reinterpret", "constructions")
    pending, lex.pending = lex.pending, []
    for kind in order:
        for entry_kind, where, item in pending:
            if entry_kind == kind:
                problem = _ADD[kind](item, where, lex)
                if problem:
                    lex.problems.append(f"{where}: {problem}")
    missing = [t for t in PLOVER_TYPES if t not in lex.types]
    if missing:
        lex.problems.append(f"events: no type behaviour for {', '.join(missing)}")
    _check_cue_references(lex)


def _check_cue_references(lex: EventLexicon) -> None:
    modes = {t.mode for t in lex.triggers if t.mode}
    for cue in lex.cues.values():
        if cue.match == "rules":
            unknown = sorted(cue.words - lex.rules)
            if unknown:
                lex.problems.append(f"{cue.where}: list {cue.name!r} names unknown rule(s) "
                                    f"{', '.join(unknown)}")
        if cue.match == "modes":
            unknown = sorted(cue.words - modes)
            if unknown:
                lex.problems.append(f"{cue.where}: list {cue.name!r} names mode(s) no rule "
                                    f"has: {', '.join(unknown)}")


# -- trigger rules --------------------------------------------------------------------------

def _add_rule(item: dict, where: str, lex: EventLexicon) -> str | None:
    problem = _rule_problem(item, lex)
    if problem:
        return problem
    rule = str(item["rule"])
    lex.rules.add(rule)
    base = dict(rule=rule, plover_type=item["type"], cameo=str(item["cameo"]),
                mode=item.get("mode"), objects=_lower_set(item, "object"),
                excluded=_lower_set(item, "exclude_object"), preps=_lower_set(item, "preps"),
                governors=_lower_set(item, "governors"),
                excluded_preps=_lower_set(item, "exclude_preps"),
                confidence=float(item.get("confidence", 0.8)), where=where,
                of_is=item.get("of_is", "target"))
    for verb in item.get("verbs") or []:
        trigger = Trigger(words=tuple(str(verb).lower().split()),
                          verb_preps=_lower_set(item, "verb_preps"), **base)
        lex.verbs[trigger.words[0]].append(trigger)
        lex.triggers.append(trigger)
        lex.by_rule.setdefault(rule, trigger)
    for noun in item.get("nouns") or []:
        trigger = Trigger(words=tuple(str(noun).lower().split()), nominal=True, **base)
        lex.nouns[trigger.words[-1]].append(trigger)
        lex.triggers.append(trigger)
        lex.by_rule.setdefault(rule, trigger)
    return None


def _lower_set(item: dict, key: str) -> frozenset[str]:
    return frozenset(str(o).lower() for o in item.get(key) or [])


def _rule_problem(item: dict, lex: EventLexicon) -> str | None:
    unknown = sorted(set(item) - schema.RULE_KEYS)
    if unknown:
        return f"unknown key(s) {', '.join(map(repr, unknown))}"
    for key in ("rule", "type", "cameo"):
        if key not in item or item[key] in (None, ""):
            return f"entry lacks {key!r}"
    if str(item["rule"]) in lex.rules:
        return f"rule {item['rule']!r} is defined twice"
    if item["type"] not in PLOVER_TYPES:
        return f"type {item['type']!r} is not a PLOVER type"
    if lex.cameo and str(item["cameo"]) not in lex.cameo:
        return f"CAMEO code {item['cameo']!r} is unknown"
    if not (item.get("verbs") or item.get("nouns")):
        return "entry has neither verbs nor nouns"
    for key in schema.RULE_LIST_KEYS:
        problem = _word_list_problem(item.get(key), key)
        if problem:
            return problem
    for key in ("object", "exclude_object", "preps", "verb_preps", "governors",
                "exclude_preps"):
        several = [w for w in item.get(key) or [] if len(str(w).split()) > 1]
        if several:
            return f"{key!r} holds single words, not {several[0]!r}"
    if item.get("of_is", "target") not in schema.ROLES:
        return "of_is must be source or target"
    confidence = item.get("confidence", 0.8)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) \
            or not 0 <= confidence <= 1:
        return "confidence must be a number between 0 and 1"
    return None


def _word_list_problem(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, list):
        return f"{key!r} must be a list"
    if any(isinstance(v, bool) for v in value):
        return f"{key!r} holds true/false: quote words YAML reads as booleans (\"on\", \"no\")"
    if any(not isinstance(v, (str, int)) or not str(v).strip() for v in value):
        return f"{key!r} holds an empty or non-text entry"
    return None


# -- cue lists ------------------------------------------------------------------------------

def _add_cue(item: dict, where: str, lex: EventLexicon) -> str | None:
    name, spec = item.get("name"), item.get("spec")
    if not isinstance(spec, dict):
        return f"list {name!r} must be a mapping with 'match' and 'words'"
    unknown = sorted(set(spec) - schema.CUE_KEYS)
    if unknown:
        return f"list {name!r}: unknown key(s) {', '.join(map(repr, unknown))}"
    match = spec.get("match")
    if match not in schema.CUE_MATCHES:
        return f"list {name!r}: match must be one of {', '.join(schema.CUE_MATCHES)}"
    words = spec.get("words")
    problem = _word_list_problem(words, f"{name}.words") if words is not None else \
        f"list {name!r} has no words"
    if problem:
        return problem
    entries = [" ".join(str(w).lower().split()) for w in words]
    if match in ("lemmas", "words", "rules", "modes"):
        several = [w for w in entries if " " in w]
        if several:
            return (f"list {name!r} matches one word at a time ({match}), so {several[0]!r} "
                    "can never match: use a 'verbs' or 'phrases' list")
    previous = lex.cues.get(name)
    if previous is not None and previous.match != match:
        return f"list {name!r} is declared with match {previous.match!r} elsewhere"
    particles: dict[str, set] = defaultdict(set)
    if match == "verbs":
        for entry in entries:
            first, *rest = entry.split()
            if rest:
                particles[first].add(tuple(rest))
    phrases = tuple(tuple(e.split()) for e in entries) if match == "phrases" else ()
    single = {e for e in entries if " " not in e} if match in ("verbs", "phrases") \
        else set(entries)
    if previous is not None:
        single |= previous.words
        phrases = previous.phrases + phrases
        for verb, seqs in previous.particles.items():
            particles[verb] |= set(seqs)
    lex.cues[name] = Cue(name, match, frozenset(single),
                         {v: tuple(sorted(s)) for v, s in particles.items()}, phrases, where)
    return None


# -- type behaviour -------------------------------------------------------------------------

def _add_type(item: dict, where: str, lex: EventLexicon) -> str | None:
    name, row = item.get("name"), item.get("spec")
    if name not in PLOVER_TYPES:
        return f"{name!r} is not a PLOVER type"
    if not isinstance(row, dict):
        return f"{name}: expected a mapping of behaviours"
    unknown = sorted(set(row) - schema.TYPE_KEYS)
    missing = sorted(schema.TYPE_KEYS - schema.OPTIONAL_TYPE_KEYS - set(row))
    if unknown or missing:
        return f"{name}: unknown key(s) {unknown} / missing key(s) {missing}"
    participants = row["participants"]
    if not isinstance(participants, list) or not participants or \
            set(participants) - set(schema.PARTICIPANTS):
        return f"{name}: participants must be a non-empty list of {', '.join(schema.PARTICIPANTS)}"
    if row["from_is"] not in schema.FROM_IS:
        return f"{name}: from_is must be one of {', '.join(schema.FROM_IS)}"
    flags = ("symmetric", "content", "needs_target", "located", "needs_object", "reacts")
    if any(not isinstance(row.get(f, False), bool) for f in flags):
        return f"{name}: {', '.join(flags)} must be true or false"
    problem = _word_list_problem(row["topic_preps"], "topic_preps")
    if problem:
        return f"{name}: {problem}"
    lex.types[name] = TypeBehaviour(frozenset(participants), row["symmetric"], row["content"],
                                    frozenset(str(p) for p in row["topic_preps"]),
                                    row["from_is"], row["needs_target"],
                                    row.get("located", False), row.get("needs_object", False),
                                    row.get("reacts", False))
    return None


# -- reinterpretation rows ------------------------------------------------------------------

def _add_row(item: dict, where: str, lex: EventLexicon) -> str | None:
    unknown = sorted(set(item) - schema.ROW_KEYS)
    if unknown:
        return f"unknown key(s) {', '.join(map(repr, unknown))}"
    name, when, then, codes = item.get("name"), item.get("when"), item.get("then"), \
        item.get("codes")
    if not name or not isinstance(when, dict) or not isinstance(then, dict) \
            or not isinstance(codes, dict) or not codes:
        return "a row needs a name, 'when' and 'then' mappings and a 'codes' mapping"
    bad = sorted(set(when) - schema.CONDITIONS)
    if bad:
        return f"row {name!r}: unknown condition(s) {', '.join(bad)}"
    if "modality" in when and (not isinstance(when["modality"], list)
                               or set(when["modality"]) - set(MODALITIES)):
        return f"row {name!r}: modality must list some of {', '.join(MODALITIES)}"
    if any(not isinstance(v, bool) for k, v in when.items() if k != "modality"):
        return f"row {name!r}: conditions other than modality are true or false"
    bad = sorted(set(then) - schema.THEN_KEYS)
    if bad or then.get("type") not in PLOVER_TYPES:
        return f"row {name!r}: 'then' needs a PLOVER type and only {sorted(schema.THEN_KEYS)}"
    if then.get("modality") not in (None, "keep", *MODALITIES):
        return f"row {name!r}: then.modality must be keep or a modality"
    for kind, code in codes.items():
        if kind not in PLOVER_TYPES or (lex.cameo and str(code) not in lex.cameo):
            return f"row {name!r}: {kind} -> {code} is not a PLOVER type with a known CAMEO code"
    lex.rows = [r for r in lex.rows if r.name != name]  # a user row replaces the built-in one
    lex.rows.append(Row(str(name), dict(when), dict(then),
                        {k: str(v) for k, v in codes.items()}, where))
    return None


# -- role constructions ---------------------------------------------------------------------

def _add_construction(item: dict, where: str, lex: EventLexicon) -> str | None:
    unknown = sorted(set(item) - schema.CONSTRUCTION_KEYS)
    if unknown:
        return f"unknown key(s) {', '.join(map(repr, unknown))}"
    name = item.get("name")
    if not name or any(c.name == name for c in lex.constructions):
        return f"construction needs a unique name, got {name!r}"
    if item.get("trigger") not in schema.TRIGGER_KINDS or item.get("role") not in schema.ROLES:
        return f"{name}: trigger must be verb, noun or any and role source or target"
    pattern = item.get("pattern")
    if not isinstance(pattern, list) or not pattern or not all(isinstance(n, dict)
                                                               for n in pattern):
        return f"{name}: pattern must be a list of DependencyMatcher nodes"
    ids = [n.get("RIGHT_ID") for n in pattern]
    delegate = item.get("delegate")
    if ids[0] != "trigger" or ("filler" not in ids if delegate is None else delegate not in ids):
        return (f"{name}: the first node must be 'trigger' and one node must be 'filler' (or "
                "the node named by 'delegate')")
    try:
        resolved = tuple(_resolve_refs(node, lex) for node in pattern)
    except KeyError as exc:
        return f"{name}: pattern refers to unknown list @{exc.args[0]}"
    problem = pattern_problem(list(resolved))
    if problem:
        return f"{name}: {problem}"
    types, except_types = item.get("types") or [], item.get("except_types") or []
    if set(types) - set(PLOVER_TYPES) or set(except_types) - set(PLOVER_TYPES):
        return f"{name}: types and except_types must be PLOVER types"
    example, expect = item.get("example"), item.get("expect") or []
    if not example or "[" not in example or not expect:
        return f"{name}: needs an example with its trigger in [brackets] and what it expects"
    if item.get("from_is") not in (None, *schema.FROM_IS):
        return f"{name}: from_is must be source or place"
    if item.get("of_is") not in (None, *schema.ROLES) or \
            item.get("delegate_role") not in (None, *schema.ROLES):
        return f"{name}: of_is and delegate_role must be source or target"
    requires = item.get("requires") or []
    if not isinstance(requires, list) or set(requires) - schema.REQUIRES:
        return f"{name}: requires lists some of {', '.join(sorted(schema.REQUIRES))}"
    lex.constructions.append(Construction(
        str(name), item["trigger"], item["role"], resolved, bool(item.get("only_if_empty")),
        bool(item.get("symmetric")), bool(item.get("skip_topic_preps")), item.get("from_is"),
        frozenset(types), frozenset(except_types), tuple(requires), delegate,
        item.get("delegate_role"), item.get("of_is"), str(example),
        tuple(str(e) for e in expect), where))
    return None


def _resolve_refs(node: Any, lex: EventLexicon) -> Any:
    """Replace "@name" by the words of cue list ``name`` (sorted, so patterns are stable)."""
    if isinstance(node, dict):
        return {k: _resolve_refs(v, lex) for k, v in node.items()}
    if isinstance(node, list):
        out: list = []
        for value in node:
            resolved = _resolve_refs(value, lex)
            out.extend(resolved if isinstance(value, str) and value.startswith("@")
                       else [resolved])
        return out
    if isinstance(node, str) and node.startswith("@"):
        if node[1:] not in lex.cues:
            raise KeyError(node[1:])
        return sorted(lex.cues[node[1:]].words)
    return node


_ADD = {"triggers": _add_rule, "cues": _add_cue, "types": _add_type,
        "reinterpret": _add_row, "constructions": _add_construction}
