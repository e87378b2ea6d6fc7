"""`eventdesk timeline`: the story, one line per canonical event."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from eventdesk.cli.common import DbOption, check_choice, handle_errors
from eventdesk.cli.corpus_options import (
    ActorsOption,
    DyadsOption,
    LimitOption,
    SinceOption,
    TypeOption,
    UntilOption,
    cluster_filter,
)
from eventdesk.cli.query_cmd import _store
from eventdesk.cli.render import actors_text, flags

HEADER = f"{'date':<10} {'type':<9} {'source':>16} -> {'target':<16} {'arts':>4}  content"


@handle_errors
def timeline(
    db: DbOption = None,
    actor: ActorsOption = None,
    dyad: DyadsOption = None,
    event_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    evidence: Annotated[bool, typer.Option(
        "--evidence", help="Add every mention's sentence under its event.")] = False,
    limit: LimitOption = None,
    output_format: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
) -> None:
    """The story: one line per canonical event (mentions across articles merged)."""
    from eventdesk.query.canonical import canonical_events, mentions_of

    check_choice("--format", output_format, ("table", "jsonl"))
    flt = cluster_filter(since, until, actor, dyad, event_type, limit)
    with _store(db) as store:
        if output_format == "table":
            typer.echo(HEADER)
        for event in canonical_events(store, flt):
            mentions = mentions_of(store, event["cluster_id"]) if evidence else None
            if output_format == "jsonl":
                if mentions is not None:
                    event["mentions"] = mentions
                sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
                continue
            typer.echo(timeline_line(event))
            for mention in mentions or ():
                typer.echo(f"{'':>11}[{mention['outlet']} {mention['article_date'] or '?'}] "
                           f"{mention['sentence_text']}")


def timeline_line(event: dict, width: int = 100) -> str:
    what = event.get("content") or (event.get("trigger") or {}).get("text", "")
    mark = flags(event)
    head = (f"{(event.get('date') or '?'):<10} {event['plover_type']:<9} "
            f"{actors_text(event['source'])[:16]:>16} -> {actors_text(event['target'])[:16]:<16}"
            f" {event['num_articles']:>4}  ")
    text = f"[{mark}] {what}" if mark else what
    return head + text[: max(width - len(head), 10)]
