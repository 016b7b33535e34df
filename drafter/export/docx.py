"""Export to Word: the PQ form a department sends round for clearance.

A header table, the question, the draft answer with a comment on each fact-bearing paragraph
naming its facts and sources, a background note, the sources as links and a provenance line.
Everything is laid out with named styles, so a department can restyle the form or supply its
own reference .docx. The same draft always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from io import BytesIO
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.shared import Length, Mm

from drafter.chars import safe_strings
from drafter.draft import CitedSource, Draft, FactUse, Paragraph
from drafter.export import grouped_texts, header_rows, house_date, provenance_line
from drafter.export.docx_body import Body, Comments, hyperlink, line_break, run
from drafter.export.docx_form import STYLE_NAMES, form_document, form_package
from drafter.export.docx_xml import package_entries, set_custom_properties, style_ids
from drafter.export.text import inline_blocks
from drafter.output import zip_entries

__all__ = ["FORM_TITLE", "STYLE_NAMES", "form_document", "style_ids", "to_docx"]

FORM_TITLE = "Parliamentary Question: draft answer"
_UNDATED = date(2000, 1, 1)
"""The timestamp of an undated draft: fixed, so the file is reproducible."""
_PROPERTY_LIMIT = 255  # characters in a core property, as python-docx enforces


def to_docx(draft: Draft, *, reference_docx: Path | None = None, author: str = "drafter") -> bytes:
    """The draft as a .docx PQ form.

    Args:
        draft: the draft to export.
        reference_docx: a department's .docx to start from: its styles, page setup, headers
            and footers are kept, its body is replaced; our named styles are added if missing.
        author: the author of the comments on fact-bearing paragraphs.

    Raises:
        ExportError: the reference document cannot be read as a .docx.
    """
    draft, author = safe_strings((draft, author))
    form = form_package() if reference_docx is None else None
    if form is None:
        document = form_document(reference_docx)
        ids, kept = style_ids(document), {}
    else:
        document, ids, kept = docx.Document(BytesIO(form.light)), form.style_ids, form.kept
    when = datetime.combine(draft.date or _UNDATED, time(), tzinfo=UTC)
    _write_form(document, ids, draft, author, when)
    _set_properties(document, draft, when)
    return zip_entries({**package_entries(document), **kept})


@dataclass(frozen=True)
class _Form:
    """The document being written, with the ids of its styles looked up once."""

    body: Body
    style_ids: dict[str, str]

    def add(self, text: str, style: str) -> Any:
        return self.body.paragraph(self.style_ids[style], text)


def _write_form(
    document: Document, ids: dict[str, str], draft: Draft, author: str, when: datetime
) -> None:
    form = _Form(Body(document), ids)
    comments = Comments(document, author, when)
    form.add(FORM_TITLE, "PQ Title")
    if draft.question:
        _add_table(form, header_rows(draft), (Mm(45),))
    if question := str(draft.question.get("text") or ""):
        form.add("Question", "PQ Heading")
        form.add(question, "PQ Question")
        for label, text in grouped_texts(draft.question):
            form.add(label, "PQ Label")
            form.add(text, "PQ Question")
    form.add("Draft answer", "PQ Heading")
    for paragraph in draft.paragraphs:
        gap = paragraph.is_gap
        added = _add_markdown(form, paragraph.text, "PQ Gap" if gap else "PQ Answer", gap=gap)
        if paragraph.facts or gap:
            comments.add(added, _comment_text(paragraph, draft))
    if draft.background:
        form.add("Background note (not for publication)", "PQ Heading")
        for note in draft.background:
            for part in note.split("\n\n"):
                _add_markdown(form, part, "PQ Background")
    if draft.sources:
        form.add("Sources", "PQ Heading")
        for source in draft.sources:
            _add_source(form, source)
    form.add("Clearance", "PQ Heading")
    _add_table(form, CLEARANCE, (Mm(60), Mm(55)), header=True)
    form.add(provenance_line(draft), "PQ Footer")


CLEARANCE = (
    ("Role", "Name", "Date"),
    ("Drafted by", "", ""),
    ("Policy lead", "", ""),
    ("Cleared by (Deputy Director)", "", ""),
    ("Minister's office", "", ""),
)
"""The clearance rows a PQ team fills in by hand as the draft goes round."""


def _add_table(
    form: _Form, rows: Sequence[Sequence[str]], widths: Sequence[Length], *, header: bool = False
) -> None:
    """A table of labels (the first column, and the first row if `header`) and values.

    The last column takes the rest of the page's width.
    """
    section = form.body.document.sections[-1]
    usable = (
        (section.page_width or Mm(210)) - (section.left_margin or 0) - (section.right_margin or 0)
    )
    label, value = form.style_ids["PQ Label"], form.style_ids["PQ Value"]
    styles = [
        [label if column == 0 or (header and number == 0) else value for column in range(len(row))]
        for number, row in enumerate(rows)
    ]
    form.body.table(
        rows, (*widths, usable - sum(widths)), styles, form.style_ids.get("Table Grid", "")
    )


def _add_markdown(form: _Form, text: str, style: str = "PQ Answer", *, gap: bool = False) -> Any:
    """Add one paragraph, its Markdown links as real links, its emphasis as runs.

    A gap's own runs are highlighted, so that it cannot be missed in clearance.
    """
    paragraph = form.add("", style)
    blocks = inline_blocks(text)
    # A comment spans runs that are direct children of the paragraph: bracket a paragraph
    # that starts or ends with a link with empty runs, so that a comment covers all of it.
    if blocks and blocks[0][0].href:
        run(paragraph, "", highlight=gap)
    for index, block in enumerate(blocks):
        if index:
            line_break(paragraph, highlight=gap)
        for segment in block:
            if segment.href:
                link_style = form.style_ids["Hyperlink"]
                hyperlink(
                    form.body.document,
                    paragraph,
                    segment.text,
                    segment.href,
                    link_style,
                    bold=segment.bold,
                    italic=segment.italic,
                )
            else:
                run(
                    paragraph,
                    segment.text,
                    properties=True,
                    bold=segment.bold,
                    italic=segment.italic,
                    highlight=gap,
                )
    if blocks and blocks[-1][-1].href:
        run(paragraph, "", highlight=gap)
    return paragraph


def _comment_text(paragraph: Paragraph, draft: Draft) -> str:
    """One line per fact the paragraph read: its id, source, and for a statistic its period.

    A gap's comment says instead what must be done before clearance.
    """
    if paragraph.is_gap:
        return (
            f"To complete before clearance: drafter could not answer part "
            f"{', '.join(paragraph.parts)} from the fact base (the paragraph says why). "
            "Replace it with the answer, or say that the information is not held."
        )
    uses = {use.id: use for use in draft.facts}
    sources = {source.id: source for source in draft.sources}
    return "\n".join(_fact_line(fact_id, uses.get(fact_id), sources) for fact_id in paragraph.facts)


def _fact_line(fact_id: str, use: FactUse | None, sources: dict[str, CitedSource]) -> str:
    if use is None:
        return f"{fact_id} — not listed among the draft's facts"
    source = sources.get(use.source)
    cited = f"{source.title} ({source.publisher})" if source else use.source
    line = f"{fact_id} — {cited}"
    if use.period:
        line += f", {use.period}"
    if use.value:
        line += f": {use.value}"
    return line if use.verified else f"{line} [NOT VERIFIED]"


def _add_source(form: _Form, source: CitedSource) -> None:
    paragraph = form.add("", "PQ Source")
    if source.url.startswith(("https://", "http://")):
        hyperlink(
            form.body.document, paragraph, source.title, source.url, form.style_ids["Hyperlink"]
        )
    else:
        run(paragraph, source.title)
    parts = (source.publisher, house_date(source.published))
    details = "".join(f", {part}" for part in parts if part)
    if details:
        run(paragraph, details)


def _set_properties(document: Document, draft: Draft, when: datetime) -> None:
    record = draft.question
    uin, heading = str(record.get("uin") or ""), str(record.get("heading") or "")
    properties = document.core_properties
    properties.title = _fit(
        ": ".join(part for part in (f"UIN {uin}" if uin else "", heading) if part) or "Draft answer"
    )
    properties.subject = _fit(str(record.get("text") or ""))
    keywords = (heading, str(record.get("answering_body") or ""), draft.template)
    properties.keywords = _fit("; ".join(word for word in keywords if word))
    properties.comments = _fit(provenance_line(draft))
    properties.content_status = "Draft"
    properties.author = properties.last_modified_by = "drafter"
    properties.revision = 1
    properties.created = properties.modified = when
    custom = {
        "UIN": uin,
        "Template": draft.template,
        "FactBaseDigest": draft.fact_base_digest,
        "DrafterVersion": draft.drafter_version,
    }
    set_custom_properties(document, {name: value for name, value in custom.items() if value})


def _fit(text: str) -> str:
    """Shorten to what a core property holds, at a word boundary, marking the cut with `…`."""
    if len(text) <= _PROPERTY_LIMIT:
        return text
    return text[: _PROPERTY_LIMIT - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
