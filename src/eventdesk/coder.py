"""From Articles to coded records: load the pipeline and lexicon once, code in batches.

``Coder`` is the one object a worker process needs (the Dask/batch path builds
one per worker); ``code_text`` is the public one-call API.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from eventdesk.config import Settings
from eventdesk.errors import InputError, describe
from eventdesk.extract.assemble import Stages, code_article
from eventdesk.extract.constructions import RoleFinder
from eventdesk.extract.mentions import MentionFinder
from eventdesk.extract.places import PlaceFinder, load_gazetteer
from eventdesk.extract.triggers import TriggerMatcher
from eventdesk.lexicon import load_lexicon
from eventdesk.model import Article, CodedArticle
from eventdesk.nlp.pipeline import load_pipeline, parse_articles
from eventdesk.version import CODER_VERSION, __version__, coder_version

__all__ = ["CODER_VERSION", "Coder", "__version__", "code_text", "coder_version", "get_coder"]


class Coder:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self.version = coder_version(self.settings)  # stored with every article it codes
        self.lexicon = load_lexicon(tuple(self.settings.lexicon_dirs))
        self.nlp = load_pipeline(self.settings.pipeline)
        self.stages = Stages(self.lexicon, MentionFinder(self.lexicon.actors, self.nlp),
                             PlaceFinder(load_gazetteer()),
                             TriggerMatcher(self.lexicon.events, self.nlp),
                             RoleFinder(self.lexicon.events),
                             classifier=_classifier(self.settings.classifier))

    def code(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for article, pieces in parse_articles(self.nlp, articles, self.settings.batch_size):
            yield code_article(article, pieces, self.stages)

    def code_each(self, articles: Iterable[Article]) -> Iterator[CodedArticle | InputError]:
        """Like ``code``, but an article the coder fails on (an exception while parsing or
        coding it) becomes one InputError naming its origin, and the others are coded."""
        for article, pieces in parse_articles(self.nlp, articles, self.settings.batch_size,
                                              isolate=True):
            if isinstance(pieces, Exception):
                yield coding_error(article, pieces)
                continue
            try:
                yield code_article(article, pieces, self.stages)
            except Exception as exc:  # noqa: BLE001 - one article's failure, reported
                yield coding_error(article, exc)

    def code_one(self, article: Article) -> CodedArticle:
        return next(iter(self.code([article])))


def _classifier(setting: str):
    """The event classifier a setting names: the shipped model, a model file, or none."""
    if setting == "none":
        return None
    from eventdesk.classify import load_classifier

    return load_classifier(None if setting == "builtin" else setting)


def coding_error(article: Article, exc: BaseException) -> InputError:
    """The one-line error for an article the coder failed on."""
    return InputError(article.origin or "<article>",
                      f"cannot code this article: {describe(exc)} (an eventdesk bug: please "
                      "report it with the article)")


_coders: dict[Settings, Coder] = {}


def get_coder(settings: Settings | None = None) -> Coder:
    """One Coder per settings per process (the pipeline loads once)."""
    settings = settings or Settings.from_env()
    if settings not in _coders:
        _coders[settings] = Coder(settings)
    return _coders[settings]


def code_text(text: str, date: str | None = None, title: str | None = None,
              settings: Settings | None = None) -> dict:
    """Code one text; returns the record of one line of ``eventdesk code --format jsonl``."""
    from eventdesk.ingest.common import check_day

    check_day(date)
    article = Article(text=text, title=title, date=date, origin="<text>")
    return get_coder(settings).code_one(article).to_dict()
