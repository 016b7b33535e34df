"""The form's body and comments, written as WordprocessingML with lxml directly.

python-docx places each element by scanning its siblings for the schema's order and makes
a proxy object per paragraph and run: writing the form through it was four fifths of the
Word export. The form only ever appends, in order, so this writes the same elements, with
the same attributes in the same order, straight into python-docx's tree: the bytes saved
are those python-docx wrote. The package (relationships, parts) is still python-docx's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Length
from lxml import etree

__all__ = ["Body", "Comments"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_VAL = f"{_W}val"
_ID = f"{_W}id"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class Body:
    """Appends paragraphs and tables to a document's body, before its section settings."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._body = document.element.body
        self._end = self._body.find(f"{_W}sectPr")

    def paragraph(self, style_id: str, text: str = "") -> Any:
        """A new paragraph in the style, holding `text` in one plain run if any."""
        paragraph = _paragraph(self._body, style_id)
        if self._end is not None:
            self._end.addprevious(paragraph)
        if text:
            run(paragraph, text)
        return paragraph

    def table(
        self,
        rows: Sequence[Sequence[str]],
        widths: Sequence[int],
        styles: Sequence[Sequence[str]],
        table_style: str = "",
    ) -> None:
        """A fixed-layout table, `rows` of texts in cells of paragraph style `styles`, alike.

        The layout is python-docx's new table's, with every column's width (in EMU) set.
        """
        table = _sub(self._body, "tbl")
        if self._end is not None:
            self._end.addprevious(table)
        properties = _sub(table, "tblPr")
        if table_style:
            _sub(properties, "tblStyle", {_VAL: table_style})
        _sub(properties, "tblW", {f"{_W}type": "auto", f"{_W}w": "0"})
        _sub(properties, "tblLayout", {f"{_W}type": "fixed"})
        _sub(properties, "tblLook", _TABLE_LOOK)
        twips = [str(Length(width).twips) for width in widths]
        grid = _sub(table, "tblGrid")
        for width in twips:
            _sub(grid, "gridCol", {f"{_W}w": width})
        for texts, row_styles in zip(rows, styles, strict=True):
            row = _sub(table, "tr")
            for text, width, style in zip(texts, twips, row_styles, strict=True):
                cell = _sub(row, "tc")
                _sub(_sub(cell, "tcPr"), "tcW", {f"{_W}type": "dxa", f"{_W}w": width})
                run(_paragraph(cell, style), text)


_TABLE_LOOK = {
    f"{_W}{name}": value
    for name, value in (
        ("firstColumn", "1"),
        ("firstRow", "1"),
        ("lastColumn", "0"),
        ("lastRow", "0"),
        ("noHBand", "0"),
        ("noVBand", "1"),
        ("val", "04A0"),
    )
}
"""python-docx's new-table look: header row and first column, banded rows."""


def _sub(parent: Any, name: str, attributes: dict[str, str] | None = None) -> Any:
    """A new last child, made inside the tree so that it shares the tree's `w:` prefix."""
    return etree.SubElement(parent, f"{_W}{name}", attributes or {})


def _paragraph(parent: Any, style_id: str) -> Any:
    paragraph = _sub(parent, "p")
    _sub(_sub(paragraph, "pPr"), "pStyle", {_VAL: style_id})
    return paragraph


def run(
    parent: Any,
    text: str,
    *,
    properties: bool = False,
    style: str = "",
    bold: bool = False,
    italic: bool = False,
    highlight: bool = False,
) -> Any:
    """Append a run as python-docx writes one: its text as `w:t`, tabs and line breaks apart.

    `properties` gives the run a `w:rPr` even when it sets nothing, as python-docx leaves one
    wherever bold or italic was switched off.
    """
    element = _sub(parent, "r")
    if properties or style or bold or italic or highlight:
        formatting = _sub(element, "rPr")
        if style:
            _sub(formatting, "rStyle", {_VAL: style})
        if bold:
            _sub(formatting, "b")
        if italic:
            _sub(formatting, "i")
        if highlight:
            _sub(formatting, "highlight", {_VAL: "yellow"})
    _add_text(element, text)
    return element


def line_break(parent: Any, *, highlight: bool = False) -> None:
    """A run holding a line break (`w:br`)."""
    element = run(parent, "", highlight=highlight)
    _sub(element, "br")


def _add_text(element: Any, text: str) -> None:
    """`w:t` for each stretch of text, `w:tab` for a tab, `w:br` for a line break."""
    start = 0
    for index, char in enumerate(text):
        if char in "\t\r\n":
            _add_t(element, text[start:index])
            _sub(element, "tab" if char == "\t" else "br")
            start = index + 1
    _add_t(element, text[start:])


def _add_t(element: Any, text: str) -> None:
    if not text:
        return
    t = _sub(element, "t")
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_XML_SPACE, "preserve")


def hyperlink(
    document: Document,
    paragraph: Any,
    text: str,
    url: str,
    style_id: str,
    *,
    bold: bool = False,
    italic: bool = False,
) -> None:
    """A clickable link: a `w:hyperlink` to an external relationship around one styled run."""
    r_id = document.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = _sub(paragraph, "hyperlink")
    link.set(f"{_R}id", r_id)
    link.set(f"{_W}history", "1")
    run(link, text, style=style_id, bold=bold, italic=italic)


class Comments:
    """Adds comments to a document's comments part, creating the part at the first one.

    The part is created when first needed, as python-docx does, so that its relationship
    takes the same id among the hyperlinks' as it did when python-docx added the comments.
    """

    def __init__(self, document: Document, author: str, when: datetime) -> None:
        self._document = document
        self._author = author
        self._when = when
        self._root: Any = None
        self._next = 0

    def add(self, paragraph: Any, text: str) -> None:
        """Anchor a comment holding `text` (a paragraph per line) on the paragraph's own runs."""
        runs = paragraph.findall(f"{_W}r")
        if not runs:
            return
        if self._root is None:
            self._root = self._document.comments._comments_elm  # no public handle on it
            ids = [int(comment.get(_ID)) for comment in self._root.iterchildren(f"{_W}comment")]
            self._next = max(ids, default=-1) + 1
        number = str(self._next)
        self._next += 1
        self._write(number, text)
        runs[0].addprevious(_sub(paragraph, "commentRangeStart", {_ID: number}))
        reference = run(paragraph, "", style="CommentReference")
        _sub(reference, "commentReference", {_ID: number})
        runs[-1].addnext(reference)
        runs[-1].addnext(_sub(paragraph, "commentRangeEnd", {_ID: number}))

    def _write(self, number: str, text: str) -> None:
        comment = _sub(
            self._root,
            "comment",
            {_ID: number, f"{_W}author": self._author, f"{_W}initials": "DR"},
        )
        comment.date = self._when  # python-docx's attribute writes Word's date format
        first = _paragraph(comment, "CommentText")
        run(first, "", style="CommentReference")
        _sub(first[-1], "annotationRef")
        lines = text.split("\n")
        if lines[0]:
            run(first, lines[0])
        for line in lines[1:]:
            added = _paragraph(comment, "CommentText")
            if line:
                run(added, line)
