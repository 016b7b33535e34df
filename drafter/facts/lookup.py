"""Finding a fact or source by id, with a did-you-mean hint when the id is not there."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from drafter.errors import DrafterError
from drafter.facts.model import Fact, FactBase, Source


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
