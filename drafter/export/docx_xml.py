"""The Word XML that python-docx 1.2 cannot write through its API, for the docx exporter.

Hyperlinks (python-docx issue #74), fixed comment dates, custom document properties
and styling by id. Every reach into python-docx internals is here,
each with its reason.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from docx.comments import Comment
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.text.paragraph import Paragraph
from lxml import etree

from drafter.safexml import parse_xml

__all__ = [
    "add_hyperlink",
    "clear_body",
    "date_comment",
    "set_custom_properties",
    "set_style",
]

_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the only fmtid Word uses for these
_EMPTY_PROPERTIES = f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}"/>'.encode()


def set_style(paragraph: Paragraph, style_id: str) -> None:
    """Apply a paragraph style by its id.

    python-docx resolves a style by scanning every style in the document twice per call
    (about 1 ms with the 160 styles of its default template): styling that way was three
    quarters of the time it took to build the form. The form looks each id up once instead.
    """
    paragraph._p.style = style_id


def add_hyperlink(
    paragraph: Paragraph,
    text: str,
    url: str,
    style_id: str,
    *,
    bold: bool = False,
    italic: bool = False,
) -> None:
    """Append a clickable link: a `w:hyperlink` around a run in the character style `style_id`.

    The run is made through the public API, then moved inside a hand-built `w:hyperlink`
    that points at an external relationship.
    """
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    run = paragraph.add_run(text)
    run_element = run._r  # no public handle on a run's element
    run_element.style = style_id
    run.bold = bold or None
    run.italic = italic or None
    hyperlink = OxmlElement("w:hyperlink", {qn("r:id"): r_id, qn("w:history"): "1"})
    run_element.addprevious(hyperlink)
    hyperlink.append(run_element)


def date_comment(comment: Comment, when: datetime) -> None:
    """Set the comment's `w:date`: python-docx stamps the current time and offers no setter."""
    comment._comment_elm.date = when


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
        {"fmtid": _CUSTOM_FMTID, "pid": str(max(pids, default=1) + 1), "name": name},
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
