"""One group of statements into one candidate fact, in the fact base's own schema.

The candidate states the group's most recent wording, cites the most recent answer that
said it, lists every answer that said it in `seen_in`, and is `verified: false` until a
person accepts it. Where the wording gives a figure for a period it is a statistic, with one
value per period taken from the latest answer giving that period.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from drafter.facts.model import Fact, Mention, PeriodValue, Source
from drafter.harvest.statements import figure, words
from drafter.words import STOP_WORDS

REVIEW_AFTER = timedelta(days=365)
"""A harvested line is due for review a year after an answer last said it."""


@dataclass(frozen=True)
class Said:
    """Where a statement was said: the answer's record, without its text."""

    uin: str
    house: str
    tabled: date
    answered: date
    member: str
    heading: str
    url: str


@dataclass(frozen=True)
class Statement:
    """One sentence of one answer."""

    text: str
    said: Said


@dataclass(frozen=True)
class Candidate:
    """A proposed fact and the answers (as sources) it cites."""

    fact: Fact
    sources: tuple[Source, ...]


def build_candidate(statements: Sequence[Statement], prefix: str) -> Candidate:
    """The candidate fact for one group of near-duplicate statements (at least one)."""
    ordered = sorted(statements, key=lambda item: (item.said.answered, item.said.uin))
    newest = ordered[-1]
    values, period_sources = _values(ordered)
    seen_in = tuple(
        Mention(item.said.uin, item.said.answered, item.said.member, item.text)
        for item in _one_per_answer(ordered)
    )
    headings = [item.said.heading for item in ordered]
    fact = Fact(
        id=candidate_id(prefix, ordered[0].text, newest.text),
        kind="statistic" if values else "line",
        source=source_id(newest.said),
        review_by=newest.said.answered + REVIEW_AFTER,
        text=newest.text,
        values=values,
        topics=_topics(headings),
        keywords=_keywords(headings),
        verified=False,
        seen_in=seen_in,
    )
    cited = {source_id(newest.said): newest.said} | period_sources
    return Candidate(fact, tuple(answer_source(cited[key]) for key in sorted(cited)))


def source_id(said: Said) -> str:
    """`answer-2025-03-20-37301`: the answer's date and UIN, unique across Parliaments."""
    return f"answer-{said.answered.isoformat()}-{said.uin.lower()}"


def answer_source(said: Said) -> Source:
    """The written answer as a citable source, at its canonical address."""
    title = f"Written answer {said.uin}: {said.heading}" if said.heading else said.uin
    return Source(
        id=source_id(said),
        title=title,
        publisher=f"House of {said.house}",
        url=said.url,
        published=said.answered.isoformat(),
    )


def candidate_id(prefix: str, first: str, newest: str) -> str:
    """`vetting.code-of-practice-for-vetting-3f9a1c`: stable while the first wording stays."""
    content = [word for word in words(newest) if word != "#" and word not in STOP_WORDS]
    slug = "-".join(re.sub(r"[^a-z0-9]", "", word) for word in content[:5]) or "statement"
    digest = hashlib.sha256(" ".join(words(first)).encode("utf-8")).hexdigest()[:6]
    return f"{prefix}.{re.sub(r'-+', '-', slug).strip('-')}-{digest}"


def _values(ordered: Sequence[Statement]) -> tuple[tuple[PeriodValue, ...], dict[str, Said]]:
    """One value per period, from the latest answer giving it; empty when no figure is stated."""
    if figure(ordered[-1].text) is None:
        return (), {}
    latest: dict[str, tuple[PeriodValue, Said]] = {}
    for item in ordered:
        found = figure(item.text)
        if found is not None:
            value = PeriodValue(found.period, found.value, source=source_id(item.said))
            latest[found.period] = (value, item.said)
    values = sorted((value for value, _ in latest.values()), key=lambda value: value.parsed)
    return tuple(values), {source_id(said): said for _, said in latest.values()}


def _one_per_answer(ordered: Sequence[Statement]) -> list[Statement]:
    """Each wording once per answer: an answer may repeat a line, or give it for two years."""
    by_answer = {(item.said.uin, item.said.answered, item.text): item for item in ordered}
    return list(by_answer.values())


def _topics(headings: Sequence[str]) -> tuple[str, ...]:
    """The commonest parts of the questions' headings (`Police: Vetting` has two)."""
    parts = Counter(
        part.strip().lower() for heading in headings for part in heading.split(":") if part.strip()
    )
    return tuple(sorted(part for part, _ in parts.most_common(4))) or ("harvested",)


def _keywords(headings: Sequence[str]) -> tuple[str, ...]:
    found = Counter(
        word
        for heading in headings
        for word in re.findall(r"[a-z]+", heading.lower())
        if len(word) > 2 and word not in STOP_WORDS
    )
    return tuple(sorted(word for word, _ in found.most_common(8)))
