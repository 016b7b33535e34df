"""Review drafts: diff two (facts, then words), check one against the rules, redraft one.

Either side of a diff may be a drafter `.md`, a `.docx` (tracked changes accepted), a `.txt`
or an `.html` answer; the diff renders for a terminal, as an HTML page, as Word tracked
changes, as JSON or as Markdown.
"""

from drafter.review.check import RULES, Finding, Rule, check_draft, has_errors
from drafter.review.diff import diff_drafts
from drafter.review.model import DraftDiff, FactChange, ParagraphDiff, SettingChange, Span
from drafter.review.read import read_side
from drafter.review.redraft import Redraft, redraft
from drafter.review.render import FORMATS, render_diff

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
    "redraft",
    "render_diff",
]
