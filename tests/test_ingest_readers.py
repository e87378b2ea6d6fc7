"""Each format reader on a good fixture, fields checked exactly."""

from __future__ import annotations

from pathlib import Path

from eventdesk.errors import InputError
from eventdesk.ingest import iter_articles
from eventdesk.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read_all(*names: str, **kwargs: object) -> list[Article | InputError]:
    return list(iter_articles([str(FIXTURES / name) for name in names], **kwargs))


def test_seed_layout() -> None:
    path = FIXTURES / "seed_border.txt"
    raw = path.read_text(encoding="utf-8")
    body = raw.split("\n", 2)[2]
    assert read_all("seed_border.txt", date="2020-01-01") == [Article(
        text=body,
        title="Envoys agree to reopen border crossing",
        date="2024-11-02",
        source="WIRENEWS",
        meta={"format": "seed", "seed_n": 17},
        origin=str(path),
    )]
    assert body.startswith("(WIRENEWS) Officials")  # outlet kept: offsets match the input


def test_seed_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes("\ufeffdate 2023-01-09 4\r\nHeadline\r\nBody one.\r\n".encode())
    [article] = iter_articles([str(path)])
    assert (article.title, article.text, article.date) == ("Headline", "Body one.\r\n",
                                                           "2023-01-09")
    assert article.source is None
    assert article.meta == {"format": "seed", "seed_n": 4}


def test_plain_text_uses_date_argument() -> None:
    path = FIXTURES / "plain_protest.txt"
    [article] = read_all("plain_protest.txt", date="2024-02-20")
    assert article == Article(text=path.read_text(encoding="utf-8"), date="2024-02-20",
                              meta={"format": "text"}, origin=str(path))
    [undated] = read_all("plain_protest.txt")
    assert undated.date is None and undated.title is None


def test_jsonl_records() -> None:
    path = str(FIXTURES / "articles.jsonl")
    first, second, third = read_all("articles.jsonl", date="2024-01-01")
    assert first == Article(
        text="The two leaders met in Oslo.", title="Leaders meet", date="2024-06-01",
        source="Example Post", url="https://post.example.org/r-1", id="r-1",
        meta={"section": "world", "format": "jsonl"}, origin=f"{path}:1",
    )
    # U+2028 and U+0085 stay inside the record; the date argument fills the gap.
    assert second == Article(
        text="A ceasefire was announced.\u2028It held overnight.\u0085Both sides confirmed it.",
        date="2024-01-01", meta={"format": "jsonl"}, origin=f"{path}:3",
    )
    assert (third.id, third.date, third.origin) == ("7", "2024-06-03", f"{path}:4")


def test_html_page() -> None:
    [article] = read_all("page.html", date="2020-01-01")
    assert article == Article(
        text="The foreign ministers of Norway and Chile met in Geneva on Tuesday to discuss a "
             "new agreement on fisheries and shipping lanes in the southern ocean.\n"
             "Officials said the talks were constructive and that both delegations would "
             "return next month to finalise the text of the accord.",
        title="Ministers meet in Geneva",
        date="2024-03-05",
        source="Example News",
        url="https://news.example.org/2024/03/ministers-meet",
        meta={"format": "html"},
        origin=str(FIXTURES / "page.html"),
    )


def test_rss_feed() -> None:
    path = str(FIXTURES / "wire.rss")
    first, second = read_all("wire.rss", date="2024-03-09")
    assert first == Article(
        text="Envoys from Peru and Ghana resumed talks.\nMore soon.",
        title="Talks resume in Lima", date="2024-03-05", source="Example Wire",
        url="https://wire.example.org/a1", id="wire-a1",
        meta={"format": "feed", "entry": 1}, origin=path,
    )
    assert second == Article(
        text="An aid convoy reached the port & unloaded.", title="Aid convoy arrives",
        date="2024-03-09", source="Example Wire", url="https://wire.example.org/a2",
        id=None, meta={"format": "feed", "entry": 2}, origin=path,
    )


def test_atom_feed() -> None:
    [article] = read_all("wire.atom")
    assert article == Article(
        text="Lawmakers rejected the budget.", title="Parliament rejects budget",
        date="2024-04-02", source="Example Atom Desk", url="https://desk.example.org/1",
        id="urn:example:desk:1", meta={"format": "feed", "entry": 1},
        origin=str(FIXTURES / "wire.atom"),
    )
