"""Word tracked changes: they open, accept to the new text, reject to the old; and the
reviewer's scenario (last year's draft, this year's, and a copy edited in Word)."""

import copy
import io
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter.draft import Draft, read_draft
from drafter.export.docx import to_docx
from drafter.export.text import plain_text
from drafter.output import zip_entries
from drafter.review import diff_drafts, read_side, render_diff
from drafter.review.tokens import tokenize

DATA = Path(__file__).parent / "data" / "review"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
WORD_REVISION = {W + "author": "A. Official", W + "date": "2025-03-12T10:00:00Z"}
EDITED = DATA / "37301-edited.docx"
ADDED = "The Home Office will write to the hon. Member with any further details."


def body_of(data: bytes) -> etree._Element:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    body = etree.fromstring(xml).find(W + "body")
    assert body is not None
    return body


def answer_paragraphs(body: etree._Element) -> list[etree._Element]:
    return [
        p for p in body.iter(W + "p") if p.find(f"{W}pPr/{W}pStyle[@{W}val='PQAnswer']") is not None
    ]


def resolve(data: bytes, *, accept: bool) -> list[str]:
    """The answer's paragraphs with every change accepted (or rejected), as Word does it."""
    gone = W + ("del" if accept else "ins")
    texts: list[str] = []
    pending = ""
    for paragraph in answer_paragraphs(body_of(data)):
        for text in paragraph.iter(W + "t", W + "delText"):
            if not any(parent.tag == gone for parent in text.iterancestors()):
                pending += text.text or ""
        if paragraph.find(f"{W}pPr/{W}rPr/{gone}") is None:
            texts.append(pending)
            pending = ""
    return texts


def shown(draft: Draft) -> list[str]:
    result = []
    for paragraph in draft.paragraphs:
        tokens = tokenize(plain_text(paragraph.text))
        result.append(
            "".join(
                (" " if s else "") + w for w, s in zip(tokens.words, tokens.spaced, strict=True)
            )
        )
    return result


def words(texts: list[str]) -> list[tuple[str, ...]]:
    return [tokenize(text).words for text in texts]


def edit_in_word(form: bytes) -> bytes:
    """A copy of drafter's Word form edited with Track Changes on: a word replaced, a phrase
    deleted and a paragraph added, each as Word records it."""
    archive = zipfile.ZipFile(io.BytesIO(form))
    root = etree.fromstring(archive.read("word/document.xml"))
    body = root.find(W + "body")
    assert body is not None
    answer = answer_paragraphs(body)
    ids = iter(range(900, 1000))
    _revise(answer[0], "each", "every", ids)
    _revise(answer[5], ", save in exceptional circumstances", None, ids)
    answer[-1].addnext(_added_paragraph(ADDED, ids))
    document = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return zip_entries(
        {
            name: document if name == "word/document.xml" else archive.read(name)
            for name in archive.namelist()
        }
    )


def _revise(paragraph: etree._Element, old: str, new: str | None, ids) -> None:
    text = next(t for t in paragraph.iter(W + "t") if old in (t.text or ""))
    run = text.getparent()
    assert run is not None and text.text is not None
    before, after = text.text.split(old, 1)
    text.text = before
    text.set(XML_SPACE, "preserve")
    pieces = [_wrapped(run, "del", old, ids)] + ([_wrapped(run, "ins", new, ids)] if new else [])
    pieces.append(_copy(run, "t", after))
    for piece in reversed(pieces):
        run.addnext(piece)


def _wrapped(run: etree._Element, kind: str, text: str, ids) -> etree._Element:
    wrapper = etree.Element(W + kind, {W + "id": str(next(ids)), **WORD_REVISION})
    wrapper.append(_copy(run, "delText" if kind == "del" else "t", text))
    return wrapper


def _copy(run: etree._Element, tag: str, text: str) -> etree._Element:
    duplicate = copy.deepcopy(run)
    new = etree.Element(W + tag, {XML_SPACE: "preserve"})
    new.text = text
    duplicate.replace(duplicate.find(W + "t"), new)  # type: ignore[arg-type]
    return duplicate


def _added_paragraph(text: str, ids) -> etree._Element:
    paragraph = etree.Element(W + "p")
    properties = etree.SubElement(paragraph, W + "pPr")
    etree.SubElement(properties, W + "pStyle", {W + "val": "PQAnswer"})
    mark = etree.SubElement(properties, W + "rPr")
    etree.SubElement(mark, W + "ins", {W + "id": str(next(ids)), **WORD_REVISION})
    inserted = etree.SubElement(paragraph, W + "ins", {W + "id": str(next(ids)), **WORD_REVISION})
    run = etree.SubElement(inserted, W + "r")
    etree.SubElement(run, W + "t").text = text
    return paragraph


@pytest.fixture(scope="module")
def old() -> Draft:
    return read_draft(DATA / "37301-2024.md")


@pytest.fixture(scope="module")
def new() -> Draft:
    return read_draft(DATA / "37301-2025.md")


@pytest.fixture(scope="module")
def edited() -> Draft:
    return read_side(EDITED)


def plain(draft: Draft) -> list[str]:
    """The draft's paragraphs as plain text, as the review compares them."""
    return [plain_text(p.text) for p in draft.paragraphs]


