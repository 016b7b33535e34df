"""Reading JSON and JSON Lines one record at a time, with each record's line and column.

A monthly dump is one big JSON list: its items are decoded one by one from a sliding
buffer (`json.JSONDecoder.raw_decode`), so memory holds one chunk and one item, never the
file. A top-level object (a detail or search response) is small and is decoded whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from drafter.errors import ArchiveError, Location

CHUNK_SIZE = 1 << 20
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
# What may give a character XML cannot hold (drafter.chars): a raw U+FFFE or U+FFFF, or an
# escape of a C0 control, a surrogate or those two. Raw control characters and surrogates are
# not valid JSON, so a text with none of these decodes to safe text. A surrogate pair or an
# escaped backslash before `b` or `f` matches too, which costs only a needless check.
_UNSAFE_ESCAPE = re.compile(
    "[\ufffe\uffff]"
    r"|\\(?:[bf]|u(?:00(?:0[0-8bBeEfF]|1[0-9a-fA-F])|[dD][89a-fA-F]|[fF]{3}[eEfF]))"
)


@dataclass(frozen=True)
class Item:
    """One top-level value: a list item, the whole document, or one JSON Lines line."""

    value: Any
    location: Location
    index: int | None = None
    """0-based position in the top-level list; None for a document that is not a list."""
    unsafe: bool = True
    """Whether its text holds an escape that may decode to a character XML cannot hold: only
    then need a reader apply drafter.chars' policy to the value (a walk over every string)."""


def iter_json(stream: TextIO, path: Path) -> Iterator[Item]:
    """Yield the items of a top-level JSON list, or the document itself if it is not a list.

    Raises:
        ArchiveError: malformed JSON, at its line and column.
    """
    reader = _Reader(stream, path)
    if reader.peek() != "[":
        location = reader.location()
        value, unsafe = reader.decode_rest()
        yield Item(value, location, unsafe=unsafe)
        return
    reader.skip(1)
    if reader.peek() == "]":
        reader.skip(1)
    else:
        yield from _items(reader)
    if reader.peek():
        raise reader.error("Extra data", reader.pos)


def iter_json_lines(stream: TextIO, path: Path) -> Iterator[Item]:
    """Yield one value per non-blank line.

    Raises:
        ArchiveError: a line that is not JSON, at its line and column.
    """
    for number, line in enumerate(stream, start=1):
        if line.isspace():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            location = Location(path, number, error.colno)
            raise ArchiveError(f"malformed JSON: {error.msg}", location) from None
        yield Item(value, Location(path, number), unsafe=bool(_UNSAFE_ESCAPE.search(line)))


def _items(reader: _Reader) -> Iterator[Item]:
    index = 0
    while True:
        reader.peek()
        location = reader.location()
        value, unsafe = reader.decode()
        yield Item(value, location, index, unsafe)
        index += 1
        separator = reader.peek()
        if separator == "]":
            reader.skip(1)
            return
        if separator != ",":
            raise reader.error("Expecting ',' delimiter", reader.pos)
        reader.skip(1)


class _Reader:
    """A window on the stream that knows the line and column of its read position."""

    def __init__(self, stream: TextIO, path: Path) -> None:
        self.stream = stream
        self.path = path
        self.text = ""
        self.pos = 0
        self.line = 1
        self.column = 1
        self.eof = False

    def peek(self) -> str:
        """The next character after white space, or '' at the end of the file."""
        while True:
            self._advance(_SPACE.match(self.text, self.pos).end())  # type: ignore[union-attr]
            if self.pos < len(self.text) or not self._fill():
                return self.text[self.pos : self.pos + 1]

    def skip(self, count: int) -> None:
        """Move past `count` characters already seen by `peek`."""
        self._advance(self.pos + count)

    def location(self) -> Location:
        """Where the next value starts (call after `peek`)."""
        return Location(self.path, self.line, self.column)

    def decode(self) -> tuple[Any, bool]:
        """The next value, reading more when it runs past the buffer; and whether it is unsafe.

        Unsafe: its text holds an escape that may decode to a character XML cannot hold.
        """
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                if self._fill():
                    continue
                raise self.error(error.msg, error.pos) from None
            # A number at the very end of the buffer may go on in the next chunk.
            if end < len(self.text) or not self._fill():
                unsafe = _UNSAFE_ESCAPE.search(self.text, self.pos, end) is not None
                self._advance(end)
                return value, unsafe

    def decode_rest(self) -> tuple[Any, bool]:
        """Decode everything left as one value (and whether it may hold unsafe escapes)."""
        while self._fill():
            pass
        decoded = self.decode()
        if self.peek():
            raise self.error("Extra data", self.pos)
        return decoded

    def error(self, message: str, pos: int) -> ArchiveError:
        """A malformed-JSON error at a buffer position at or after the read position."""
        newlines = self.text.count("\n", self.pos, pos)
        line = self.line + newlines
        column = (
            pos - self.text.rfind("\n", self.pos, pos) if newlines else self.column + pos - self.pos
        )
        return ArchiveError(f"malformed JSON: {message}", Location(self.path, line, column))

    def _advance(self, end: int) -> None:
        newlines = self.text.count("\n", self.pos, end)
        if newlines:
            self.line += newlines
            self.column = end - self.text.rfind("\n", self.pos, end)
        else:
            self.column += end - self.pos
        self.pos = end

    def _fill(self) -> bool:
        """Append the next chunk, dropping what has been read; False at the end of the file."""
        if self.eof:
            return False
        chunk = self.stream.read(CHUNK_SIZE)
        if not chunk:
            self.eof = True
            return False
        self.text = self.text[self.pos :] + chunk
        self.pos = 0
        return True
