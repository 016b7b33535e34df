"""Export to plain text: the answer alone, as it is pasted into Parliament's answering system.

The answer's Markdown is read by Python-Markdown itself and then flattened, so escapes,
emphasis and links are undone exactly as Markdown understands them. The Word exporter
reads paragraphs through `inline_blocks` too.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

from drafter.chars import safe_strings
from drafter.draft import Draft
from drafter.export.mdsource import markdown_source, reused_converter, too_much_markup
from drafter.links import allowed_link

__all__ = ["Segment", "inline_blocks", "plain_text", "to_text"]

_BLOCKS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dt", "dd"}
)
_BOLD = frozenset({"strong", "b"})
_ITALIC = frozenset({"em", "i"})


@dataclass(frozen=True)
class Segment:
    """A stretch of text with one formatting: what becomes one run in Word."""

    text: str
    href: str = ""
    """The link target when the text is a link."""
    bold: bool = False
    italic: bool = False


_BULLET = Segment("• ")


def to_text(draft: Draft) -> str:
    """The answer's paragraphs as plain text: one line each, a blank line between, no Markdown."""
    paragraphs = safe_strings(draft.paragraphs)
    return "\n\n".join(plain_text(paragraph.text) for paragraph in paragraphs) + "\n"


def plain_text(text: str) -> str:
    """One paragraph's Markdown as plain text; list items and headings go on lines of their own.

    Links read `text (url)`, or just the address when the text is the address (an autolink).
    """
    return "\n".join(_plain_block(block) for block in inline_blocks(text))


def _plain_block(block: list[Segment]) -> str:
    words = []
    for href, group in itertools.groupby(block, key=lambda segment: segment.href):
        text = "".join(segment.text for segment in group)
        if href and href not in (text, f"mailto:{text}"):
            text = f"{text} ({href})"
        words.append(text)
    return "".join(words)


def inline_blocks(text: str) -> list[list[Segment]]:
    """A paragraph's Markdown as its blocks (paragraphs, list items, headings) of segments."""
    if _PLAIN.fullmatch(text) and text.isprintable():
        return [[Segment(" ".join(text.split()))]]
    if too_much_markup(text):
        return [[Segment(text)]]
    return _markdown_blocks(text)


_PLAIN = re.compile(r"[^\W\d_][^\\`*_\[\]<>&!#=|~{}]*")
"""One line Markdown reads as the same words: it opens with a letter (no list, heading, quote
or code block) and holds no character any inline syntax starts with. Markdown takes a fifth
of a millisecond a paragraph, and most of an answer's paragraphs are such plain sentences;
`isprintable` leaves out line breaks, tabs and every other space Markdown or `\\s` treat apart."""


def _markdown_blocks(text: str) -> list[list[Segment]]:
    parser = _SegmentParser()
    parser.feed(reused_converter("text", markdown.Markdown).convert(markdown_source(text)))
    parser.close()
    return parser.blocks


class _SegmentParser(HTMLParser):
    """Walk Python-Markdown's HTML, keeping text, links and emphasis; entities come back as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[Segment]] = []
        self._current: list[Segment] | None = None
        self._href = ""
        self._bold = 0
        self._italic = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            if not self._in_bare_item():  # a loose list item's <p> continues the item
                self._end_block()
                self._current = []
            if tag == "li":
                self._current = [_BULLET]
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self._href = href if allowed_link(href) else ""
        elif tag == "br":
            self._add(" ")
        elif tag == "img":
            self._add(dict(attrs).get("alt") or "")
        self._bold += tag in _BOLD
        self._italic += tag in _ITALIC

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._end_block()
        elif tag == "a":
            self._href = ""
        self._bold -= tag in _BOLD
        self._italic -= tag in _ITALIC

    def handle_data(self, data: str) -> None:
        self._add(data)

    def close(self) -> None:
        super().close()
        self._end_block()

    def _add(self, data: str) -> None:
        text = re.sub(r"\s+", " ", data)
        if self._current is None:
            if not text.strip():
                return  # the line breaks Markdown puts between blocks
            self._current = []
        self._current.append(Segment(text, self._href, self._bold > 0, self._italic > 0))

    def _in_bare_item(self) -> bool:
        return "".join(segment.text for segment in self._current or ()).strip() == "•"

    def _end_block(self) -> None:
        if block := _normalise(self._current or []):
            self.blocks.append(block)
        self._current = None


def _normalise(block: list[Segment]) -> list[Segment]:
    """Merge like-formatted neighbours, squeeze spaces across joins and trim the ends."""
    result: list[Segment] = []
    after_space = True  # a block never starts with a space
    for segment in block:
        text = segment.text.lstrip(" ") if after_space else segment.text
        if not text:
            continue
        after_space = text.endswith(" ")
        last = result[-1] if result else None
        if last and (last.href, last.bold, last.italic) == (
            segment.href,
            segment.bold,
            segment.italic,
        ):
            result[-1] = Segment(last.text + text, last.href, last.bold, last.italic)
        else:
            result.append(Segment(text, segment.href, segment.bold, segment.italic))
    if result and (trimmed := result[-1].text.rstrip(" ")) != result[-1].text:
        last = result.pop()
        if trimmed:
            result.append(Segment(trimmed, last.href, last.bold, last.italic))
    return result
