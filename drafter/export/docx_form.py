"""The empty PQ form that every Word export starts from: page, named styles, page numbers.

Built once and kept in the user's cache (drafter.export.docx_prepared), with the parts a
draft writes prepared as python-docx writes them, so that a draft needs no python-docx.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from drafter.errors import ExportError, Location
from drafter.export.docx_document import set_core_properties, usable_width
from drafter.export.docx_package import CORE_TEXTS, SENTINEL, PreparedForm, core_marker
from drafter.export.docx_prepared import prepared_form
from drafter.export.docx_xml import (
    add_field,
    add_run,
    add_style,
    clear_body,
    package_entries,
    set_custom_properties,
    set_style,
    style_ids,
)
from drafter.output import zip_entries
from drafter.safexml import check_docx

__all__ = ["STYLE_NAMES", "form_document", "prepare_form"]


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


def form_document(reference_docx: Path | None = None) -> Document:
    """An empty document with the PQ form's page, named styles and numbered pages.

    The review .docx (drafter.review.render_docx) starts from it too, so the two read alike.

    Raises:
        ExportError: the reference document cannot be read as a .docx.
    """
    if reference_docx is None:
        prepared = prepared_form()
        return _new_form() if prepared is None else docx.Document(BytesIO(prepared.form))
    document = _open(reference_docx)
    _add_styles(document)
    _number_pages(document)
    return document


def prepare_form() -> PreparedForm:
    """The default form built afresh, with every part a draft writes as python-docx writes it.

    Each draft sets custom properties and most add comments: the parts are taken once
    without and once with a comments part, and the core properties hold markers where each
    draft's texts and date go (drafter.export.docx_package fills them in).
    """
    document = _new_form()
    form = zip_entries(package_entries(document))
    ids, width = style_ids(document), usable_width(document)
    set_custom_properties(document, {})
    markers = {name: core_marker(name) for name in CORE_TEXTS}
    set_core_properties(document.core_properties, markers, SENTINEL)
    plain = package_entries(document)
    document.comments  # noqa: B018  # python-docx adds the comments part on first use
    commented = package_entries(document)
    names = {
        "types": "[Content_Types].xml",
        "package_rels": "_rels/.rels",
        "core": "docProps/core.xml",
        "custom": "docProps/custom.xml",
        "rels": "word/_rels/document.xml.rels",
        "document": "word/document.xml",
    }
    parts = {key: plain[name].decode() for key, name in names.items()}
    parts["types+comments"] = commented["[Content_Types].xml"].decode()
    parts["comments"] = commented["word/comments.xml"].decode()
    return PreparedForm(form, ids, width, parts)


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
