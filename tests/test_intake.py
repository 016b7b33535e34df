from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from drafter.errors import Location, QuestionError
from drafter.intake import (
    Intake,
    api_question_fields,
    load_question,
    question_from_api,
    question_from_record,
    question_from_text,
    read_question,
    read_questions,
)
from drafter.question import GroupedQuestion, QuestionPart, question_to_record
from tests.conftest import WriteTree

QUESTIONS = Path(__file__).parent / "data" / "questions"
NOT_A_QUESTION = (
    ": not a written question: expected a written questions API response ('value' or "
    "'results'), an API question object ('questionText') or a question record ('text')"
)
KNOWN_KEYS = (
    "text, uin, house, asking_member, asking_member_id, answering_body, heading, date_tabled, "
    "date_for_answer, named_day, grouped, answer_text, answer_html, date_answered, "
    "answering_member, is_holding, date_holding_answer, is_correction, date_answer_corrected, "
    "original_answer_text, minister, policy_minister, internal_deadline, transferred_from, "
    "transferred_to"
)
SEED_TEXT = (
    "To ask the Secretary of State for the Home Department, what assessment her Department has "
    "made of whether there is a correlation between the (a) (i) roles and (ii) ranks of police "
    "personnel and (b) likelihood of committing cybercrimes; and what steps her Department is "
    "taking to help mitigate identified risks."
)


def api_value(name: str) -> dict[str, object]:
    value: dict[str, object] = json.loads((QUESTIONS / name).read_text(encoding="utf-8"))["value"]
    return value


def error_text(path: Path) -> str:
    with pytest.raises(QuestionError) as caught:
        load_question(path)
    return str(caught.value)


# The seed question in both forms.


def test_seed_question_file_and_api_response_give_equal_questions() -> None:
    assert load_question(QUESTIONS / "37301.yaml") == load_question(QUESTIONS / "37301.json")


def test_seed_question_fields() -> None:
    question = load_question(QUESTIONS / "37301.json")
    assert (
        question.uin,
        question.house,
        question.asking_member,
        question.asking_member_id,
        question.answering_body,
        question.heading,
        question.date_tabled,
        question.date_answered,
        question.answering_member,
        question.text,
    ) == (
        "37301",
        "Commons",
        "Bell Ribeiro-Addy",
        4764,
        "Home Office",
        "Cybercrime",
        date(2025, 3, 11),
        date(2025, 3, 20),
        "Dame Diana Johnson",
        SEED_TEXT,
    )


def test_seed_question_is_split_into_parts() -> None:
    question = load_question(QUESTIONS / "37301.yaml")
    assert [part.label for part in question.parts] == ["1(a)(i)", "1(a)(ii)", "1(b)", "2"]


def test_seed_answer_keeps_html_and_gives_plain_text() -> None:
    question = load_question(QUESTIONS / "37301.json")
    assert question.answer_html.startswith("<p>Each police force is responsible for auditing")
    assert "safelinks" in question.answer_html
    assert question.answer_text.startswith("Each police force is responsible for auditing")
    assert "safelinks" not in question.answer_text
    assert "official" not in question.answer_text


def test_question_record_round_trips(tmp_path: Path) -> None:
    question = load_question(QUESTIONS / "37301.json")
    path = tmp_path / "q.yaml"
    path.write_text(yaml.safe_dump(question_to_record(question)), encoding="utf-8")
    assert load_question(path) == question


# Real API samples.


def test_holding_answer_sample() -> None:
    question = load_question(QUESTIONS / "holding-12042.json")
    assert (question.is_holding, question.date_holding_answer, question.named_day) == (
        True,
        date(2026, 7, 1),
        True,
    )
    assert [part.label for part in question.parts] == [
        "1(a)",
        "1(b)(i)",
        "1(b)(ii)",
        "1(b)(iii)",
        "1(b)(iv)",
        "1(b)(v)",
        "1(b)(vi)",
    ]


def test_unanswered_sample_has_no_answer() -> None:
    question = load_question(QUESTIONS / "unanswered-12037.json")
    assert (question.answer_text, question.answer_html, question.date_answered) == ("", "", None)
    assert (question.is_holding, question.is_correction) == (False, False)


def test_grouped_sample_keeps_its_group_with_dates() -> None:
    question = load_question(QUESTIONS / "grouped-4757.json")
    assert question.grouped == (GroupedQuestion("4756", date(2024, 9, 9)),)


