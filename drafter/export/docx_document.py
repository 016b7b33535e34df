"""The PQ form written through python-docx: on a department's reference document, or uncached.

A reference document's parts can be anything (its own comments, custom properties, links),
so python-docx keeps its package; the body and comments, written as text
(drafter.export.docx_body), are parsed into python-docx's tree.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from drafter.export.docx_xml import package_entries, set_custom_properties, style_ids
from drafter.output import Zipped
from drafter.safexml import PARSER

__all__ = ["DocumentPackage", "set_core_properties", "usable_width"]

_A4_WIDTH = 210 * 36000  # EMU
_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


class DocumentPackage:
    """One draft's package, kept by python-docx."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self.style_ids = style_ids(document)
        self.usable_width = usable_width(document)
        self._comments: Any = None

    def relate(self, url: str) -> str:
        """The id of the relationship to an external link, added at its first use."""
        return str(self._document.part.relate_to(url, RT.HYPERLINK, is_external=True))

    def open_comments(self) -> int:
        """The comments part, created if the document has none; the first id free in it."""
        self._comments = self._document.comments._comments_elm  # no public handle on it
        ids = [
            int(comment.get(qn("w:id"))) for comment in self._comments.iterchildren(qn("w:comment"))
        ]
        return max(ids, default=-1) + 1

    def entries(
        self, body: str, comments: str, core: dict[str, str], when: datetime, custom: dict[str, str]
    ) -> dict[str, bytes | Zipped]:
        """Every file of the draft's .docx, as python-docx would save them."""
        element = self._document.element.body
        end = element.find(qn("w:sectPr"))
        for child in _parse(body):
            if end is None:
                element.append(child)
            else:
                end.addprevious(child)
        if self._comments is not None:
            self._comments.extend(_parse(comments))
        set_core_properties(self._document.core_properties, core, when)
        set_custom_properties(self._document, custom)
        return dict(package_entries(self._document))


def _parse(children: str) -> list[Any]:
    """Elements written as text, to move into python-docx's tree (which reuses its prefixes)."""
    return list(etree.fromstring(f"<w:body {_NAMESPACES}>{children}</w:body>", PARSER))


def set_core_properties(properties: Any, texts: dict[str, str], when: datetime) -> None:
    """Set the draft's core properties: `texts` by python-docx's names, then dates, revision 1."""
    for name, value in texts.items():
        setattr(properties, name, value)
    properties.revision = 1
    properties.created = properties.modified = when


def usable_width(document: Document) -> int:
    """The width between the margins of the last section's page, in EMU."""
    section = document.sections[-1]
    return int(
        (section.page_width or _A4_WIDTH) - (section.left_margin or 0) - (section.right_margin or 0)
    )
