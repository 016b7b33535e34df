"""Whole-base checks: what no single record can know about itself. Each is a small generator."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from drafter.errors import Location, Problem
from drafter.facts.model import Fact, FactBase, InForce, PeriodValue, Source


def unknown_sources(base: FactBase) -> Iterator[Problem]:
    """Every fact, and every period of it, must cite a source the base defines."""
    for fact in base.facts.values():
        records: tuple[Fact | PeriodValue | InForce, ...] = (fact, *fact.values, *fact.in_force)
        for record in records:
            source_id = record.source
            if source_id and source_id not in base.sources:
                close = difflib.get_close_matches(source_id, list(base.sources), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "define it under 'sources:'"
                yield _problem(
                    record.location,
                    f"fact '{fact.id}' cites source '{source_id}', which is not defined",
                    hint,
                )


def period_order(base: FactBase) -> Iterator[Problem]:
    """A statistic's history runs oldest first, each period once."""
    # Each label parsed once, and compared as (end, start), as Period orders them: the check
    # passes over every figure of a 10,000-fact base on each `facts check`.
    key_of: dict[str, tuple[date, date]] = {}
    for fact in base.facts.values():
        if len(fact.values) < 2:
            continue
        keys = [key_of.get(value.period) or _period_key(value, key_of) for value in fact.values]
        for index in range(1, len(keys)):
            if keys[index] > keys[index - 1]:
                continue
            before, after = fact.values[index - 1], fact.values[index]
            if keys[index] == keys[index - 1]:
                yield _problem(after.location, f"fact '{fact.id}' repeats period '{after.period}'")
            else:
                yield _problem(
                    after.location,
                    f"fact '{fact.id}': period '{after.period}' comes after "
                    f"'{before.period}' but is older",
                    "list periods oldest first",
                )


def _period_key(value: PeriodValue, key_of: dict[str, tuple[date, date]]) -> tuple[date, date]:
    parsed = value.parsed
    key = key_of[value.period] = (parsed.end, parsed.start)
    return key


def content_for_kind(base: FactBase) -> Iterator[Problem]:
    """A line states something; a statistic has figures."""
    for fact in base.facts.values():
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


def in_force_content(base: FactBase) -> Iterator[Problem]:
    """A policy's values are in force from a date; a line's wording may be; a statistic's not."""
    for fact in base.facts.values():
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


def in_force_order(base: FactBase) -> Iterator[Problem]:
    """Values in force run oldest first, each ends before the next begins, none before it starts."""
    for fact in base.facts.values():
        if not fact.in_force:  # most facts: no loop set up for them
            continue
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


def missing_topics(base: FactBase) -> Iterator[Problem]:
    """Selection finds facts by topic: a fact with none can never be suggested."""
    for fact in base.facts.values():
        if not fact.topics:
            yield _problem(fact.location, f"fact '{fact.id}' has no topics")


def seen_in_order(base: FactBase) -> Iterator[Problem]:
    """A fact's earlier answers run oldest first, each answer's wording once."""
    for fact in base.facts.values():
        if not fact.seen_in:
            continue
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


def uncited_sources(base: FactBase, cited: set[str]) -> Iterator[Problem]:
    """A source no fact cites is probably a typo or left over from a removed fact."""
    for source in base.sources.values():
        if source.id not in cited:
            yield Problem(
                source.location or Location(base.directory),
                f"source '{source.id}' is not cited by any fact",
                severity="warning",
            )


def _problem(location: Location | None, message: str, hint: str = "") -> Problem:
    return Problem(location or Location(Path("?")), message, hint)


Check = Callable[[FactBase], Iterator[Problem]]
CHECKS: tuple[Check, ...] = (
    unknown_sources,
    period_order,
    content_for_kind,
    in_force_content,
    in_force_order,
    missing_topics,
    seen_in_order,
)


def duplicate_ids(records: list[Fact] | list[Source], kind: str) -> Iterator[Problem]:
    """Ids are unique across every file: a citation must mean one thing."""
    first: dict[str, Fact | Source] = {}
    for record in records:
        if record.id in first:
            earlier = first[record.id].location
            yield _problem(
                record.location,
                f"duplicate {kind} id '{record.id}' (first defined at {earlier})",
            )
        else:
            first[record.id] = record
