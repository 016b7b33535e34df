"""The text formats: Markdown, HTML and plain text, golden-tested on the UIN 37301 draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.draft import CitedSource, Draft, Paragraph, parse_markdown, write_markdown
from drafter.export import header_rows, render_draft
from drafter.export.html import page_title, to_html
from drafter.export.markdown import to_markdown
from drafter.export.text import plain_text, to_text
from tests.conftest import Golden
from tests.export_fixtures import cybercrime_draft


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_render_matches_golden(fmt: str, golden: Golden) -> None:
    golden(f"export-37301.{fmt}", render_draft(cybercrime_draft(), fmt).decode("utf-8"))


def test_markdown_is_the_canonical_form() -> None:
    draft = cybercrime_draft()
    assert to_markdown(draft) == write_markdown(draft)


def test_markdown_reads_back_as_the_same_draft() -> None:
    draft = cybercrime_draft()
    assert parse_markdown(to_markdown(draft), Path("37301.md")) == draft


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("See <https://www.gov.uk/a_b>.", "See https://www.gov.uk/a_b."),
        (
            "See [the bulletin](https://www.gov.uk/x) now.",
            "See the bulletin (https://www.gov.uk/x) now.",
        ),
        ("A *firm* and **clear** _answer_.", "A firm and clear answer."),
        (r"Price \*not\* set, 5 \_ 3.", "Price *not* set, 5 _ 3."),
        ("Fire &amp; Rescue & HMICFRS", "Fire & Rescue & HMICFRS"),
        ("Write to <pqs@homeoffice.gov.uk>.", "Write to pqs@homeoffice.gov.uk."),
        ("one\ntwo   three", "one two three"),
        ("- first\n- second", "• first\n• second"),
    ],
    ids=["autolink", "link", "emphasis", "escapes", "entities", "email", "whitespace", "list"],
)
def test_plain_text_has_no_markdown(markdown: str, text: str) -> None:
    assert plain_text(markdown) == text


def test_text_is_one_line_per_paragraph_ending_in_one_newline() -> None:
    draft = Draft({}, "", (Paragraph("First\nline."), Paragraph("Second *line*.")))
    assert to_text(draft) == "First line.\n\nSecond line.\n"


def test_html_escapes_everything_that_comes_from_data() -> None:
    draft = cybercrime_draft(
        question={"uin": "1<2", "heading": "<b>Bold</b>", "text": "Is 3 > 2 & <script>x</script>?"},
        sources=(CitedSource("s", "Title <i>x</i>", "A & B", 'https://a.example/?q=1&r="2"'),),
        background=("Note <em>not</em> trusted",),
    )
    page = to_html(draft)
    assert "<script>" not in page and "<b>Bold" not in page and "<i>x" not in page
    assert "Is 3 &gt; 2 &amp; &lt;script&gt;x&lt;/script&gt;?" in page
    assert (
        '<a href="https://a.example/?q=1&amp;r=&quot;2&quot;">Title &lt;i&gt;x&lt;/i&gt;</a>'
        in page
    )
    assert "<li>Note &lt;em&gt;not&lt;/em&gt; trusted</li>" in page
    assert "<title>Draft answer: UIN 1&lt;2 &lt;b&gt;Bold&lt;/b&gt;</title>" in page


def test_html_links_only_web_addresses() -> None:
    source = CitedSource("s", "Click me", "Evil", "javascript:alert(1)")
    page = to_html(cybercrime_draft(sources=(source,)))
    assert "javascript:" not in page
    assert "<li>Click me, Evil</li>" in page


def test_html_is_byte_stable() -> None:
    assert render_draft(cybercrime_draft(), "html") == render_draft(cybercrime_draft(), "html")


def test_html_of_a_draft_without_a_question() -> None:
    draft = Draft({}, "", (Paragraph("Hand written."),))
    page = to_html(draft)
    assert page_title(draft) == "Draft answer"
    assert "<table" not in page and "<h2>Question</h2>" not in page
    assert "<footer>Written without drafter provenance</footer>" in page


def test_header_lists_grouped_questions_only_when_there_are_some() -> None:
    plain = cybercrime_draft()
    grouped = cybercrime_draft(
        question={
            **plain.question,
            "grouped": [{"uin": "37302", "date_tabled": "2025-03-11"}, {"uin": "37303"}],
        }
    )
    assert "Grouped with" not in dict(header_rows(plain))
    assert dict(header_rows(grouped))["Grouped with"] == "UIN 37302 (11 March 2025), UIN 37303"


def test_raw_html_in_the_answer_is_shown_not_run() -> None:
    hostile = cybercrime_draft(
        paragraphs=(Paragraph("Figures <img src=x onerror=alert(1)> are published."),)
    )
    page = to_html(hostile)
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