def test_links_sample_gives_links_in_brackets() -> None:
    question = load_question(QUESTIONS / "links-6317.json")
    assert question.answer_text.endswith(
        "Operation of police powers under TACT 2000, to December 2025 - GOV.UK. "
        "(https://www.gov.uk/government/statistics/"
        "operation-of-police-powers-under-tact-2000-to-december-2025)"
    )


def test_lords_question_keeps_its_uin() -> None:
    question = load_question(QUESTIONS / "lords-HL2522.json")
    assert (question.uin, question.house, question.member_form) == ("HL2522", "Lords", "noble Lord")
    assert question.parts[0] == QuestionPart(
        "1(a)",
        "the Police National Computer",
        "what assessment they have made of the auditing of police access to",
    )


def test_members_api_item_maps_its_own_shapes() -> None:
    question = load_question(QUESTIONS / "members-index-6317.json")
    assert (question.house, question.answering_body, question.answering_member) == (
        "Commons",
        "Home Office",
        "Dan Jarvis",
    )


def test_bare_value_object_is_read(tmp_path: Path) -> None:
    path = tmp_path / "value.json"
    path.write_text(json.dumps(api_value("holding-12042.json")), encoding="utf-8")
    assert load_question(path) == load_question(QUESTIONS / "holding-12042.json")


def test_json_is_recognised_by_content(tmp_path: Path) -> None:
    path = tmp_path / "question"
    path.write_text((QUESTIONS / "links-6317.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_question(path).uin == "6317"


def test_question_from_api_reads_a_value_object() -> None:
    question = question_from_api(api_value("links-6317.json"), Location(Path("corpus.jsonl"), 7))
    assert question == load_question(QUESTIONS / "links-6317.json")


# List responses.


def write_results(tmp_path: Path, *names: str) -> Path:
    results = [json.loads((QUESTIONS / name).read_text(encoding="utf-8")) for name in names]
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"totalResults": len(results), "results": results}), "utf-8")
    return path


def test_list_response_gives_every_question(tmp_path: Path) -> None:
    path = write_results(tmp_path, "links-6317.json", "holding-12042.json")
    assert [intake.question.uin for intake in read_questions(path)] == [
        "6317",
        "12042",
    ]


def test_load_question_wants_exactly_one(tmp_path: Path) -> None:
    path = write_results(tmp_path, "links-6317.json", "holding-12042.json")
    assert error_text(path) == f"{path}: expected one question, found 2"


def test_empty_list_response_has_no_question(tmp_path: Path) -> None:
    path = write_results(tmp_path)
    assert error_text(path) == f"{path}: expected one question, found 0"


# Warnings.


def test_answer_cut_short_by_a_list_response_is_warned_about() -> None:
    intake = read_question(QUESTIONS / "grouped-4757.json")
    assert [str(problem) for problem in intake.warnings] == [
        f"{QUESTIONS / 'grouped-4757.json'}: warning: question 4757: the answer text looks cut "
        "short; get it in full from "
        "https://questions-statements.parliament.uk/written-questions/detail/2024-09-09/4757"
    ]


def test_question_text_cut_at_255_characters_is_warned_about() -> None:
    intake = read_question(QUESTIONS / "members-index-12037.json")
    assert [problem.message for problem in intake.warnings] == [
        "question 12037: the question text looks cut short; get it in full from "
        "https://questions-statements.parliament.uk/written-questions/detail/2026-06-23/12037"
    ]


def test_full_detail_response_has_no_warnings() -> None:
    assert read_question(QUESTIONS / "37301.json").warnings == ()


def test_plain_text_ending_in_dots_is_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_text("To ask the Home Secretary, how many officers were ...", encoding="utf-8")
    intake = read_question(path)
    assert [str(problem) for problem in intake.warnings] == [
        f"{path}: warning: question: the question text looks cut short; get it in full from "
        "the written questions API detail endpoint"
    ]


