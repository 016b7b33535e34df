"""Which drafts an update to the fact base has overtaken: what the team runs after an update.

Each draft records the facts it used (`FactUse`: id, period, digest). A draft is outdated when
one of those facts is gone, has changed since, or has a newer period than the one used.
Markdown files without drafter front matter are not drafts and are passed over.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from drafter.draft import Draft, FactUse, read_draft
from drafter.facts.model import FactBase, PeriodValue
from drafter.facts.period import parse_period


@dataclass(frozen=True)
class OutdatedUse:
    """One fact a draft used that no longer stands as it did."""

    path: Path
    """The draft."""
    fact: str
    reason: str


@dataclass(frozen=True)
class OutdatedReport:
    """The drafts checked in a folder, and every outdated fact use found in them."""

    drafts: tuple[Path, ...]
    outdated: tuple[OutdatedUse, ...]

    @property
    def outdated_drafts(self) -> tuple[Path, ...]:
        """The drafts with at least one outdated fact, in folder order."""
        return tuple(dict.fromkeys(use.path for use in self.outdated))


def find_outdated(directory: Path, base: FactBase) -> OutdatedReport:
    """Check every drafter draft (`*.md`, in subfolders too) in `directory` against `base`.

    Raises:
        DraftError: a draft's front matter cannot be read.
    """
    drafts = []
    findings = []
    for path, draft in drafts_in(directory):
        drafts.append(path)
        findings += outdated_uses(path, draft, base)
    return OutdatedReport(tuple(drafts), tuple(findings))


def drafts_in(directory: Path) -> Iterator[tuple[Path, Draft]]:
    """Every drafter draft (`*.md` with front matter, in subfolders too) in `directory`, sorted.

    Raises:
        DraftError: a draft's front matter cannot be read.
    """
    for path in sorted(directory.rglob("*.md")):
        draft = read_draft(path)
        if draft.has_provenance:
            yield path, draft


def outdated_uses(path: Path, draft: Draft, base: FactBase) -> list[OutdatedUse]:
    """The facts the draft at `path` used that no longer stand as it used them."""
    found = ((use.id, outdated_reason(use, base)) for use in draft.facts)
    return [OutdatedUse(path, fact, reason) for fact, reason in found if reason]


def newer_period(use: FactUse, base: FactBase) -> PeriodValue | None:
    """The fact base's latest period of a statistic, when it is newer than the one a draft used.

    Periods compare by the dates they cover: `2023/24` is `year ending 31 March 2024`.
    """
    fact = base.facts.get(use.id)
    used = parse_period(use.period) if use.period else None
    if fact is None or not fact.values or used is None:
        return None
    latest = fact.latest()
    return latest if latest.parsed > used else None


def outdated_reason(use: FactUse, base: FactBase) -> str:
    """Why a fact as a draft used it no longer matches the fact base; empty when it does."""
    fact = base.facts.get(use.id)
    if fact is None:
        return "no longer in the fact base"
    if newer := newer_period(use, base):
        return f"newer period {newer.period} available (the draft used {use.period})"
    if use.period and fact.values:
        used = parse_period(use.period)
        if used is None or not any(value.parsed == used for value in fact.values):
            return f"period {use.period} is no longer in the fact base"
    digest = fact.digest()
    if digest != use.digest:
        return f"changed since the draft was made (digest {use.digest}, now {digest})"
    return ""
