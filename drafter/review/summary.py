"""Words every review renderer shares: the headline of each paragraph and fact, and the totals."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.draft import FactUse
from drafter.review.factdiff import describe, paragraph_list, reading
from drafter.review.model import DraftDiff, FactChange, Kind, ParagraphDiff

FACT_SIGNS = {"added": "+", "removed": "-", "changed": "~"}


def fact_line(change: FactChange) -> str:
    """`~ barred-list.unlawful-access: ... (paragraph 4)`."""
    where = paragraph_list(change.paragraphs)
    return f"{FACT_SIGNS[change.kind]} {describe(change)}" + (f" ({where})" if where else "")


def setting_lines(diff: DraftDiff) -> list[str]:
    """`template: old -> new`, one per changed setting."""
    return [
        f"{change.name}: {change.old or '(none)'} -> {change.new or '(none)'}"
        for change in diff.settings
    ]


PROVENANCE_COLUMNS = ("Fact or setting", "Change", "Before", "After", "Read in")


def provenance_rows(diff: DraftDiff) -> list[tuple[str, str, str, str, str]]:
    """The fact table of the HTML page and the Word document, one row per PROVENANCE_COLUMNS."""
    rows = [
        (change.name, "changed", change.old or "(none)", change.new or "(none)", "")
        for change in diff.settings
    ]
    rows += [
        (
            change.id,
            change.kind,
            _with_source(change.old),
            _with_source(change.new),
            paragraph_list(change.paragraphs),
        )
        for change in diff.facts
    ]
    return rows


def _with_source(use: FactUse | None) -> str:
    return f"{reading(use)}; source {use.source}" if use else ""


def heading(paragraph: ParagraphDiff) -> str:
    """Which paragraph this is, in the new numbering where it has one, and what happened to it."""
    if paragraph.new is None:
        label = f"paragraph {paragraph.old} of the old draft: deleted"
    elif paragraph.old is None:
        label = f"paragraph {paragraph.new}: inserted"
    elif paragraph.old != paragraph.new:
        label = f"paragraph {paragraph.new} (was {paragraph.old}): changed"
    else:
        label = f"paragraph {paragraph.new}: changed"
    if paragraph.moved:
        label += " (moved)"
    if paragraph.facts:
        label += f"; reads changed fact(s) {', '.join(paragraph.facts)}"
    return label


def totals(diff: DraftDiff) -> str:
    """`1 of 7 paragraph(s) changed: 2 word(s) inserted, 9 deleted; ...`, or `no differences`."""
    if diff.identical:
        return "no differences"
    changed = sum(paragraph.kind != "equal" for paragraph in diff.paragraphs)
    text = (
        f"{changed} of {len(diff.paragraphs)} paragraph(s) changed: "
        f"{diff.count('insert')} word(s) inserted, {diff.count('delete')} deleted"
    )
    return text + (f"; {len(diff.facts)} fact(s) changed" if diff.facts else "")


def shown(paragraph: ParagraphDiff) -> Iterator[tuple[Kind, str]]:
    """A paragraph's text for a reader, as (kind, text) runs.

    The space before a changed run stays outside its markers, a deleted bare space is not
    shown, and a paragraph mark inserted or deleted by a split or join shows as `¶`.
    """
    for span in paragraph.spans:
        body = span.text.lstrip()
        lead = span.text[: len(span.text) - len(body)]
        if span.kind == "equal" or not body:
            if span.kind != "delete":
                yield "equal", span.text
            continue
        if lead:
            yield "equal", lead
        yield span.kind, body
    if paragraph.mark != "equal" and not paragraph.boundary:
        yield "equal", " "
        yield paragraph.mark, "¶"
