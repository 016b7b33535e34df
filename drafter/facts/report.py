"""Words for the fact base commands' findings: text tables, Markdown and JSON.

The lifecycle modules return data; this module alone decides how it reads. JSON output is
for tools: keys are stable, lists keep the order of the text output.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from drafter.errors import Location, Problem

if TYPE_CHECKING:  # only named here: `facts check` should not load the diff and stale modules
    from drafter.facts.diff import FactBaseDiff, FieldChange, ItemDiff
    from drafter.facts.stale import StaleItem


def to_json(data: Any) -> str:
    """Indented JSON with a final newline, keys in the order built."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def location_record(location: Location | None) -> dict[str, Any]:
    """A location as JSON fields: path, line, column (null where unknown)."""
    if location is None:
        return {"path": None, "line": None, "column": None}
    return {"path": str(location.path), "line": location.line, "column": location.column}


def problem_record(problem: Problem) -> dict[str, Any]:
    """A Problem for `facts check --format json`."""
    return {
        **location_record(problem.location),
        "severity": problem.severity,
        "message": problem.message,
        "hint": problem.hint or None,
    }


def problem_summary(problems: Sequence[Problem], where: str) -> str:
    """`2 error(s), 1 warning(s) in facts/`."""
    errors = sum(1 for problem in problems if problem.severity == "error")
    return f"{errors} error(s), {len(problems) - errors} warning(s) in {where.rstrip('/')}/"


def table(rows: Sequence[Sequence[str]], right: frozenset[int] = frozenset()) -> str:
    """Rows as aligned columns two spaces apart; columns in `right` are right-aligned."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if column in right else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def stale_table(items: Sequence[StaleItem]) -> str:
    """`facts stale` as a table, most overdue first."""
    rows = [("DAYS", "KIND", "ID", "DUE", "WHY")]
    rows += [
        (str(item.overdue), item.kind, item.id, item.due.isoformat(), item.reason) for item in items
    ]
    return table(rows, right=frozenset({0}))


def stale_records(items: Sequence[StaleItem]) -> list[dict[str, Any]]:
    """`facts stale --format json`."""
    return [
        {
            "kind": item.kind,
            "id": item.id,
            "due": item.due.isoformat(),
            "overdue_days": item.overdue,
            "reason": item.reason,
            **location_record(item.location),
        }
        for item in items
    ]


def diff_summary(diff: FactBaseDiff) -> str:
    """`sources: 1 added, 0 removed, 0 changed; facts: 0 added, 0 removed, 1 changed`."""
    parts = []
    for kind in ("source", "fact"):
        counts = ", ".join(
            f"{diff.count(kind, status)} {status}" for status in ("added", "removed", "changed")
        )
        parts.append(f"{kind}s: {counts}")
    return "; ".join(parts)


def diff_text(diff: FactBaseDiff) -> str:
    """One line per difference, e.g. `barred-list.unlawful-access: + 2024/25 police officers 82`."""
    if not diff.items:
        return "no differences\n"
    lines = []
    for item in diff.items:
        if item.status != "changed":
            lines.append(f"{'+' if item.status == 'added' else '-'} {item.kind} {item.id}")
        lines += [f"{item.id}: {_change_text(change)}" for change in item.changes]
    return "\n".join([*lines, diff_summary(diff)]) + "\n"


def _change_text(change: FieldChange) -> str:
    if change.period:
        if change.old is None:
            return f"+ {change.period} {change.field} {change.new}"
        if change.new is None:
            return f"- {change.period} {change.field} {change.old}"
        return f"~ {change.period} {change.field} {change.old} -> {change.new}"
    if change.wordy:
        return f"{change.field}: {_marked(change, '[-', '-]', '{+', '+}')}"
    return f"{change.field}: {change.old or '(none)'} -> {change.new or '(none)'}"


def _marked(
    change: FieldChange, del_open: str, del_close: str, ins_open: str, ins_close: str
) -> str:
    """Words with deletions and insertions marked; a replacement reads `[-old-]{+new+}`."""
    from drafter.facts.diff import word_diff

    text, previous = "", ""
    for tag, words in word_diff(change.old or "", change.new or ""):
        if tag == "delete":
            words = f"{del_open}{words}{del_close}"
        elif tag == "insert":
            words = f"{ins_open}{words}{ins_close}"
        glue = "" if not text or (previous, tag) == ("delete", "insert") else " "
        text, previous = text + glue + words, tag
    return text


def diff_markdown(diff: FactBaseDiff) -> str:
    """The differences as Markdown for a pull request: one bullet per source or fact."""
    if not diff.items:
        return f"No fact base changes ({diff.old} → {diff.new}).\n"
    lines = [f"### Fact base changes ({diff.old} → {diff.new})", "", diff_summary(diff), ""]
    for item in diff.items:
        lines.append(f"- {item.kind.capitalize()} `{item.id}` {item.status}")
        lines += [f"  - {_change_markdown(change)}" for change in item.changes]
    return "\n".join(lines) + "\n"


def _change_markdown(change: FieldChange) -> str:
    where = f"{change.period} {change.field}" if change.period else change.field
    if change.wordy:
        return f"{where}: {_marked(change, '~~', '~~', '**', '**')}"
    if change.old is None:
        return f"{where}: added **{change.new}**"
    if change.new is None:
        return f"{where}: removed ~~{change.old}~~"
    return f"{where}: ~~{change.old}~~ → **{change.new}**"


def diff_records(diff: FactBaseDiff) -> dict[str, Any]:
    """`facts diff --format json`."""
    return {
        "old": diff.old,
        "new": diff.new,
        "sources": [_item_record(item) for item in diff.items if item.kind == "source"],
        "facts": [_item_record(item) for item in diff.items if item.kind == "fact"],
    }


def _item_record(item: ItemDiff) -> dict[str, Any]:
    return {
        "id": item.id,
        "status": item.status,
        "changes": [
            {
                "period": change.period or None,
                "field": change.field,
                "old": change.old,
                "new": change.new,
            }
            for change in item.changes
        ],
    }
