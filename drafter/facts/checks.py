"""The fact base's checks beyond the schema. Each is a small generator.

A fact's own checks run when its file is parsed, so the cache keeps what they find; the
whole-base checks, what no single file can know about itself, run on the files' indexes on
every load and open a file's records only to place a problem they found.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import Literal

from drafter.errors import Location, Problem
from drafter.facts.filecache import FactFile
from drafter.facts.model import Fact, InForce, PeriodValue, Source


def unknown_sources(files: Sequence[FactFile], defined: Collection[str]) -> Iterator[Problem]:
    """Every fact, and every period of it, must cite a source the base defines."""
    for file in files:
        if all(source_id in defined for source_id in file.index.cited):
            continue
        for fact in file.records().facts:
            records: tuple[Fact | PeriodValue | InForce, ...] = (
                fact,
                *fact.values,
                *fact.in_force,
            )
            for record in records:
                source_id = record.source
                if source_id and source_id not in defined:
                    close = difflib.get_close_matches(source_id, list(defined), n=1)
                    hint = f"did you mean '{close[0]}'?" if close else "define it under 'sources:'"
                    yield _problem(
                        record.location,
                        f"fact '{fact.id}' cites source '{source_id}', which is not defined",
                        hint,
                    )


def period_order(fact: Fact) -> Iterator[Problem]:
    """A statistic's history runs oldest first, each period once."""
    periods = [value.parsed for value in fact.values]
    for index in range(1, len(periods)):
        if periods[index] > periods[index - 1]:
            continue
        before, after = fact.values[index - 1], fact.values[index]
        if periods[index] == periods[index - 1]:
            yield _problem(after.location, f"fact '{fact.id}' repeats period '{after.period}'")
        else:
            yield _problem(
                after.location,
                f"fact '{fact.id}': period '{after.period}' comes after "
                f"'{before.period}' but is older",
                "list periods oldest first",
            )


def content_for_kind(fact: Fact) -> Iterator[Problem]:
    """A line states something; a statistic has figures."""
    if fact.kind == "line" and not fact.text and not fact.in_force:
        yield _problem(fact.location, f"line '{fact.id}' has no 'text'")
    if fact.kind == "statistic" and not fact.values:
        yield _problem(fact.location, f"statistic '{fact.id}' has no 'values'")
    for value in fact.values:
        if value.value is None and not value.breakdown:
            yield _problem(
                value.location,
                f"fact '{fact.id}' period '{value.period}' has neither 'value' nor 'breakdown'",
            )


_IN_FORCE_CONTENT = {"policy": "value", "line": "text"}
"""What each value in force states, by the fact's kind."""


def in_force_content(fact: Fact) -> Iterator[Problem]:
    """A policy's values are in force from a date; a line's wording may be; a statistic's not."""
    wanted = _IN_FORCE_CONTENT.get(fact.kind)
    if fact.kind == "policy" and not fact.in_force:
        yield _problem(fact.location, f"policy '{fact.id}' has no 'in_force' values")
    if fact.in_force and wanted is None:
        yield _problem(
            fact.location,
            f"statistic '{fact.id}' has 'in_force' values",
            "a statistic's figures go by period under 'values'; make it a policy",
        )
    if fact.kind == "line" and fact.in_force and fact.text:
        yield _problem(
            fact.location,
            f"line '{fact.id}' has both 'text' and 'in_force'",
            "give its wording in each 'in_force' value",
        )
    if wanted is not None and fact.in_force:
        yield from _without(fact, wanted)


def _without(fact: Fact, wanted: str) -> Iterator[Problem]:
    """Each value in force that does not state what its kind needs (`value` or `text`)."""
    for value in fact.in_force:
        if getattr(value, wanted) in (None, ""):
            yield _problem(
                value.location, f"fact '{fact.id}' value from {value.start} has no '{wanted}'"
            )


