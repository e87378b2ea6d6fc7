"""The coder version: the release plus a hash of every file that decides the coding, so that a
changed or added lexicon file re-codes stored articles."""

from __future__ import annotations

from pathlib import Path

from eventdesk.config import Settings
from eventdesk.runner import ingest
from eventdesk.store import open_store
from eventdesk.version import CODER_VERSION, coder_version

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_the_version_depends_on_user_lexicons_and_the_classifier(tmp_path: Path) -> None:
    base = coder_version(Settings())
    assert base.startswith(CODER_VERSION + "+") and base == coder_version(Settings())
    (tmp_path / "events").mkdir()
    rules = tmp_path / "events" / "extra.yaml"
    rules.write_text("kind: triggers\nrules:\n- rule: user.parley\n  type: CONSULT\n"
                     "  cameo: '040'\n  verbs: [parley]\n", encoding="utf-8")
    with_rules = coder_version(Settings(lexicon_dirs=(str(tmp_path),)))
    assert with_rules != base
    rules.write_text(rules.read_text().replace("parley", "confabulate"), encoding="utf-8")
    coder_version.cache_clear()
    assert coder_version(Settings(lexicon_dirs=(str(tmp_path),))) not in (base, with_rules)
    assert coder_version(Settings(classifier="none")) != base


def test_a_new_user_lexicon_recodes_the_stored_articles(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    plain = Settings(db=str(db))
    with open_store(db) as store:
        first = ingest([str(SAMPLES)], store, plain)
    assert first.new > 0 and first.recoded == 0
    folder = tmp_path / "lexicon"
    (folder / "events").mkdir(parents=True)
    (folder / "events" / "extra.yaml").write_text(
        "kind: triggers\nrules:\n- rule: user.parley\n  type: CONSULT\n  cameo: '040'\n"
        "  verbs: [parley]\n", encoding="utf-8")
    extended = Settings(db=str(db), lexicon_dirs=(str(folder),))
    with open_store(db) as store:
        second = ingest([str(SAMPLES)], store, extended)
        again = ingest([str(SAMPLES)], store, extended)
        versions = {r[0] for r in store.conn.execute("SELECT coder_version FROM articles")}
    assert second.recoded == first.new and second.new == 0
    assert again.unchanged == first.new and again.recoded == 0
    assert versions == {coder_version(extended)}
