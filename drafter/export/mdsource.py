"""What the exporters hand Python-Markdown: text it reads in linear time, or plain text.

For every `[` Python-Markdown scans the rest of the paragraph for the `]` and `(...)` of a
link, so a pasted run of brackets cost the square of its length (10,000 `[` took a minute):
every `[` that does not open a well-formed link is escaped, shown the same, never scanned
for. Each escape, emphasis or entity it finds also copies the rest of the paragraph, so a
paragraph with more such characters than any answer has is read as plain text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import markdown

__all__ = ["MARKUP_LIMIT", "markdown_source", "reused_converter", "too_much_markup"]

MARKUP_LIMIT = 5_000
"""Characters Markdown acts on (`[`, `*`, `_`, backslash...) that one paragraph may hold."""
_MARKUP = "[]*_`\\<&!"

_KEPT_OR_BRACKET = re.compile(
    r"""
    \\.                                 # an escape
  | `[^`\n]*`                           # a code span, where a backslash would show
  | <[^<>\s]*>                          # an autolink, where a backslash would show
  | \[[^\[\]\\\n]*\]                    # link text without brackets inside, then its address
    \((?:[^\s()\[\]<>\\]|\([^\s()\[\]<>\\]*\))*(?:\s+"[^"\n]*")?\)
  | (\[)                                # any other bracket: escaped
    """,
    re.VERBOSE,
)


def markdown_source(text: str) -> str:
    """The paragraph's Markdown with every `[` that opens no well-formed link escaped."""
    if "[" not in text:
        return text
    return _KEPT_OR_BRACKET.sub(lambda match: "\\[" if match[1] else match[0], text)


def too_much_markup(text: str) -> bool:
    """Whether the paragraph holds more than MARKUP_LIMIT characters Markdown acts on."""
    return sum(text.count(character) for character in _MARKUP) > MARKUP_LIMIT


_THREAD = threading.local()


def reused_converter(kind: str, make: Callable[[], markdown.Markdown]) -> markdown.Markdown:
    """This thread's converter of this kind (made by `make` the first time), reset for a text.

    Building a converter compiles its patterns anew, and a draft converts each paragraph;
    one per thread, as the workbench serves drafts from several threads.
    """
    converter: markdown.Markdown | None = getattr(_THREAD, kind, None)
    if converter is None:
        converter = make()
        setattr(_THREAD, kind, converter)
    return converter.reset()