def in_force_order(fact: Fact) -> Iterator[Problem]:
    """Values in force run oldest first, each ends before the next begins, none before it starts."""
    if not fact.in_force:  # most facts: no loop set up for them
        return
    for value in fact.in_force:
        if value.until is not None and value.until < value.start:
            yield _problem(
                value.location,
                f"fact '{fact.id}': value from {value.start} has 'until' {value.until},"
                " which is before it begins",
            )
    for before, after in zip(fact.in_force, fact.in_force[1:], strict=False):
        if after.start <= before.start:
            yield _problem(
                after.location,
                f"fact '{fact.id}': value from {after.start} is listed after the one from "
                f"{before.start}: list values oldest first, one per 'from' date",
            )
        elif before.until is not None and after.start <= before.until:
            yield _problem(
                after.location,
                f"fact '{fact.id}': value from {after.start} overlaps the one from "
                f"{before.start}, which runs until {before.until}",
            )


def missing_topics(fact: Fact) -> Iterator[Problem]:
    """Selection finds facts by topic: a fact with none can never be suggested."""
    if not fact.topics:
        yield _problem(fact.location, f"fact '{fact.id}' has no topics")


def seen_in_order(fact: Fact) -> Iterator[Problem]:
    """A fact's earlier answers run oldest first, each answer's wording once."""
    if not fact.seen_in:
        return
    seen: set[tuple[str, object, str]] = set()
    for before, after in zip((None, *fact.seen_in), fact.seen_in, strict=False):
        key = (after.uin, after.answered, after.said)
        if key in seen:
            yield _problem(
                after.location,
                f"fact '{fact.id}' lists answer {after.uin} twice in 'seen_in'",
                "an answer appears again only with another wording ('said')",
            )
        elif before is not None and after.answered < before.answered:
            yield _problem(
                after.location,
                f"fact '{fact.id}': answer {after.uin} of {after.answered} comes after "
                f"answer {before.uin} of {before.answered} in 'seen_in' but is older",
                "list answers oldest first",
            )
        seen.add(key)


def uncited_sources(
    files: Sequence[FactFile], cited: Collection[str], directory: Path
) -> Iterator[Problem]:
    """A source no fact cites is probably a typo or left over from a removed fact."""
    warned: set[str] = set()  # a source defined twice is reported once (and as a duplicate)
    for file in files:
        if all(source_id in cited for source_id in file.index.source_ids):
            continue
        for source in file.records().sources:
            if source.id not in cited and source.id not in warned:
                warned.add(source.id)
                yield Problem(
                    source.location or Location(directory),
                    f"source '{source.id}' is not cited by any fact",
                    severity="warning",
                )


def duplicate_ids(files: Sequence[FactFile], kind: Literal["source", "fact"]) -> Iterator[Problem]:
    """Ids are unique across every file: a citation must mean one thing."""
    ids = [file.index.fact_ids if kind == "fact" else file.index.source_ids for file in files]
    counts = Counter(item for file_ids in ids for item in file_ids)
    repeated = {item for item, count in counts.items() if count > 1}
    if not repeated:
        return
    first: dict[str, Fact | Source] = {}
    for file, file_ids in zip(files, ids, strict=True):
        if repeated.isdisjoint(file_ids):
            continue  # only the files that hold a repeated id are opened, to say where
        records = file.records()
        for record in records.facts if kind == "fact" else records.sources:
            if record.id not in repeated:
                continue
            if record.id in first:
                earlier = first[record.id].location
                yield _problem(
                    record.location,
                    f"duplicate {kind} id '{record.id}' (first defined at {earlier})",
                )
            else:
                first[record.id] = record


def fact_problems(facts: Sequence[Fact]) -> Iterator[Problem]:
    """What each fact shows wrong on its own, beyond its schema: run as its file is parsed."""
    for fact in facts:
        for check in FACT_CHECKS:
            yield from check(fact)


def _problem(location: Location | None, message: str, hint: str = "") -> Problem:
    return Problem(location or Location(Path("?")), message, hint)


FACT_CHECKS: tuple[Callable[[Fact], Iterator[Problem]], ...] = (
    period_order,
    content_for_kind,
    in_force_content,
    in_force_order,
    missing_topics,
    seen_in_order,
)
