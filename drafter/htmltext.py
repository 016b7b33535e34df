"""Answer HTML as plain text: how intake reads Parliament's published answers.

Parliament serves answers as HTML (`<p>`, `<br>`, `<a>`, tables, lists). Intake keeps the
HTML and derives plain text with the standard library's parser. Links pasted from Outlook
or other mail-security wrappers are shown at their real address; `check` reuses
`unwrap_redirect` to catch such links in drafts.
"""

from __future__ import annotations

import base64
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlsplit

_PARAGRAPHS = frozenset(
    {"p", "div", "blockquote", "pre", "hr", "table", "section", "article", "header", "footer"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "figure", "figcaption"}
)
_LISTS = frozenset({"ul", "ol"})
_CELLS = frozenset({"td", "th"})
_HIDDEN = frozenset({"script", "style", "head", "title", "template"})
_SCHEME = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
_BREAKS = frozenset({"br", "tr", *_PARAGRAPHS, *_CELLS})
_PARAGRAPH_TAG = re.compile(r"</?p>")
_SIMPLE_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?: [a-z][a-z-]*="[^"<>]*")*)( ?/)?>')
"""A tag as Parliament's answers write them: a lower-case name, double-quoted attributes
one space apart. An answer whose every `<` starts one needs no general HTML tokenizer."""
_ATTRIBUTE = re.compile(r' ([a-z-]+)="([^"]*)"')
_RAW_TEXT = frozenset(HTMLParser.CDATA_CONTENT_ELEMENTS) | frozenset(
    getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ())
)
"""Elements whose content HTMLParser reads as raw text, markup and all: asked of the parser,
since newer Python releases read more elements so (`textarea`, `xmp`, `iframe`...)."""


def html_to_text(html: str) -> str:
    """Plain text of an answer: blank lines between paragraphs, links as `text (URL)`.

    A link whose text is its own address is shown once. Table rows become lines of
    cells joined by ` | `, list items lines starting `- `; empty paragraphs and stray
    `<br>` at a paragraph's edge disappear and runs of white space become one space.
    """
    if "<" not in html and "&" not in html:
        # No tags or entities: the parser would only squeeze white space (list answers).
        return _squeeze(html)
    paragraphs = _PARAGRAPH_TAG.split(html)
    if not any("<" in paragraph for paragraph in paragraphs):
        # Paragraphs alone, as most answers are: each one's text, a blank line between them.
        return "\n\n".join(filter(None, (_squeeze(unescape(text)) for text in paragraphs)))
    parser = _TextParser()
    if not _feed_simple(parser, html):
        parser.feed(html)
        parser.close()
    return parser.text()


def _feed_simple(parser: _TextParser, html: str) -> bool:
    """Pass the handlers what `HTMLParser.feed` would, for HTML of `_SIMPLE_TAG`s only.

    Returns False, having passed nothing, when the HTML has any other markup.
    """
    pieces = _SIMPLE_TAG.split(html)
    texts = pieces[::5]
    tags = [pieces[index : index + 4] for index in range(1, len(pieces), 5)]
    if any("<" in text for text in texts) or any(tag[1] in _RAW_TEXT for tag in tags):
        return False
    for text, (close, name, attributes, empty) in zip(texts, tags, strict=False):
        _feed_text(parser, text)
        if not close:
            parser.handle_starttag(name, _attributes(attributes))
        if close or empty:  # `<br/>` is a start and an end, as HTMLParser reports it
            parser.handle_endtag(name)
    _feed_text(parser, texts[-1])
    return True


def _attributes(text: str) -> list[tuple[str, str | None]]:
    return [
        (name, unescape(value) if "&" in value else value)
        for name, value in _ATTRIBUTE.findall(text)
    ]


def _feed_text(parser: _TextParser, text: str) -> None:
    if text:
        parser.handle_data(unescape(text) if "&" in text else text)


