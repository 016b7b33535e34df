"""The diff as Markdown for a pull request: ~~deleted~~ and **inserted** words in the answer."""

from __future__ import annotations

import re

from drafter.chars import safe_strings
from drafter.review.model import DraftDiff, Kind, ParagraphDiff
from drafter.review.summary import fact_line, heading, setting_lines, shown, totals

_SPECIAL = re.compile(r"([\\*~_`])")


def render_md(diff: DraftDiff) -> str:
    """A heading, the notes, the fact changes as a list, then the whole answer marked up."""
    diff = safe_strings(diff)
    lines = [f"# Changes from `{diff.old_name}` to `{diff.new_name}`", ""]
    lines += [f"> {_escape(note)}" for note in diff.notes]
    provenance = setting_lines(diff) + [fact_line(change) for change in diff.facts]
    if provenance:
        lines += ["## Facts", "", *(f"- {_escape(line)}" for line in provenance), ""]
    lines += ["## Answer", ""]
    for paragraph in diff.paragraphs:
        if paragraph.kind != "equal":
            lines.append(f"*{_escape(heading(paragraph))}*  ")
        lines += [_marked(paragraph), ""]
    lines.append(_escape(totals(diff)))
    return "\n".join(lines) + "\n"


def _marked(paragraph: ParagraphDiff) -> str:
    return "".join(_run(kind, text) for kind, text in shown(paragraph)).strip()


def _run(kind: Kind, text: str) -> str:
    if kind == "equal":
        return _escape(text)
    fence = "~~" if kind == "delete" else "**"
    return f"{fence}{_escape(text)}{fence}"


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)
