"""Lexicon files: validation as file:line: reason, and user lexicon folders."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from eventdesk.cli.main import app
from eventdesk.config import Settings
from eventdesk.lexicon import build_lexicon, check_lexicon

runner = CliRunner()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def triggers(entries: str) -> str:
    """A triggers file: two header lines, then the entries (so entry line N is file line N+2)."""
    return "kind: triggers\nrules:\n" + entries


def test_built_in_lexicon_is_valid() -> None:
    assert check_lexicon() == []
    built = build_lexicon()
    assert len(built.actors.countries) > 190
    assert {t.plover_type for ts in built.events.verbs.values() for t in ts} >= {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_every_trigger_has_a_known_cameo_code() -> None:
    built = build_lexicon()
    for triggers in list(built.events.verbs.values()) + list(built.events.nouns.values()):
        for trigger in triggers:
            assert trigger.cameo in built.events.cameo, trigger.where


def test_problems_name_file_and_line(tmp_path: Path) -> None:
    people = write(tmp_path / "actors" / "people.tsv",
                   "name\taliases\tcountry\tsector\trole\tstart\tend\n"
                   "Ana Pop\t\tROU\tGOV\tMinister\t2024-01-01\t\n"
                   "Bad Date\t\tROU\tGOV\tMinister\t2024-13\t\n"
                   "Bad Country\t\tRomania\tGOV\tMinister\t2024-01-01\t\n"
                   "No Such Country\t\tXXX\tGOV\tMinister\t2019-31-01\t2019-02-30\n")
    events = write(tmp_path / "events" / "extra.yaml", triggers(
                   "- rule: extra.parley\n  type: CONSULT\n  cameo: '040'\n  verbs: [parley]\n"
                   "- rule: extra.bad\n  type: CHAT\n  cameo: '040'\n  verbs: [chat]\n"
                   "- rule: extra.unknown_code\n  type: CONSULT\n  cameo: '999'\n"
                   "  verbs: [natter]\n"))
    problems = check_lexicon((str(tmp_path),))
    day = "is not a date (YYYY-MM-DD, a day that exists)"
    assert f"{people}:3: start '2024-13' {day}" in problems
    assert f"{people}:4: country 'Romania' is not an ISO3 code" in problems
    # every problem of a row: an unknown code and two impossible days
    assert f"{people}:5: country 'XXX' is not in the country table (actors/countries.tsv)" \
        in problems
    assert f"{people}:5: start '2019-31-01' {day}" in problems
    assert f"{people}:5: end '2019-02-30' {day}" in problems
    assert f"{events}:7: type 'CHAT' is not a PLOVER type" in problems
    assert f"{events}:11: CAMEO code '999' is unknown" in problems
    assert len(problems) == 7


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "events" / "broken.yaml", triggers("- rule: x\n  type: [unclosed\n"))
    [problem] = check_lexicon((str(tmp_path),))
    assert problem.startswith(f"{bad}:") and "invalid YAML" in problem


def test_lexicon_check_command(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lexicon", "check"])
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output
    write(tmp_path / "actors" / "sectors.tsv",
          "phrase\tsector\tkind\tperson\nwarlord\tREB\tboss\tyes\n")
    result = runner.invoke(app, ["lexicon", "check", "--lexicon", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'actors' / 'sectors.tsv'}:2: kind 'boss'" in result.output


def test_missing_user_folder_is_a_problem(tmp_path: Path) -> None:
    [problem] = check_lexicon((str(tmp_path / "nope"),))
    assert "lexicon folder does not exist" in problem


def test_user_people_file_codes_a_new_person(tmp_path: Path) -> None:
    from eventdesk.coder import Coder
    from eventdesk.model import Article

    write(tmp_path / "actors" / "people.tsv",
          "name\taliases\tcountry\tsector\trole\tstart\tend\n"
          "Zara Quill\tQuill\tMDA\tGOV\tForeign Minister\t2024-01-01\t\n")
    write(tmp_path / "events" / "parley.yaml",
          triggers("- rule: user.parley\n  type: CONSULT\n  cameo: '040'\n  verbs: [parley]\n"))
    coder = Coder(Settings(lexicon_dirs=(str(tmp_path),)))
    coded = coder.code_one(Article(text="Quill will parley with Romania on Monday.",
                                   date="2025-03-01"))
    [event] = [e for e in coded.events if e.rule.startswith("user.parley")]
    assert event.source[0].name == "Zara Quill"
    assert event.source[0].code == "MDAGOV"
    assert "parley.yaml" in event.rule


def test_lexicon_folders_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EVENTDESK_LEXICON_DIRS", str(tmp_path))
    assert Settings.from_env().lexicon_dirs == (str(tmp_path),)


def test_user_rules_with_preposition_and_governor_constraints(tmp_path: Path) -> None:
    from eventdesk.coder import Coder
    from eventdesk.model import Article

    rules = write(tmp_path / "events" / "dossier.yaml", triggers(
                  "- rule: user.dossier\n  type: ACCUSE\n  cameo: '112'\n"
                  "  nouns: [file]\n  preps: ['on']\n  governors: [compile]\n"
                  "- rule: user.bad\n  type: ACCUSE\n  cameo: '112'\n  nouns: [memo]\n"
                  "  exclude_preps: about\n"))
    assert check_lexicon((str(tmp_path),)) == [
        f"{rules}:9: 'exclude_preps' must be a list"]
    rules.write_text(rules.read_text().split("- rule: user.bad")[0])
    coder = Coder(Settings(lexicon_dirs=(str(tmp_path),)))

    def fired(text: str) -> bool:
        coded = coder.code_one(Article(text=text, date="2025-03-01"))
        return any(e.rule.startswith("user.dossier") for e in coded.events)

    assert fired("Kenya presented a file on Ethiopia.")  # preposition
    assert fired("Kenya compiled a file about Ethiopia.")  # governing verb
    assert not fired("Kenya opened a file about Ethiopia.")


def test_unquoted_yaml_booleans_are_reported(tmp_path: Path) -> None:
    rules = write(tmp_path / "events" / "on.yaml", triggers(
                  "- rule: user.on\n  type: ACCUSE\n  cameo: '112'\n  nouns: [file]\n"
                  "  preps: [on]\n"))
    [problem] = check_lexicon((str(tmp_path),))
    assert problem.startswith(f"{rules}:3: 'preps' holds true/false")
