"""The fact base's data model: sources, facts and their periods. Frozen data, no I/O.

This module is the one statement of the fact base's schema: the loader (facts/schema.py)
reads each field, its type and whether it is required off these classes, and their field
docstrings are its documentation.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from drafter.errors import Location
from drafter.facts.period import Period, parse_period

Number = int | float
FactKind = Literal["line", "statistic", "policy"]
FACT_KINDS: tuple[str, ...] = ("line", "statistic", "policy")
CADENCES: tuple[str, ...] = ("annual", "quarterly", "monthly", "ad hoc")


@dataclass(frozen=True)
class Source:
    """A citable document: the publication a fact rests on."""

    id: str
    """Stable slug, e.g. `barred-list-2023-24`; facts cite it by this id."""
    title: str
    publisher: str
    url: str
    """The canonical public address (never a mail-security redirect)."""
    published: str
    """ISO date, or `YYYY-MM` where only the month is known."""
    checked: date | None = None
    """When someone last confirmed the link and the content."""
    covers: str = ""
    """The period it reports on, e.g. `2023/24`."""
    cadence: str = ""
    """How often a new edition appears: annual, quarterly, monthly or ad hoc."""
    next_expected: str = ""
    """`YYYY-MM` (or ISO date) when the next edition is due."""
    notes: str = ""
    location: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class PeriodValue:
    """A statistic's figures for one period: a single value, a breakdown, or both."""

    period: str
    """A label in one of the forms in `drafter.facts.period.FORMS`."""
    value: Number | None = None
    breakdown: Mapping[str, Number] = field(default_factory=lambda: MappingProxyType({}))
    """Figures by category, e.g. `{police officers: 66, special constables: 5}`; order kept."""
    source: str = ""
    """The edition that published this period, when it is not the fact's own source."""
    verified: bool = True
    """False when the figure could not be checked against the primary publication."""
    notes: str = ""
    location: Location | None = field(default=None, compare=False, repr=False)

    @property
    def parsed(self) -> Period:
        """The period as dates; the loader guarantees the label parses."""
        parsed = parse_period(self.period)
        if parsed is None:
            raise ValueError(f"unrecognised period {self.period!r}")
        return parsed


@dataclass(frozen=True)
class InForce:
    """A policy's value, or a line's wording, over the dates it was in force.

    A history lists these oldest first. One runs until the next one's `from`, unless it has
    an `until`: the days between that and the next `from` are a gap in the history, for
    which no source gives the value.
    """

    start: date = field(metadata={"key": "from"})
    """The first day it is known to be in force (`from` in the YAML)."""
    source: str
    """Id of the Source that states it: each value of a history has its own."""
    until: date | None = None
    """The last day it is known to be in force, where the next value is not known to follow."""
    value: Number | None = None
    """For a policy: the figure, e.g. a threshold in the fact's `unit`."""
    text: str = ""
    """For a line: the wording in force."""
    verified: bool = True
    """False when a date or figure is uncertain (say why in `notes`)."""
    notes: str = ""
    location: Location | None = field(default=None, compare=False, repr=False)

    def covers(self, day: date) -> bool:
        """True when a source shows it in force on this day (it began on or before it)."""
        return self.start <= day and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class Mention:
    """One earlier answer that said a fact: where a harvested fact came from."""

    uin: str
    """The written question's UIN, as text (Lords UINs start `HL`)."""
    answered: date
    """The day the answer was given."""
    member: str = ""
    """The answering minister."""
    said: str = ""
    """The answer's own wording, kept so a reviewer sees how the line moved."""
    location: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Fact:
    """One claim a draft may state, and the source that backs it."""

    id: str
    """Stable dotted slug used in templates and citations, e.g. `barred-list.unlawful-access`."""
    kind: FactKind
    source: str
    """Id of the Source that backs it; required."""
    review_by: date
    """After this date the fact must be re-confirmed before it is used."""
    text: str = ""
    """For a line: the statement, in the department's own words."""
    values: tuple[PeriodValue, ...] = ()
    """For a statistic: its history, oldest first; a new period appends, never overwrites."""
    in_force: tuple[InForce, ...] = ()
    """For a policy, or a line whose wording changed: each value with the dates it was in
    force, oldest first. The drafting date picks the one in force then."""
    unit: str = ""
    topics: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    owner: str = ""
    verified: bool = True
    """False when the claim could not be checked against the primary source."""
    notes: str = ""
    """For the background note; never in the answer."""
    seen_in: tuple[Mention, ...] = ()
    """Earlier answers that said it, oldest first (harvested facts: `drafter facts harvest`)."""
    location: Location | None = field(default=None, compare=False, repr=False)

    def digest(self) -> str:
        """Short sha256 of the fact's content: drafts record it, so a later change shows."""
        return self._digest

    @functools.cached_property
    def _digest(self) -> str:
        # Worked out once: every draft that uses the fact, and every check of one, asks.
        return content_digest(self)

    def latest(self) -> PeriodValue:
        """The most recent period of a statistic."""
        if not self.values:
            raise LookupError(f"fact '{self.id}' has no periods")
        return max(self.values, key=lambda value: value.parsed)

    def at(self, period: str) -> PeriodValue:
        """The figures for one period, matched by label or by the dates it covers."""
        wanted = parse_period(period)
        for value in self.values:
            if value.period == period or (wanted is not None and value.parsed == wanted):
                return value
        have = ", ".join(value.period for value in self.values) or "none"
        raise LookupError(f"fact '{self.id}' has no period '{period}' (has: {have})")

    def in_force_on(self, day: date) -> InForce:
        """The value in force on a day: of those begun by then, the latest.

        In a gap of the history that is the last value known, which a source no longer
        shows in force (`InForce.covers` is False): the caller says so.
        """
        begun = [value for value in self.in_force if value.start <= day]
        if not begun:
            first = min((value.start for value in self.in_force), default=None)
            since = f" (the first is from {first.isoformat()})" if first else ""
            raise LookupError(f"fact '{self.id}' has no value in force on {day.isoformat()}{since}")
        return max(begun, key=lambda value: value.start)


@dataclass(frozen=True)
class FactBase:
    """Every source and fact of one fact base folder, keyed by id, with a digest of its files."""

    directory: Path
    sources: Mapping[str, Source]
    facts: Mapping[str, Fact]
    digest: str
    """sha256 over the files' names and bytes: two drafts with equal digests used equal facts."""

    def source_of(self, fact: Fact, value: PeriodValue | None = None) -> Source:
        """The source a fact (or one period of it) rests on."""
        return self.sources[value.source if value and value.source else fact.source]


def content_digest(item: Fact | Source) -> str:
    """Twelve hex digits of sha256 over the item's fields, leaving out where it was read from."""
    canonical = json.dumps(_plain(item), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


_NOT_CONTENT = ("location", "seen_in")
"""Where an item was read, and which answers said it, are not what it says."""
_LEFT_OUT_WHEN_EMPTY = ("in_force",)
"""Fields added after drafts recorded digests: left out while empty, so those digests stand."""


def _plain(value: object) -> object:
    if isinstance(value, Fact | Source | PeriodValue | Mention | InForce):
        return {
            spec.name: _plain(getattr(value, spec.name))
            for spec in fields(value)
            if spec.name not in _NOT_CONTENT
            and not (spec.name in _LEFT_OUT_WHEN_EMPTY and not getattr(value, spec.name))
        }
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value
