"""`import_files`: every input shape, idempotence, full texts, drafts, and all-or-nothing errors.

tests/data/archive/: detail-14770.json and members-14770.json are real API responses copied
from ../shared/reference/parliament-api/; questions.jsonl and longform.jsonl were written for
these tests in the API's list and longform shapes.
"""

from __future__ import annotations

import json
import lzma
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from drafter.archive import ImportReport, find_answer, find_answers, import_files, open_archive
from drafter.archive.record import ArchivedAnswer
from drafter.draft import Draft, Paragraph, write_markdown
from drafter.errors import ArchiveError, DrafterError
from drafter.question import GroupedQuestion, Question, question_to_record

DATA = Path(__file__).parent / "data" / "archive"
DETAIL = DATA / "detail-14770.json"
QUESTIONS = DATA / "questions.jsonl"
LONGFORM = DATA / "longform.jsonl"


def values() -> list[dict[str, Any]]:
    return [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def import_into(db: Path, *paths: Path) -> ImportReport:
    with open_archive(db, create=True) as archive:
        return import_files(archive, list(paths))


def one(db: Path, uin: str, tabled: date | None = None) -> ArchivedAnswer:
    with open_archive(db) as archive:
        return find_answer(archive, uin, tabled)


def dump(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def import_error(db: Path, *paths: Path) -> str:
    with pytest.raises(DrafterError) as caught:
        import_into(db, *paths)
    return str(caught.value)


def test_a_detail_response_becomes_a_record(tmp_path: Path) -> None:
    import_into(tmp_path / "a.sqlite", DETAIL)
    answer = one(tmp_path / "a.sqlite", "14770")
    assert answer == ArchivedAnswer(
        uin="14770",
        house="Commons",
        date_tabled=date(2026, 7, 1),
        question_text="To ask the Secretary of State for the Home Department, whether there is an"
        " operation within her Department named ‘Operation Mosswood’.",
        heading="Home Office: Departmental Responsibilities",
        date_for_answer=date(2026, 7, 8),
        date_answered=date(2026, 7, 9),
        asking_member_id=185,
        answering_body="Home Office",
        answering_member_id=4641,
        answer_text=answer.answer_text,
        answer_html=json.loads(DETAIL.read_text(encoding="utf-8"))["value"]["answerText"],
        named_day=True,
        source=str(DETAIL),
        api_id=1922919,
    )
    assert answer.answer_text.startswith("For reasons of operational security, the Home Office")
    assert "<p>" not in answer.answer_text


@pytest.mark.parametrize(
    "shape",
    ["bare", "search", "dump"],
    ids=["bare-value", "search-envelope", "list-of-envelopes"],
)
def test_every_api_envelope_is_read(tmp_path: Path, shape: str) -> None:
    records = values()[:3]
    data: object = {
        "bare": records[0],
        "search": {"totalResults": 3, "results": [{"value": r, "links": []} for r in records]},
        "dump": [{"totalResults": 1, "results": [{"value": r}]} for r in records],
    }[shape]
    report = import_into(tmp_path / "a.sqlite", write_json(tmp_path / "in.json", data))
    assert (report.questions, report.added) == ((1, 1) if shape == "bare" else (3, 3))


def test_json_lines_compressed_with_xz_are_read(tmp_path: Path) -> None:
    packed = tmp_path / "questions.jsonl.xz"
    packed.write_bytes(lzma.compress(QUESTIONS.read_bytes()))
    report = import_into(tmp_path / "a.sqlite", packed)
    assert (report.files, report.questions, report.added, report.total) == (1, 8, 8, 8)


def test_grouped_questions_keep_their_dates(tmp_path: Path) -> None:
    import_into(tmp_path / "a.sqlite", QUESTIONS)
    assert one(tmp_path / "a.sqlite", "1008").grouped == (
        GroupedQuestion("1009", date(2024, 3, 4)),
    )


def test_a_members_api_item_gives_house_body_and_member_name(tmp_path: Path) -> None:
    import_into(tmp_path / "a.sqlite", DATA / "members-14770.json")
    answer = one(tmp_path / "a.sqlite", "14770")
    assert (answer.house, answer.answering_body, answer.answering_member) == (
        "Commons",
        "Home Office",
        "Alex Norris",
    )


def test_importing_the_same_questions_twice_keeps_one_record_each(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    import_into(db, QUESTIONS)
    before = dump(db)
    report = import_into(db, QUESTIONS)
    assert (report.added, report.updated, report.unchanged, report.total) == (0, 0, 8, 8)
    assert dump(db) == before


def test_a_uin_reused_in_a_new_parliament_is_a_second_record(tmp_path: Path) -> None:
    import_into(tmp_path / "a.sqlite", QUESTIONS)
    with open_archive(tmp_path / "a.sqlite") as archive:
        found = find_answers(archive, "1001")
    assert [answer.date_tabled for answer in found] == [date(2024, 3, 4), date(2025, 9, 2)]


@pytest.mark.parametrize("longform_first", [False, True], ids=["questions-first", "longform-first"])
def test_full_texts_replace_cut_ones_in_either_order(tmp_path: Path, longform_first: bool) -> None:
    db = tmp_path / "a.sqlite"
    report = import_into(db, *((LONGFORM, QUESTIONS) if longform_first else (QUESTIONS, LONGFORM)))
    answer = one(db, "1002")
    assert (report.full_texts, report.matched) == (2, 1)
    assert answer.answer_text.endswith("The revised guidance will be published in the spring.")
    assert answer.answer_html.startswith("<p>Every force must vet officers")


def test_full_texts_fill_questions_imported_earlier(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    import_into(db, QUESTIONS)
    report = import_into(db, LONGFORM)
    assert (report.full_texts, report.matched, report.updated) == (2, 1, 0)
    assert one(db, "1002").answer_text.endswith("published in the spring.")


def test_a_later_cut_copy_keeps_the_full_text(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    import_into(db, QUESTIONS, LONGFORM)
    report = import_into(db, QUESTIONS)
    assert report.unchanged == 8
    assert one(db, "1002").answer_text.endswith("published in the spring.")


def write_draft(path: Path, question: Question, answer: str = "Forces vet their officers.") -> Path:
    draft = Draft(question_to_record(question), "substantive", (Paragraph(answer),))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(write_markdown(draft), encoding="utf-8")
    return path


def test_a_folder_of_drafts_is_imported_and_notes_are_skipped(tmp_path: Path) -> None:
    question = Question(
        text="To ask the Secretary of State for the Home Department, how many were vetted.",
        uin="3001",
        date_tabled=date(2026, 7, 1),
        date_answered=date(2026, 7, 8),
        heading="Police: Vetting",
        minister="A Minister",
    )
    write_draft(tmp_path / "drafts" / "3001.md", question, "See <https://www.gov.uk/vetting>.")
    (tmp_path / "drafts" / "notes.md").write_text("Just notes.\n", encoding="utf-8")
    report = import_into(tmp_path / "a.sqlite", tmp_path / "drafts")
    answer = one(tmp_path / "a.sqlite", "3001")
    assert report.skipped == (tmp_path / "drafts" / "notes.md",)
    assert (
        answer.answer_text,
        answer.answering_member,
        answer.origin,
        answer.date_answered is not None,
    ) == (
        "See https://www.gov.uk/vetting.",
        "A Minister",
        "draft",
        True,
    )


def test_a_draft_without_a_uin_is_an_error(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "d.md", Question(text="To ask ...", date_tabled=date(2026, 7, 1)))
    assert import_error(tmp_path / "a.sqlite", path) == (
        f"{path}: question has no UIN: the archive needs its UIN and date tabled"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[\n{"uin": "1", "questionText": "Q", "dateTabled": "2024-01-01"},\n'
            '{"questionText": "Q"}\n]',
            "3:1: record 2: question has no 'uin'",
        ),
        (
            '{"results": [{"value": {"uin": "1", "dateTabled": "2024-01-01"}}]}',
            "1:1: result 1: question has no 'questionText'",
        ),
        (
            '[\n{"totalResults": 1, "results": [{"uin": "7"}]}\n]',
            "2:1: record 1, result 1: question has no 'questionText'",
        ),
        (
            '{"uin": "1", "questionText": "Q"}',
            "1:1: question has no date tabled: the archive needs its UIN and date tabled",
        ),
    ],
    ids=["list", "search-envelope", "dump", "no-date"],
)
def test_a_record_missing_a_field_is_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    assert import_error(tmp_path / "a.sqlite", path) == f"{path}:{message}"


def test_a_json_lines_record_missing_uin_names_its_line(tmp_path: Path) -> None:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"uin": "1003"', '"uin": null')
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert import_error(tmp_path / "a.sqlite", path) == f"{path}:3: question has no 'uin'"


def test_a_record_that_is_not_an_object_is_named(tmp_path: Path) -> None:
    path = write_json(tmp_path / "in.json", [values()[0], 42])
    assert import_error(tmp_path / "a.sqlite", path).endswith(
        ": record 2: expected a question object, found a number"
    )


def test_a_bad_date_is_named(tmp_path: Path) -> None:
    record = {**values()[0], "dateTabled": "last Tuesday"}
    path = write_json(tmp_path / "in.json", record)
    assert import_error(tmp_path / "a.sqlite", path) == (
        f"{path}:1:1: bad date 'last Tuesday' for 'dateTabled' (expected YYYY-MM-DD)"
    )


def test_a_bad_file_leaves_the_archive_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    import_into(db, DETAIL)
    before = dump(db)
    bad = tmp_path / "bad.json"
    bad.write_text("[\n" + json.dumps(values()[0]) + ",\n{oops}\n]", encoding="utf-8")
    assert import_error(db, QUESTIONS, LONGFORM, bad) == (
        f"{bad}:3:2: malformed JSON: Expecting property name enclosed in double quotes"
    )
    assert dump(db) == before


def test_a_failed_first_import_leaves_no_archive_file(tmp_path: Path) -> None:
    bad = write_json(tmp_path / "bad.json", [{"questionText": "Q"}])
    import_error(tmp_path / "a.sqlite", QUESTIONS, bad)
    assert not (tmp_path / "a.sqlite").exists()


def test_an_unknown_kind_of_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    path.write_text("uin\n1\n", encoding="utf-8")
    assert import_error(tmp_path / "a.sqlite", path) == (
        f"{path}: cannot import this kind of file (expected .json, .jsonl, .ndjson, .json.xz,"
        " .jsonl.xz, .ndjson.xz, .md or a folder)"
    )


def test_a_corrupt_xz_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.xz"
    path.write_bytes(b"not xz at all")
    assert import_error(tmp_path / "a.sqlite", path) == (
        f"{path}: cannot read: Input format not supported by decoder"
    )


def test_import_errors_are_archive_errors(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError):
        import_into(tmp_path / "a.sqlite", write_json(tmp_path / "x.json", {"uin": "1"}))


def test_import_reports_progress_every_thousand_records(tmp_path: Path) -> None:
    import json

    from drafter.archive import import_files, open_archive

    lines = [
        json.dumps(
            {
                "uin": str(number),
                "house": "Commons",
                "dateTabled": "2024-01-01T00:00:00",
                "questionText": f"To ask the Secretary of State, what about {number}.",
                "answeringBodyName": "Home Office",
            }
        )
        for number in range(1, 2501)
    ]
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[int] = []
    with open_archive(tmp_path / "a.sqlite", create=True) as archive:
        report = import_files(archive, [source], progress=seen.append)
    assert seen == [1000, 2000]
    assert report.total == 2500