class _TextParser(HTMLParser):
    """Collects output lines; an empty string in `_lines` marks a paragraph break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[str] = []
        self._line: list[str] = []
        self._prefix = ""
        """What the current line starts with: `- ` (indented when nested) in a list item."""
        self._row: list[str] = []
        self._cell: list[str] | None = None
        self._links: list[tuple[str, int]] = []
        """Open links: the href and where the link's text starts in the buffer."""
        self._list_depth = 0
        self._items = 0
        self._hidden = 0
        self._after_break = False

    def text(self) -> str:
        """The text collected so far, with paragraph breaks squeezed to one blank line."""
        self._break_paragraph()
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self._lines)).strip("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "a":
            self._links.append((dict(attrs).get("href") or "", len(self._buffer)))
        elif tag == "li":
            self._start_item()
        elif tag in _LISTS:
            self._start_list()
        else:
            self._start_or_end_other(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(self._hidden - 1, 0)
        elif tag == "a" and self._links:
            self._end_link(*self._links.pop())
        elif tag == "li":
            self._flush_line()
            self._items = max(self._items - 1, 0)
            self._prefix = ""
        elif tag in _LISTS:
            self._list_depth = max(self._list_depth - 1, 0)
            if not self._list_depth:
                self._break_paragraph()
        elif tag in _CELLS:
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        else:
            self._start_or_end_other(tag)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._buffer.append(data)
            self._after_break = self._after_break and not data.strip()

    @property
    def _buffer(self) -> list[str]:
        return self._line if self._cell is None else self._cell

    @property
    def _inline(self) -> bool:
        """Inside a table cell or a list item, where breaks would split a line apart."""
        return self._cell is not None or self._items > 0

    def _start_or_end_other(self, tag: str) -> None:
        """`<br>` and paragraph tags, open or close, and the opening of rows and cells."""
        if tag not in _BREAKS:
            return
        if self._inline:
            self._buffer.append(" ")
        elif tag == "br":
            self._break_line()
        elif tag == "tr":
            self._flush_line()
            self._row = []
        elif tag in _CELLS:
            self._cell = []
        else:
            self._break_paragraph()

    def _start_list(self) -> None:
        if not self._list_depth:
            self._break_paragraph()
        self._flush_line()
        self._list_depth += 1

    def _start_item(self) -> None:
        self._flush_line()
        self._items += 1
        self._prefix = "  " * max(self._list_depth - 1, 0) + "- "

    def _end_cell(self) -> None:
        if self._cell is not None:
            self._row.append(_squeeze("".join(self._cell)))
            self._cell = None

    def _end_row(self) -> None:
        if any(self._row):
            self._lines.append(" | ".join(self._row).rstrip())
        self._row = []

    def _end_link(self, href: str, start: int) -> None:
        """Show a link as its text, then its real address unless the text is that address."""
        buffer = self._buffer
        start = min(start, len(buffer))
        raw = "".join(buffer[start:])
        body = raw.rstrip()
        text = _squeeze(body)
        shown = unwrap_redirect(text) or text
        url = unwrap_redirect(href) or href
        suffix = ""
        if url and not url.startswith("#") and not _same_address(shown, url):
            suffix = f" ({url})" if shown else f" {url}"
        buffer[start:] = [body.replace(text, shown) if text else body, suffix, raw[len(body) :]]

    def _break_line(self) -> None:
        """A `<br>`; two in a row, as in `text<br><br>text`, make a paragraph break."""
        if self._after_break and not "".join(self._line).strip():
            self._break_paragraph()
        else:
            self._flush_line()
        self._after_break = True

    def _flush_line(self) -> None:
        text = _squeeze("".join(self._line))
        if text:
            self._lines.append(self._prefix + text)
        self._line = []

    def _break_paragraph(self) -> None:
        self._flush_line()
        if self._lines and self._lines[-1]:
            self._lines.append("")


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _same_address(text: str, url: str) -> bool:
    def bare(address: str) -> str:
        return _SCHEME.sub("", address.strip()).rstrip("/")

    return bare(text) == bare(url)


def unwrap_redirect(url: str) -> str | None:
    """The real address behind a mail-security or search redirect, or None if not one.

    Handles Outlook safelinks (`https://*.safelinks.protection.outlook.com/?url=...`,
    whose `data=` carries the sender's email address), Google `/url?q=...` links and
    Proofpoint urldefense v2 and v3 links; wrappers inside wrappers are unwrapped too.
    """
    inner = _safelink(url) or _google_redirect(url) or _urldefense(url)
    if not inner:
        return None
    return unwrap_redirect(inner) or inner


def _safelink(url: str) -> str | None:
    parts = urlsplit(url.strip())
    if not (parts.hostname or "").endswith(".safelinks.protection.outlook.com"):
        return None
    return _query_value(parts.query, "url")


def _google_redirect(url: str) -> str | None:
    parts = urlsplit(url.strip())
    if not re.fullmatch(r"(?:www\.)?google(?:\.[a-z]{2,3}){1,2}", parts.hostname or ""):
        return None
    if parts.path != "/url":
        return None
    return _query_value(parts.query, "url") or _query_value(parts.query, "q")


def _query_value(query: str, name: str) -> str | None:
    values = parse_qs(query).get(name)
    return values[0] if values else None


_URLDEFENSE_V2 = re.compile(r"^https?://urldefense\.proofpoint\.com/v2/url\?")
_URLDEFENSE_V3 = re.compile(r"^https?://urldefense\.com/v3/__(?P<url>.+?)__;(?P<chars>[\w-]*)!")
_V3_TOKEN = re.compile(r"\*(\*.)?")
_V3_RUN_LENGTHS = {
    code: length
    for length, code in enumerate(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", start=2
    )
}
"""In v3, `**X` stands for a run of replaced characters whose length X encodes."""


def _urldefense(url: str) -> str | None:
    """Proofpoint's wrappers: v2 escapes the address, v3 moves some characters to the end.

    In v3 each `*` in the address stands for the next character of a base64 string
    after `__;`, and `**X` for a run of them.
    """
    url = url.strip()
    if _URLDEFENSE_V2.match(url):
        wrapped = _query_value(urlsplit(url).query, "u")
        return unquote(wrapped.replace("-", "%").replace("_", "/")) if wrapped else None
    match = _URLDEFENSE_V3.match(url)
    if not match:
        return None
    encoded = match["chars"]
    try:
        chars = iter(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode())
    except ValueError:
        return None

    def replace(token: re.Match[str]) -> str:
        length = _V3_RUN_LENGTHS.get(token[1][-1], 1) if token[1] else 1
        return "".join(next(chars, "") for _ in range(length))

    return _V3_TOKEN.sub(replace, unquote(match["url"]))
