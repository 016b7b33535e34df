"""The default Word form written from the prepared form, without python-docx.

Every draft must give the bytes python-docx gives for it (the cache off writes through
python-docx), wherever the two ways could part: relationship ids, comments, escaping,
properties; and a warm `drafter draft` to Word must not import python-docx at all.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from drafter import cache
from drafter.chars import xml_safe
from drafter.draft import GAP_BLOCK, CitedSource, Draft, FactUse, Paragraph
from drafter.export.docx import to_docx
from drafter.export.docx_body import Paragraph as DocxParagraph
from drafter.export.docx_body import escape_attribute, escape_text
from drafter.export.docx_prepared import form_package
from drafter.safexml import parse_xml
from tests.conftest import ROOT
from tests.export_fixtures import cybercrime_draft
from tests.hostile_text import drafts
from tests.property_checks import fewer_examples

ODD = "A & B < C > D \"q\" 'a' \u0085x\u2028y\u2029z\ttab\nnew\r\nline  "
"""Every character the writers escape or treat apart, and spaces to keep at the end."""
LINK = 'https://example.org/a?b=1&c=<2>&d="3"'


def python_docx_bytes(draft: Draft, author: str = "drafter") -> bytes:
    """The draft written through python-docx, as with the cache off."""
    with cache.caching_off():
        return to_docx(draft, author=author)


def fast_bytes(draft: Draft, author: str = "drafter") -> bytes:
    assert form_package() is not None, "the default form is not being taken from the cache"
    return to_docx(draft, author=author)


def gap(text: str, part: str = "1(b)") -> Paragraph:
    return Paragraph(text, block=GAP_BLOCK, parts=(part,))


SEED = cybercrime_draft()
ODD_FACT = FactUse(
    "odd.fact", "statistic", "odd-source", "abc", period=ODD, value=ODD, verified=False
)
ODD_SOURCE = CitedSource("odd-source", f"Title {ODD}", f"Publisher {ODD}", LINK, "2024-11")
DRAFTS = {
    "seed": SEED,
    "undated": replace(SEED, date=None),
    "no-sources": replace(SEED, sources=()),
    "no-comments": replace(SEED, paragraphs=tuple(replace(p, facts=()) for p in SEED.paragraphs)),
    "no-question": replace(SEED, question={}, background=()),
    "nothing-at-all": replace(
        SEED, question={}, paragraphs=(), sources=(), facts=(), background=(), template=""
    ),
    "gaps-with-links-at-both-ends": replace(
        SEED,
        paragraphs=(
            gap(f"[Lead]({LINK}) part 1(a) has *no* fact: <https://gap.example/end>", "1(a)"),
            *SEED.paragraphs,
            gap("", "2"),  # no runs: no comment, and no comments part before it
            gap("Part **3** as well\n\nwith a second block", "3"),
        ),
    ),
    "a-link-before-the-first-comment": replace(
        SEED,
        paragraphs=(
            Paragraph("See <https://first.example/> first.", block="intro"),
            Paragraph("The same link <https://first.example/> again.", block="again"),
            *SEED.paragraphs,
        ),
    ),
    "odd-characters-everywhere": replace(
        SEED,
        question={
            **SEED.question,
            "text": ODD * 3,
            "heading": ODD,
            "uin": "A&<1>",
            "answering_body": ODD,
            "grouped": [{"uin": "2&3", "text": ODD}, {"uin": "4"}],
        },
        template=f"template {ODD}",
        fact_base_digest="d&<>",
        paragraphs=(
            Paragraph(
                f"[start]({LINK}) mid _it_ **bold {ODD}** [end]({LINK})", facts=("odd.fact",)
            ),
            Paragraph(f" {ODD}", block="odd", facts=("odd.fact", "not.listed")),
            *SEED.paragraphs,
        ),
        background=(f"{ODD}\n\nsecond {ODD}",),
        facts=(*SEED.facts, ODD_FACT),
        sources=(ODD_SOURCE, replace(ODD_SOURCE, id="ftp", url="ftp://not.a.link/")),
    ),
    "long-properties": replace(
        SEED,
        question={**SEED.question, "heading": "word " * 80, "answering_body": "b" * 300},
        template="t" * 300,
    ),
}


@pytest.mark.parametrize("name", list(DRAFTS))
def test_the_prepared_form_gives_the_bytes_python_docx_gives(name: str) -> None:
    draft = DRAFTS[name]
    assert fast_bytes(draft) == python_docx_bytes(draft)


def test_an_author_with_odd_characters_gives_the_same_bytes_and_reads_back() -> None:
    author = 'Unit "A" & <B>\tC'
    data = fast_bytes(SEED, author)
    assert data == python_docx_bytes(SEED, author)
    assert {comment.author for comment in docx.Document(io.BytesIO(data)).comments} == {author}


def test_odd_characters_read_back_as_written() -> None:
    document = docx.Document(io.BytesIO(fast_bytes(DRAFTS["odd-characters-everywhere"])))
    # In the body a carriage return, like a newline, is a line break: python-docx reads "\n".
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert (ODD * 3).replace("\r", "\n") in texts
    assert document.core_properties.subject == ODD * 3
    [comment] = [c for c in document.comments if c.text.startswith("odd.fact")][:1]
    line = f"odd.fact — Title {ODD} (Publisher {ODD}), {ODD}: {ODD} [NOT VERIFIED]"
    assert comment.text == line.replace("\r", "\n")


@given(drafts())
@fewer_examples(4)
def test_hostile_drafts_give_the_bytes_python_docx_gives(draft: Draft) -> None:
    assert fast_bytes(draft) == python_docx_bytes(draft)


@given(st.text().map(xml_safe))
@example(ODD)
@example("]]> &#13; \U0001f600")
def test_text_is_escaped_as_lxml_escapes_it(text: str) -> None:
    element = etree.Element("a", b=text)
    element.text = text
    written = f'<a b="{escape_attribute(text)}">{escape_text(text)}</a>'
    assert etree.tostring(element, encoding="UTF-8") == written.encode()


@pytest.mark.parametrize("part", ["word/document.xml", "word/comments.xml"])
def test_the_body_and_comments_are_written_as_lxml_writes_them(part: str) -> None:
    """Both ways of writing share the text writer: lxml, which python-docx saves with, is
    its reference: parsed and written again, each part comes out the same."""
    with zipfile.ZipFile(io.BytesIO(fast_bytes(DRAFTS["odd-characters-everywhere"]))) as package:
        data = package.read(part)
    assert etree.tostring(parse_xml(data), encoding="UTF-8", standalone=True) == data


def test_text_with_spaces_at_either_end_keeps_them() -> None:
    paragraph = DocxParagraph("Style")
    paragraph.run(" lead")
    paragraph.run("trail\t")
    paragraph.run("none")
    assert paragraph.xml() == (
        '<w:p><w:pPr><w:pStyle w:val="Style"/></w:pPr>'
        '<w:r><w:t xml:space="preserve"> lead</w:t></w:r>'
        "<w:r><w:t>trail</w:t><w:tab/></w:r>"
        "<w:r><w:t>none</w:t></w:r></w:p>"
    )


def _without_a_part(entry: bytes) -> bytes:
    line, form = entry.split(b"\n", 1)
    facts = json.loads(line)
    del facts["parts"]["comments"]
    return json.dumps(facts).encode() + b"\n" + form


@pytest.mark.parametrize(
    "foreign",
    [
        lambda entry: b"not JSON\n" + entry,
        lambda entry: b'{"style_ids": [], "width": 1, "parts": {}}\n' + entry,
        lambda entry: entry.split(b"\n", 1)[0] + b"\nnot a zip",
        _without_a_part,
    ],
    ids=["not-json", "wrong-shape", "not-a-zip", "a-part-missing"],
)
def test_a_foreign_cache_entry_is_rebuilt(
    foreign: Callable[[bytes], bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    data = fast_bytes(SEED)
    folder = tmp_path / "drafter" / "docx"
    [entry] = folder.iterdir()
    kept = entry.read_bytes()
    cache.write_checked(folder, entry.name, foreign(cache.read_checked(folder, entry.name) or b""))
    assert fast_bytes(SEED) == data
    assert entry.read_bytes() == kept


_RUN_DRAFTER = """
import runpy, sys
sys.argv = ["drafter", *sys.argv[1:]]
try:
    runpy.run_module("drafter", run_name="__main__", alter_sys=True)
except SystemExit as stop:
    assert not stop.code, stop.code
print(sorted(name for name in ("docx", "lxml") if name in sys.modules))
"""


def test_a_draft_to_word_on_a_warm_cache_imports_no_python_docx(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "DRAFTER_NO_CACHE": ""}
    loaded = []
    for run in ("cold", "warm"):
        command = ["draft", "examples/37301.yaml", "--out", str(tmp_path / run), "--format", "docx"]
        result = subprocess.run(
            [sys.executable, "-c", _RUN_DRAFTER, *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        loaded.append(result.stdout.splitlines()[-1])
    assert loaded == ["['docx', 'lxml']", "[]"]
    cold, warm = (tmp_path / run / "37301.docx" for run in ("cold", "warm"))
    assert cold.read_bytes() == warm.read_bytes()