def test_read_questions_returns_intakes(tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    assert read_questions(path) == [Intake(question_from_text(SEED_TEXT))]


# Plain text.


def test_text_file_gives_a_question_with_parts(tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_text(SEED_TEXT.replace(" and (b)", "\n  and (b)"), encoding="utf-8")
    question = load_question(path)
    assert (question.text, len(question.parts), question.uin) == (SEED_TEXT, 4, "")


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(SEED_TEXT + "\n"))
    assert load_question(Path("-")) == question_from_text(SEED_TEXT)


def test_dash_recognises_json_on_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (QUESTIONS / "links-6317.json").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert load_question(Path("-")).uin == "6317"


def test_dash_recognises_a_question_file_on_standard_input(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "# from the clipboard\n---\nuin: '37301'\ntext: To ask X, what.\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert load_question(Path("-")).uin == "37301"


def test_curly_quotes_are_kept_and_entities_decoded() -> None:
    question = question_from_text(
        "To ask the Home Secretary, whether ‘Operation Mosswood’ covers "
        "Fire &amp; Rescue “services”."
    )
    assert question.parts == (
        QuestionPart("1", "whether ‘Operation Mosswood’ covers Fire & Rescue “services”"),
    )


def test_api_question_text_entities_are_decoded(tmp_path: Path) -> None:
    value = api_value("links-6317.json") | {
        "questionText": "To ask X, whether A &amp; B\u00a0exist."
    }
    path = tmp_path / "q.json"
    path.write_text(json.dumps({"value": value}), encoding="utf-8")
    assert load_question(path).text == "To ask X, whether A & B exist."


# Question files.


def test_question_file_with_few_fields(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "q.yaml": """
                uin: 37301
                house: Lords
                date_tabled: '2025-03-11'
                named_day: true
                grouped: [{uin: '37300', date_tabled: 2025-03-11}, {uin: '37302'}]
                heading: null
                text: To ask His Majesty's Government what they are doing.
            """
        }
    )
    question = load_question(root / "q.yaml")
    assert (question.uin, question.house, question.date_tabled, question.named_day) == (
        "37301",
        "Lords",
        date(2025, 3, 11),
        True,
    )
    assert question.grouped == (
        GroupedQuestion("37300", date(2025, 3, 11)),
        GroupedQuestion("37302"),
    )
    assert question.parts == (QuestionPart("1", "what they are doing"),)


def test_question_file_may_hold_a_list(write_tree: WriteTree) -> None:
    root = write_tree({"qs.yaml": "- text: To ask X, what one.\n- text: To ask X, what two.\n"})
    assert [intake.question.text for intake in read_questions(root / "qs.yaml")] == [
        "To ask X, what one.",
        "To ask X, what two.",
    ]


def test_question_from_record_reads_draft_front_matter() -> None:
    record = {"uin": "37301", "text": SEED_TEXT, "date_tabled": "2025-03-11"}
    question = question_from_record(record, Location(Path("draft.md"), 2))
    assert (question.uin, question.date_tabled, len(question.parts)) == (
        "37301",
        date(2025, 3, 11),
        4,
    )


# Errors: one line each, naming the file and, where known, the line.


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (
            "text: To ask X, what.\ndate_tabeled: 2025-03-11\n",
            ":2: unknown key 'date_tabeled' (did you mean 'date_tabled'?)",
        ),
        (
            "text: To ask X, what.\nzzzz: []\n",
            f":2: unknown key 'zzzz' (known keys: {KNOWN_KEYS})",
        ),
        ("uin: '1'\nheading: x\n", ":1: question has no 'text'"),
        ("uin: '1'\ntext: '  '\n", ":2: question has no text ('text' is empty)"),
        ("uin: '1'\ntext:\n", ":2: question has no text ('text' is empty)"),
        (
            "text: To ask X, what.\ndate_tabled: 2025-02-30\n",
            ":2: bad date '2025-02-30' for 'date_tabled' (expected YYYY-MM-DD)",
        ),
        (
            "text: To ask X, what.\ndate_answered: 11 March 2025\n",
            ":2: bad date '11 March 2025' for 'date_answered' (expected YYYY-MM-DD)",
        ),
        (
            "text: To ask X, what.\nhouse: Senate\n",
            ":2: unknown house 'Senate' for 'house' (expected Commons or Lords)",
        ),
        (
            "text: To ask X, what.\nnamed_day: maybe\n",
            ":2: 'named_day' must be true or false, not 'maybe'",
        ),
        (
            "text: To ask X, what.\nasking_member_id: '4764a'\n",
            ":2: 'asking_member_id' must be a whole number, not '4764a'",
        ),
        ("text: [To ask X]\n", ":1: 'text' must be text, not ['To ask X']"),
        (
            "text: To ask X, what.\ngrouped: '37300'\n",
            ":2: 'grouped' must be a list of {uin, date_tabled, text}",
        ),
        (
            "text: To ask X, what.\ngrouped: [{id: 1}]\n",
            ":2: 'grouped' must be a list of {uin, date_tabled, text}, not {'id': 1}",
        ),
        (
            "text: To ask X, what.\nuin: '1'\nuin: '2'\n",
            ":3:1: duplicate key 'uin' (first given at line 2)",
        ),
        (
            "text: To ask X, what.\nheading: [unclosed\n",
            ":3:1: invalid YAML: did not find expected ',' or ']'",
        ),
        (
            "text: To ask X: what.\n",
            ":1:15: invalid YAML: mapping values are not allowed in this context",
        ),
        (
            "- To ask X, what.\n",
            NOT_A_QUESTION,
        ),
    ],
    ids=[
        "unknown-key",
        "unknown-key-no-match",
        "no-text",
        "blank-text",
        "null-text",
        "bad-date",
        "date-in-words",
        "bad-house",
        "bad-flag",
        "bad-number",
        "text-not-text",
        "grouped-not-list",
        "grouped-bad-item",
        "duplicate-key",
        "yaml-unclosed",
        "yaml-mapping",
        "yaml-list-of-text",
    ],
)
def test_question_file_error(write_tree: WriteTree, yaml_text: str, message: str) -> None:
    root = write_tree({"q.yaml": yaml_text})
    assert error_text(root / "q.yaml") == f"{root / 'q.yaml'}{message}"


