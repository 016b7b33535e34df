"""The form's body and comments, written as WordprocessingML text.

python-docx places each element by scanning its siblings for the schema's order and makes a
proxy object per paragraph and run; even lxml costs an object per element, and importing it
9 ms. The form only ever appends, in order, so it is written here as text: the same elements,
with the same attributes in the same order, escaped and closed (`<w:r/>`) as lxml serializes
them, so that the bytes are those python-docx wrote. The default form splices the text into
its prepared parts (drafter.export.docx_package); a reference document's python-docx tree
parses it in (drafter.export.docx_document).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

__all__ = ["Body", "Comments", "Paragraph", "escape_attribute", "escape_text", "w3c_datetime"]

_EMU_PER_TWIP = 635


def escape_text(value: str) -> str:
    """Text as lxml writes it between tags: `&`, `<`, `>` and a carriage return escaped."""
    return _escaped(value, _TEXT_ENTITIES)


def escape_attribute(value: str) -> str:
    """An attribute's value as lxml writes it in double quotes: also quotes, tabs, newlines."""
    return _escaped(value, _ATTRIBUTE_ENTITIES)


_TEXT_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTRIBUTE_ENTITIES = (*_TEXT_ENTITIES, ('"', "&quot;"), ("\t", "&#9;"), ("\n", "&#10;"))


def _escaped(value: str, entities: tuple[tuple[str, str], ...]) -> str:
    # `&` comes first, so that no entity is escaped again; most texts need none replaced.
    for char, entity in entities:
        if char in value:
            value = value.replace(char, entity)
    return value


def w3c_datetime(when: datetime) -> str:
    """A time as Word's dates are written, in UTC: `2025-03-12T00:00:00Z`."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _run(
    text: str = "",
    *,
    properties: bool = False,
    style: str = "",
    bold: bool = False,
    italic: bool = False,
    highlight: bool = False,
    tail: str = "",
) -> str:
    """A run as python-docx writes one: its text as `w:t`, tabs and line breaks apart.

    `properties` gives the run a `w:rPr` even when it sets nothing, as python-docx leaves one
    wherever bold or italic was switched off; `tail` is markup that ends the run.
    """
    head = ""
    if properties or style or bold or italic or highlight:
        inner = (
            (f'<w:rStyle w:val="{escape_attribute(style)}"/>' if style else "")
            + ("<w:b/>" if bold else "")
            + ("<w:i/>" if italic else "")
            + ('<w:highlight w:val="yellow"/>' if highlight else "")
        )
        head = f"<w:rPr>{inner}</w:rPr>" if inner else "<w:rPr/>"
    content = head + _text(text) + tail
    return f"<w:r>{content}</w:r>" if content else "<w:r/>"


_BREAKS = re.compile("([\t\r\n])")


def _text(text: str) -> str:
    """`w:t` for each stretch of text, `w:tab` for a tab, `w:br` for a line break."""
    if not ("\t" in text or "\r" in text or "\n" in text):
        return _t(text)
    pieces = _BREAKS.split(text)
    return "".join(
        _t(piece) if number % 2 == 0 else ("<w:tab/>" if piece == "\t" else "<w:br/>")
        for number, piece in enumerate(pieces)
    )


def _t(text: str) -> str:
    if not text:
        return ""
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{escape_text(text)}</w:t>'
    return f"<w:t>{escape_text(text)}</w:t>"


def _paragraph(style_id: str, content: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{escape_attribute(style_id)}"/></w:pPr>{content}</w:p>'


class Paragraph:
    """A paragraph being written: its runs and links in order, and which are plain runs.

    A comment spans the paragraph's own runs (not those inside a link), as Word anchors it.
    """

    def __init__(self, style_id: str) -> None:
        self.style_id = style_id
        self.parts: list[str] = []
        self.runs: list[int] = []
        """Where in `parts` the paragraph's own runs are."""

    def run(
        self,
        text: str,
        *,
        properties: bool = False,
        bold: bool = False,
        italic: bool = False,
        highlight: bool = False,
    ) -> None:
        """Append a run of `text` (see `_run`)."""
        self.runs.append(len(self.parts))
        formatting = _run(
            text, properties=properties, bold=bold, italic=italic, highlight=highlight
        )
        self.parts.append(formatting)

    def line_break(self, *, highlight: bool = False) -> None:
        """Append a run holding a line break (`w:br`)."""
        self.runs.append(len(self.parts))
        self.parts.append(_run(highlight=highlight, tail="<w:br/>"))

    def link(
        self, r_id: str, text: str, style_id: str, *, bold: bool = False, italic: bool = False
    ) -> None:
        """Append a clickable link: a `w:hyperlink` to relationship `r_id` around one run."""
        run = _run(text, style=style_id, bold=bold, italic=italic)
        self.parts.append(
            f'<w:hyperlink r:id="{escape_attribute(r_id)}" w:history="1">{run}</w:hyperlink>'
        )

    def xml(self) -> str:
        """The paragraph as WordprocessingML."""
        return _paragraph(self.style_id, "".join(self.parts))


