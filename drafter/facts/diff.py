"""Compare two versions of a fact base: sources and facts added, removed and changed.

Statistics are compared period by period, so a new year reads as
`barred-list.unlawful-access: + 2024/25 police officers 82`. Versions are folders or git
revisions (see `drafter.facts.revision`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Literal

from drafter.facts.model import Fact, FactBase, InForce, PeriodValue, Source

Status = Literal["added", "removed", "changed"]
WORDY_FIELDS = frozenset({"text", "notes", "title"})
"""Fields shown as word diffs rather than as old -> new."""
_SKIPPED = frozenset({"id", "values", "in_force", "location"})


@dataclass(frozen=True)
class FieldChange:
    """One difference inside a source or fact."""

    field: str
    """The field, or for a statistic's period the breakdown key, `value`, `source`..."""
    old: str | None
    """The old value as text; None when the field or period was added."""
    new: str | None
    """The new value as text; None when the field or period was removed."""
    period: str = ""
    """The period label when the change is to one period of a statistic, or `from DATE` for
    one value in force."""

    @property
    def wordy(self) -> bool:
        """True when both sides are prose worth showing as a word diff."""
        return self.field in WORDY_FIELDS and self.old is not None and self.new is not None


@dataclass(frozen=True)
class ItemDiff:
    """A source or fact that differs between the two versions."""

    kind: Literal["source", "fact"]
    id: str
    status: Status
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class FactBaseDiff:
    """Every difference between two fact bases, sources first, each sorted by id."""

    old: str
    """How the old version was named (a folder or a git revision)."""
    new: str
    items: tuple[ItemDiff, ...]

    def count(self, kind: str, status: Status) -> int:
        """How many sources or facts were added, removed or changed."""
        return sum(1 for item in self.items if item.kind == kind and item.status == status)


def diff_fact_bases(old: FactBase, new: FactBase, *, old_name: str, new_name: str) -> FactBaseDiff:
    """Every source and fact that was added, removed or changed from `old` to `new`."""
    items = (
        *_diff_items("source", old.sources, new.sources),
        *_diff_items("fact", old.facts, new.facts),
    )
    return FactBaseDiff(old_name, new_name, items)


def _diff_items(
    kind: Literal["source", "fact"],
    old: Mapping[str, Source] | Mapping[str, Fact],
    new: Mapping[str, Source] | Mapping[str, Fact],
) -> Iterator[ItemDiff]:
    for item_id in sorted(old.keys() | new.keys()):
        before, after = old.get(item_id), new.get(item_id)
        if before is None:
            yield ItemDiff(kind, item_id, "added")
        elif after is None:
            yield ItemDiff(kind, item_id, "removed")
        elif changes := tuple(_changed_fields(before, after)):
            yield ItemDiff(kind, item_id, "changed", changes)


def _changed_fields(old: Source | Fact, new: Source | Fact) -> Iterator[FieldChange]:
    for spec in fields(old):
        if spec.name in _SKIPPED:
            continue
        before, after = as_text(getattr(old, spec.name)), as_text(getattr(new, spec.name))
        if before != after:
            yield FieldChange(spec.name, before or None, after or None)
    if isinstance(old, Fact) and isinstance(new, Fact):
        yield from _changed_periods(old.values, new.values)
        yield from _changed_in_force(old.in_force, new.in_force)


Labelled = dict[Any, tuple[str, dict[str, str]]]
"""Values by what matches them across versions: (label to show, fields as text)."""


def _changed_periods(
    old: tuple[PeriodValue, ...], new: tuple[PeriodValue, ...]
) -> Iterator[FieldChange]:
    """Match periods by the dates they cover (a `Period` ignores its label), oldest first.

    So a relabelled period is not a new one.
    """
    before = {value.parsed: (value.period, _period_fields(value)) for value in old}
    after = {value.parsed: (value.period, _period_fields(value)) for value in new}
    yield from _changed_values(before, after)


def _changed_in_force(old: tuple[InForce, ...], new: tuple[InForce, ...]) -> Iterator[FieldChange]:
    """Match values in force by their `from` date, shown as `from 2010-01-20`."""
    before = {value.start: (f"from {value.start}", _in_force_fields(value)) for value in old}
    after = {value.start: (f"from {value.start}", _in_force_fields(value)) for value in new}
    yield from _changed_values(before, after)


def _changed_values(before: Labelled, after: Labelled) -> Iterator[FieldChange]:
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key, ("", {}))[1], after.get(key, ("", {}))[1]
        if not was or not now:
            # A value added or removed lists only what it states: `verified` only when false.
            was, now = _stated(was), _stated(now)
        label = (after.get(key) or before[key])[0]
        for name in dict.fromkeys([*was, *now]):
            if was.get(name) != now.get(name):
                yield FieldChange(name, was.get(name), now.get(name), period=label)


def _period_fields(value: PeriodValue) -> dict[str, str]:
    """A period's figures and details as text, in the order a reader expects them."""
    found = {"value": as_text(value.value), **{k: as_text(v) for k, v in value.breakdown.items()}}
    return _details(found, value)


def _in_force_fields(value: InForce) -> dict[str, str]:
    """A value in force as text: its figure or wording, its end, then its details."""
    return _details(
        {"value": as_text(value.value), "text": value.text, "until": as_text(value.until)}, value
    )


def _details(found: dict[str, str], value: PeriodValue | InForce) -> dict[str, str]:
    found |= {"source": value.source, "verified": as_text(value.verified), "notes": value.notes}
    return {name: text for name, text in found.items() if text}


def _stated(found: dict[str, str]) -> dict[str, str]:
    return {name: text for name, text in found.items() if (name, text) != ("verified", "true")}


def as_text(value: object) -> str:
    """A field's value as one line of text: dates in ISO form, lists comma-separated."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(as_text(item) for item in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words of `old` and `new` as runs tagged `equal`, `delete` or `insert`.

    difflib runs with autojunk off: its heuristic changes results on texts over 200 words.
    """
    before, after = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "delete", "replace") and i1 < i2:
            runs.append(("equal" if tag == "equal" else "delete", " ".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            runs.append(("insert", " ".join(after[j1:j2])))
    return runs
