"""The Word XML that python-docx 1.2 cannot write through its API, for the docx exporter.

Custom document properties, a package's parts without zipping them, styles added and
applied by id, simple fields. Every reach into python-docx internals is here, each with its
reason (the form's body is written in drafter.export.docx_body).
"""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.styles import BabelFish
from docx.styles.style import StyleFactory
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from drafter.export.docx_package import CUSTOM_FMTID
from drafter.safexml import parse_xml

__all__ = [
    "add_run",
    "add_style",
    "clear_body",
    "package_entries",
    "set_custom_properties",
    "set_style",
    "style_ids",
    "styles_by_name",
]

_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_EMPTY_PROPERTIES = f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}"/>'.encode()


def set_style(paragraph: Paragraph, style_id: str) -> None:
    """Apply a paragraph style by its id.

    python-docx resolves a style by scanning every style in the document twice per call
    (about 1 ms with the 160 styles of its default template): styling that way was three
    quarters of the time it took to build the form. The form looks each id up once instead.
    """
    paragraph._p.style = style_id


def style_ids(document: Document) -> dict[str, str]:
    """The document's styles' ids by name, read straight from the styles part.

    Iterating `document.styles` makes a proxy object per style and reads each name through
    several generic look-ups; the form needs every name once, so it reads the XML itself.
    """
    return styles_by_name(document.styles.element)


def styles_by_name(styles: Any) -> dict[str, str]:
    """The ids of the styles in a `w:styles` element, by their names as Word shows them."""
    found = {}
    for style in styles.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        value = name.get(qn("w:val")) if name is not None else None
        found[BabelFish.internal2ui(value) if value is not None else None] = style.get(
            qn("w:styleId")
        )
    return found  # type: ignore[return-value]  # python-docx's own mapping has a None key too


def add_style(document: Document, name: str, kind: WD_STYLE_TYPE) -> Any:
    """Add a custom style the caller knows the document lacks.

    `Styles.add_style` first scans every style's name for a clash, once per style added;
    the form has already looked every name up once.
    """
    element = document.styles.element.add_style_of_type(BabelFish.ui2internal(name), kind, False)
    return StyleFactory(element)


def add_run(paragraph: Paragraph, text: str = "") -> Run:
    """`paragraph.add_run(text)`, the same XML, without a Python step per character.

    python-docx turns text into `w:t`, `w:tab` and `w:br` one character at a time; text
    without tabs or line breaks is one `w:t`, which it then writes at once, as here.
    """
    if any(mark in text for mark in "\t\r\n"):
        return paragraph.add_run(text)
    run = paragraph._p.add_r()
    if text:
        run.add_t(text)
    return Run(run, paragraph)


def package_entries(document: Document) -> dict[str, bytes]:
    """The package's files by name, as `Document.save` writes them, without zipping them.

    The exporter zips them once, reproducibly (drafter.output.zip_entries), where saving
    and then rewriting the saved zip would compress everything twice.
    """
    from docx.opc.pkgwriter import _ContentTypesItem

    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    entries = {
        "[Content_Types].xml": _ContentTypesItem.from_parts(parts).blob,  # type: ignore[no-untyped-call]
        "_rels/.rels": package.rels.xml,
    }
    for part in parts:
        entries[part.partname.membername] = part.blob
        if len(part.rels):
            entries[part.partname.rels_uri.membername] = part.rels.xml
    return entries


def clear_body(document: Document) -> None:
    """Empty a reference document's body and comments, keeping its final section settings."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for part in document.part.package.iter_parts():
        if part.content_type == CT.WML_COMMENTS:
            comments = part.element
            for comment in list(comments):
                comments.remove(comment)


def set_custom_properties(document: Document, properties: dict[str, str]) -> None:
    """Write `properties` into docProps/custom.xml, keeping any other custom properties there.

    A department's reference document may carry its own (a protective marking label, say):
    those stay; ours replace only properties of the same name.
    """
    package = document.part.package
    try:
        part: Part | None = package.part_related_by(RT.CUSTOM_PROPERTIES)
    except KeyError:
        part = None
    root = parse_xml(part.blob if part else _EMPTY_PROPERTIES)
    for name, value in properties.items():
        _set_property(root, name, value)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if part is None:
        new = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
        package.relate_to(new, RT.CUSTOM_PROPERTIES)
    else:
        # python-docx loads this part as a plain Part holding its bytes, with no setter.
        part._blob = blob


def _set_property(root: Any, name: str, value: str) -> None:
    for old in root.findall(f"{{{_CUSTOM_NS}}}property[@name='{name}']"):
        root.remove(old)
    pids = [int(item.get("pid", "1")) for item in root]
    item = etree.SubElement(
        root,
        f"{{{_CUSTOM_NS}}}property",
        {"fmtid": CUSTOM_FMTID, "pid": str(max(pids, default=1) + 1), "name": name},
    )
    etree.SubElement(item, f"{{{_VT_NS}}}lpwstr").text = value


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A simple field (`PAGE`, `NUMPAGES`) that Word works out, showing `shown` until it does."""
    field = OxmlElement("w:fldSimple", {qn("w:instr"): f" {instruction} "})
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
