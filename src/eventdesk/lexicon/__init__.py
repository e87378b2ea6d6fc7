"""The lexicon: data files a political scientist can read and extend.

Built-in files live in ``eventdesk/data``; every folder in the ``lexicon_dirs``
setting may hold files of the same layout (``actors/people.tsv``,
``events/*.yaml``, ...) whose rows are added to (and, for the same name, take
precedence over) the built-in ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventdesk.errors import LexiconError
from eventdesk.lexicon.actors import LOADERS, ActorLexicon
from eventdesk.lexicon.events import EventLexicon, finish, load_events_file, load_ontology

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass
class Lexicon:
    actors: ActorLexicon
    events: EventLexicon

    @property
    def problems(self) -> list[str]:
        return self.actors.problems + self.events.problems


def build_lexicon(extra_dirs: tuple[str, ...] = ()) -> Lexicon:
    """Read the built-in files, then each extra folder; collect problems, never raise on them."""
    actors, events = ActorLexicon(), EventLexicon()
    folders = [DATA_DIR, *(Path(d) for d in extra_dirs)]
    for folder in folders:
        if folder != DATA_DIR and not folder.is_dir():
            actors.problems.append(f"{folder}: lexicon folder does not exist")
            continue
        _guard(actors.problems, lambda f=folder: _load_folder(f, actors, events))
    finish(events)
    return Lexicon(actors, events)


def _load_folder(folder: Path, actors: ActorLexicon, events: EventLexicon) -> None:
    ontology = folder / "ontology" / "cameo.tsv"
    if ontology.exists():
        _guard(events.problems, lambda: load_ontology(ontology, events))
    for stem, loader in LOADERS.items():
        for path in sorted((folder / "actors").glob(f"{stem}*.tsv")):
            _guard(actors.problems, lambda p=path, f=loader: f(p, actors))
    for path in sorted((folder / "events").glob("*.yaml")):
        _guard(events.problems, lambda p=path: load_events_file(p, events))


def _guard(problems: list[str], action) -> None:
    try:
        action()
    except LexiconError as exc:
        problems.append(str(exc))


@lru_cache(maxsize=8)
def load_lexicon(extra_dirs: tuple[str, ...] = ()) -> Lexicon:
    """The lexicon the coder uses; raises LexiconError naming the first problem."""
    lexicon = build_lexicon(extra_dirs)
    if lexicon.problems:
        more = f" (and {len(lexicon.problems) - 1} more; run `eventdesk lexicon check`)"
        raise LexiconError(lexicon.problems[0] + (more if len(lexicon.problems) > 1 else ""),
                           None, "")
    return lexicon


def check_lexicon(extra_dirs: tuple[str, ...] = ()) -> list[str]:
    return build_lexicon(extra_dirs).problems
