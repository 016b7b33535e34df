"""The fact-level diff: what the two drafts' provenance says changed, fact by fact."""

from __future__ import annotations

from collections.abc import Iterable

from drafter.draft import Draft, FactUse
from drafter.review.model import FactChange, SettingChange

_SETTINGS = (
    ("template", "template"),
    ("answer type", "answer_type"),
    ("fact base", "fact_base_digest"),
)


def diff_facts(old: Draft, new: Draft) -> tuple[FactChange, ...]:
    """Facts added, removed or read differently (value, period, source or content), by id."""
    before = {use.id: use for use in old.facts}
    after = {use.id: use for use in new.facts}
    changes: list[FactChange] = []
    for fact_id in sorted(before.keys() | after.keys()):
        was, now = before.get(fact_id), after.get(fact_id)
        if was != now:
            draft = new if now else old
            changes.append(FactChange(fact_id, was, now, _readers(draft, fact_id)))
    return tuple(changes)


def diff_settings(old: Draft, new: Draft) -> tuple[SettingChange, ...]:
    """Draft-wide settings that differ: template, answer type, fact base digest."""
    return tuple(
        SettingChange(name, getattr(old, field), getattr(new, field))
        for name, field in _SETTINGS
        if getattr(old, field) != getattr(new, field)
    )


def _readers(draft: Draft, fact_id: str) -> tuple[int, ...]:
    return tuple(
        number for number, paragraph in enumerate(draft.paragraphs, 1) if fact_id in paragraph.facts
    )


def describe(change: FactChange) -> str:
    """One line, e.g. `barred-list.unlawful-access: 66 (2023/24) -> 82 (2024/25)`."""
    if change.old and change.new:
        return f"{change.id}: " + "; ".join(_differences(change.old, change.new))
    uses = [use for use in (change.new, change.old) if use]
    return f"{change.id}: {change.kind}: {reading(uses[0])}"


def _differences(old: FactUse, new: FactUse) -> list[str]:
    parts: list[str] = []
    if (old.value, old.period, old.in_force_from) != (new.value, new.period, new.in_force_from):
        parts.append(f"{reading(old)} -> {reading(new)}")
    if old.source != new.source:
        parts.append(f"source {old.source} -> {new.source}")
    if old.verified != new.verified:
        parts.append("now verified" if new.verified else "no longer verified")
    if old.kind != new.kind:
        parts.append(f"kind {old.kind} -> {new.kind}")
    if not parts:
        parts.append(f"content changed (digest {old.digest} -> {new.digest})")
    return parts


def reading(use: FactUse) -> str:
    """What the draft read: its value and period, or the date it was in force from.

    For a line without a history, where it comes from.
    """
    since = f"in force from {use.in_force_from}" if use.in_force_from else ""
    if not (use.value or use.period):
        return f"{use.kind} from {use.source}" + (f", {since}" if since else "")
    when = use.period or since
    return f"{use.value} ({when})".strip() if when else use.value


def paragraph_list(numbers: Iterable[int]) -> str:
    """`paragraph 4` or `paragraphs 2, 4`: where a fact is read."""
    items = list(numbers)
    if not items:
        return ""
    label = "paragraph" if len(items) == 1 else "paragraphs"
    return f"{label} {', '.join(str(n) for n in items)}"
