import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.draft import Draft, FactUse, Paragraph
from drafter.review import diff_drafts, render_diff
from drafter.review.render_html import render_html
from drafter.review.render_json import render_json
from drafter.review.render_md import render_md
from drafter.review.render_terminal import render_terminal
from tests.conftest import ROOT

DATA = Path(__file__).parent / "data" / "review"
OLD_USE = FactUse("barred-list.unlawful-access", "statistic", "bl-2023-24", "d1", "2023/24", "66")
NEW_USE = FactUse("barred-list.unlawful-access", "statistic", "bl-2024-25", "d1", "2024/25", "82")


def draft(texts: list[str], use: FactUse, name: str) -> Draft:
    paragraphs = tuple(
        Paragraph(text, "block", facts=(use.id,) if "there were" in text else ()) for text in texts
    )
    return Draft({}, "t", paragraphs, facts=(use,), fact_base_digest="fb", path=Path(name))


OLD = draft(
    [
        "Forces audit their systems.",
        "In 2023/24 there were 66 cases.",
        "Data is at <https://a.example/x>.",
    ],
    OLD_USE,
    "old.md",
)
NEW = draft(
    [
        "Forces audit their systems.",
        "In 2024/25 there were 82 cases.",
        "Data is at <https://a.example/y>.",
        "New words.",
    ],
    NEW_USE,
    "new.md",
)
DIFF = diff_drafts(OLD, NEW)


def test_terminal_plain_markers() -> None:
    assert render_terminal(DIFF) == (
        "--- old.md\n"
        "+++ new.md\n"
        "\n"
        "Facts:\n"
        "  ~ barred-list.unlawful-access: 66 (2023/24) -> 82 (2024/25);"
        " source bl-2023-24 -> bl-2024-25 (paragraph 2)\n"
        "\n"
        "paragraph 2: changed; reads changed fact(s) barred-list.unlawful-access:\n"
        "In [-2023/24-]{+2024/25+} there were [-66-]{+82+} cases.\n"
        "\n"
        "paragraph 3: changed:\n"
        "Data is at [-https://a.example/x-]{+https://a.example/y+}.\n"
        "\n"
        "paragraph 4: inserted:\n"
        "{+New words.+}\n"
        "\n"
        "3 of 4 paragraph(s) changed: 5 word(s) inserted, 3 deleted; 1 fact(s) changed\n"
    )


def test_terminal_colour_has_no_markers() -> None:
    text = render_terminal(DIFF, color=True)
    assert "\x1b[31m\x1b[9m66\x1b[0m\x1b[32m\x1b[4m82\x1b[0m" in text
    assert "[-" not in text and "{+" not in text


def test_terminal_identical() -> None:
    assert render_terminal(diff_drafts(OLD, OLD)) == "no differences\n"


def test_terminal_shows_a_split_paragraph_as_a_new_mark() -> None:
    split = draft(["Forces audit.", "Their systems."], OLD_USE, "split.md")
    whole = draft(["Forces audit. Their systems."], OLD_USE, "whole.md")
    assert "Forces audit. {+¶+}\n" in render_terminal(diff_drafts(whole, split))
    assert "Forces audit. [-¶-]\n" in render_terminal(diff_drafts(split, whole))


def test_html_is_standalone_with_the_fact_table_first() -> None:
    page = render_html(DIFF)
    assert page.startswith("<!DOCTYPE html>\n")
    assert not re.search(r"<(script|link|img|iframe)\b|src=|@import|url\(", page)
    assert page.index("<table>") < page.index('<div class="answer">')
    assert (
        "<tr><td>barred-list.unlawful-access</td><td>changed</td>"
        "<td>66 (2023/24); source bl-2023-24</td>"
        "<td>82 (2024/25); source bl-2024-25</td><td>paragraph 2</td></tr>"
    ) in page
    assert (
        "In <del>2023/24</del><ins>2024/25</ins> there were <del>66</del><ins>82</ins> cases."
        in page
    )
    assert (
        '<p class="inserted"><span class="where">paragraph 4: inserted</span>'
        "<ins>New words.</ins></p>" in page
    )


def test_html_escapes_text() -> None:
    old = draft(["If 1 < 2 & b."], OLD_USE, "a.md")
    new = draft(["If 1 < 2 & i."], OLD_USE, "b.md")
    assert "If 1 &lt; 2 &amp; <del>b</del><ins>i</ins>." in render_html(diff_drafts(old, new))


def test_json_carries_every_field() -> None:
    record = json.loads(render_json(DIFF))
    assert record["identical"] is False
    assert record["facts"][0]["old"]["period"] == "2023/24"
    assert record["facts"][0]["description"].startswith("barred-list.unlawful-access: 66 (2023/24)")
    assert record["paragraphs"][1] == {
        "change": "changed",
        "old": 2,
        "new": 2,
        "mark": "equal",
        "boundary": False,
        "moved": False,
        "facts": ["barred-list.unlawful-access"],
        "spans": [
            {"kind": "equal", "text": "In "},
            {"kind": "delete", "text": "2023/24"},
            {"kind": "insert", "text": "2024/25"},
            {"kind": "equal", "text": " there were "},
            {"kind": "delete", "text": "66"},
            {"kind": "insert", "text": "82"},
            {"kind": "equal", "text": " cases."},
        ],
    }
    assert (record["inserted_words"], record["deleted_words"]) == (5, 3)


def test_markdown_marks_deletions_and_insertions() -> None:
    text = render_md(DIFF)
    assert "In ~~2023/24~~**2024/25** there were ~~66~~**82** cases.\n" in text
    assert "- \\~ barred-list.unlawful-access: 66 (2023/24) -> 82 (2024/25)" in text
    assert "**New words.**" in text


def test_markdown_escapes_its_own_markers() -> None:
    old = draft(["A \\*b\\* c."], OLD_USE, "a.md")
    new = draft(["A \\*b\\* d."], OLD_USE, "b.md")
    assert "A \\*b\\* ~~c~~**d**." in render_md(diff_drafts(old, new))


RENDER_EVERY_FORMAT = f"""
import hashlib, sys
from pathlib import Path
from drafter.draft import read_draft
from drafter.review import diff_drafts, render_diff
data = Path({str(DATA)!r})
diff = diff_drafts(read_draft(data / "37301-2024.md"), read_draft(data / "37301-2025.md"))
for fmt in ("terminal", "html", "json", "md", "docx"):
    print(fmt, hashlib.sha256(render_diff(diff, fmt, color=fmt == "terminal")).hexdigest())
print("click imported:", "click" in sys.modules)
"""


def render_in_a_new_process(hash_seed: str) -> list[str]:
    """Every format's digest and whether click was imported, from a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": hash_seed}
    result = subprocess.run(
        [sys.executable, "-c", RENDER_EVERY_FORMAT],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout.splitlines()


def test_same_inputs_give_the_same_bytes_whatever_the_hash_seed() -> None:
    first, second = render_in_a_new_process("1"), render_in_a_new_process("2")
    assert len(first) == 6 and first == second


def test_rendering_does_not_import_click() -> None:
    assert render_in_a_new_process("0")[-1] == "click imported: False"


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render_diff(DIFF, "pdf")


def test_the_public_api_resolves() -> None:
    import drafter.review

    assert all(getattr(drafter.review, name) is not None for name in drafter.review.__all__)
    with pytest.raises(AttributeError):
        drafter.review.nothing_here  # noqa: B018
