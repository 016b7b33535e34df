"""The diff as JSON for other tools: every field of the DraftDiff, plus readable summaries."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from drafter.chars import safe_strings
from drafter.review.factdiff import describe
from drafter.review.model import DraftDiff, FactChange, ParagraphDiff


def render_json(diff: DraftDiff) -> str:
    """Stable JSON (keys in a fixed order, two-space indent, UTF-8 text kept as is)."""
    diff = safe_strings(diff)
    record = {
        "old": diff.old_name,
        "new": diff.new_name,
        "identical": diff.identical,
        "notes": list(diff.notes),
        "settings": [asdict(change) for change in diff.settings],
        "facts": [_fact(change) for change in diff.facts],
        "paragraphs": [_paragraph(paragraph) for paragraph in diff.paragraphs],
        "inserted_words": diff.count("insert"),
        "deleted_words": diff.count("delete"),
    }
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def _fact(change: FactChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "change": change.kind,
        "description": describe(change),
        "old": asdict(change.old) if change.old else None,
        "new": asdict(change.new) if change.new else None,
        "paragraphs": list(change.paragraphs),
    }


def _paragraph(paragraph: ParagraphDiff) -> dict[str, Any]:
    return {
        "change": paragraph.kind,
        "old": paragraph.old,
        "new": paragraph.new,
        "mark": paragraph.mark,
        "boundary": paragraph.boundary,
        "moved": paragraph.moved,
        "facts": list(paragraph.facts),
        "spans": [asdict(span) for span in paragraph.spans],
    }
