"""`drafter redraft DIR`: every outdated draft in a folder, in one run, and every way it fails."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.draft import read_draft
from drafter.facts.load import load_fact_base
from drafter.outdated import find_outdated
from drafter.review import redraft_draft
from tests.conftest import ROOT
from tests.terminal import on_a_terminal

OLD = ROOT / "tests" / "data" / "review" / "37301-2024.md"
CONTENT = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    """Two outdated drafts (one in a subfolder), one up to date, and a note that is no draft."""
    folder = tmp_path / "drafts"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(OLD, folder / "37301.md")
    shutil.copy(OLD, folder / "sub" / "37301-old.md")
    fresh = redraft_draft(
        OLD,
        facts_dir=ROOT / "facts",
        templates_dir=ROOT / "templates",
        today=date.today(),
        out_dir=tmp_path / "fresh",
    ).path.read_text(encoding="utf-8")
    (folder / "fresh.md").write_text(fresh.replace("'37301'", "'1'"), encoding="utf-8")
    (folder / "notes.md").write_text("Points to raise with the minister.\n", encoding="utf-8")
    return folder


def _run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["redraft", *(str(arg) for arg in args), *CONTENT])
    return result.exit_code, result.stdout, result.stderr


def test_every_outdated_draft_is_redrafted_to_each_format(drafts: Path, tmp_path: Path) -> None:
    out = tmp_path / "2026"
    assert _run(drafts, "--out", out, "--format", "md,docx") == (
        0,
        f"{out}/37301.md\n{out}/37301.docx\n{out}/sub/37301.md\n{out}/sub/37301.docx\n",
        f"redrafted 2 of 2 outdated draft(s) in {drafts}/ (3 draft(s) read)\n",
    )
    assert find_outdated(out, load_fact_base(ROOT / "facts")).outdated == ()
    assert read_draft(out / "37301.md").question["uin"] == "37301"
    text = "\n".join(p.text for p in docx.Document(str(out / "sub" / "37301.docx")).paragraphs)
    assert "The responsibility for auditing the use of police systems" in text


def test_without_out_each_redraft_is_dated_beside_its_draft(drafts: Path) -> None:
    code, stdout, _ = _run(drafts)
    today = date.today().isoformat()
    assert (code, stdout) == (0, f"{drafts}/37301-{today}.md\n{drafts}/sub/37301-{today}.md\n")


def test_all_redrafts_the_drafts_that_are_up_to_date_too(drafts: Path, tmp_path: Path) -> None:
    code, stdout, stderr = _run(drafts, "--all", "--out", tmp_path / "out")
    assert code == 0 and f"{tmp_path}/out/1.md\n" in stdout
    assert stderr == f"redrafted 3 of 3 draft(s) in {drafts}/ (3 draft(s) read)\n"


def test_an_existing_file_stops_the_batch_before_anything_is_written(
    drafts: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / "sub" / "37301.md").write_text("kept\n", encoding="utf-8")
    assert _run(drafts, "--out", out) == (
        1,
        "",
        f"Error: {out}/sub/37301.md: already exists: use --force to overwrite it\n",
    )
    assert sorted(out.rglob("*")) == [out / "sub", out / "sub" / "37301.md"]
    assert _run(drafts, "--out", out, "--force")[0] == 0
    assert (out / "sub" / "37301.md").read_text(encoding="utf-8").startswith("---\n")


def test_a_draft_that_cannot_be_redrafted_is_named_and_the_others_go_on(
    drafts: Path, tmp_path: Path
) -> None:
    broken = OLD.read_text(encoding="utf-8").replace(
        "template: police-systems-misuse", "template: gone"
    )
    (drafts / "sub" / "37301-old.md").write_text(broken, encoding="utf-8")
    code, stdout, stderr = _run(drafts, "--out", tmp_path / "out", "--format", "md,docx")
    assert (code, stdout) == (1, f"{tmp_path}/out/37301.md\n{tmp_path}/out/37301.docx\n")
    lines = stderr.splitlines()
    assert lines[0].startswith(f"{drafts}/sub/37301-old.md: ") and "'gone'" in lines[0]
    assert lines[1:] == [
        f"Error: redrafted 1 of 2 outdated draft(s) in {drafts}/ (3 draft(s) read); "
        "1 could not be redrafted"
    ]
    assert not (tmp_path / "out" / "sub").exists()


def test_two_drafts_of_one_question_in_one_folder_are_not_both_written(drafts: Path) -> None:
    shutil.move(drafts / "sub" / "37301-old.md", drafts / "37301-older.md")
    code, stdout, stderr = _run(drafts)
    today = date.today().isoformat()
    assert (code, stdout) == (1, f"{drafts}/37301-{today}.md\n")
    assert stderr.splitlines()[0] == (
        f"{drafts}/37301.md: its redraft would be {drafts}/37301-{today}.md, as "
        f"{drafts}/37301-older.md's is: redraft it on its own with --out"
    )


def test_nothing_outdated_is_nothing_to_do(tmp_path: Path) -> None:
    assert _run(tmp_path) == (
        0,
        "",
        f"redrafted 0 of 0 outdated draft(s) in {tmp_path}/ (0 draft(s) read)\n",
    )


def test_all_is_for_a_folder(tmp_path: Path) -> None:
    code, _, stderr = _run(OLD, "--all", "--out", tmp_path)
    assert code == 2 and "Error: --all redrafts a folder: give DIR, not a draft" in stderr


def test_an_unknown_format_is_a_usage_error(drafts: Path) -> None:
    code, _, stderr = _run(drafts, "--format", "md,pdf")
    assert code == 2 and "unknown format 'pdf'" in stderr


def test_a_terminal_shows_a_progress_bar(drafts: Path, tmp_path: Path) -> None:
    shown, stdout = on_a_terminal(
        ["redraft", drafts, "--out", tmp_path / "out", *CONTENT], stream="stderr"
    )
    assert "Redrafting" in shown and "2/2" in shown
    assert stdout == f"{tmp_path}/out/37301.md\n{tmp_path}/out/sub/37301.md\n"


def test_no_progress_bar_when_piped(drafts: Path, tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "drafter",
        "redraft",
        str(drafts),
        "--out",
        str(tmp_path / "o"),
    ]
    done = subprocess.run([*command, *CONTENT], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0
    assert done.stderr == f"redrafted 2 of 2 outdated draft(s) in {drafts}/ (3 draft(s) read)\n"
