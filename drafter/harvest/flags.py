"""What a reviewer needs to know about a harvested fact before accepting it.

Read off the fact's `seen_in` (each answer's own wording), so a candidates file carries
everything the flags need and they can be shown again at any time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from drafter.facts.model import Fact, Mention
from drafter.harvest.group import THRESHOLD, jaccard, shingles
from drafter.harvest.statements import figure, words

LONG_AGO = timedelta(days=2 * 365)
"""A line no answer has said for two years may no longer be the department's line."""


@dataclass(frozen=True)
class Flag:
    """One thing to look at: its kind (`changed`, `contradiction`, `old`) and what was found."""

    kind: str
    message: str
    details: tuple[str, ...] = ()
    """Lines under the message: wordings newest first, or the figures given."""


def flags(fact: Fact, today: date) -> list[Flag]:
    """Every flag for a harvested fact, in the order above; none for a fact with no `seen_in`."""
    if not fact.seen_in:
        return []
    found = [*_changed(fact.seen_in), *contradictions(fact.seen_in)]
    last = fact.seen_in[-1].answered
    if today - last > LONG_AGO:
        found.append(Flag("old", f"last said on {last.isoformat()}, over two years ago"))
    return found


def _changed(seen_in: tuple[Mention, ...]) -> list[Flag]:
    """The line moved: the newest wording and each earlier wording of it, newest first.

    A group is a chain of near duplicates, so its two ends can say different things; only a
    wording itself near the newest one (bigram Jaccard of at least `THRESHOLD`, figures aside)
    is an earlier wording of the same statement.
    """
    latest: dict[tuple[str, ...], Mention] = {}
    for mention in seen_in:
        if mention.said:
            latest[tuple(words(mention.said))] = mention
    newest_first = sorted(latest.items(), key=lambda item: item[1].answered, reverse=True)
    if len(newest_first) < 2:
        return []
    newest = shingles(newest_first[0][0])
    same = [m for key, m in newest_first if jaccard(newest, shingles(key)) >= THRESHOLD]
    if len(same) < 2:
        return []
    details = tuple(f"{item.answered.isoformat()} ({item.uin}): {item.said}" for item in same)
    return [Flag("changed", f"the wording changed: {len(same)} wordings", details)]


def contradictions(seen_in: tuple[Mention, ...]) -> list[Flag]:
    """Answers that gave different figures for the same period: a contradiction on the record."""
    by_period: dict[str, dict[int | float, Mention]] = {}
    for mention in seen_in:
        found = figure(mention.said)
        if found is not None:
            by_period.setdefault(found.period, {})[found.value] = mention
    return [
        Flag(
            "contradiction",
            f"answers gave {len(given)} different figures for {period}",
            tuple(
                f"answer {item.uin} of {item.answered.isoformat()} gave {value}"
                for value, item in sorted(given.items(), key=lambda pair: pair[1].answered)
            ),
        )
        for period, given in by_period.items()
        if len(given) > 1
    ]
