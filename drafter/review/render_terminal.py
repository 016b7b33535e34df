"""The diff for a terminal: coloured on a TTY, `[-deleted-]{+inserted+}` markers otherwise."""

from __future__ import annotations

from collections.abc import Callable

from drafter.chars import safe_strings, terminal_safe
from drafter.review.model import DraftDiff, Kind, ParagraphDiff
from drafter.review.summary import fact_line, heading, setting_lines, shown, totals

Marker = Callable[[Kind, str], str]

# ANSI SGR codes, written out so the library needs no CLI package: red struck-through for
# deletions, green underlined for insertions, bold for headings, then a reset.
_DELETED, _INSERTED, _BOLD, _RESET = "\x1b[31m\x1b[9m", "\x1b[32m\x1b[4m", "\x1b[1m", "\x1b[0m"


def render_terminal(diff: DraftDiff, *, color: bool = False) -> str:
    """Notes, fact and setting changes, then each changed paragraph in full with its changes.

    Escape sequences in the drafts' text are dropped: content must not drive the terminal.
    """
    diff = safe_strings(diff, terminal_safe)
    mark = _colour if color else _bracket
    lines = [f"note: {note}" for note in diff.notes]
    if diff.identical:
        return "\n".join([*lines, "no differences"]) + "\n"
    lines[:0] = [f"--- {diff.old_name}", f"+++ {diff.new_name}"]
    provenance = setting_lines(diff) + [fact_line(change) for change in diff.facts]
    if provenance:
        lines += ["", _bold("Facts:", color), *(f"  {line}" for line in provenance)]
    for paragraph in diff.paragraphs:
        if paragraph.kind != "equal":
            lines += ["", _bold(heading(paragraph) + ":", color), _marked(paragraph, mark)]
    return "\n".join([*lines, "", totals(diff)]) + "\n"


def _marked(paragraph: ParagraphDiff, mark: Marker) -> str:
    text = "".join(text if kind == "equal" else mark(kind, text) for kind, text in shown(paragraph))
    return text.strip()


def _bracket(kind: Kind, text: str) -> str:
    return f"[-{text}-]" if kind == "delete" else f"{{+{text}+}}"


def _colour(kind: Kind, text: str) -> str:
    return f"{_DELETED if kind == 'delete' else _INSERTED}{text}{_RESET}"


def _bold(text: str, color: bool) -> str:
    return f"{_BOLD}{text}{_RESET}" if color else text
