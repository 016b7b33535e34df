"""Open Word files and parse XML that came from outside, safely.

A .docx is a zip of XML parts that anyone can hand-edit: a part may declare an external
entity (`<!ENTITY x SYSTEM "file:///etc/passwd">`) to copy a local file into our output,
and a small zip may inflate to gigabytes. Every parse of outside XML uses `PARSER` (no entity
resolution, no DTD, no network; lxml before 5.0 resolved entities by default, so the
parser says so explicitly), and every .docx we read is checked by `check_docx` first.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from drafter.errors import DrafterError, Location
from drafter.inputfile import check_regular

__all__ = ["MAX_DOCX_BYTES", "MAX_RATIO", "PARSER", "check_docx", "parse_xml"]

MAX_DOCX_BYTES = 200_000_000
"""The most a .docx may hold once unzipped; a long Word answer pack is a few megabytes."""
MAX_RATIO = 200
"""The most any part may inflate; XML compresses about 10 to 1, a zip bomb 1000 to 1."""

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def parse_xml(data: bytes) -> etree._Element:
    """Parse one XML part with `PARSER`: an entity is left unexpanded, a DTD is not fetched.

    Raises:
        etree.XMLSyntaxError: the bytes are not well-formed XML.
    """
    return etree.fromstring(data, PARSER)


def check_docx(path: Path, error: type[DrafterError] = DrafterError) -> None:
    """Refuse a file that is not a regular file or that would inflate past the limits.

    Raises:
        error: the file is missing or not a regular file, not a zip, or a decompression bomb.
    """
    check_regular(path, error)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise error("not a Word document (.docx): not a zip archive", Location(path)) from None
    total = sum(member.file_size for member in members)
    if total > MAX_DOCX_BYTES:
        raise error(
            f"Word document inflates to {total:,} bytes (limit {MAX_DOCX_BYTES:,})", Location(path)
        )
    for member in members:
        if member.file_size > MAX_RATIO * max(member.compress_size, 1_000):
            message = f"Word document part '{member.filename}' inflates suspiciously (a zip bomb?)"
            raise error(message, Location(path))
