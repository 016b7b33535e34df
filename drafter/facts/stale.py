"""What needs attention in a fact base on a given day: reviews due, sources unchecked, periods due.

`facts stale` prints these, most overdue first. Three kinds of item are found:

- `review`: a fact whose `review_by` date has passed;
- `source`: a source whose `checked` date (or, if never checked, its `published` date) is older
  than `Config.source_check_days`;
- `period`: a statistic whose next period should already be out. The due date is the
  `next_expected` of the edition its latest period cites (or of the fact's own source, when
  that date is later than the edition's publication), else that edition's `published` date plus
  one interval of its `cadence` (annual, quarterly, monthly; `ad hoc` is never due).

A `published` date of the form `YYYY-MM` counts from the month's last day, as in drafting
(`drafter.house_style.publication_date`); a `next_expected` one from the month's first day,
since the edition may be out any day that month.

An item is stale when the day asked is after its due date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from drafter.errors import Location
from drafter.facts.model import Fact, FactBase
from drafter.house_style import publication_date

StaleKind = Literal["review", "source", "period"]
CADENCE_MONTHS = {"annual": 12, "quarterly": 3, "monthly": 1}
_MONTH_OR_DAY = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class StaleItem:
    """One thing in the fact base that is past its date."""

    kind: StaleKind
    id: str
    """The fact id (`review`, `period`) or source id (`source`)."""
    due: date
    overdue: int
    """Whole days between the due date and the day asked; always at least 1."""
    reason: str
    location: Location | None = None


def find_stale(base: FactBase, on: date, source_check_days: int) -> tuple[StaleItem, ...]:
    """Everything stale on the day `on`, most overdue first (then by kind and id)."""
    found = [
        *_reviews_due(base, on),
        *_sources_unchecked(base, on, source_check_days),
        *_periods_due(base, on),
    ]
    return tuple(sorted(found, key=lambda item: (-item.overdue, item.kind, item.id)))


def _reviews_due(base: FactBase, on: date) -> Iterator[StaleItem]:
    for fact in base.facts.values():
        if on > fact.review_by:
            reason = "past its review_by date"
            yield _item("review", fact.id, fact.review_by, on, reason, fact.location)


def _sources_unchecked(base: FactBase, on: date, days: int) -> Iterator[StaleItem]:
    for source in base.sources.values():
        last = source.checked or publication_date(source)
        due = last + timedelta(days=days)
        if on > due:
            when = (
                f"last checked {last.isoformat()}"
                if source.checked
                else f"never checked (published {source.published})"
            )
            reason = f"{when}; check every {days} days"
            yield _item("source", source.id, due, on, reason, source.location)


def _periods_due(base: FactBase, on: date) -> Iterator[StaleItem]:
    for fact in base.facts.values():
        late = overdue_edition(base, fact.id, fact.latest().period, on) if fact.values else None
        if late is not None:
            reason = f"period after {late.period} expected ({late.how})"
            yield _item("period", fact.id, late.due, on, reason, fact.location)


@dataclass(frozen=True)
class OverdueEdition:
    """A statistic quoted from its latest edition in the fact base, when the next is overdue."""

    fact_id: str
    period: str
    edition: str
    """The id of the source the quoted period cites."""
    published: str
    due: date
    """When the next edition was expected, by the series' own schedule."""
    how: str
    """How `due` was worked out: a `next_expected` date, or the series' cadence."""

    def describe(self) -> str:
        """One sentence for a background note or `drafter check`."""
        return (
            f"'{self.fact_id}' gives {self.period} from '{self.edition}' (published"
            f" {self.published}), but the next edition was expected by {self.due.isoformat()}"
            f" ({self.how}) and is not in the fact base"
        )


def overdue_edition(base: FactBase, fact_id: str, period: str, on: date) -> OverdueEdition | None:
    """The statistic's next edition, when `period` is its latest and the next is overdue on `on`.

    The one test of an overdue edition: `facts stale` lists them, and a draft's background
    note and `drafter check` name the ones a draft quotes. A period older than the fact's
    latest is not judged here: the fact base already has a newer edition.
    """
    fact = base.facts.get(fact_id)
    if fact is None or fact.kind != "statistic" or not fact.values:
        return None
    if fact.latest().period != period:
        return None
    due = next_period_due(base, fact)
    if due is None or on <= due[0]:
        return None
    edition = base.sources[fact.latest().source or fact.source]
    return OverdueEdition(fact_id, period, edition.id, edition.published, due[0], due[1])


def next_period_due(base: FactBase, fact: Fact) -> tuple[date, str] | None:
    """When the period after a statistic's latest should be out, and how that was worked out."""
    latest = fact.latest()
    edition = base.sources.get(latest.source or fact.source)
    series = base.sources.get(fact.source)
    if edition is None:
        return None
    published = publication_date(edition)
    for source in (edition, series):
        expected = parse_month_or_day(source.next_expected) if source else None
        if source and expected and expected > published:
            return expected, f"next_expected of '{source.id}'"
    cadence = edition.cadence or (series.cadence if series else "")
    if cadence not in CADENCE_MONTHS:
        return None
    due = add_months(published, CADENCE_MONTHS[cadence])
    return due, f"{cadence}; '{edition.id}' was published {edition.published}"


def parse_month_or_day(text: str) -> date | None:
    """Read `YYYY-MM-DD`, or `YYYY-MM` as the first of the month; None for anything else."""
    match = _MONTH_OR_DAY.match(text.strip()) if text else None
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3] or 1))
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _item(
    kind: StaleKind, item_id: str, due: date, on: date, reason: str, where: Location | None
) -> StaleItem:
    return StaleItem(kind, item_id, due, (on - due).days, reason, where)