@pytest.mark.parametrize(
    ("json_text", "message"),
    [
        (
            '{"value": {"uin": "1",}}',
            ":1:23: invalid JSON: Expecting property name enclosed in double quotes",
        ),
        ('{\n  "value": \n}', ":3:1: invalid JSON: Expecting value"),
        (
            '{"records": []}',
            NOT_A_QUESTION,
        ),
        (
            "[1, 2]",
            NOT_A_QUESTION,
        ),
        ('{"value": {"questionText": "To ask X, what."}}', ": question has no 'uin'"),
        ('{"value": {"uin": "1", "questionText": null}}', ": question has no 'questionText'"),
        (
            '{"results": [{"value": {"uin": "1", "questionText": "To ask X, what."}}, '
            '{"value": {"uin": "2"}}]}',
            ": results[1] has no 'questionText'",
        ),
        (
            '{"value": {"uin": "1", "questionText": "To ask X, what.", '
            '"dateTabled": "11/03/2025"}}',
            ": bad date '11/03/2025' for 'dateTabled' (expected YYYY-MM-DD)",
        ),
        (
            '{"value": {"uin": "1", "questionText": "To ask X, what.", "house": 3}}',
            ": unknown house 3 for 'house' (expected Commons or Lords)",
        ),
        (
            '{"value": {"uin": "1", "questionText": "To ask X, what.", "isNamedDay": "yes"}}',
            ": 'isNamedDay' must be true or false, not 'yes'",
        ),
    ],
    ids=[
        "trailing-comma",
        "no-value",
        "other-json",
        "list-of-numbers",
        "no-uin",
        "null-question-text",
        "result-without-text",
        "bad-date",
        "bad-house",
        "bad-flag",
    ],
)
def test_json_error(tmp_path: Path, json_text: str, message: str) -> None:
    path = tmp_path / "q.json"
    path.write_text(json_text, encoding="utf-8")
    assert error_text(path) == f"{path}{message}"


def test_missing_file(tmp_path: Path) -> None:
    assert error_text(tmp_path / "nope.yaml") == f"{tmp_path / 'nope.yaml'}: file not found"


def test_directory_is_not_readable(tmp_path: Path) -> None:
    assert error_text(tmp_path) == f"{tmp_path}: expected a file, found a folder"


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_bytes(b"To ask \xff the Home Secretary")
    assert error_text(path) == f"{path}: not UTF-8 text: invalid start byte at byte offset 7"


def test_empty_text_file(tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_text("\n  \n", encoding="utf-8")
    assert error_text(path) == f"{path}: question has no text"


def test_empty_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert error_text(Path("-")) == "<stdin>: question has no text"


def test_question_from_text_names_its_origin() -> None:
    with pytest.raises(QuestionError, match="^<text>: question has no text$"):
        question_from_text("")


@pytest.mark.parametrize(
    "name",
    sorted(path.name for path in QUESTIONS.glob("*.json") if "index" not in path.name),
)
def test_api_question_fields_are_the_questions_fields(name: str) -> None:
    # The archive builds its records from these fields: they must be the question's own.
    location = Location(QUESTIONS / name)
    question = vars(question_from_api(api_value(name), location))
    fields = api_question_fields(api_value(name), location)
    assert question.pop("parts")
    assert fields == question