def expected_edit(draft: Draft) -> list[str]:
    texts = plain(draft)
    texts[0] = texts[0].replace("lies with each police", "lies with every police")
    texts[5] = texts[5].replace(", save in exceptional circumstances", "")
    return [*texts, ADDED]


def test_the_word_edited_fixture_reads_with_its_tracked_changes_accepted(
    new: Draft, edited: Draft
) -> None:
    assert plain(edited) == expected_edit(new)


def test_the_fixture_is_what_editing_drafters_form_gives(new: Draft, tmp_path: Path) -> None:
    path = tmp_path / "edited.docx"
    path.write_bytes(edit_in_word(to_docx(new)))
    assert plain(read_side(path)) == expected_edit(new)


@pytest.mark.parametrize(
    ("before", "after"),
    [("old", "new"), ("new", "edited"), ("old", "edited"), ("edited", "old")],
)
def test_accept_all_gives_the_new_text_and_reject_all_the_old(
    request: pytest.FixtureRequest, before: str, after: str
) -> None:
    a, b = request.getfixturevalue(before), request.getfixturevalue(after)
    data = render_diff(diff_drafts(a, b), "docx", author="Reviewer")
    assert resolve(data, accept=True) == shown(b)
    assert words(resolve(data, accept=False)) == words(shown(a))


def test_python_docx_opens_it_and_revisions_are_well_formed(old: Draft, edited: Draft) -> None:
    data = render_diff(diff_drafts(old, edited), "docx", author="Reviewer")
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.author == "Reviewer"
    revisions = list(body_of(data).iter(W + "ins", W + "del"))
    ids = Counter(revision.get(W + "id") for revision in revisions)
    assert len(revisions) > 5 and max(ids.values()) == 1
    assert {(r.get(W + "author"), r.get(W + "date")) for r in revisions} == {
        ("Reviewer", "2000-01-01T00:00:00Z")
    }
    assert all(r.find(f"{W}r/{W}t") is None for r in body_of(data).iter(W + "del"))


def test_whole_paragraphs_are_marked_on_the_paragraph_mark(new: Draft, edited: Draft) -> None:
    data = render_diff(diff_drafts(new, edited), "docx", author="Reviewer")
    marks = [p.find(f"{W}pPr/{W}rPr/{W}ins") is not None for p in answer_paragraphs(body_of(data))]
    assert marks == [False] * 6 + [True, False]


def test_reading_the_tracked_changes_back_gives_the_new_draft(
    old: Draft, edited: Draft, tmp_path: Path
) -> None:
    path = tmp_path / "review.docx"
    path.write_bytes(render_diff(diff_drafts(old, edited), "docx", author="Reviewer"))
    assert plain(read_side(path)) == plain(edited)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_it(old: Draft, edited: Draft, tmp_path: Path) -> None:
    path = tmp_path / "review.docx"
    path.write_bytes(render_diff(diff_drafts(old, edited), "docx", author="Reviewer"))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "review.pdf").read_bytes().startswith(b"%PDF")


def test_the_scenario_in_the_terminal(old: Draft, new: Draft, edited: Draft) -> None:
    update = render_diff(diff_drafts(old, new), "terminal").decode()
    assert (
        "  ~ barred-list.unlawful-access: police officers 66; special constables 5; police staff 37"
        " (2023/24) -> police officers 82 (2024/25)"
    ) in update
    assert "In [-2023/24-]{+2024/25+}, unlawful access" in update
    by_hand = render_diff(diff_drafts(new, edited), "terminal").decode()
    assert "has no provenance" in by_hand
    assert "lies with [-each-]{+every+} police force" in by_hand
    assert "gross misconduct[-, save in exceptional circumstances-]." in by_hand
    assert f"paragraph 8: inserted:\n{{+{ADDED}+}}" in by_hand
    both = render_diff(diff_drafts(old, edited), "terminal").decode()
    for change in (
        "{+2024/25+}",
        "[-66-]{+82+}",
        "[-each-]{+every+}",
        "[-, save in",
        f"{{+{ADDED}+}}",
    ):
        assert change in both


def test_the_scenario_in_a_browser(old: Draft, new: Draft, edited: Draft) -> None:
    update = render_diff(diff_drafts(old, new), "html").decode()
    assert "<td>barred-list.unlawful-access</td><td>changed</td>" in update
    assert "In <del>2023/24</del><ins>2024/25</ins>, unlawful access" in update
    by_hand = render_diff(diff_drafts(new, edited), "html").decode()
    assert "lies with <del>each</del><ins>every</ins> police force" in by_hand
    assert f"<ins>{ADDED}</ins>" in by_hand


def test_the_review_uses_the_pq_forms_styles_and_page(old: Draft, new: Draft) -> None:
    document = docx.Document(io.BytesIO(render_diff(diff_drafts(old, new), "docx", author="R")))
    styles = [p.style.name for p in document.paragraphs if p.style is not None]
    assert styles[0] == "PQ Title"
    assert {"PQ Heading", "PQ Answer", "PQ Footer"} <= set(styles)
    assert "Heading 1" not in styles
    footer = document.sections[0].footer.paragraphs[0]
    assert "".join(footer._p.xpath(".//w:t/text()")) == "Page 1 of 1"
