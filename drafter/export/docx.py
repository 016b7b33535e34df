"""Export to Word: the PQ form a department sends round for clearance.

A header table, the question, the draft answer with a comment on each fact-bearing paragraph
naming its facts and sources, a background note, the sources as links and a provenance line.
Everything is laid out with named styles, so a department can restyle the form or supply its
own reference .docx. The same draft always gives the same bytes.
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Length, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from drafter.cache import cache_folder, content_key, read_checked, write_checked
from drafter.chars import safe_strings
from drafter.draft import CitedSource, Draft, FactUse, Paragraph
from drafter.errors import ExportError, Location
from drafter.export import docx_xml, grouped_texts, header_rows, house_date, provenance_line
from drafter.export.docx_xml import (
    add_field,
    add_hyperlink,
    add_run,
    add_style,
    clear_body,
    date_comment,
    package_entries,
    set_custom_properties,
    set_style,
    set_table_style,
    style_ids,
)
from drafter.export.text import inline_blocks
from drafter.output import zip_entries
from drafter.safexml import check_docx

__all__ = ["FORM_TITLE", "STYLE_NAMES", "form_document", "style_ids", "to_docx"]

FORM_TITLE = "Parliamentary Question: draft answer"
_UNDATED = date(2000, 1, 1)
"""The timestamp of an undated draft: fixed, so the file is reproducible."""
_PROPERTY_LIMIT = 255  # characters in a core property, as python-docx enforces


@dataclass(frozen=True)
class _Style:
    """A named style the form uses, created only where the document lacks it."""

    name: str
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH
    base: str = "Normal"
    size: float | None = None
    bold: bool = False
    colour: str = ""
    before: float = 0
    after: float = 6
    keep_with_next: bool = False
    style_id: str = ""
    """Set where Word knows the style by an id other than the name (comment styles)."""


_STYLES = (
    _Style("PQ Title", size=16, bold=True, after=12),
    _Style("PQ Heading", size=13, bold=True, before=16, after=6, keep_with_next=True),
    _Style("PQ Label", bold=True, before=2, after=2),
    _Style("PQ Value", before=2, after=2),
    _Style("PQ Question", after=6),
    _Style("PQ Answer", after=10),
    _Style("PQ Gap", base="PQ Answer", bold=True, colour="9C0006", after=10),
    _Style("PQ Background", base="List Bullet", after=4),
    _Style("PQ Source", size=11, after=4),
    _Style("PQ Footer", size=8, colour="505A5F", before=24, after=0),
    _Style("PQ Page Number", size=9, colour="505A5F", before=0, after=0),
    _Style("Hyperlink", WD_STYLE_TYPE.CHARACTER, base="", colour="0563C1"),
    # The styles python-docx's comments refer to by id, missing from its default template.
    _Style("annotation text", size=10, after=0, style_id="CommentText"),
    _Style(
        "annotation reference",
        WD_STYLE_TYPE.CHARACTER,
        base="",
        size=8,
        style_id="CommentReference",
    ),
)
STYLE_NAMES = tuple(style.name for style in _STYLES)


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
    document = form_document(reference_docx)
    when = datetime.combine(draft.date or _UNDATED, time(), tzinfo=UTC)
    _write_form(document, draft, author, when)
    _set_properties(document, draft, when)
    return zip_entries(package_entries(document))


def form_document(reference_docx: Path | None = None) -> Document:
    """An empty document with the PQ form's page, named styles and numbered pages.

    The review .docx (drafter.review.render_docx) starts from it too, so the two read alike.

    Raises:
        ExportError: the reference document cannot be read as a .docx.
    """
    if reference_docx is None:
        return _prepared_form()
    document = _open(reference_docx)
    _add_styles(document)
    _number_pages(document)
    return document


def _prepared_form() -> Document:
    """The default form, opened from the cache where it was kept the first time it was built.

    Opening it is a third of the work of building it (python-docx's default template, the
    page, fourteen styles, the page numbers), and gives the same document byte for byte.
    The entry is named by python-docx's version and the source of the code that builds it.
    """
    folder = cache_folder("docx")
    if folder is None:
        return _new_form()
    sources = (
        Path(module.__file__ or "").read_bytes() for module in (docx_xml, sys.modules[__name__])
    )
    key = content_key(docx.__version__, *sources)
    prepared = read_checked(folder, key)
    if prepared is None:
        prepared = zip_entries(package_entries(_new_form()))
        write_checked(folder, key, prepared)
    return docx.Document(BytesIO(prepared))


def _new_form() -> Document:
    document = docx.Document()
    _set_page(document)
    _add_styles(document)
    _number_pages(document)
    return document


def _number_pages(document: Document) -> None:
    """`Page 1 of 3` in each footer a reference document has left empty."""
    ids = style_ids(document)
    for section in document.sections:
        if any(paragraph.text.strip() for paragraph in section.footer.paragraphs):
            continue
        paragraph = section.footer.paragraphs[0]
        set_style(paragraph, ids["PQ Page Number"])
        add_run(paragraph, "Page ")
        add_field(paragraph, "PAGE", "1")
        add_run(paragraph, " of ")
        add_field(paragraph, "NUMPAGES", "1")


def _open(reference_docx: Path) -> Document:
    check_docx(reference_docx, ExportError)
    try:
        document = docx.Document(str(reference_docx))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        etree.XMLSyntaxError,
    ) as error:
        raise ExportError(
            "cannot use as reference document: not a Word .docx file", Location(reference_docx)
        ) from error
    clear_body(document)
    return document


def _set_page(document: Document) -> None:
    """A4 with civil-service margins and Arial 12pt: the form's look without a reference."""
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)


