"""The strict lexicon schema: file kinds, unknown keys, words that cannot match, dangling
names; phrases tokenised at load; every role construction checked on its own example."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.config import Settings
from eventdesk.lexicon import build_lexicon, check_lexicon, load_lexicon


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / "events" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_must_say_its_kind(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "- rule: user.x\n  type: ACCUSE\n")
    [problem] = check_lexicon((str(tmp_path),))
    assert problem.startswith(f"{path}:1: a lexicon YAML file starts with 'kind:'")


def test_unknown_keys_are_problems(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "kind: triggers\nrules:\n- rule: user.x\n  type: ACCUSE\n"
                                     "  cameo: '112'\n  verbs: [denounce]\n  objekt: [plan]\n")
    [problem] = check_lexicon((str(tmp_path),))
    assert problem == f"{path}:3: unknown key(s) 'objekt'"


def test_a_several_word_entry_in_a_one_word_list_can_never_match(tmp_path: Path) -> None:
    path = write(tmp_path, "cues.yaml", "kind: cues\nlists:\n  attempt_verbs:\n"
                                        "    match: lemmas\n    words: [try, \"try hard\"]\n")
    [problem] = check_lexicon((str(tmp_path),))
    assert problem.startswith(f"{path}:3: list 'attempt_verbs' matches one word at a time")


def test_a_list_redeclared_with_another_match_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path, "cues.yaml", "kind: cues\nlists:\n  attempt_verbs:\n"
                                 "    match: verbs\n    words: [\"push for\"]\n")
    [problem] = check_lexicon((str(tmp_path),))
    assert "declared with match 'lemmas' elsewhere" in problem


def test_dangling_rule_ids_and_list_names_are_problems(tmp_path: Path) -> None:
    cues = write(tmp_path, "cues.yaml", "kind: cues\nlists:\n  clash_rules:\n"
                                        "    match: rules\n    words: [assault.no_such_rule]\n")
    roles = write(tmp_path, "roles.yaml",
                  "kind: constructions\nconstructions:\n- name: user.bad\n  trigger: verb\n"
                  "  role: source\n  pattern:\n  - {RIGHT_ID: trigger, RIGHT_ATTRS: "
                  "{LEMMA: {IN: '@no_such_list'}}}\n  - {LEFT_ID: trigger, REL_OP: '>', "
                  "RIGHT_ID: filler, RIGHT_ATTRS: {DEP: nsubj}}\n"
                  "  example: 'They [left].'\n  expect: [They]\n")
    problems = check_lexicon((str(tmp_path),))
    assert any(p.startswith(f"{cues}:3: list 'clash_rules' names unknown rule(s) "
                            "assault.no_such_rule") for p in problems)
    assert f"{roles}:3: user.bad: pattern refers to unknown list @no_such_list" in problems


def test_a_row_with_an_unknown_condition_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "rows.yaml",
                 "kind: reinterpret\nrows:\n- name: user.row\n  when: {sunny: true}\n"
                 "  then: {type: AGREE}\n  codes: {AID: '033'}\n")
    [problem] = check_lexicon((str(tmp_path),))
    assert problem == f"{path}:3: row 'user.row': unknown condition(s) sunny"


def test_the_built_in_lexicon_has_a_row_of_behaviour_for_every_type() -> None:
    from eventdesk.model import PLOVER_TYPES

    lexicon = build_lexicon()
    assert lexicon.problems == []
    assert set(lexicon.events.types) == set(PLOVER_TYPES)


def test_phrases_are_tokenised_at_load(tmp_path: Path) -> None:
    """"back-room deal" is written as it is read; the tokenizer splits it at load."""
    from eventdesk.coder import Coder

    write(tmp_path, "deals.yaml", "kind: triggers\nrules:\n- rule: user.backroom\n"
                                  "  type: AGREE\n  cameo: '030'\n  nouns: [\"back-room deal\"]\n")
    coder = Coder(Settings(lexicon_dirs=(str(tmp_path),)))
    doc = coder.nlp("The two parties reached a back-room deal.")
    [found] = [f for f in coder.stages.triggers.find(doc) if f.entry.rule == "user.backroom"]
    assert doc[found.first:found.last + 1].text == "back-room deal"


def test_particle_cues_match_with_their_particles() -> None:
    """A 'verbs' cue with a particle ("call for") is a directive; the verb alone is not."""
    from eventdesk.coder import get_coder
    from eventdesk.extract.reinterpret import verb_cue

    coder = get_coder()
    lexicon = coder.lexicon.events
    doc = coder.nlp("The ministers called for calm. The ministers called the envoy.")
    called = [t for t in doc if t.lower_ == "called"]
    assert verb_cue(called[0], "directive_verbs", lexicon)
    assert not verb_cue(called[1], "directive_verbs", lexicon)


CONSTRUCTIONS = load_lexicon().events.constructions


@pytest.mark.parametrize("construction", CONSTRUCTIONS, ids=lambda c: c.name)
def test_every_construction_finds_its_example(construction) -> None:
    from eventdesk.coder import get_coder
    from eventdesk.extract.constructions import run_example

    coder = get_coder()
    found = run_example(coder.stages.roles, coder.nlp, construction, coder.lexicon.events,
                        coder.stages.triggers)
    assert all(word in found for word in construction.expect), (construction.where, found)


def test_lexicon_stats_counts_what_each_rule_did(tmp_path: Path) -> None:
    """`lexicon stats` on a corpus: every trigger found is kept or dropped for a reason, and a
    user rule that matches nothing shows as never found."""
    import json

    from typer.testing import CliRunner

    from eventdesk.cli.main import app

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a", "date": "2024-02-02", "text":
        "Osterlich troops shelled the border town. Ruritania condemned the shelling and "
        "called for talks."}) + "\n", encoding="utf-8")
    write(tmp_path / "lex", "x.yaml", "kind: triggers\nrules:\n- rule: user.parley\n"
                                      "  type: CONSULT\n  cameo: '040'\n  verbs: [parley]\n")
    result = CliRunner().invoke(app, ["lexicon", "stats", str(corpus), "--format", "json",
                                      "--lexicon", str(tmp_path / "lex")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rules = {r["rule"]: r for r in data["rules"]}
    assert data["articles"] == 1
    assert rules["user.parley"]["found"] == 0
    fired = [r for r in data["rules"] if r["found"]]
    assert fired and all(r["found"] == r["kept"] + sum(r["dropped"].values()) for r in fired)
    assert data["constructions"]["subject"] >= 1
