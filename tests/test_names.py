"""One sanitiser for every file name taken from input: nothing is written outside --out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.export import export_all
from drafter.names import MAX_NAME, safe_file_name
from tests.export_fixtures import cybercrime_draft
from tests.test_review_redraft import OLD, redraft


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("37301", "37301"),
        ("HL1234", "HL1234"),
        ("../../x", "x"),
        ("/etc/cron.d/x", "etc-cron.d-x"),
        ("..", "draft"),
        ("a\nb\r\x00c", "a-b-c"),
        ("CON", "CON_"),
        ("lpt1.md", "lpt1.md_"),
        ("Caf\u00e9 \u2014 costs", "Cafe-costs"),
        ("C:\\Windows\\x", "C-Windows-x"),
        ("", "draft"),
    ],
)
def test_safe_file_name(text: str, name: str) -> None:
    assert safe_file_name(text) == name


@given(st.text())
def test_any_text_gives_one_plain_name(text: str) -> None:
    name = safe_file_name(text)
    assert 0 < len(name) <= MAX_NAME + 1
    assert Path(name).name == name and name not in {".", ".."}
    assert not name.startswith((".", "-"))


@pytest.mark.parametrize("uin", ["../../escaped", "/tmp/escaped", "..", "a/../../b"])
def test_redraft_out_writes_only_inside_out(tmp_path: Path, uin: str) -> None:
    old = tmp_path / "old.md"
    old.write_text(OLD.read_text(encoding="utf-8").replace("uin: '37301'", f"uin: '{uin}'"))
    assert f"uin: '{uin}'" in old.read_text(encoding="utf-8")
    out = tmp_path / "deep" / "out"
    written = redraft(old, out)
    assert written.parent == out
    assert sorted(p.name for p in tmp_path.rglob("*.md")) == sorted(["old.md", written.name])


def test_draft_out_writes_only_inside_out(tmp_path: Path) -> None:
    draft = cybercrime_draft()
    hostile = replace(draft, question={**draft.question, "uin": "../x"})
    written = export_all(hostile, tmp_path / "out", ["md", "html"])
    assert written == [tmp_path / "out" / "x.md", tmp_path / "out" / "x.html"]
    assert sorted(p.name for p in tmp_path.rglob("*.*")) == ["x.html", "x.md"]
