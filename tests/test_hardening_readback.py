"""Read-back never loses text: a draft's .md, written and read, gives back the same paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.draft import (
    CitedSource,
    Draft,
    Paragraph,
    parse_markdown,
    read_draft,
    write_markdown,
)
from drafter.errors import DraftError

SOURCE = CitedSource("s", "Police misconduct", "Home Office", "https://www.gov.uk/x")
SEPARATORS = ["\x85", "\u2028", "\u2029", "\u00a0", "\u200b", "\u3000"]


def round_trip(draft: Draft) -> Draft:
    return parse_markdown(write_markdown(draft), Path("d.md"))


def paragraphs(*texts: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(text, "b", facts=("f",)) for text in texts)


@pytest.mark.parametrize("sources", [(SOURCE,), ()], ids=["with-sources", "without-sources"])
@pytest.mark.parametrize("heading", ["## Sources", "## Sources ", "# Sources", "---"])
def test_a_paragraph_that_looks_like_a_heading_keeps_the_rest(
    heading: str, sources: tuple[CitedSource, ...]
) -> None:
    draft = Draft(
        {}, "t", paragraphs("First.", heading.strip(), "Third.", "Fourth."), sources=sources
    )
    back = round_trip(draft)
    assert back.paragraphs == draft.paragraphs
    assert back.sources == sources


@pytest.mark.parametrize("separator", SEPARATORS, ids=[f"U+{ord(c):04X}" for c in SEPARATORS])
def test_line_separators_survive_in_paragraphs(separator: str) -> None:
    draft = Draft({}, "t", paragraphs(f"One{separator}two.", f"{separator}Edge{separator}"))
    assert round_trip(draft).paragraphs == draft.paragraphs


@pytest.mark.parametrize("separator", SEPARATORS, ids=[f"U+{ord(c):04X}" for c in SEPARATORS])
def test_line_separators_survive_in_front_matter(separator: str) -> None:
    question = {"text": f"To ask{separator}what.", "heading": f"{separator}Police"}
    draft = Draft(question, "t", paragraphs("One."), background=(f"a{separator}b",))
    back = round_trip(draft)
    assert back.question == question
    assert back.background == draft.background


def test_hand_wrapped_lines_still_join_into_one_paragraph() -> None:
    text = "---\ntemplate: t\n---\n\nOne line\nwrapped  by hand.\n\nNext.\n"
    assert [p.text for p in parse_markdown(text, Path("d.md")).paragraphs] == [
        "One line wrapped by hand.",
        "Next.",
    ]


def test_a_hand_edited_sources_section_is_still_cut_off() -> None:
    draft = Draft({}, "t", paragraphs("One."), sources=(SOURCE,))
    text = write_markdown(draft).replace("- Police", "- Edited by hand, Police")
    assert [p.text for p in parse_markdown(text, Path("d.md")).paragraphs] == ["One."]


def test_front_matter_nested_too_deeply_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text("---\nq: " + "[" * 5_000 + "]" * 5_000 + "\n---\n\nHello.\n", encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        read_draft(path)
    assert str(caught.value) == f"{path}:2: corrupted front matter: nested too deeply"
