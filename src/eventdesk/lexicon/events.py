"""Event lexicon: trigger verbs and nouns per PLOVER type, CAMEO ontology, modality cues."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from eventdesk.lexicon.tables import read_tsv, read_yaml_list, read_yaml_mapping
from eventdesk.model import PLOVER_TYPES


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
    words: tuple[str, ...]  # verb: lemma then particles; noun: modifiers then head
    objects: frozenset[str]
    excluded: frozenset[str]  # the verb does not fire with these direct objects
    confidence: float
    where: str  # file:line
    preps: frozenset[str] = frozenset()  # the noun fires only with one of these prepositions
    governors: frozenset[str] = frozenset()  # ... or as the object of one of these verbs
    excluded_preps: frozenset[str] = frozenset()  # never fires with these prepositions


@dataclass
class EventLexicon:
    cameo: dict[str, CameoEntry] = field(default_factory=dict)
    verbs: dict[str, list[Trigger]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Trigger]] = field(default_factory=lambda: defaultdict(list))
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    rules: set[str] = field(default_factory=set)
    by_rule: dict[str, Trigger] = field(default_factory=dict)  # first trigger of each rule
    reinterpret: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())


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


def load_triggers(path: Path, lex: EventLexicon) -> None:
    for line, item in read_yaml_list(path):
        where = f"{path}:{line}"
        problem = _entry_problem(item, lex)
        if problem:
            lex.problems.append(f"{where}: {problem}")
            continue
        rule = str(item["rule"])
        lex.rules.add(rule)
        objects = frozenset(str(o).lower() for o in item.get("object") or [])
        excluded = frozenset(str(o).lower() for o in item.get("exclude_object") or [])
        preps = frozenset(str(o).lower() for o in item.get("preps") or [])
        governors = frozenset(str(o).lower() for o in item.get("governors") or [])
        excluded_preps = frozenset(str(o).lower() for o in item.get("exclude_preps") or [])
        base = dict(rule=rule, plover_type=item["type"], cameo=str(item["cameo"]),
                    mode=item.get("mode"), objects=objects, excluded=excluded, preps=preps,
                    governors=governors, excluded_preps=excluded_preps,
                    confidence=float(item.get("confidence", 0.8)), where=where)
        for verb in item.get("verbs") or []:
            words = tuple(str(verb).lower().split())
            lex.verbs[words[0]].append(Trigger(words=words, **base))
            lex.by_rule.setdefault(rule, lex.verbs[words[0]][-1])
        for noun in item.get("nouns") or []:
            words = tuple(str(noun).lower().split())
            lex.nouns[words[-1]].append(Trigger(words=words, **base))
            lex.by_rule.setdefault(rule, lex.nouns[words[-1]][-1])


def _entry_problem(item: dict, lex: EventLexicon) -> str | None:
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
    for key in ("verbs", "nouns", "object", "exclude_object", "preps", "governors",
                "exclude_preps"):
        value = item.get(key)
        if value is not None and not isinstance(value, list):
            return f"{key!r} must be a list"
        if value and any(isinstance(v, bool) for v in value):
            return f"{key!r} holds true/false: quote words YAML reads as booleans (\"on\", \"no\")"
    confidence = item.get("confidence", 0.8)
    if not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
        return "confidence must be a number between 0 and 1"
    return None


def load_cues(path: Path, lex: EventLexicon) -> None:
    for key, values in read_yaml_mapping(path).items():
        if not isinstance(values, list):
            lex.problems.append(f"{path}: {key!r} must be a list of words")
            continue
        if any(isinstance(v, bool) for v in values):
            lex.problems.append(f"{path}: {key!r} holds true/false: quote words YAML reads as "
                                "booleans (\"on\", \"no\")")
            continue
        merged = set(lex.cues.get(key, frozenset()))
        merged.update(str(v).lower() for v in values)
        lex.cues[key] = frozenset(merged)


def load_reinterpret(path: Path, lex: EventLexicon) -> None:
    """Type changes for intent and refusal: {"intent": {TYPE: CAMEO}, "refusal": {...}}."""
    for key, table in read_yaml_mapping(path).items():
        if not isinstance(table, dict):
            lex.problems.append(f"{path}: {key!r} must map PLOVER types to CAMEO codes")
            continue
        for plover_type, code in table.items():
            if plover_type not in PLOVER_TYPES or (lex.cameo and str(code) not in lex.cameo):
                lex.problems.append(f"{path}: {key}: {plover_type} -> {code} is not a PLOVER "
                                    "type with a known CAMEO code")
                continue
            lex.reinterpret.setdefault(key, {})[plover_type] = str(code)
