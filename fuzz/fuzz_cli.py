"""Fuzz the command-line argument checks with atheris: any arguments, never a traceback.

    make fuzz FUZZ_TARGETS=fuzz_cli
    python fuzz/fuzz_cli.py -max_total_time=60 CORPUS_DIR

The bytes choose a command (events, timeline, stats, show, export; the ones that read the
store, so that a run takes milliseconds) and options with fuzzed values: numbers of any size,
text with lone surrogates (what Python makes of argv bytes that are not UTF-8), U+10FFFF,
dates, FTS5 queries. They run in process (typer's CliRunner) on a small store made at start.
A crash is an exception other than the command's exit, an exit status other than 0, 1 or 2,
a traceback in the output, or a failure without a message.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

with atheris.instrument_imports():
    from typer.testing import CliRunner

    from eventdesk.cli.main import app

COMMANDS = {
    "events": ["--since", "--until", "--actor", "--type", "--country", "--text", "--limit",
               "--format", "--literal"],
    "timeline": ["--actor", "--dyad", "--type", "--since", "--until", "--limit", "--format",
                 "--evidence"],
    "stats": ["--by", "--dyad", "--actor", "--type", "--since", "--until", "--format", "--all"],
    "show": [],
    "export": ["--format", "--actor", "--dyad", "--type", "--since", "--until", "--limit",
               "--mentions"],
}
FLAGS = {"--literal", "--evidence", "--all", "--mentions"}
WORDS = ["RUS", "UKR", "RUS-UKR", "ASSAULT", "2025-03-11", "2025-02-30", "2025", "2025-13",
         "day", "week", "month", "jsonl", "csv", "table", "json", "gdelt", "parquet", "Kharkiv",
         "Kharkiv OR Istanbul", "Khar*", "title:x", "NEAR(Russia Kharkiv)", '"', "\U0010ffff",
         "\udcff", "0", "-1", str(2**63), str(2**63 - 1), "", " "]


def build_store(folder: Path) -> Path:
    from eventdesk.store import open_store
    from test_cluster_helpers import CORPUS

    path = folder / "fuzz.db"
    with open_store(path) as store:
        for coded in CORPUS:
            store.write_article(coded, "fuzz/1")
    return path


FOLDER = Path(tempfile.mkdtemp(prefix="eventdesk-fuzz-cli-"))
DB = build_store(FOLDER)
RUNNER = CliRunner()


def value(fdp: atheris.FuzzedDataProvider) -> str:
    kind = fdp.ConsumeIntInRange(0, 3)
    if kind == 0:
        return fdp.PickValueInList(WORDS)
    if kind == 1:
        return str(fdp.ConsumeInt(fdp.ConsumeIntInRange(1, 80)))
    if kind == 2:  # any code points, surrogates included
        return "".join(chr(fdp.ConsumeIntInRange(0, 0x10FFFF))
                       for _ in range(fdp.ConsumeIntInRange(0, 12)))
    return fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40))


def arguments(fdp: atheris.FuzzedDataProvider) -> list[str]:
    command = fdp.PickValueInList(sorted(COMMANDS))
    argv = [command, "--db", str(DB)]
    if command == "show":
        argv.append(value(fdp))
    if command == "export":
        argv += ["-o", fdp.PickValueInList(["-", str(FOLDER / "out.txt")])]
    for _ in range(fdp.ConsumeIntInRange(0, 5)):
        option = fdp.PickValueInList(COMMANDS[command] or ["--db"])
        argv += [option] if option in FLAGS else [option, value(fdp)]
    return argv


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    argv = arguments(fdp)
    if "--db" in argv[3:]:
        return  # another database: not what this target is about
    result = RUNNER.invoke(app, argv)
    output = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        argv, repr(result.exception))
    assert result.exit_code in (0, 1, 2), (argv, result.exit_code)
    assert "Traceback" not in output, (argv, output)
    if result.exit_code:
        assert result.stderr.strip(), (argv, "a failure without a message")


def main() -> None:
    os.environ.pop("EVENTDESK_DB", None)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
