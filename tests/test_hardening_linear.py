"""Pasteable adversarial inputs give the right output without recursion errors (bench times them).

Long runs of separators and thousands of parts in a question, runs of brackets in Markdown,
and long runs of one repeated word in the word diff. Timing lives in bench/bench_adversarial.py.
"""

from __future__ import annotations

import random

import pytest

from drafter.export.html import _answer_html
from drafter.export.mdsource import MARKUP_LIMIT, markdown_source
from drafter.export.text import plain_text
from drafter.question import split_parts
from drafter.review.align import MATCH_LIMIT, bounded_opcodes
from drafter.review.model import ParagraphDiff
from drafter.review.worddiff import diff_paragraphs


def test_a_run_of_commas_is_one_part_with_its_words() -> None:
    parts = split_parts("To ask the Home Secretary, what " + ", " * 10_000 + "figures exist.")
    assert [(part.label, part.text[:12], part.text[-16:]) for part in parts] == [
        ("1", "what , , , ,", " , figures exist")
    ]


def test_trailing_joiners_are_dropped_as_before() -> None:
    parts = split_parts("what (a) roles, and/or (b) ranks; and, (c) pay or (d) band and ,")
    assert [(part.label, part.text) for part in parts] == [
        ("1(a)", "roles"),
        ("1(b)", "ranks"),
        ("1(c)", "pay"),
        ("1(d)", "band"),
    ]


def test_thousands_of_restarted_lists_nest_no_deeper_than_the_limit() -> None:
    parts = split_parts("To ask the Home Secretary, what " + "(a) x; " * 1_000)
    assert len(parts) == 1
    assert parts[0].label == "1" + "(a)" * 6
    assert parts[0].text.startswith("x; (a) x; (a) x;")


def test_thousands_of_clauses_are_thousands_of_parts() -> None:
    parts = split_parts("what " + "; and ".join(f"item {n} (a) x (b) y" for n in range(2_000)))
    assert len(parts) == 4_000
    assert parts[-1].label == "2000(b)" and parts[-1].stem == "item 1999"


def test_repeated_preambles_are_all_dropped() -> None:
    parts = split_parts("To ask the Home Secretary, " * 5_000 + "what steps are taken.")
    assert [part.text for part in parts] == ["what steps are taken"]


@pytest.mark.parametrize(
    "text",
    ["[" * 20_000, "![" * 10_000, "[a](" * 5_000, "[" * 60 + "a" * 100_000],
    ids=["brackets", "images", "open-links", "few-brackets-long-text"],
)
def test_bracket_runs_come_out_as_written(text: str) -> None:
    assert plain_text(text) == text


def test_links_code_and_autolinks_keep_their_meaning_among_stray_brackets() -> None:
    text = "[x [the bulletin](https://a.example/x_(y)) `[a` <https://a.example/[b]> [c]"
    assert markdown_source(text) == (
        r"\[x [the bulletin](https://a.example/x_(y)) `[a` <https://a.example/[b]> \[c]"
    )
    assert plain_text(text) == (
        "[x the bulletin (https://a.example/x_(y)) [a https://a.example/[b] [c]"
    )


def test_a_paragraph_of_nothing_but_markup_is_shown_as_plain_text() -> None:
    text = "*a" * (MARKUP_LIMIT + 1)
    assert plain_text(text) == text
    assert _answer_html("<b>" + text) == f"<p>&lt;b&gt;{text}</p>"


def test_below_the_limit_markup_still_works() -> None:
    assert plain_text("*a* " * 10) == "a " * 9 + "a"


def accept(paragraphs: tuple[ParagraphDiff, ...]) -> list[str]:
    return [
        "".join(span.text for span in p.spans if span.kind != "delete")
        for p in paragraphs
        if p.new is not None
    ]


def reject(paragraphs: tuple[ParagraphDiff, ...]) -> list[str]:
    return [
        "".join(span.text for span in p.spans if span.kind != "insert")
        for p in paragraphs
        if p.old is not None
    ]


def squeeze(texts: list[str]) -> list[str]:
    return [" ".join(text.split()) for text in texts]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (["a " * 20_000], ["b " + "a " * 20_000 + "c"]),
        (["a " * 10_000 + "x " + "a " * 10_000], ["a " * 10_000 + "y " + "a " * 10_000 + "z"]),
        (["a"] * 5_000, ["b", *["a"] * 5_000, "c"]),
    ],
    ids=["one-word-run", "run-around-a-change", "repeated-paragraphs"],
)
def test_word_diff_of_repeated_tokens_accepts_to_new_and_rejects_to_old(
    old: list[str], new: list[str]
) -> None:
    diff = diff_paragraphs(old, new)
    assert squeeze(accept(diff)) == squeeze(new)
    assert squeeze(reject(diff)) == squeeze(old)


def test_a_long_run_with_one_word_added_marks_only_that_word() -> None:
    diff = diff_paragraphs(["a " * 20_000 + "end"], ["a " * 20_000 + "new end"])
    changed = [span.text for span in diff[0].spans if span.kind != "equal"]
    assert changed == [" new"]


@pytest.mark.parametrize("seed", range(20))
def test_bounded_opcodes_turn_a_into_b(seed: int) -> None:
    rng = random.Random(seed)
    a = rng.choices("abc", k=rng.randint(0, 60))
    b = rng.choices("abc", k=rng.randint(0, 60))
    rebuilt: list[str] = []
    for tag, i1, i2, j1, j2 in bounded_opcodes(a, b):
        assert (tag == "equal") == (a[i1:i2] == b[j1:j2] and i2 - i1 > 0)
        rebuilt.extend(b[j1:j2])
    assert rebuilt == b


def test_past_the_limit_the_middle_is_one_change() -> None:
    size = int(MATCH_LIMIT**0.5) + 10
    a, b = ["x", *["a"] * size, "y"], ["z", *["a"] * size, "w"]
    assert bounded_opcodes(a, b) == [("replace", 0, size + 2, 0, size + 2)]
