"""How often each lexicon entry fires on a corpus (``eventdesk lexicon stats``): triggers found
per rule and what became of them, role constructions filled, reinterpretation rows applied.
An over-broad rule shows itself as one found often and dropped or vetoed often, a dead one as
never found."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from eventdesk.errors import InputError

KEPT = "kept"


@dataclass
class LexiconStats:
    articles: int = 0
    failed: int = 0
    found: Counter = field(default_factory=Counter)  # rule -> triggers found
    outcomes: Counter = field(default_factory=Counter)  # (rule, outcome) -> count
    constructions: Counter = field(default_factory=Counter)
    rows: Counter = field(default_factory=Counter)
    rules: list[str] = field(default_factory=list)  # every rule of the lexicon
    construction_names: list[str] = field(default_factory=list)

    def by_rule(self) -> list[dict[str, Any]]:
        table = []
        for rule in sorted(set(self.rules) | set(self.found),
                           key=lambda r: (-self.found[r], r)):
            outcomes = {o: n for (r, o), n in self.outcomes.items() if r == rule}
            kept = outcomes.pop(KEPT, 0)
            table.append({"rule": rule, "found": self.found[rule], "kept": kept,
                          "dropped": dict(sorted(outcomes.items(), key=lambda i: -i[1]))})
        return table

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "failed": self.failed, "rules": self.by_rule(),
                "constructions": {n: self.constructions[n] for n in self.construction_names},
                "rows": dict(self.rows.most_common())}

    def format_table(self, limit: int | None = None) -> str:
        rows = self.by_rule()
        never = [r["rule"] for r in rows if not r["found"]]
        shown = [r for r in rows if r["found"]][:limit]
        lines = [f"{self.articles} articles ({self.failed} failed); "
                 f"{sum(self.found.values())} triggers found",
                 "", f"{'rule':<36}{'found':>7}{'kept':>7}  dropped"]
        for r in shown:
            dropped = ", ".join(f"{n} {o}" for o, n in r["dropped"].items())
            lines.append(f"{r['rule']:<36}{r['found']:>7}{r['kept']:>7}  {dropped}")
        lines += ["", f"rules never found: {len(never)} of {len(rows)}"]
        lines += ["", f"{'construction':<36}{'filled':>7}"]
        lines += [f"{n:<36}{self.constructions[n]:>7}" for n in self.construction_names]
        lines += ["", f"{'reinterpretation row':<36}{'applied':>7}"]
        lines += [f"{n:<36}{c:>7}" for n, c in self.rows.most_common()]
        return "\n".join(lines) + "\n"


def collect(articles: Iterable, coder, on_error: Callable[[InputError], None]) -> LexiconStats:
    """Code ``articles`` (Articles or InputErrors) with ``coder`` and count what fired."""
    from eventdesk.extract.draft import Trace

    trace = Trace()
    stages = coder.stages
    coder.stages = dataclasses.replace(stages, trace=trace)
    matcher, finder = stages.triggers, stages.roles
    found_before, fired_before = Counter(matcher.found), Counter(finder.fired)
    stats = LexiconStats(rules=sorted(coder.lexicon.events.rules),
                         construction_names=[c.name for c in coder.lexicon.events.constructions])

    def readable():
        for item in articles:
            if isinstance(item, InputError):
                stats.failed += 1
                on_error(item)
            else:
                yield item

    try:
        for result in coder.code_each(readable()):
            if isinstance(result, InputError):
                stats.failed += 1
                on_error(result)
            else:
                stats.articles += 1
    finally:
        coder.stages = stages
    stats.found = matcher.found - found_before
    stats.constructions = finder.fired - fired_before
    stats.outcomes, stats.rows = trace.outcomes, trace.rows
    return stats
