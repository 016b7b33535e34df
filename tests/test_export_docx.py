"""The Word PQ form, read back with python-docx."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from drafter.errors import ExportError
from drafter.export import header_rows, render_draft
from drafter.export.docx import STYLE_NAMES, to_docx
from drafter.export.docx_xml import set_custom_properties
from drafter.output import zip_entries, zipped_files
from tests.conftest import Golden
from tests.export_fixtures import cybercrime_draft

CUSTOM_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


@pytest.fixture(scope="module")
def data() -> bytes:
    return render_draft(cybercrime_draft(), "docx")


@pytest.fixture(scope="module")
def document(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def custom_properties(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("docProps/custom.xml"))
    return {str(item.get("name")): str(item[0].text) for item in root.iter(f"{CUSTOM_NS}property")}


def comment_anchors(document: Document) -> dict[int, int]:
    """Comment id -> index of the body paragraph whose whole content the comment spans."""
    anchors = {}
    for index, paragraph in enumerate(document.element.body.iterchildren(qn("w:p"))):
        for start in paragraph.iterchildren(qn("w:commentRangeStart")):
            before = [e for e in start.itersiblings(preceding=True) if e.tag != qn("w:pPr")]
            end = paragraph.find(qn("w:commentRangeEnd"))
            after = [e for e in end.itersiblings() if e.find(f"{qn('w:commentReference')}") is None]
            assert (before, after) == ([], []), "the comment does not span the whole paragraph"
            anchors[int(start.get(qn("w:id")))] = index
    return anchors


def test_paragraphs_match_golden(document: Document, golden: Golden) -> None:
    pairs = [
        json.dumps([p.style.name if p.style else "", p.text], ensure_ascii=False)
        for p in document.paragraphs
    ]
    golden("export-37301.docx.json", "[\n" + ",\n".join(pairs) + "\n]\n")


def test_header_table(document: Document) -> None:
    table = document.tables[0]
    assert table.style is not None and table.style.name == "Table Grid"
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["UIN", "37301"],
        ["House", "Commons"],
        ["Asking member", "Bell Ribeiro-Addy"],
        ["Answering body", "Home Office"],
        ["Answering minister", "Dame Diana Johnson"],
        ["Date tabled", "11 March 2025"],
        ["Date for answer", "13 March 2025"],
        ["Named day", "No"],
        ["Heading", "Cybercrime"],
    ]
    labels = {row.cells[0].paragraphs[0].style.name for row in table.rows}
    assert labels == {"PQ Label"}


def test_clearance_rows_with_names_and_dates_to_fill(document: Document) -> None:
    table = document.tables[1]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Role", "Name", "Date"],
        ["Drafted by", "", ""],
        ["Policy lead", "", ""],
        ["Cleared by (Deputy Director)", "", ""],
        ["Minister's office", "", ""],
    ]
    assert [p.text for p in document.paragraphs].count("Clearance") == 1


def test_page_numbers_in_the_footer(document: Document) -> None:
    footer = document.sections[0].footer.paragraphs[0]
    fields = footer._p.findall(qn("w:fldSimple"))
    assert [field.get(qn("w:instr")) for field in fields] == [" PAGE ", " NUMPAGES "]
    assert "".join(footer._p.xpath(".//w:t/text()")) == "Page 1 of 1"
    assert footer.style is not None and footer.style.name == "PQ Page Number"


def test_a_question_without_a_minister_marks_the_row_to_complete() -> None:
    draft = replace(cybercrime_draft(), question={"uin": "1", "text": "To ask ..."})
    rows = header_rows(draft)
    assert ("Answering minister", "[to complete]") in rows


def test_a_grouped_answer_shows_every_grouped_questions_text() -> None:
    grouped = [
        {"uin": "90202", "date_tabled": "2025-11-03", "text": "To ask ..., how many officers."},
        {"uin": "90203", "date_tabled": "2025-11-03"},
    ]
    record = {**cybercrime_draft().question, "grouped": grouped}
    data = render_draft(replace(cybercrime_draft(), question=record), "docx")
    texts = [
        (p.style.name if p.style else "", p.text)
        for p in docx.Document(io.BytesIO(data)).paragraphs
    ]
    start = texts.index(("PQ Heading", "Question"))
    assert texts[start + 2 : start + 6] == [
        ("PQ Label", "Grouped question UIN 90202"),
        ("PQ Question", "To ask ..., how many officers."),
        ("PQ Label", "Grouped question UIN 90203"),
        ("PQ Question", "[to complete]"),
    ]


def test_links_are_real_hyperlinks(document: Document) -> None:
    links = [(link.url, link.text) for p in document.paragraphs for link in p.hyperlinks]
    barred = "https://www.college.police.uk/article/barred-list"
    assert links == [
        ("https://www.gov.uk/government/collections/police-misconduct-statistics",) * 2,
        ("https://www.gov.uk/government/statistics/police-misconduct-open-data-tables",) * 2,
        (barred, barred),
        (
            "https://hmicfrs.justiceinspectorates.gov.uk/publications/"
            "an-inspection-of-vetting-misconduct-and-misogyny-in-the-police-service/",
            "An inspection of vetting, misconduct, and misogyny in the police service",
        ),
        (
            "https://www.legislation.gov.uk/uksi/2020/4/made",
            "The Police (Conduct) Regulations 2020",
        ),
        ("https://www.college.police.uk/ethics/code-of-ethics", "Code of Ethics"),
        (
            "https://www.gov.uk/government/statistics/"
            "police-misconduct-england-and-wales-year-ending-31-march-2024",
            "Police misconduct, England and Wales: year ending 31 March 2024",
        ),
        (barred, "Latest barred list data released"),
    ]
    styles = {
        run.style.name for p in document.paragraphs for link in p.hyperlinks for run in link.runs
    }
    assert styles == {"Hyperlink"}


def test_a_comment_on_each_fact_bearing_paragraph(document: Document) -> None:
    anchors = comment_anchors(document)
    comments = [(anchors[c.comment_id], c.text, c.author, c.initials) for c in document.comments]
    assert [document.paragraphs[index].text[:24] for index, *_ in comments] == [
        "Auditing the use of poli",
        "Officers must meet the s",
        "Each year the Home Offic",
        "The Home Office does not",
    ]
    assert [(text, author, initials) for _, text, author, initials in comments] == [
        (
            "forces.system-auditing — An inspection of vetting, misconduct, and misogyny in the "
            "police service (HMICFRS)",
            "drafter",
            "DR",
        ),
        (
            "standards.confidentiality — The Police (Conduct) Regulations 2020 "
            "(legislation.gov.uk)\n"
            "code-of-ethics.data-access — Code of Ethics (College of Policing)",
            "drafter",
            "DR",
        ),
        (
            "misconduct.allegations-by-type — Police misconduct, England and Wales: year ending "
            "31 March 2024 (Home Office), year ending 31 March 2024: allegation types published "
            "[NOT VERIFIED]",
            "drafter",
            "DR",
        ),
        (
            "barred-list.unlawful-access — Latest barred list data released (College of Policing), "
            "2023/24: police officers 66; special constables 5; police staff 37",
            "drafter",
            "DR",
        ),
    ]


def test_comments_are_dated_by_the_draft_not_the_clock(document: Document) -> None:
    assert {c.timestamp for c in document.comments} == {datetime(2025, 3, 12, tzinfo=UTC)}


def test_comment_author_is_a_parameter() -> None:
    data = to_docx(cybercrime_draft(), author="Policing Unit")
    assert {c.author for c in docx.Document(io.BytesIO(data)).comments} == {"Policing Unit"}


def test_core_properties(document: Document) -> None:
    props = document.core_properties
    assert (props.title, props.author, props.last_modified_by, props.revision) == (
        "UIN 37301: Cybercrime",
        "drafter",
        "drafter",
        1,
    )
    assert props.subject == (
        "To ask the Secretary of State for the Home Department, what assessment her Department "
        "has made of whether there is a correlation between the (a) (i) roles and (ii) ranks of "
        "police personnel and (b) likelihood of committing cybercrimes; and what steps…"
    )
    assert props.keywords == "Cybercrime; Home Office; police-systems-misuse"
    assert props.created == props.modified == datetime(2025, 3, 12, tzinfo=UTC)


def test_an_undated_draft_gets_a_fixed_date_and_a_long_subject_is_cut() -> None:
    question = {**cybercrime_draft().question, "text": "word " * 100}
    data = to_docx(cybercrime_draft(date=None, question=question))
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.created == datetime(2000, 1, 1, tzinfo=UTC)
    assert len(props.subject) <= 255 and props.subject.endswith("word…")


def test_custom_properties(data: bytes) -> None:
    assert custom_properties(data) == {
        "UIN": "37301",
        "Template": "police-systems-misuse",
        "FactBaseDigest": "7d1e5a0c9b3f",
        "DrafterVersion": "0.1.0",
    }


def test_named_styles_are_in_the_document(document: Document) -> None:
    present = {style.name for style in document.styles}
    assert set(STYLE_NAMES) <= present
    assert document.styles["Normal"].font.name == "Arial"
    section = document.sections[0]
    size = (section.page_width, section.page_height)
    assert tuple(round(length.mm) for length in size if length) == (210, 297)


def test_two_renders_are_byte_identical(data: bytes) -> None:
    assert render_draft(cybercrime_draft(), "docx") == data


def test_zip_entries_carry_no_time_of_saving(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        entries = package.infolist()
    assert entries[0].filename == "[Content_Types].xml"
    assert {entry.date_time for entry in entries} == {(1980, 1, 1, 0, 0, 0)}


def test_parts_copied_from_a_zip_give_the_bytes_zipping_them_afresh_gives(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    copied = zipped_files(data, {"word/styles.xml", "docProps/app.xml", "missing.xml"})
    assert sorted(copied) == ["docProps/app.xml", "word/styles.xml"]
    assert zip_entries({**parts, **copied}) == zip_entries(parts) == data


def test_the_cached_form_and_a_form_built_afresh_give_the_same_bytes(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    assert render_draft(cybercrime_draft(), "docx") == data


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    """A department's template: its own fonts, a style of ours restyled, a header, a marking."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Georgia"
    custom = document.styles.add_style("Department Note", 1)
    custom.font.name = "Courier New"
    answer = document.styles.add_style("PQ Answer", 1)
    answer.font.size = Pt(14)
    document.sections[0].header.paragraphs[0].text = "OFFICIAL"
    document.add_paragraph("Placeholder that must go")
    set_custom_properties(document, {"Classification": "OFFICIAL"})
    path = tmp_path / "department.docx"
    document.save(str(path))
    return path


def test_reference_docx_keeps_its_styles_header_and_marking(reference: Path) -> None:
    data = render_draft(cybercrime_draft(), "docx", reference_docx=reference)
    document = docx.Document(io.BytesIO(data))
    assert document.styles["Normal"].font.name == "Georgia"
    assert document.styles["Department Note"].font.name == "Courier New"
    assert document.styles["PQ Answer"].font.size == Pt(14)
    assert set(STYLE_NAMES) <= {style.name for style in document.styles}
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL"
    assert "Placeholder that must go" not in [p.text for p in document.paragraphs]
    assert document.paragraphs[0].text == "Parliamentary Question: draft answer"
    assert custom_properties(data)["Classification"] == "OFFICIAL"
    assert custom_properties(data)["UIN"] == "37301"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip", "not a Word document (.docx): not a zip archive"),
        (None, "file not found"),
    ],
    ids=["not-a-docx", "missing"],
)
def test_unreadable_reference_docx(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "department.docx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ExportError) as caught:
        render_draft(cybercrime_draft(), "docx", reference_docx=path)
    assert str(caught.value) == f"{path}: {message}"
