"""Merging two copies of a question: whatever the import order, the fullest, latest answer wins."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from drafter.archive.record import (
    ArchivedAnswer,
    FullText,
    is_truncated,
    merge_answers,
    with_full_text,
)

CUT = "x" * 255 + "..."
WHOLE = "x" * 400
BASE = ArchivedAnswer(
    uin="1002",
    house="Commons",
    date_tabled=date(2024, 3, 5),
    question_text="To ask the Secretary of State for the Home Department, what steps...",
    heading="Police: Vetting",
    answer_text=WHOLE,
    date_answered=date(2024, 3, 12),
    answering_member_id=201,
    source="detail.json",
)


def test_a_list_endpoint_cut_is_recognised() -> None:
    assert (is_truncated(CUT), is_truncated(WHOLE), is_truncated("Yes...")) == (True, False, True)


def test_a_cut_answer_does_not_replace_a_whole_one() -> None:
    cut = replace(BASE, answer_text=CUT, source="list.json")
    assert merge_answers(BASE, cut) is BASE


def test_a_whole_answer_replaces_a_cut_one() -> None:
    cut = replace(BASE, answer_text=CUT, source="list.json")
    assert merge_answers(cut, BASE) == BASE


@pytest.mark.parametrize("holding_first", [True, False], ids=["holding-first", "substantive-first"])
def test_the_later_substantive_answer_wins_in_either_order(holding_first: bool) -> None:
    holding = replace(
        BASE, answer_text="I will reply shortly.", is_holding=True, date_answered=date(2024, 3, 12)
    )
    substantive = replace(BASE, date_answered=date(2024, 4, 2))
    first, second = (holding, substantive) if holding_first else (substantive, holding)
    merged = merge_answers(first, second)
    assert (merged.answer_text, merged.is_holding, merged.date_answered) == (
        WHOLE,
        False,
        date(2024, 4, 2),
    )


def test_an_unanswered_copy_keeps_the_known_answer() -> None:
    unanswered = replace(
        BASE, answer_text="", date_answered=None, answering_member_id=None, heading=""
    )
    assert merge_answers(BASE, unanswered) is BASE


def test_a_draft_never_overwrites_parliaments_record() -> None:
    draft = replace(BASE, answer_text="My draft.", origin="draft", date_answered=date(2024, 5, 1))
    assert merge_answers(BASE, draft) is BASE


def test_parliaments_record_replaces_a_draft() -> None:
    draft = replace(BASE, answer_text="My draft.", origin="draft")
    assert merge_answers(draft, BASE) == BASE


def test_the_longer_question_text_is_kept() -> None:
    short = replace(BASE, question_text=BASE.question_text[:40])
    assert merge_answers(BASE, short).question_text == BASE.question_text


def test_a_member_name_from_another_source_is_kept_for_the_same_member() -> None:
    named = replace(BASE, answer_text=CUT, answering_member="Alex Example")
    assert merge_answers(BASE, named).answering_member == "Alex Example"


def test_a_full_text_completes_a_cut_record() -> None:
    cut = replace(BASE, answer_text=CUT, question_text="To ask")
    full = FullText(1, BASE.question_text, WHOLE, f"<p>{WHOLE}</p>")
    merged = with_full_text(cut, full)
    assert (merged.question_text, merged.answer_text, merged.answer_html) == (
        BASE.question_text,
        WHOLE,
        f"<p>{WHOLE}</p>",
    )


def test_a_full_text_does_not_shorten_a_whole_record() -> None:
    assert with_full_text(BASE, FullText(1, "To ask", "Short.", "<p>Short.</p>")) is BASE


def test_the_url_is_the_canonical_question_page() -> None:
    assert (
        BASE.url
        == "https://questions-statements.parliament.uk/written-questions/detail/2024-03-05/1002"
    )


def test_parliaments_answer_replaces_a_drafts_however_short() -> None:
    draft = replace(BASE, origin="draft", date_answered=date(2024, 4, 1), source="37301.md")
    given = replace(BASE, answer_text=CUT, source="list.json")
    merged = merge_answers(draft, given)
    assert (merged.origin, merged.answer_text, merged.date_answered) == (
        "parliament",
        CUT,
        date(2024, 3, 12),
    )
    assert merge_answers(given, draft) is given
