from __future__ import annotations

import pytest

from drafter.question import QuestionPart, split_parts

SEED = (
    "To ask the Secretary of State for the Home Department, what assessment her Department has "
    "made of whether there is a correlation between the (a) (i) roles and (ii) ranks of police "
    "personnel and (b) likelihood of committing cybercrimes; and what steps her Department is "
    "taking to help mitigate identified risks."
)
HOLDING_12042 = (
    "To ask the Secretary of State for Health and Social Care, whether any member of the "
    "Healthtech Advisory Board declared interests in (a) companies and (b) funds active in (i) "
    "NHS data, (ii) artificial intelligence, (iii) algorithm verification, (iv) procurement, (v) "
    "digital health standards and (vi) health technology investment."
)


def labels(text: str) -> list[str]:
    return [part.label for part in split_parts(text)]


def test_seed_question_splits_into_its_four_parts() -> None:
    stem = "what assessment her Department has made of whether there is a correlation between the"
    assert split_parts(SEED) == (
        QuestionPart("1(a)(i)", "roles", stem),
        QuestionPart("1(a)(ii)", "ranks of police personnel", stem),
        QuestionPart("1(b)", "likelihood of committing cybercrimes", stem),
        QuestionPart("2", "what steps her Department is taking to help mitigate identified risks"),
    )


def test_numerals_inside_a_letter_take_its_words_into_their_stem() -> None:
    stem = "whether any member of the Healthtech Advisory Board declared interests in"
    parts = split_parts(HOLDING_12042)
    assert parts[0] == QuestionPart("1(a)", "companies", stem)
    assert parts[1:] == tuple(
        QuestionPart(f"1(b)({numeral})", text, f"{stem} funds active in")
        for numeral, text in [
            ("i", "NHS data"),
            ("ii", "artificial intelligence"),
            ("iii", "algorithm verification"),
            ("iv", "procurement"),
            ("v", "digital health standards"),
            ("vi", "health technology investment"),
        ]
    )


def test_question_without_markers_is_one_part_without_preamble_or_full_stop() -> None:
    text = (
        "To ask the Secretary of State for the Home Department, whether there is an operation "
        "within her Department named ‘Operation Mosswood’."
    )
    assert split_parts(text) == (
        QuestionPart(
            "1", "whether there is an operation within her Department named ‘Operation Mosswood’"
        ),
    )


def test_every_semicolon_between_clauses_starts_a_part() -> None:
    text = (
        "To ask the Secretary of State for Health and Social Care, how many prosecutions have "
        "been brought under section 20 of the Health and Social Care Act 2008 (Regulated "
        "Activities) Regulations 2014; how many of those prosecutions were successful; and what "
        "penalties were sought."
    )
    assert [(part.label, part.text) for part in split_parts(text)] == [
        (
            "1",
            "how many prosecutions have been brought under section 20 of the Health and Social "
            "Care Act 2008 (Regulated Activities) Regulations 2014",
        ),
        ("2", "how many of those prosecutions were successful"),
        ("3", "what penalties were sought"),
    ]


def test_if_so_belongs_to_the_clause_boundary() -> None:
    text = "To ask the Prime Minister, whether he has met the Mayor; and (if so) when."
    assert split_parts(text) == (
        QuestionPart("1", "whether he has met the Mayor"),
        QuestionPart("2", "when"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "To ask the Home Secretary, how many Professional Standards Departments (PSDs) exist.",
        "To ask the Home Secretary, whether (if so) forces keep records.",
        "To ask the Home Secretary, whether Regulation 20(2)(a) and (3) apply to forces.",
        "To ask the Home Secretary, what [(a) designers and (b) creators] receive.",
    ],
    ids=["acronym", "if-so", "legal-reference", "square-brackets"],
)
def test_brackets_that_are_not_markers_do_not_split(text: str) -> None:
    assert labels(text) == ["1"]


def test_semicolons_between_items_of_a_list_keep_one_clause() -> None:
    text = (
        "To ask the Chancellor of the Exchequer, what was spent in (a) 2021-22; (b) 2022-23; "
        "and (c) 2023-24; and what will be spent in 2025-26."
    )
    assert [(part.label, part.text) for part in split_parts(text)] == [
        ("1(a)", "2021-22"),
        ("1(b)", "2022-23"),
        ("1(c)", "2023-24"),
        ("2", "what will be spent in 2025-26"),
    ]


def test_semicolon_inside_brackets_does_not_end_the_clause() -> None:
    text = "To ask the Home Secretary, what the review (published; revised) found."
    assert split_parts(text) == (QuestionPart("1", "what the review (published; revised) found"),)


@pytest.mark.parametrize(
    ("text", "first_words"),
    [
        (
            "To ask His Majesty's Government what steps they are taking on (a) x and (b) y.",
            "what steps",
        ),
        (
            "To ask the Secretary of State for Environment, Food and Rural Affairs, what (a) x and "
            "(b) y.",
            "what",
        ),
        ("To ask the Secretary of State for Transport, What (a) x and (b) y.", "What"),
        ("To ask the Secretary of State for Education what (a) x and (b) y.", "what"),
        (
            "To ask the Secretary of State for Defence, To ask the Secretary of State for Defence, "
            "how many (a) x and (b) y.",
            "how many",
        ),
    ],
    ids=["lords", "comma-in-department", "capital-after-comma", "no-comma", "repeated"],
)
def test_preamble_is_left_out_of_the_parts(text: str, first_words: str) -> None:
    assert split_parts(text)[0].stem.startswith(first_words)


def test_capital_letters_nest_inside_numerals() -> None:
    text = (
        "To ask the Minister for the Cabinet Office, what appointments she has made; and (i) who "
        "the appointee was and (ii) what the (A) remuneration, (B) title and (C) terms were."
    )
    assert [(part.label, part.text, part.stem) for part in split_parts(text)] == [
        ("1", "what appointments she has made", ""),
        ("2(i)", "who the appointee was", ""),
        ("2(ii)(A)", "remuneration", "what the"),
        ("2(ii)(B)", "title", "what the"),
        ("2(ii)(C)", "terms were", "what the"),
    ]


def test_letter_i_after_h_is_a_letter_not_a_numeral() -> None:
    markers = " ".join(f"({letter}) {letter}{letter}," for letter in "abcdefghij")
    assert labels(f"To ask the Home Secretary, how many {markers} and others.") == [
        f"1({letter})" for letter in "abcdefghij"
    ]


def test_list_that_starts_again_nests_so_labels_stay_unique() -> None:
    text = (
        "To ask the Chancellor of the Exchequer, what access there is to (a) cash and (b) banking "
        "in (a) Gosport and (b) England."
    )
    assert [(part.label, part.text, part.stem) for part in split_parts(text)] == [
        ("1(a)", "cash", "what access there is to"),
        ("1(b)(a)", "Gosport", "what access there is to banking in"),
        ("1(b)(b)", "England", "what access there is to banking in"),
    ]


def test_markers_written_together_nest() -> None:
    text = "To ask the Home Secretary, how many (a)(i) officers and (ii) staff and (b) volunteers."
    assert labels(text) == ["1(a)(i)", "1(a)(ii)", "1(b)"]


def test_text_that_is_not_a_tabled_question_is_kept_whole() -> None:
    assert split_parts("What discussions he has had with his EU counterparts.") == (
        QuestionPart("1", "What discussions he has had with his EU counterparts"),
    )


def test_empty_text_has_no_parts() -> None:
    assert split_parts("  ") == ()
