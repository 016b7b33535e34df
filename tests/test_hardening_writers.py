"""Writers as the last line of defence: text XML cannot hold never crashes an export or a diff.

These drafts are built through the library, as a caller that bypasses intake would, holding
control characters from PDFs, a lone surrogate from a JSON escape and terminal escapes.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter.archive import find_answer, import_files, open_archive
from drafter.draft import CitedSource, Draft, FactUse, Paragraph, read_draft
from drafter.errors import ArchiveError
from drafter.export import FORMATS, render_draft
from drafter.review import FORMATS as DIFF_FORMATS
from drafter.review import diff_drafts, render_diff

HOSTILE = "Ca\x0bses\x01 rose\ud800 to 66\x1b[2J\x0c in\x9b31m 2024."
"""Vertical tab, U+0001, a lone surrogate, an escape sequence, form feed and a C1 CSI."""

DRAFT = Draft(
    question={"uin": "1\x02", "text": f"To ask, what {HOSTILE}", "heading": "H\udfff"},
    template="t\x00",
    paragraphs=(Paragraph(HOSTILE, "b", facts=("f",)), Paragraph("Second\x08 paragraph.")),
    facts=(FactUse("f", "statistic", "s", "d", "2024/25", "66\x07"),),
    sources=(CitedSource("s", "Title\x0c", "Home Office\ud83d", "https://a.example/x"),),
    background=("Note\x1f",),
)


def assert_valid_docx(payload: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(payload)) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))
    docx.Document(io.BytesIO(payload))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_writes_hostile_text(fmt: str) -> None:
    payload = render_draft(DRAFT, fmt, author="Ann\x01")
    if fmt == "docx":
        assert_valid_docx(payload)
        return
    text = payload.decode("utf-8")
    assert "Ca\nses rose\ufffd to 66" in text or "Ca ses rose\ufffd to 66" in text
    assert "\x01" not in text and "\x0b" not in text


def test_markdown_export_reads_back_as_the_cleaned_text(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_bytes(render_draft(DRAFT, "md"))
    assert read_draft(path).paragraphs[1].text == "Second paragraph."


def test_word_keeps_the_words_around_removed_characters() -> None:
    document = docx.Document(io.BytesIO(render_draft(DRAFT, "docx")))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Second paragraph." in texts


OTHER = Draft({}, "t", (Paragraph("Cases rose to 70 in 2024."),), path=Path("new\x1b]0;x\x07.md"))


@pytest.mark.parametrize("fmt", DIFF_FORMATS)
def test_every_diff_renderer_writes_hostile_text(fmt: str) -> None:
    payload = render_diff(diff_drafts(DRAFT, OTHER), fmt, author="A\ud800")
    if fmt == "docx":
        assert_valid_docx(payload)
        return
    text = payload.decode("utf-8")
    assert "\x01" not in text and "\ud800" not in text
    if fmt == "json":
        json.loads(text)


def test_terminal_diff_drops_escape_sequences_from_content() -> None:
    text = render_diff(diff_drafts(DRAFT, OTHER), "terminal").decode("utf-8")
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert "[-" in text and "{+" in text


def test_coloured_terminal_diff_keeps_only_its_own_escapes() -> None:
    text = render_diff(diff_drafts(DRAFT, OTHER), "terminal", color=True).decode("utf-8")
    assert "\x1b[2J" not in text and "\x1b]0;" not in text
    assert "\x1b[31m" in text  # drafter's own colour for deletions


def test_archive_import_stores_a_lone_surrogate_as_a_replacement(tmp_path: Path) -> None:
    record = {
        "uin": "901",
        "house": "Commons",
        "dateTabled": "2025-03-11T00:00:00",
        "questionText": "To ask, what \\ud800 happened\\u0001.",
        "heading": "Police",
    }
    dump = tmp_path / "dump.json"
    dump.write_text(json.dumps({"value": record}).replace("\\\\", "\\"), encoding="utf-8")
    with open_archive(tmp_path / "a.sqlite", create=True) as archive:
        import_files(archive, [dump])
    with open_archive(tmp_path / "a.sqlite") as archive:
        assert find_answer(archive, "901").question_text == "To ask, what \ufffd happened."


@pytest.mark.parametrize("shape", ["[" * 100_000, '{"a":' * 50_000])
def test_archive_import_of_json_nested_too_deeply_is_one_error(tmp_path: Path, shape: str) -> None:
    dump = tmp_path / "deep.json"
    dump.write_text(shape, encoding="utf-8")
    with open_archive(tmp_path / "a.sqlite", create=True) as archive:
        with pytest.raises(ArchiveError) as caught:
            import_files(archive, [dump])
    assert str(caught.value) == f"{dump}: invalid JSON: nested too deeply"
