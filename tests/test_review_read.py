import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter.draft import Draft, read_draft, write_markdown
from drafter.errors import DraftError
from drafter.export.docx import to_docx
from drafter.export.text import plain_text
from drafter.review import read_side
from tests.conftest import ROOT

DATA = Path(__file__).parent / "data" / "review"
NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{NS}}}"


def word_file(path: Path, body: str) -> Path:
    """A .docx whose body is the given WordprocessingML paragraphs (prefix w:)."""
    document = docx.Document()
    section = document.element.body.find(W + "sectPr")
    for paragraph in etree.fromstring(f'<w:body xmlns:w="{NS}">{body}</w:body>'):
        section.addprevious(paragraph)
    document.save(str(path))
    return path


def run(text: str, tag: str = "t") -> str:
    return f'<w:r><w:{tag} xml:space="preserve">{text}</w:{tag}></w:r>'


REVISION = 'w:id="{}" w:author="An Official" w:date="2025-03-12T09:00:00Z"'


def test_docx_keeps_inserted_text_and_drops_deleted_text(tmp_path: Path) -> None:
    body = (
        "<w:p>"
        + run("Forces audit ")
        + f"<w:del {REVISION.format(1)}>{run('their', 'delText')}</w:del>"
        + f"<w:ins {REVISION.format(2)}>{run('all their')}</w:ins>"
        + run(" systems.")
        + "</w:p>"
    )
    draft = read_side(word_file(tmp_path / "edited.docx", body))
    assert [p.text for p in draft.paragraphs] == ["Forces audit all their systems."]
    assert not draft.has_provenance


def test_docx_paragraph_with_deleted_mark_runs_on(tmp_path: Path) -> None:
    body = (
        f"<w:p><w:pPr><w:rPr><w:del {REVISION.format(1)}/></w:rPr></w:pPr>{run('One.')}</w:p>"
        f"<w:p>{run(' Two.')}</w:p>"
    )
    draft = read_side(word_file(tmp_path / "joined.docx", body))
    assert [p.text for p in draft.paragraphs] == ["One. Two."]


def test_docx_tabs_breaks_links_and_moved_text(tmp_path: Path) -> None:
    body = (
        f"<w:p>{run('A')}<w:r><w:tab/></w:r>{run('B')}<w:r><w:br/></w:r>"
        f'<w:hyperlink r:id="x" xmlns:r="urn:r">{run("link")}</w:hyperlink>'
        f"<w:moveFrom {REVISION.format(1)}>{run('gone')}</w:moveFrom></w:p>"
        "<w:p/>"
    )
    draft = read_side(word_file(tmp_path / "mixed.docx", body))
    assert [p.text for p in draft.paragraphs] == ["A B link"]


def test_drafters_word_form_reads_back_as_its_answer(tmp_path: Path) -> None:
    draft = read_draft(DATA / "37301-2025.md")
    path = tmp_path / "37301.docx"
    path.write_bytes(to_docx(draft))
    assert [plain_text(p.text) for p in read_side(path).paragraphs] == [
        plain_text(p.text) for p in draft.paragraphs
    ]


def test_txt_splits_at_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("One line\nwrapped.\n\nTwo.\n", encoding="utf-8")
    assert [p.text for p in read_side(path).paragraphs] == ["One line wrapped.", "Two."]


def test_txt_without_blank_lines_has_a_paragraph_per_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("One.\nTwo.\n", encoding="utf-8")
    assert [p.text for p in read_side(path).paragraphs] == ["One.", "Two."]


def test_html_keeps_link_addresses_behind_their_text(tmp_path: Path) -> None:
    path = tmp_path / "answer.html"
    path.write_text(
        '<p>See <a href="https://x.example/r?url=y">https://y.example/</a>.</p>'
        "<p><br> Two &amp; three</p>"
        '<p> </p><p>At <a href="https://z.example/">https://z.example/</a></p>',
        encoding="utf-8",
    )
    assert [p.text for p in read_side(path).paragraphs] == [
        "See [https://y.example/](https://x.example/r?url=y).",
        "Two & three",
        "At <https://z.example/>",
    ]


def test_md_is_read_with_its_provenance() -> None:
    draft = read_side(DATA / "37301-2024.md")
    assert draft.template == "police-systems-misuse"
    assert len(draft.paragraphs) == 7


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("draft.docx", b"just text", "not a Word document (.docx): not a zip archive"),
        ("draft.docx", None, "not a Word document (.docx): no word/document.xml"),
        ("draft.pdf", b"%PDF-1.4", "cannot read '.pdf' files (use .md, .docx, .txt or .html)"),
        (
            "draft.txt",
            b"\xff\xfe\x00bad",
            "not UTF-8 text: invalid start byte at byte offset 0",
        ),
    ],
    ids=["not-zip", "zip-not-word", "unknown-suffix", "not-utf8"],
)
def test_unreadable_files_are_one_line_errors(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "not word")
    else:
        path.write_bytes(content)
    with pytest.raises(DraftError) as caught:
        read_side(path)
    assert str(caught.value) == f"{path}: {message}"


def test_a_docx_with_broken_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(DraftError, match=r"not a Word document \(\.docx\): "):
        read_side(path)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DraftError) as caught:
        read_side(tmp_path / "nope.md")
    assert str(caught.value) == f"{tmp_path / 'nope.md'}: no such file"


def test_corrupted_front_matter_names_the_line(tmp_path: Path) -> None:
    text = write_markdown(read_draft(DATA / "37301-2024.md")).replace(
        "template: police", "template: [police", 1
    )
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        read_side(path)
    assert (
        str(caught.value) == f"{path}:4: corrupted front matter: expected ',' or ']', but got ':'"
    )


def drafts_to_export() -> dict[str, Draft]:
    """A built draft, and the same draft with emphasis and with links in its first paragraph."""
    from datetime import date

    from drafter.build import build_draft
    from drafter.facts.load import load_fact_base
    from drafter.intake import load_question
    from drafter.render import load_templates

    question = load_question(ROOT / "examples" / "37301.yaml")
    base, templates = load_fact_base(ROOT / "facts"), load_templates(ROOT / "templates")
    made = build_draft(question, base, templates, today=date(2026, 11, 25))
    first = made.paragraphs[0]
    linked = "It is [held](https://x.org/) at <https://y.org/a_b> and [there](https://z.org/)."
    return {
        "plain": made,
        "emphasised": replace(made, paragraphs=(replace(first, text="It is *not* held."),)),
        "linked": replace(made, paragraphs=(replace(first, text=linked), *made.paragraphs[1:])),
    }


def changed_paragraphs(tmp_path: Path, name: str, draft: Draft, suffix: str) -> list[str]:
    """The paragraphs `diff` shows as changed between a draft and its export to `suffix`."""
    from drafter.export import export_draft
    from drafter.review import diff_drafts

    export_draft(draft, tmp_path / f"{name}.md")
    export_draft(draft, tmp_path / f"{name}{suffix}")
    diff = diff_drafts(read_side(tmp_path / f"{name}.md"), read_side(tmp_path / f"{name}{suffix}"))
    return [repr(paragraph) for paragraph in diff.paragraphs if paragraph.kind != "equal"]


def test_a_draft_and_its_word_export_have_the_same_words(tmp_path: Path) -> None:
    for name, draft in drafts_to_export().items():
        assert changed_paragraphs(tmp_path, name, draft, ".docx") == [], name


def test_a_draft_and_its_html_export_have_the_same_words(tmp_path: Path) -> None:
    for name, draft in drafts_to_export().items():
        assert changed_paragraphs(tmp_path, name, draft, ".html") == [], name
