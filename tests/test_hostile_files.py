"""Hostile and surprising files: every one ends in a one-line error or a warning, never a hang."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter.chars import clean, clean_data, terminal_safe, xml_safe
from drafter.errors import DrafterError, DraftError, ExportError, Location, QuestionError
from drafter.export import render_draft
from drafter.facts.load import check_fact_base
from drafter.inputfile import MAX_BYTES, read_text, read_text_checked
from drafter.intake import read_question
from drafter.review import read_side
from drafter.safexml import check_docx, parse_xml
from tests.conftest import ROOT
from tests.export_fixtures import cybercrime_draft

SECRET = "the-secret-in-a-local-file"
ENTITY = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{path}">]>'


# Character policy -------------------------------------------------------------------------


def test_clean_names_the_first_bad_character_and_counts_them() -> None:
    text, warnings = clean("ok\nab\x01c\x0bd\ud800", Location(Path("q.txt")))
    assert text == "ok\nabc\nd\ufffd"
    assert [str(w) for w in warnings] == [
        "q.txt:2:3: warning: replaced or removed 3 character(s) XML cannot hold, the first U+0001"
    ]


@pytest.mark.parametrize(
    "text",
    ["\u202eevil\u202c", "e\u0301\u0301\u0301", "\U0001f600", "x" * 10_000, "a\u0085b\u2028c"],
    ids=["bidi", "combining", "emoji", "long-word", "line-separators"],
)
def test_legal_characters_pass_through(text: str) -> None:
    assert clean(text, Location(Path("q.txt"))) == (text, [])


def test_json_strings_are_cleaned_keys_and_all() -> None:
    assert clean_data({"a\ud800": ["x\x01", 1, None]}) == ({"a\ufffd": ["x", 1, None]}, 2)


def test_terminal_safe_strips_escape_sequences_but_keeps_text() -> None:
    assert terminal_safe("red \x1b[31mtext\x1b]0;title\x07 \x9b2J\u0085ok\n") == (
        "red [31mtext]0;title 2J\u0085ok\n"
    )


def test_xml_safe_output_encodes() -> None:
    xml_safe("\ud800\udfff\x00").encode("utf-8")


# File-system surprises ---------------------------------------------------------------------


def surprise(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "input.yaml"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "broken-symlink":
        path.symlink_to(tmp_path / "gone.yaml")
    elif kind == "symlink-loop":
        path.symlink_to(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    return path


SURPRISES = {
    "folder": "expected a file, found a folder",
    "fifo": "expected a file, found a named pipe",
    "broken-symlink": "broken symlink",
    "symlink-loop": "symlink loop",
    "device": "expected a file, found a device",
}


@pytest.mark.parametrize(("kind", "message"), SURPRISES.items(), ids=list(SURPRISES))
def test_a_question_that_is_not_a_regular_file(tmp_path: Path, kind: str, message: str) -> None:
    path = surprise(tmp_path, kind)
    with pytest.raises(QuestionError) as caught:
        read_question(path)
    assert str(caught.value) == f"{path}: {message}"


@pytest.mark.parametrize(("kind", "message"), SURPRISES.items(), ids=list(SURPRISES))
def test_a_fact_file_that_is_not_a_regular_file(tmp_path: Path, kind: str, message: str) -> None:
    path = surprise(tmp_path, kind)
    _, problems = check_fact_base(tmp_path)
    assert f"{path}: error: {message}" in [str(problem) for problem in problems]


def test_too_large_a_file(tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_bytes(b"x" * (MAX_BYTES["question"] + 1))
    with pytest.raises(QuestionError, match="question file too large: 1,000,001 bytes"):
        read_question(path)


def test_invalid_utf8_in_a_fact_file_names_the_byte_offset(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_bytes(b"facts: []\n# caf\xe9\n")
    _, problems = check_fact_base(tmp_path)
    reason = "invalid continuation byte at byte offset 15"
    assert str(problems[0]) == f"{tmp_path / 'f.yaml'}: error: not UTF-8 text: {reason}"


def test_control_characters_in_a_fact_file_are_a_warning_with_the_place(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text("sources: []\nfacts: []\n# a\x0cb\n", encoding="utf-8")
    _, problems = check_fact_base(tmp_path)
    assert any(
        str(p).startswith(f"{tmp_path / 'f.yaml'}:3:4: warning: replaced or removed 1")
        for p in problems
    )


def test_read_text_checked_warns_and_read_text_cleans(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_bytes(b"\xef\xbb\xbfa\x01b")
    assert read_text(path, "draft") == "ab"
    assert len(read_text_checked(path, "draft")[1]) == 1


def test_billion_laughs_in_a_fact_file_is_an_error_not_a_hang(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]" for n in range(1, 30)]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = check_fact_base(tmp_path)
    assert "YAML expands to over 200,000 values (aliases?)" in problems[0].message
    assert problems[0].location.line is not None


@pytest.mark.parametrize(
    ("depth", "message"),
    [(100, "YAML nested over 60 levels"), (5000, "invalid YAML: exceeded maximum nesting depth")],
)
def test_deep_nesting_in_a_fact_file_is_an_error(tmp_path: Path, depth: int, message: str) -> None:
    (tmp_path / "deep.yaml").write_text("x: " + "[" * depth + "]" * depth, encoding="utf-8")
    _, problems = check_fact_base(tmp_path)
    assert message in problems[0].message
    assert problems[0].location.line == 1


def test_a_recursive_alias_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").write_text("x: &a [1, *a]\n", encoding="utf-8")
    _, problems = check_fact_base(tmp_path)
    assert "nested over 60 levels" in problems[0].message


def test_deeply_nested_json_question(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(QuestionError, match="nested too deeply"):
        read_question(path)


def test_lone_surrogate_in_api_json_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    source = (ROOT / "examples" / "37301.json").read_text(encoding="utf-8")
    path.write_text(source.replace("To ask", "To \\ud800ask", 1), encoding="utf-8")
    intake = read_question(path)
    assert "To \ufffdask" in intake.question.text
    assert "JSON escapes" in intake.warnings[0].message


# XML from outside: entities read nothing, zip bombs are refused --------------------------------


def test_the_parser_expands_no_entity_even_an_internal_one() -> None:
    # lxml before 5.0 resolved external entities by default and lxml 5 still expands internal
    # ones: a test that the parser is ours, whatever lxml is installed.
    root = parse_xml(b'<!DOCTYPE x [<!ENTITY a "expanded">]><x>&a;</x>')
    assert "expanded" not in etree.tostring(root, encoding="unicode").split("]>")[-1]


def rewrite_part(source: Path, target: Path, name: str, change: object) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == name:
                data = change(data)  # type: ignore[operator]
            new.writestr(item, data)
    return target


def hostile(tmp_path: Path, name: str, root_tag: bytes) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    plain = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("Hello &xxe;")
    document.core_properties.title = "t"
    document.save(str(plain))
    if name == "docProps/custom.xml":
        data = render_draft(cybercrime_draft(), "docx")
        plain.write_bytes(data)
    declaration = ENTITY.format(path=secret).encode()

    def change(data: bytes) -> bytes:
        head, _, rest = data.partition(b"?>")
        body = rest.replace(root_tag, root_tag + b"&xxe;", 1) if root_tag else rest
        return head + b"?>" + declaration + body

    return rewrite_part(plain, tmp_path / "hostile.docx", name, change)


@pytest.mark.parametrize(
    ("part", "tag"),
    [
        ("docProps/custom.xml", b"<vt:lpwstr>"),
        ("word/styles.xml", b""),
        ("word/document.xml", b"<w:t>"),
    ],
    ids=["custom-properties", "styles", "document"],
)
def test_a_reference_docx_with_an_external_entity_reads_nothing(
    tmp_path: Path, part: str, tag: bytes
) -> None:
    reference = hostile(tmp_path, part, tag)
    try:
        data = render_draft(cybercrime_draft(), "docx", reference_docx=reference)
    except ExportError:
        return  # refusing the file is as safe as ignoring the entity
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            assert SECRET.encode() not in package.read(name), name


def test_a_hand_edited_docx_with_an_external_entity_reads_nothing(tmp_path: Path) -> None:
    path = hostile(tmp_path, "word/document.xml", b"<w:t>")
    try:
        draft = read_side(path)
    except DraftError:
        return
    assert all(SECRET not in paragraph.text for paragraph in draft.paragraphs)


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"<a>" + b" " * 50_000_000 + b"</a>")
    with pytest.raises(DrafterError, match="inflates suspiciously"):
        check_docx(path)
    with pytest.raises(DraftError, match="inflates suspiciously"):
        read_side(path)
