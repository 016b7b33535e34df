"""Property tests for review: every diff renderer, the readers of diff sides, and `check`.

Two drafts with hostile words, one an edit of the other: every format of their diff is
valid and reproducible; every exported format of a draft reads back as a diff side; `check`
finds problems, it never fails.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from drafter.draft import Draft, FactUse
from drafter.errors import DraftError
from drafter.export import render_draft
from drafter.review import FORMATS, diff_drafts, read_side, render_diff
from drafter.review.check import check_draft, findings_json, format_findings
from tests.export_fixtures import cybercrime_draft
from tests.hostile_text import MARK, drafts, paragraph_text
from tests.property_checks import bundled, docx_text, fewer_examples, html_text


@st.composite
def edited(draw: st.DrawFn, draft: Draft) -> Draft:
    """The draft after an officer's edits: paragraphs changed, dropped or added, facts moved."""
    paragraphs = list(draft.paragraphs)
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["reword", "drop", "add"]))
        where = draw(st.integers(0, max(len(paragraphs) - 1, 0)))
        text = draw(paragraph_text.filter(bool))
        if action == "add" or not paragraphs:
            paragraphs.insert(where, replace(draft.paragraphs[0], text=text))
        elif action == "drop" and len(paragraphs) > 1:
            del paragraphs[where]
        else:
            words = paragraphs[where].text.split()
            cut = draw(st.integers(0, len(words)))
            reworded = " ".join([*words[:cut], text, *words[cut + 1 :]])
            paragraphs[where] = replace(paragraphs[where], text=reworded)
    facts = list(draft.facts)
    if draw(st.booleans()) and len(facts) > 0:
        facts[0] = replace(facts[0], value=draw(paragraph_text), digest="ffffffffffff")
    if draw(st.booleans()) and len(facts) > 0:
        facts.append(FactUse("new.fact", "line", "new-source", "0123456789ab"))
        del facts[0]
    return replace(draft, paragraphs=tuple(paragraphs), facts=tuple(facts))


@st.composite
def pairs(draw: st.DrawFn) -> tuple[Draft, Draft]:
    old = draw(drafts())
    return old, draw(edited(old))


def check_diff_formats(old: Draft, new: Draft) -> None:
    diff = diff_drafts(old, new)
    for fmt in FORMATS:
        data = render_diff(diff, fmt)
        assert render_diff(diff, fmt) == data, f"{fmt} differs between two renders"
        if fmt == "docx":
            docx_text(data)
        elif fmt == "html":
            html_text(data)
        elif fmt == "json":
            record = json.loads(data)
            assert record["identical"] == diff.identical
        else:
            # C1 controls such as U+009B (CSI) pass intake; stripping them from terminal
            # output is issue-13a's (issue 13 part 3): here, no escape character at least.
            assert "\x1b" not in data.decode("utf-8"), fmt


@fewer_examples(2)
@given(pairs())
def test_every_diff_format_is_valid_and_reproducible(pair: tuple[Draft, Draft]) -> None:
    old, new = pair
    check_diff_formats(old, new)


@fewer_examples(2)
@given(drafts())
def test_a_draft_diffed_with_itself_is_identical(draft: Draft) -> None:
    diff = diff_drafts(draft, draft)
    assert diff.identical
    assert render_diff(diff, "terminal").decode("utf-8").endswith("no differences\n")


@fewer_examples(2)
@given(drafts(), st.sampled_from(["md", "txt", "html", "docx"]))
def test_every_export_reads_back_as_a_diff_side(draft: Draft, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"side.{fmt}"
        path.write_bytes(render_draft(draft, fmt))
        side = read_side(path)
    assert MARK in " ".join(paragraph.text for paragraph in side.paragraphs)
    diff = diff_drafts(draft, side)
    render_diff(diff, "terminal")
    if fmt == "md":
        assert diff.identical


@fewer_examples(2)
@given(st.binary(max_size=2000), st.sampled_from(["md", "txt", "html", "docx"]))
def test_any_bytes_as_a_diff_side_read_or_refused(data: bytes, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"side.{fmt}"
        path.write_bytes(data)
        try:
            read_side(path)
        except DraftError as error:
            assert error.location is not None and error.location.path == path


@given(pairs())
def test_check_reports_and_never_fails(pair: tuple[Draft, Draft]) -> None:
    base, _ = bundled()
    for draft in pair:
        findings = check_draft(draft, today=date(2025, 3, 12), base=base)
        assert check_draft(draft, today=date(2025, 3, 12), base=base) == findings
        assert format_findings(findings, "d.md").endswith("\n")
        json.loads(findings_json(findings, "d.md"))


@fewer_examples(2)
@given(st.integers(0, 10**6), st.binary(min_size=1, max_size=40))
def test_a_damaged_word_document_is_read_or_refused(where: int, junk: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "side.docx"
        path.write_bytes(damaged(render_draft(cybercrime_draft(), "docx"), where, junk))
        try:
            read_side(path)
        except DraftError as error:
            assert error.location is not None and error.location.path == path


def damaged(data: bytes, where: int, junk: bytes) -> bytes:
    """The .docx with junk spliced into its main document part, as a bad hand edit leaves it."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    body = parts["word/document.xml"]
    at = where % (len(body) + 1)
    parts["word/document.xml"] = body[:at] + junk + body[at:]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name, part in parts.items():
            target.writestr(name, part)
    return output.getvalue()