def _add_styles(document: Document) -> None:
    styles = document.styles
    by_name = {style.name: style for style in styles}  # each lookup by name scans them all
    for spec in _STYLES:
        if spec.name in by_name:
            continue
        style = by_name[spec.name] = add_style(document, spec.name, spec.kind)
        if spec.style_id:
            style.style_id = spec.style_id
        if spec.base in by_name:
            style.base_style = by_name[spec.base]
        style.font.size = Pt(spec.size) if spec.size else None
        style.font.bold = spec.bold or None
        style.font.color.rgb = RGBColor.from_string(spec.colour) if spec.colour else None
        style.font.underline = True if spec.name == "Hyperlink" else None
        if spec.kind == WD_STYLE_TYPE.PARAGRAPH:
            fmt = style.paragraph_format
            fmt.space_before, fmt.space_after = Pt(spec.before), Pt(spec.after)
            fmt.keep_with_next = spec.keep_with_next or None


@dataclass(frozen=True)
class _Form:
    """The document being written, with the ids of its styles looked up once."""

    document: Document
    style_ids: dict[str, str]

    def add(self, text: str, style: str) -> WordParagraph:
        paragraph = self.document.add_paragraph(text)
        set_style(paragraph, self.style_ids[style])
        return paragraph


def _write_form(document: Document, draft: Draft, author: str, when: datetime) -> None:
    form = _Form(document, style_ids(document))
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
        added = _add_markdown(form, paragraph.text, "PQ Gap" if paragraph.is_gap else "PQ Answer")
        if paragraph.is_gap:
            for run in added.runs:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if (paragraph.facts or paragraph.is_gap) and added.runs:
            comment = document.add_comment(
                added.runs, text=_comment_text(paragraph, draft), author=author, initials="DR"
            )
            date_comment(comment, when)
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
    table = form.document.add_table(rows=len(rows), cols=len(rows[0]))
    if "Table Grid" in form.style_ids:
        set_table_style(table, form.style_ids["Table Grid"])
    section = form.document.sections[-1]
    usable = (
        (section.page_width or Mm(210)) - (section.left_margin or 0) - (section.right_margin or 0)
    )
    all_widths = (*widths, usable - sum(widths))
    table.autofit = False
    for column, width in zip(table.columns, all_widths, strict=True):
        column.width = width
    for number, (row, texts) in enumerate(zip(table.rows, rows, strict=True)):
        for column, (cell, text, width) in enumerate(
            zip(row.cells, texts, all_widths, strict=True)
        ):
            cell.width = width  # Word reads cell widths, LibreOffice the column grid
            label = column == 0 or (header and number == 0)
            set_style(cell.paragraphs[0], form.style_ids["PQ Label" if label else "PQ Value"])
            add_run(cell.paragraphs[0], text)


def _add_markdown(form: _Form, text: str, style: str = "PQ Answer") -> WordParagraph:
    """Add one paragraph, its Markdown links as real links, its emphasis as runs."""
    paragraph = form.add("", style)
    blocks = inline_blocks(text)
    # A comment spans runs that are direct children of the paragraph: bracket a paragraph
    # that starts or ends with a link with empty runs, so that a comment covers all of it.
    if blocks and blocks[0][0].href:
        add_run(paragraph)
    for index, block in enumerate(blocks):
        if index:
            add_run(paragraph).add_break()
        for segment in block:
            if segment.href:
                link_style = form.style_ids["Hyperlink"]
                add_hyperlink(
                    paragraph,
                    segment.text,
                    segment.href,
                    link_style,
                    bold=segment.bold,
                    italic=segment.italic,
                )
            else:
                run = add_run(paragraph, segment.text)
                run.bold, run.italic = segment.bold or None, segment.italic or None
    if blocks and blocks[-1][-1].href:
        add_run(paragraph)
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
        add_hyperlink(paragraph, source.title, source.url, form.style_ids["Hyperlink"])
    else:
        add_run(paragraph, source.title)
    parts = (source.publisher, house_date(source.published))
    details = "".join(f", {part}" for part in parts if part)
    if details:
        add_run(paragraph, details)


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
