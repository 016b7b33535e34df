"""Search with FTS5 and filters, safe query quoting, lookup by UIN, and related earlier answers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest

from drafter.archive import (
    Archive,
    ArchivedAnswer,
    SearchFilters,
    SearchHit,
    find_answer,
    import_files,
    open_archive,
    related,
    search,
)
from drafter.archive.search import match_expression
from drafter.errors import ArchiveError
from drafter.question import Question

DATA = Path(__file__).parent / "data" / "archive"
FAILED_VETTING = (
    "To ask the Secretary of State for the Home Department, how many police officers failed"
    " vetting checks in 2023."
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    path = tmp_path_factory.mktemp("archive") / "a.sqlite"
    with open_archive(path, create=True) as opened:
        import_files(opened, [DATA / "questions.jsonl", DATA / "members-14770.json"])
        yield opened


def uins(found: Sequence[SearchHit | ArchivedAnswer]) -> list[str]:
    return [(item.answer if isinstance(item, SearchHit) else item).uin for item in found]


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("police vetting", '"police" "vetting"'),
        ('"police vetting" transferees', '"police vetting" "transferees"'),
        ("NOT AND OR NEAR", '"NEAR"'),
        ("misuse of police systems", '"misuse" "police" "systems"'),
        ('"misuse of police systems"', '"misuse of police systems"'),
        ("of the", '"of" "the"'),
        ("e-mail", '"e mail"'),
        ("vet*", '"vet"'),
        ("heading:police ^x (y)", '"heading police" "x" "y"'),
        ('"unfinished phrase', '"unfinished" "phrase"'),
    ],
    ids=[
        "words",
        "phrase",
        "operators",
        "stop-words",
        "quoted-stop-words",
        "only-stop-words",
        "hyphen",
        "star",
        "syntax",
        "open-quote",
    ],
)
def test_free_text_becomes_a_safe_fts_query(query: str, expression: str) -> None:
    assert match_expression(query) == expression


@pytest.mark.parametrize("query", ["", "  ", "*** ---"], ids=["empty", "blank", "punctuation"])
def test_a_query_without_words_is_refused(query: str) -> None:
    with pytest.raises(ArchiveError, match="nothing to search for"):
        match_expression(query)


def test_every_word_must_match_and_the_best_come_first(archive: Archive) -> None:
    assert uins(search(archive, "vetting officers")) == ["HL201", "1001", "1004", "1002"]


def test_punctuation_in_a_query_cannot_break_the_search(archive: Archive) -> None:
    assert uins(search(archive, 'vetting" OR "pension')) == []


def test_a_snippet_marks_the_matched_words(archive: Archive) -> None:
    assert search(archive, "housing benefit")[0].snippet == (
        "The Department is writing to households that receive **Housing** **Benefit**"
        " and may be entitled to Pension Credit."
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(body="home OFFICE"), ["1001", "1002", "1004", "1005", "1008", "HL201"]),
        (SearchFilters(house="Lords"), ["HL201"]),
        (SearchFilters(member="202"), []),
        (SearchFilters(member="101"), ["1001", "1002", "1004", "1005", "1008"]),
        (SearchFilters(member="norris"), []),
        (SearchFilters(since=date(2024, 5, 1)), ["1004", "1005"]),
        (SearchFilters(until=date(2024, 3, 4)), ["1001", "1008"]),
        (SearchFilters(body="100%_"), []),
    ],
    ids=[
        "body",
        "house",
        "answering-member-id",
        "asking-member-id",
        "name",
        "since",
        "until",
        "like-escape",
    ],
)
def test_filters_narrow_the_hits(
    archive: Archive, filters: SearchFilters, expected: list[str]
) -> None:
    assert sorted(uins(search(archive, "police officers", filters))) == expected


def test_a_member_name_matches_the_answering_member(archive: Archive) -> None:
    assert uins(search(archive, "operation", SearchFilters(member="norris"))) == ["14770"]


def test_the_limit_caps_the_hits(archive: Archive) -> None:
    assert len(search(archive, "police", limit=2)) == 2


def test_a_uin_used_twice_needs_its_date(archive: Archive) -> None:
    with pytest.raises(ArchiveError) as caught:
        find_answer(archive, "1001")
    assert caught.value.message == (
        "UIN 1001 was used for 2 questions, tabled 2024-03-04 (Commons), 2025-09-02 (Commons):"
        " add --date"
    )
    assert find_answer(archive, "1001", date(2025, 9, 2)).heading == "Schools: Buildings"


def test_lords_uins_are_found_in_any_case(archive: Archive) -> None:
    assert find_answer(archive, "hl201").house == "Lords"


def test_related_finds_earlier_substantive_answers_to_the_same_question(archive: Archive) -> None:
    question = Question(
        text=FAILED_VETTING, heading="Police: Vetting", uin="2000", date_tabled=date(2024, 6, 3)
    )
    assert uins(related(archive, question)) == ["HL201", "1001"]


def test_related_leaves_out_answers_given_after_the_question_was_tabled(archive: Archive) -> None:
    question = Question(text=FAILED_VETTING, uin="2000", date_tabled=date(2024, 3, 15))
    assert uins(related(archive, question)) == ["1001"]


def test_related_leaves_out_the_question_itself(archive: Archive) -> None:
    question = Question(text=FAILED_VETTING, uin="1001", heading="Police: Vetting")
    assert uins(related(archive, question)) == ["HL201"]


def test_related_leaves_out_questions_sharing_only_a_word_or_two(archive: Archive) -> None:
    question = Question(
        text="To ask the Secretary of State for the Home Department, what training police get."
    )
    assert uins(related(archive, question, limit=5)) == ["1008"]


def test_related_respects_the_limit(archive: Archive) -> None:
    assert len(related(archive, Question(text=FAILED_VETTING), limit=1)) == 1


def test_a_question_of_only_stop_words_has_no_related_answers(archive: Archive) -> None:
    assert (
        related(
            archive,
            Question(text="To ask the Secretary of State, whether he will make a statement."),
        )
        == []
    )


def test_words_match_other_forms_of_themselves(archive: Archive) -> None:
    assert uins(search(archive, "vetted officer")) == uins(search(archive, "vetting officers"))


def test_numbers_are_words_too(archive: Archive) -> None:
    assert uins(search(archive, "vetting 2023")) == ["HL201", "1001"]
