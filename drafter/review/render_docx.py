"""The diff as a Word document whose changes are real tracked changes (w:ins / w:del).

python-docx has no API for revisions, so the answer's paragraphs are built with lxml: kept
text as plain runs, deleted text as runs of `w:delText` inside `w:del`, inserted text inside
`w:ins`, and a split or joined paragraph as a revision on its paragraph mark. Accepting every
change in Word or LibreOffice gives the new answer; rejecting every change, the old.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from itertools import count
from typing import Any

from lxml import etree

from drafter.chars import safe_strings
from drafter.output import zip_entries
from drafter.review.model import DraftDiff, Kind, ParagraphDiff
from drafter.review.summary import PROVENANCE_COLUMNS, provenance_rows, totals

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
ANSWER_STYLE = "PQ Answer"
"""The answer's style in drafter's Word form too, so either document reads back the same."""
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)
"""Revision and document dates unless a date is asked for: same inputs, same bytes."""


def render_docx(diff: DraftDiff, *, author: str, date: datetime = FIXED_DATE) -> bytes:
    """A .docx: title, notes and the fact table, then the answer with tracked changes.

    It has the PQ form's page and named styles, so a review reads like the form it reviews.
    """
    # Imported here: python-docx is slow to import.
    from drafter.export.docx import form_document, style_ids
    from drafter.export.docx_xml import package_entries, set_style

    diff, author = safe_strings((diff, author))
    document: Any = form_document()
    ids = style_ids(document)

    def add(text: str, style: str) -> None:
        # By id: python-docx finds a style by name with two scans of every style, each time.
        set_style(document.add_paragraph(text), ids[style])

    _set_properties(document, diff, author, date)
    add(f"Changes from {diff.old_name} to {diff.new_name}", "PQ Title")
    for note in diff.notes:
        add(note, "PQ Background")
    if rows := provenance_rows(diff):
        add("Facts", "PQ Heading")
        _add_fact_table(document, rows)
    add("Answer", "PQ Heading")
    revision = _Revision(author, date)
    # Paragraphs go in before the closing sectPr that python-docx's template always has.
    section = document.element.body.find(W + "sectPr")
    for paragraph in diff.paragraphs:
        section.addprevious(_paragraph(paragraph, ids[ANSWER_STYLE], revision))
    add(totals(diff), "PQ Footer")
    return zip_entries(package_entries(document))


def _set_properties(document: Any, diff: DraftDiff, author: str, date: datetime) -> None:
    properties = document.core_properties
    properties.title = f"Changes from {diff.old_name} to {diff.new_name}"
    properties.subject = "Draft answer to a Parliamentary Written Question: tracked changes"
    properties.author = properties.last_modified_by = author
    properties.created = properties.modified = date.replace(tzinfo=None)
    properties.revision = 1


def _add_fact_table(document: Any, rows: Sequence[tuple[str, ...]]) -> None:
    table = document.add_table(rows=1, cols=len(PROVENANCE_COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, PROVENANCE_COLUMNS, strict=True):
        cell.text = name
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


class _Revision:
    """Attributes for each revision: a new id every time (Word needs them unique)."""

    def __init__(self, author: str, date: datetime) -> None:
        self.author = author
        self.date = date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.ids = count(1)

    def element(self, parent: etree._Element, kind: Kind) -> etree._Element:
        tag = W + ("ins" if kind == "insert" else "del")
        return etree.SubElement(
            parent,
            tag,
            {W + "id": str(next(self.ids)), W + "author": self.author, W + "date": self.date},
        )


def _paragraph(paragraph: ParagraphDiff, style_id: str, revision: _Revision) -> etree._Element:
    element = etree.Element(W + "p")
    properties = etree.SubElement(element, W + "pPr")
    etree.SubElement(properties, W + "pStyle", {W + "val": style_id})
    if paragraph.mark != "equal":
        revision.element(etree.SubElement(properties, W + "rPr"), paragraph.mark)
    for span in paragraph.spans:
        parent = element if span.kind == "equal" else revision.element(element, span.kind)
        run = etree.SubElement(parent, W + "r")
        text = etree.SubElement(run, W + ("delText" if span.kind == "delete" else "t"))
        text.text = span.text
        text.set(XML_SPACE, "preserve")
    return element
