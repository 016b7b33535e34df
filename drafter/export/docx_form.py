"""The empty PQ form that every Word export starts from: page, named styles, page numbers.

Built once and kept in the user's cache (drafter.cache), then split once per process into
what a draft changes and what it never does, so that each draft writes only its own parts.
"""

from __future__ import annotations

import hashlib
import sys
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

from drafter.cache import cache_folder, content_key, read_checked, write_checked
from drafter.errors import ExportError, Location
from drafter.export import docx_xml
from drafter.export.docx_xml import (
    add_field,
    add_run,
    add_style,
    clear_body,
    package_entries,
    set_style,
    style_ids,
    styles_by_name,
)
from drafter.output import Zipped, zip_entries, zipped_files
from drafter.safexml import check_docx, parse_xml

__all__ = ["STYLE_NAMES", "FormPackage", "form_document", "form_package"]


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
        prepared = _prepared_form()
        return _new_form() if prepared is None else docx.Document(BytesIO(prepared))
    document = _open(reference_docx)
    _add_styles(document)
    _number_pages(document)
    return document


@dataclass(frozen=True)
class FormPackage:
    """The default form split for writing many drafts: what changes, and what never does."""

    light: bytes
    """The form's zip with its styles part emptied, for python-docx to open and write into."""
    kept: dict[str, Zipped]
    """The parts a draft leaves as they are, styles included, deflated once."""
    style_ids: dict[str, str]


_WRITTEN = frozenset(
    (
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/custom.xml",
        "word/_rels/document.xml.rels",
        "word/comments.xml",
        "word/document.xml",
    )
)
"""The parts writing a draft changes; the form's others go into the draft as they are."""
_STYLES_PART = "word/styles.xml"
_EMPTY_STYLES = (
    b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
)
_form_packages: dict[bytes, FormPackage] = {}


def form_package() -> FormPackage | None:
    """The default form, split once per process; None when the cache is off.

    Parsing, writing and deflating the form's styles (most of its bytes) for every draft
    was most of the cost of a draft's .docx; they are copied into each draft as they are.
    Without the cache the form is built afresh for each draft, and written as it is.
    """
    prepared = _prepared_form()
    if prepared is None:
        return None
    key = hashlib.sha256(prepared).digest()
    if key not in _form_packages:
        _form_packages.clear()  # only the current form is ever used again
        _form_packages[key] = _split(prepared)
    return _form_packages[key]


def _split(prepared: bytes) -> FormPackage:
    with zipfile.ZipFile(BytesIO(prepared)) as source:
        names = set(source.namelist())
        written = {name: source.read(name) for name in names & _WRITTEN}
        styles = source.read(_STYLES_PART)
    kept = zipped_files(prepared, names - _WRITTEN)
    light = zip_entries({**kept, **written, _STYLES_PART: _EMPTY_STYLES})
    return FormPackage(light, kept, styles_by_name(parse_xml(styles)))


def _prepared_form() -> bytes | None:
    """The default form's zip, from the cache where it was kept the first time it was built.

    Opening it is a third of the work of building it (python-docx's default template, the
    page, fourteen styles, the page numbers), and gives the same document byte for byte.
    The entry is named by python-docx's version and the source of the code that builds it.
    """
    folder = cache_folder("docx")
    if folder is None:
        return None
    sources = (
        Path(module.__file__ or "").read_bytes() for module in (docx_xml, sys.modules[__name__])
    )
    key = content_key(docx.__version__, *sources)
    prepared = read_checked(folder, key)
    if prepared is None:
        prepared = zip_entries(package_entries(_new_form()))
        write_checked(folder, key, prepared)
    return prepared


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
