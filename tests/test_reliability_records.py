"""Reading is per record: whatever is wrong with one record costs that record only.

- Finding 2: a lone surrogate, an integer of 4,301+ digits (also the N of a seed header), JSON
  nested deeper than the limit, NaN/Infinity, dates at the ends of the calendar, and anything
  the coder raises on one article: one `file:line: reason` line each, the good records before
  and after are stored, a rerun stores nothing twice; `code` and `--workers 2` alike.
- Finding 11: a `.json` array is one article per element, a pretty-printed `.json` one article,
  a NUL after the first 8 KB is refused, `<meta charset>` of a local page is honoured.
- Hypothesis strategies produce surrogates, deep nesting and huge numbers for the JSONL reader.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventdesk.cli.main import app
from eventdesk.errors import InputError
from eventdesk.ingest import jsondoc, jsonl
from eventdesk.model import Article

pytestmark = pytest.mark.usefixtures("clean_env")

REPO = Path(__file__).resolve().parent.parent


def good(i: int, date: str = "2025-03-04") -> str:
    return json.dumps({"id": f"g{i}", "date": date,
                       "text": f"Russia accused Ukraine of shelling plant number {i}."})


# each: a JSONL line and the reason its error line gives
BAD_LINES = {
    "surrogate title": ('{"id": "s", "text": "Russia met Ukraine.", "title": "\\ud800"}',
                        "invalid string in 'title': lone surrogate \\ud800 at character 0"),
    "surrogate text": ('{"id": "t", "text": "Russia met \\udfff Ukraine."}',
                       "invalid string in 'text': lone surrogate \\udfff at character 11"),
    "surrogate meta key": ('{"text": "Russia met Ukraine.", "\\udc80": 1}',
                           "lone surrogate \\udc80"),
    "huge integer": ('{"id": "b", "text": "Russia met Ukraine.", "n": ' + "7" * 5000 + "}",
                     "number out of range: an integer of more than 4300 digits"),
    "huge id": ('{"id": ' + "9" * 4400 + ', "text": "Russia met Ukraine."}',
                "number out of range"),
    "deep nesting": ('{"id": "d", "text": "Russia met Ukraine.", "x": ' + "[" * 3000
                     + "]" * 3000 + "}", "JSON nested too deeply"),
    "nesting over the limit": ('{"text": "Russia met Ukraine.", "x": ' + "[" * 70 + "]" * 70
                               + "}", "JSON nested too deeply (more than 64 levels)"),
    "NaN": ('{"text": "Russia met Ukraine.", "score": NaN}', "NaN is not a JSON number"),
    "infinite": ('{"text": "Russia met Ukraine.", "score": 1e400}', "number out of range"),
}


def ingest(cli, *args):
    result = cli.invoke(app, ["ingest", *map(str, args), "-q"])
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))
    return result


def stored(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]


@pytest.mark.parametrize("name", list(BAD_LINES))
def test_one_bad_record_costs_one_line(cli, tmp_path: Path, name: str) -> None:
    line, reason = BAD_LINES[name]
    src = tmp_path / "wire.jsonl"
    src.write_text("\n".join([good(1), line, good(2)]) + "\n", encoding="utf-8")
    db = tmp_path / "r.db"
    for run in range(2):  # the rerun fails the same way, and stores nothing twice
        result = ingest(cli, src, "--db", db)
        assert result.exit_code == 1
        [error] = result.stderr.strip().splitlines()
        assert error.startswith(f"eventdesk: {src}:2: "), error
        assert reason in error, error
        assert stored(db) == ["g1", "g2"], run


def test_seed_header_with_a_huge_number(cli, tmp_path: Path) -> None:
    bad = tmp_path / "a_seed.txt"
    bad.write_text("date 2025-03-04 " + "9" * 5000 + "\nTalks\nRussia met Ukraine.\n",
                   encoding="utf-8")
    other = tmp_path / "b_good.jsonl"
    other.write_text(good(1) + "\n", encoding="utf-8")
    result = ingest(cli, bad, other, "--db", tmp_path / "s.db")
    assert result.exit_code == 1
    assert result.stderr == (f"eventdesk: {bad}:1: number out of range in the seed header: N "
                             "has 5000 digits, at most 18\n")
    assert stored(tmp_path / "s.db") == ["g1"]


def test_dates_at_the_ends_of_the_calendar_are_stored_and_clustered(cli, tmp_path: Path) -> None:
    src = tmp_path / "ends.jsonl"
    src.write_text("\n".join([good(1, "0001-01-01"), good(2, "9999-12-31"),
                              good(3, "9999-12-30")]) + "\n", encoding="utf-8")
    db = tmp_path / "e.db"
    result = ingest(cli, src, "--db", db)
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM events WHERE cluster_id IS NULL"
                            ).fetchone()[0] == 0
        dates = {r[0] for r in conn.execute("SELECT date FROM clusters")}
    assert {"0001-01-01", "9999-12-30"} <= dates
    for command in (["timeline"], ["stats", "--by", "week"], ["recluster"]):
        after = cli.invoke(app, [*command, "--db", str(db)])
        assert after.exit_code == 0, (command, after.stderr)


# -- anything raised while coding one article ---------------------------------------------------

def crash_on_marker(monkeypatch) -> None:
    """The coder raises on any article whose text says CRASH-ME (an injected coder bug)."""
    import eventdesk.coder as coder

    real = coder.code_article

    def code_article(article, pieces, *rest):
        if "CRASH-ME" in article.text:
            raise RuntimeError("injected coder bug")
        return real(article, pieces, *rest)

    monkeypatch.setattr(coder, "code_article", code_article)


def crash_input(tmp_path: Path) -> Path:
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join([good(1), json.dumps({"id": "x", "text": "CRASH-ME: Russia met "
                                                                       "Ukraine."}),
                              good(2)]) + "\n", encoding="utf-8")
    return src


CRASH_LINE = ("mixed.jsonl:2: cannot code this article: RuntimeError: injected coder bug (an "
              "eventdesk bug: please report it with the article)")


def test_a_coder_crash_on_one_article_is_one_line(cli, tmp_path: Path, monkeypatch) -> None:
    crash_on_marker(monkeypatch)
    src = crash_input(tmp_path)
    result = ingest(cli, src, "--db", tmp_path / "c.db")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"eventdesk: {tmp_path}/{CRASH_LINE}"
    assert stored(tmp_path / "c.db") == ["g1", "g2"]

    code = cli.invoke(app, ["code", str(src)])
    assert code.exit_code == 1 and "Traceback" not in code.stderr
    assert code.stderr.strip() == f"eventdesk: {tmp_path}/{CRASH_LINE}"
    assert [json.loads(line)["article"]["id"] for line in code.stdout.splitlines()] == [
        "g1", "g2"]


_SITECUSTOMIZE = '''
import eventdesk.coder as coder
real = coder.code_article
def code_article(article, pieces, *rest):
    if "CRASH-ME" in article.text:
        raise RuntimeError("injected coder bug")
    return real(article, pieces, *rest)
coder.code_article = code_article
'''


def test_a_coder_crash_in_a_worker_process_is_one_line(tmp_path: Path) -> None:
    # the bug is injected in every process, worker processes included, by a sitecustomize
    (tmp_path / "inject").mkdir()
    (tmp_path / "inject" / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
    src = crash_input(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTDESK_")}
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path / "inject"), str(REPO / "src")])
    result = subprocess.run([sys.executable, "-m", "eventdesk", "ingest", str(src), "--db",
                             str(tmp_path / "w.db"), "--workers", "2", "-q"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == f"eventdesk: {tmp_path}/{CRASH_LINE}"
    assert stored(tmp_path / "w.db") == ["g1", "g2"]


def test_a_real_coder_overflow_is_reported_not_fatal(cli, tmp_path: Path) -> None:
    # "yesterday" in an article dated 0001-01-01 has no date; whether the coder copes or not,
    # the run goes on and the other records are stored
    src = tmp_path / "edge.jsonl"
    src.write_text("\n".join([good(1), json.dumps({"id": "y", "date": "0001-01-01",
                                                   "text": "Russia attacked Ukraine "
                                                           "yesterday."}),
                              good(2)]) + "\n", encoding="utf-8")
    result = ingest(cli, src, "--db", tmp_path / "y.db")
    ids = stored(tmp_path / "y.db")
    assert {"g1", "g2"} <= set(ids)
    if "y" not in ids:
        assert result.exit_code == 1
        assert result.stderr.startswith(f"eventdesk: {src}:2: cannot code this article: ")
        assert len(result.stderr.strip().splitlines()) == 1


# -- finding 11: JSON documents, NUL bytes, declared charsets ------------------------------------

def test_a_json_array_is_one_article_per_element(cli, tmp_path: Path) -> None:
    src = tmp_path / "wire.json"
    records = [json.loads(good(i)) for i in range(3)]
    records.insert(2, {"id": "no-text"})
    src.write_text(json.dumps(records, indent=2), encoding="utf-8")
    result = ingest(cli, src, "--db", tmp_path / "j.db")
    assert result.exit_code == 1
    # "[" on line 1, then 5 lines per full record: the third element starts on line 12
    assert result.stderr == (f"eventdesk: {src}:12: element 3: record without text: "
                             "'text' must be a non-empty string\n")
    assert stored(tmp_path / "j.db") == ["g0", "g1", "g2"]


def test_a_pretty_printed_json_object_is_one_article(cli, tmp_path: Path) -> None:
    for name in ("one.json", "one"):  # by extension, and by content
        src = tmp_path / name
        src.write_text(json.dumps(json.loads(good(7)), indent=4), encoding="utf-8")
        db = tmp_path / f"{name}.db"
        result = ingest(cli, src, "--db", db)
        assert result.exit_code == 0, result.stderr
        assert stored(db) == ["g7"]


def test_jsondoc_reader_names_the_line_of_a_broken_element() -> None:
    text = '[\n  {"text": "Russia met Ukraine."},\n  {"text": "cut\n'
    first, error = list(jsondoc.read(text, "w.json", None))
    assert isinstance(first, Article) and first.origin == "w.json:2"
    assert isinstance(error, InputError) and error.line == 3
    assert str(error).startswith("w.json:3: element 2: malformed JSON: ")


def test_a_nul_byte_after_the_first_8_kb_is_refused(cli, tmp_path: Path) -> None:
    bad = tmp_path / "a_late_nul.txt"
    bad.write_bytes(b"Russia accused Ukraine. " * 500 + b"\x00tail")
    assert bad.read_bytes().index(b"\x00") > 8192
    other = tmp_path / "b_good.jsonl"
    other.write_text(good(1) + "\n", encoding="utf-8")
    result = ingest(cli, bad, other, "--db", tmp_path / "n.db", "--date", "2025-03-04")
    assert result.exit_code == 1
    assert result.stderr == (f"eventdesk: {bad}: binary file (a NUL character at offset "
                             "12000), not text\n")
    assert stored(tmp_path / "n.db") == ["g1"]


@pytest.mark.parametrize("declaration", ['<meta charset="windows-1252">',
                                         '<meta http-equiv="Content-Type" '
                                         'content="text/html; charset=ISO-8859-1">'])
def test_a_page_declaring_its_charset_is_read_in_it(tmp_path: Path, declaration: str) -> None:
    from eventdesk.ingest import iter_articles

    body = ("<p>Le ministre fran\u00e7ais a rencontr\u00e9 son homologue \u00e0 Gen\u00e8ve "
            "\u2013 les \u201cpourparlers\u201d ont dur\u00e9 trois heures et ont "
            "port\u00e9 sur la s\u00e9curit\u00e9 r\u00e9gionale.</p>") * 3
    page = tmp_path / "page.html"
    page.write_bytes((f"<!DOCTYPE html><html><head>{declaration}<title>Gen\u00e8ve</title>"
                      f"</head><body><article>{body}</article></body></html>").encode("cp1252"))
    [item] = list(iter_articles([str(page)]))
    assert isinstance(item, Article), str(item)
    assert "fran\u00e7ais a rencontr\u00e9" in item.text and "\u201cpourparlers\u201d" in item.text


# -- hypothesis: the JSONL reader under surrogates, deep nesting and huge numbers -----------------

surrogate = st.integers(0xD800, 0xDFFF).map(lambda c: f"\\u{c:04x}")
poisoned = st.one_of(
    st.tuples(st.sampled_from(["title", "text", "source", "url", "note"]), surrogate).map(
        lambda fs: '{"text": "Russia met Ukraine. ' + (fs[1] if fs[0] == "text" else "")
                   + '"' + ("" if fs[0] == "text" else f', "{fs[0]}": "x{fs[1]}y"') + "}"),
    st.integers(65, 3000).map(lambda depth: '{"text": "Russia met Ukraine.", "x": '
                                            + "[" * depth + "]" * depth + "}"),
    st.integers(4301, 6000).map(lambda digits: '{"text": "Russia met Ukraine.", "n": '
                                               + "8" * digits + "}"),
    st.sampled_from(['{"text": "Russia met Ukraine.", "n": NaN}',
                     '{"text": "Russia met Ukraine.", "n": -Infinity}',
                     '{"text": "Russia met Ukraine.", "n": 1e999}']),
)
clean_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=80).filter(
    lambda s: s.strip() != "")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(poisoned.map(lambda line: (True, line)),
                          clean_text.map(lambda text: (False, json.dumps({"text": text})))),
                min_size=1, max_size=10))
def test_jsonl_reader_never_lets_a_bad_record_through(lines) -> None:
    results = list(jsonl.read("\n".join(line for _, line in lines), "h.jsonl", None))
    assert len(results) == len(lines)
    for number, ((bad, _), item) in enumerate(zip(lines, results), start=1):
        if bad:
            assert isinstance(item, InputError), item
            assert (item.origin, item.line) == ("h.jsonl", number)
            assert "\n" not in str(item)
            str(item).encode("utf-8")  # the message itself prints anywhere
        else:
            assert isinstance(item, Article)
            for value in (item.text, item.title or "", json.dumps(item.meta)):
                value.encode("utf-8")
