"""Review drafts: diff two (facts, then words), check one against the rules, redraft one.

Either side of a diff may be a drafter `.md`, a `.docx` (tracked changes accepted), a `.txt`
or an `.html` answer; the diff renders for a terminal, as an HTML page, as Word tracked
changes, as JSON or as Markdown.

The names below load their modules on first use, so that `drafter --help` imports neither
YAML, lxml nor Jinja.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.lazy import attribute_loader

if TYPE_CHECKING:
    from drafter.review.check import RULES, Finding, Rule, check_draft, has_errors
    from drafter.review.diff import diff_drafts
    from drafter.review.model import DraftDiff, FactChange, ParagraphDiff, SettingChange, Span
    from drafter.review.read import read_side
    from drafter.review.redraft import Redraft, redraft_draft
    from drafter.review.render import render_diff

FORMATS = ("terminal", "html", "docx", "json", "md")
"""The formats `drafter diff` writes."""

_HOMES = {
    "RULES": "check",
    "Finding": "check",
    "Rule": "check",
    "check_draft": "check",
    "has_errors": "check",
    "diff_drafts": "diff",
    "DraftDiff": "model",
    "FactChange": "model",
    "ParagraphDiff": "model",
    "SettingChange": "model",
    "Span": "model",
    "read_side": "read",
    "Redraft": "redraft",
    "redraft_draft": "redraft",
    "render_diff": "render",
}

__all__ = [
    "FORMATS",
    "RULES",
    "DraftDiff",
    "FactChange",
    "Finding",
    "ParagraphDiff",
    "Redraft",
    "Rule",
    "SettingChange",
    "Span",
    "check_draft",
    "diff_drafts",
    "has_errors",
    "read_side",
    "redraft_draft",
    "render_diff",
]


__getattr__ = attribute_loader(
    __name__, {name: f"drafter.review.{module}" for name, module in _HOMES.items()}
)
