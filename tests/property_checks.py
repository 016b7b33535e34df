"""What a valid output is, checked the way its readers would: shared by the property tests."""

from __future__ import annotations

import functools
import io
import zipfile
from html.parser import HTMLParser

import docx
from hypothesis import settings
from lxml import etree

from drafter.facts.load import load_fact_base
from drafter.facts.model import FactBase
from drafter.render import TemplateSet, load_templates
from drafter.safexml import parse_xml
from tests.conftest import ROOT

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Balance(HTMLParser):
    """Every element that is opened is closed, in order (HTML5 void elements aside)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (self.open[-3:], tag)
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_text(data: bytes) -> str:
    """The page's text, after checking it is UTF-8, parses strictly and nests properly."""
    page = data.decode("utf-8")
    etree.fromstring(data, etree.HTMLParser(recover=False))
    checker = _Balance()
    checker.feed(page)
    checker.close()
    assert checker.open == [], checker.open
    return "".join(checker.text)


def docx_text(data: bytes) -> str:
    """The document's text, after checking Word's parts parse and python-docx can reopen it."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                parse_xml(package.read(name))
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def words_of(text: str) -> str:
    """Text with every run of whitespace as one space, for comparing what readers show."""
    return " ".join(text.split())


def fewer_examples(divisor: int) -> settings:
    """For a costly property: a share of the loaded profile's examples, at least five."""
    return settings(max_examples=max(5, settings().max_examples // divisor))


@functools.cache
def bundled() -> tuple[FactBase, TemplateSet]:
    """The project's own fact base and templates, loaded once for every property."""
    return load_fact_base(ROOT / "facts"), load_templates(ROOT / "templates")
