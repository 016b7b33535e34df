"""Property tests for the writers: .md (and its read-back), .html, .txt and .docx.

Drafts are filled with text that went through intake, as in every real flow (a question or
fact file read by drafter, a hand-edited draft read back): whatever it holds, each writer
gives a valid file, the same bytes each time, and the .md reads back as the same draft.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from drafter.build import build_draft
from drafter.draft import Draft, Paragraph, parse_markdown, write_markdown
from drafter.errors import DrafterError
from drafter.export import render_draft
from drafter.export.text import _markdown_blocks, inline_blocks
from drafter.intake import question_from_text, read_question
from tests.conftest import ROOT
from tests.export_fixtures import cybercrime_draft
from tests.hostile_text import MARK, drafts, paragraph_text, raw_text
from tests.property_checks import bundled, docx_text, fewer_examples, html_text, words_of


def check_exports(draft: Draft) -> None:
    """Each format is valid, keeps every paragraph's mark, and is the same bytes twice."""
    marks = sum(paragraph.text.count(MARK) for paragraph in draft.paragraphs)
    for fmt in ("md", "txt", "html", "docx"):
        data = render_draft(draft, fmt)
        assert render_draft(draft, fmt) == data, f"{fmt} differs between two renders"
        if fmt == "docx":
            text = docx_text(data)
        elif fmt == "html":
            text = html_text(data)
        else:
            text = data.decode("utf-8")
        assert text.count(MARK) >= marks, fmt


@given(drafts())
@example(cybercrime_draft(paragraphs=(Paragraph(f"a\u202e\u0301\U0001f600 {MARK}"),)))
def test_every_format_is_valid_and_reproducible(draft: Draft) -> None:
    check_exports(draft)


@given(drafts())
@example(cybercrime_draft(paragraphs=(Paragraph("[x](<y>) ** _ #"),)))
def test_markdown_reads_back_as_the_same_draft(draft: Draft) -> None:
    text = write_markdown(draft)
    path = Path("d.md")
    again = parse_markdown(text, path)
    assert again == replace(draft, path=path)
    assert write_markdown(again) == text


@given(st.lists(paragraph_text, min_size=1, max_size=4))
def test_a_hand_edited_markdown_body_keeps_its_paragraphs(texts: list[str]) -> None:
    body = "\n\n".join(text for text in texts if text)
    draft = parse_markdown(body + "\n", Path("d.md"))
    assert [p.text for p in draft.paragraphs] == [words_of(t) for t in texts if t]


# Whole drafts built from hostile questions ------------------------------------------------------


@functools.cache
def example_questions() -> list[str]:
    paths = sorted((ROOT / "examples").glob("*.yaml"))
    return [read_question(path).question.text for path in paths]


@st.composite
def hostile_questions(draw: st.DrawFn) -> str:
    """A real question from examples/ with hostile words put in and real words taken out."""
    words = draw(st.sampled_from(example_questions())).split()
    for _ in range(draw(st.integers(1, 8))):
        where = draw(st.integers(0, len(words)))
        if draw(st.booleans()) and where < len(words):
            del words[where]
        words.insert(where, draw(raw_text(1, 2)))
    return " ".join(words)


@fewer_examples(3)
@given(hostile_questions())
def test_any_question_drafts_and_exports_or_fails_cleanly(text: str) -> None:
    base, templates = bundled()
    try:
        question = question_from_text(text)
        draft = build_draft(question, base, templates, today=date(2025, 3, 12))
    except DrafterError as error:
        assert "\n" not in str(error).strip()
        return
    assert draft.paragraphs
    check_exports(draft)


# Plain sentences, read without Markdown ---------------------------------------------------------

_SENTENCE = st.text(
    alphabet=st.one_of(
        st.just(" "),
        st.characters(categories=("L", "M", "N", "P", "S"), exclude_characters="\\`*_[]<>&!#=|~{}"),
    ),
    max_size=60,
)
"""Words Markdown has nothing to do with: what `inline_blocks` reads without it."""


@given(st.tuples(st.characters().filter(str.isalpha), _SENTENCE).map("".join))
@example("A  sentence,  with (brackets), 66% and £850 - then more.  ")
@example("Zoë’s 2023/24: 1. 2) - + = ok")
def test_a_plain_line_reads_as_markdown_reads_it(text: str) -> None:
    assert inline_blocks(text) == _markdown_blocks(text)
