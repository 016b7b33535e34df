"""Read either side of a review: a drafter `.md`, a `.docx`, a `.txt` or an `.html` answer.

A `.docx` is read as its text would stand with every tracked change accepted: text inside
`w:ins` is kept, `w:delText` and moved-away text are not, and a deleted paragraph mark joins
its paragraph to the next. A link to a web address reads as Markdown, as the draft wrote it.
python-docx's `Paragraph.text` drops inserted text, so this reads the XML itself.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from lxml import etree

from drafter import inputfile
from drafter.draft import Draft, Paragraph, read_draft
from drafter.errors import DraftError, Location
from drafter.safexml import check_docx, parse_xml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
ANSWER_STYLES = frozenset({"PQAnswer"})
"""Style ids of answer paragraphs (the `PQ Answer` style of drafter's Word form and of the
review's tracked changes); a document without them is read whole."""
_SKIPPED = frozenset(
    W + tag for tag in ("del", "moveFrom", "pPr", "rPr", "delText", "instrText", "txbxContent")
)
_SPACES = frozenset(W + tag for tag in ("tab", "br", "cr"))
_RELS = "word/_rels/document.xml.rels"
_MARKDOWN = frozenset({".md", ".markdown"})
_HTML = frozenset({".html", ".htm"})
_BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th"})


def read_side(path: Path) -> Draft:
    """Read one side of a comparison by its suffix: `.md`, `.docx` or `.txt`.

    Raises:
        DraftError: the file is missing, unreadable, or not what its suffix says.
    """
    if not path.is_file():
        raise DraftError("no such file", Location(path))
    suffix = path.suffix.lower()
    if suffix in _MARKDOWN:
        return read_draft(path)
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".txt":
        return read_text(path)
    if suffix in _HTML:
        return read_html(path)
    raise DraftError(
        f"cannot read '{suffix or path.name}' files (use .md, .docx, .txt or .html)", Location(path)
    )


def read_text(path: Path) -> Draft:
    """A plain-text answer: paragraphs split at blank lines, or at each line if there are none."""
    text = _read(path)
    separator = r"\n\s*\n" if re.search(r"\n\s*\n", text.strip()) else r"\n"
    chunks = (" ".join(chunk.split()) for chunk in re.split(separator, text))
    return Draft({}, "", tuple(Paragraph(chunk) for chunk in chunks if chunk), path=path)


def read_html(path: Path) -> Draft:
    """An answer in HTML: a paragraph per block element, links kept as `[text](address)`.

    The address is kept even where the link's text differs from it, so `check` can see a
    mail-security redirect hidden behind a clean-looking link. In drafter's own HTML export
    only the answer (`<div class="answer">`) is read, not the header, notes and sources.
    """
    reader = _HtmlReader()
    reader.feed(_read(path))
    reader.close()
    return Draft({}, "", tuple(Paragraph(text) for text in reader.paragraphs()), path=path)


def _read(path: Path) -> str:
    return inputfile.read_text(path, "draft", DraftError)


class _HtmlReader(HTMLParser):
    """Collects block elements' text, with links written as Markdown inline links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[list[str]] = [[]]
        self.in_answer: list[bool] = [False]
        """For each chunk, whether it lies inside drafter's answer div."""
        self.divs: list[bool] = []
        """For each open div, whether it is drafter's answer div."""
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div":
            self.divs.append("answer" in (dict(attrs).get("class") or "").split())
        if tag in _BLOCKS:
            self._new_chunk()
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.chunks[-1])))

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.divs:
            self.divs.pop()
        if tag in _BLOCKS:
            self._new_chunk()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            words = self.chunks[-1]
            text = "".join(words[start:])
            if href and start <= len(words):
                words[start:] = [f"[{text}]({href})" if text.strip() != href else f"<{href}>"]

    def handle_data(self, data: str) -> None:
        self.chunks[-1].append(data)

    def _new_chunk(self) -> None:
        self.chunks.append([])
        self.in_answer.append(any(self.divs))

    def paragraphs(self) -> Iterator[str]:
        """Each non-empty block's text, spaces collapsed; only the answer's in drafter's page."""
        answer_only = any(self.in_answer)
        for chunk, in_answer in zip(self.chunks, self.in_answer, strict=True):
            if answer_only and not in_answer:
                continue
            text = " ".join("".join(chunk).split())
            if text:
                yield text


def read_docx(path: Path) -> Draft:
    """A Word document's answer, with every tracked change accepted."""
    body, links = _document(path)
    paragraphs = list(body.iterchildren(W + "p"))
    answer = [p for p in paragraphs if _style(p) in ANSWER_STYLES] or paragraphs
    texts = tuple(_accepted_paragraphs(answer, links))
    return Draft({}, "", tuple(Paragraph(text) for text in texts), path=path)


def _document(path: Path) -> tuple[etree._Element, dict[str, str]]:
    """The document's body, and its external links' addresses by relationship id."""
    check_docx(path, DraftError)
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml")
            names = set(archive.namelist())
            rels = archive.read(_RELS) if _RELS in names else None
    except zipfile.BadZipFile as error:
        raise DraftError(
            "not a Word document (.docx): not a zip archive", Location(path)
        ) from error
    except KeyError as error:
        raise DraftError(
            "not a Word document (.docx): no word/document.xml", Location(path)
        ) from error
    except OSError as error:
        raise DraftError(f"cannot read: {error.strerror}", Location(path)) from error
    body = _parse(xml, path).find(W + "body")
    if body is None:
        raise DraftError("not a Word document (.docx): no document body", Location(path))
    return body, _external_links(_parse(rels, path)) if rels else {}


def _parse(xml: bytes, path: Path) -> etree._Element:
    try:
        return parse_xml(xml)
    except etree.XMLSyntaxError as error:
        raise DraftError(f"not a Word document (.docx): {error}", Location(path)) from error


def _external_links(relationships: etree._Element) -> dict[str, str]:
    return {
        str(item.get("Id")): str(item.get("Target"))
        for item in relationships.iterchildren(_RELATIONSHIP)
        if item.get("TargetMode") == "External" and item.get("Type", "").endswith("/hyperlink")
    }


def _style(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return "" if style is None else str(style.get(W + "val", ""))


def _accepted_paragraphs(paragraphs: list[etree._Element], links: dict[str, str]) -> Iterator[str]:
    """Paragraph texts; one whose mark was deleted runs on into the next, as Word accepts it."""
    pending = ""
    for paragraph in paragraphs:
        pending += "".join(_texts(paragraph, links))
        if paragraph.find(f"{W}pPr/{W}rPr/{W}del") is not None:
            continue
        text = " ".join(pending.split())
        pending = ""
        if text:
            yield text
    if pending.split():
        yield " ".join(pending.split())


def _texts(element: etree._Element, links: dict[str, str]) -> Iterator[str]:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == W + "t":
            yield child.text or ""
        elif tag in _SPACES:
            yield " "
        elif tag == W + "noBreakHyphen":
            yield "-"
        elif tag == W + "hyperlink" and child.get(_R_ID) in links:
            yield _markdown_link("".join(_texts(child, links)), links[str(child.get(_R_ID))])
        else:
            yield from _texts(child, links)


def _markdown_link(text: str, url: str) -> str:
    """A link as the draft's Markdown writes it: `<url>` when its text is the address."""
    return f"<{url}>" if text.strip() == url else f"[{text}]({url})"
