"""Finding a fact or source by id (with a did-you-mean hint), and a value in force on a day."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from datetime import date

from drafter.errors import DrafterError
from drafter.facts.model import Fact, FactBase, Source
from drafter.facts.period import long_date


def fact_of(base: FactBase, fact_id: str) -> Fact:
    """The fact with this id.

    Raises:
        DrafterError: the fact base has no such fact.
    """
    fact = base.facts.get(fact_id)
    if fact is None:
        raise unknown("fact", fact_id, base.facts)
    return fact


def unknown(
    kind: str, item_id: str, known: Mapping[str, Fact] | Mapping[str, Source]
) -> DrafterError:
    """`unknown fact 'x' (did you mean 'y'?)`, the hint only when an id is close."""
    close = difflib.get_close_matches(item_id, list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return DrafterError(f"unknown {kind} '{item_id}'{hint}")


def in_force_note(fact: Fact, day: date) -> str:
    """Why the value in force on `day` is unverified for that day; empty when it is not.

    In a gap of the history the last value known is used, and the note says so.
    """
    value = fact.in_force_on(day)
    notes = [] if value.verified else [value.notes or "Its date or figure is uncertain."]
    if not value.covers(day):
        assert value.until is not None, "a value that has begun is uncovered only after 'until'"
        later = [item.start for item in fact.in_force if item.start > day]
        upto = (
            f"between {long_date(value.until)} and {long_date(min(later))}"
            if later
            else (f"after {long_date(value.until)}")
        )
        notes.append(
            f"The value for {long_date(day)} is unverified: no source found gives the value in"
            f" force {upto}; the draft uses the last one known, in force from"
            f" {long_date(value.start)}."
        )
    return " ".join(notes)
