"""What a draft's provenance accounts for: the figures its facts, sources and question supply.

`drafter check` flags a figure outside this set; a correction may add none outside it.
"""

from __future__ import annotations

import re

from drafter.draft import Draft
from drafter.facts.model import FactBase
from drafter.facts.period import MONTHS, parse_period

NUMBER = re.compile(r"\d+(?:[.,/:]\d+)*")
"""A figure as written: `1,698`, `2023/24`, `12.5`."""
_URL = re.compile(r"<?https?://\S+")
_DATE = re.compile(r"\b\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4}\b")
"""A date in words, `30 January 2025`: when something happened, not a figure."""


def figures_in(text: str) -> set[str]:
    """The figures in a text, commas dropped, leaving out web addresses and dates."""
    words = _DATE.sub(" ", _URL.sub(" ", text))
    return {match.replace(",", "") for match in NUMBER.findall(words)}


def known_figures(draft: Draft, base: FactBase | None) -> set[str]:
    """Every figure the draft's provenance could put in words.

    That is the question, the cited sources' titles, each fact's recorded value and period
    (also as a financial year: `year ending 31 March 2024` is `2023/24`) and, with the fact
    base, the text of each fact used. Dates in words are not figures (see `figures_in`).
    """
    texts = [str(draft.question.get("text", ""))]
    texts += [source.title for source in draft.sources]
    for use in draft.facts:
        texts += [use.value, use.period]
        period = parse_period(use.period) if use.period else None
        texts += [period.financial_year()] if period else []
        fact = base.facts.get(use.id) if base else None
        texts += [fact.text] if fact else []
    return set().union(*(figures_in(text) for text in texts))