class Body:
    """The form's body in order: paragraphs and tables, to go before its section settings."""

    def __init__(self) -> None:
        self._blocks: list[Paragraph | str] = []

    def paragraph(self, style_id: str, text: str = "") -> Paragraph:
        """A new paragraph in the style, holding `text` in one plain run if any."""
        paragraph = Paragraph(style_id)
        self._blocks.append(paragraph)
        if text:
            paragraph.run(text)
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
        twips = [str(round(width / _EMU_PER_TWIP)) for width in widths]
        style = f'<w:tblStyle w:val="{escape_attribute(table_style)}"/>' if table_style else ""
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in twips)
        parts = [
            f"<w:tbl><w:tblPr>{style}{_TABLE_PROPERTIES}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        ]
        for texts, row_styles in zip(rows, styles, strict=True):
            parts.append("<w:tr>")
            for text, width, cell_style in zip(texts, twips, row_styles, strict=True):
                cell = _paragraph(cell_style, _run(text))
                parts.append(
                    f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>{cell}</w:tc>'
                )
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self._blocks.append("".join(parts))

    def xml(self) -> str:
        """The body's content as WordprocessingML, with the `w:` and `r:` prefixes."""
        return "".join(block if isinstance(block, str) else block.xml() for block in self._blocks)


_TABLE_PROPERTIES = (
    '<w:tblW w:type="auto" w:w="0"/><w:tblLayout w:type="fixed"/>'
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0"'
    ' w:noVBand="1" w:val="04A0"/>'
)
"""python-docx's new-table look: header row and first column, banded rows."""


class Comments:
    """The comments on the form's paragraphs, numbered from `first` when the first is added.

    `first` is called at the first comment, not before, so that a package creates its
    comments part (and its relationship's id) where python-docx would.
    """

    def __init__(self, first: Callable[[], int], author: str, when: datetime) -> None:
        self._first = first
        self._author = escape_attribute(author)
        self._date = w3c_datetime(when)
        self._next: int | None = None
        self._comments: list[str] = []

    def add(self, paragraph: Paragraph, text: str) -> None:
        """Anchor a comment holding `text` (a paragraph per line) on the paragraph's own runs."""
        if not paragraph.runs:
            return
        if self._next is None:
            self._next = self._first()
        number, self._next = self._next, self._next + 1
        self._comments.append(self._comment(number, text))
        first, last = paragraph.runs[0], paragraph.runs[-1]
        reference = _run(style="CommentReference", tail=f'<w:commentReference w:id="{number}"/>')
        parts = paragraph.parts
        paragraph.parts = [
            *parts[:first],
            f'<w:commentRangeStart w:id="{number}"/>',
            *parts[first : last + 1],
            f'<w:commentRangeEnd w:id="{number}"/>',
            reference,
            *parts[last + 1 :],
        ]
        paragraph.runs = []  # one comment a paragraph: its runs have moved

    def _comment(self, number: int, text: str) -> str:
        lines = text.split("\n")
        mark = _run(style="CommentReference", tail="<w:annotationRef/>")
        paragraphs = [_paragraph("CommentText", mark + (_run(lines[0]) if lines[0] else ""))]
        paragraphs += [_paragraph("CommentText", _run(line) if line else "") for line in lines[1:]]
        return (
            f'<w:comment w:id="{number}" w:author="{self._author}" w:initials="DR"'
            f' w:date="{self._date}">{"".join(paragraphs)}</w:comment>'
        )

    def xml(self) -> str:
        """The comments as WordprocessingML, empty when there are none."""
        return "".join(self._comments)
