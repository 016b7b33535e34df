"""`drafter diff`, `drafter check` and `drafter redraft` end to end, and every way they fail."""

import json
import random
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from drafter.cli import cli
from tests.conftest import ROOT
from tests.terminal import on_a_terminal

DATA = ROOT / "tests" / "data" / "review"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLD, NEW, EDITED = DATA / "37301-2024.md", DATA / "37301-2025.md", DATA / "37301-edited.docx"
CONTENT = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]


def run(runner: CliRunner, *args: object) -> tuple[int, str, str]:
    result = runner.invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def test_diff_exits_1_when_drafts_differ(runner: CliRunner) -> None:
    code, stdout, stderr = run(runner, "diff", OLD, NEW)
    assert (code, stderr) == (1, "")
    assert stdout.startswith(f"--- {OLD}\n+++ {NEW}\n\nFacts:\n  ~ barred-list.unlawful-access: ")
    assert "In [-2023/24-]{+2024/25+}, unlawful access" in stdout
    assert stdout.endswith(
        "1 of 7 paragraph(s) changed: 2 word(s) inserted, 9 deleted; 1 fact(s) changed\n"
    )


def test_diff_of_identical_drafts(runner: CliRunner) -> None:
    assert run(runner, "diff", NEW, NEW) == (0, "no differences\n", "")


def test_diff_of_a_draft_and_its_word_form_has_no_word_differences(
    runner: CliRunner, tmp_path: Path
) -> None:
    seed = ROOT / "examples" / "37301.yaml"
    made = run(runner, "draft", seed, "--out", tmp_path, "--format", "md,docx", *CONTENT)
    assert made[0] == 0
    form = tmp_path / "37301.docx"
    assert run(runner, "diff", tmp_path / "37301.md", form) == (
        0,
        f"note: {form} has no provenance (no drafter front matter): comparing the words alone\n"
        "no differences\n",
        "",
    )


def test_diff_colour_on_request(runner: CliRunner) -> None:
    stdout = run(runner, "diff", OLD, NEW, "--color", "always")[1]
    assert "\x1b[31m\x1b[9m2023/24\x1b[0m" in stdout and "[-" not in stdout


def _on_a_terminal(extra_env: dict[str, str]) -> str:
    """Run `drafter diff` with its output on a pseudo-terminal; return what it wrote."""
    return on_a_terminal(["diff", OLD, NEW], env=extra_env)[0]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_diff_colours_a_terminal() -> None:
    assert "\x1b[31m" in _on_a_terminal({})


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_diff_respects_no_color_on_a_terminal() -> None:
    output = _on_a_terminal({"NO_COLOR": "1"})
    assert "\x1b[" not in output and "[-2023/24-]{+2024/25+}" in output


@pytest.mark.parametrize("fmt", ["html", "json", "md", "docx", "terminal"])
def test_diff_writes_each_format_to_a_file(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    output = tmp_path / f"review.{fmt}"
    assert run(runner, "diff", OLD, EDITED, "--format", fmt, "-o", output) == (
        1,
        "",
        f"wrote {output}\n",
    )
    assert output.stat().st_size > 0


def test_diff_json_on_stdout(runner: CliRunner) -> None:
    record = json.loads(run(runner, "diff", OLD, NEW, "--format", "json")[1])
    assert [fact["id"] for fact in record["facts"]] == ["barred-list.unlawful-access"]


def test_diff_docx_carries_author_and_date(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "review.docx"
    run(
        runner,
        "diff",
        OLD,
        NEW,
        "--format",
        "docx",
        "-o",
        output,
        "--author",
        "J. Smith",
        "--date",
        "2026-03-01",
    )
    xml = zipfile.ZipFile(output).read("word/document.xml").decode()
    assert 'w:author="J. Smith" w:date="2026-03-01T00:00:00Z"' in xml


def test_diff_docx_author_defaults_to_the_workspace_setting(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "drafter.yaml").write_text("author: Police Integrity Unit\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run(runner, "diff", OLD, NEW, "--format", "docx", "-o", "review.docx")
    xml = zipfile.ZipFile(tmp_path / "review.docx").read("word/document.xml").decode()
    assert 'w:author="Police Integrity Unit"' in xml


def test_diff_identical_to_a_file_says_so(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "same.html"
    assert run(runner, "diff", NEW, NEW, "--format", "html", "-o", output) == (
        0,
        "",
        f"wrote {output} (no differences)\n",
    )


def test_diff_does_not_overwrite_without_force(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "review.html"
    output.write_text("keep me", encoding="utf-8")
    assert run(runner, "diff", OLD, NEW, "--format", "html", "-o", output) == (
        2,
        "",
        f"Error: {output}: already exists: use --force to overwrite it\n",
    )
    assert output.read_text(encoding="utf-8") == "keep me"
    assert run(runner, "diff", OLD, NEW, "--format", "html", "-o", output, "--force")[0] == 1
    assert output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_diff_docx_needs_a_file(runner: CliRunner) -> None:
    code, _, stderr = run(runner, "diff", OLD, NEW, "--format", "docx")
    assert code == 2 and stderr.endswith("Error: --format docx writes a file: give -o FILE\n")


def test_diff_of_corrupted_front_matter(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(
        NEW.read_text(encoding="utf-8").replace("template: police", "template: [police", 1),
        encoding="utf-8",
    )
    assert run(runner, "diff", OLD, bad) == (
        2,
        "",
        f"Error: {bad}:4: corrupted front matter: expected ',' or ']', but got ':'\n",
    )


def test_diff_of_a_docx_that_is_not_word(runner: CliRunner, tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("not a word document", encoding="utf-8")
    assert run(runner, "diff", OLD, fake) == (
        2,
        "",
        f"Error: {fake}: not a Word document (.docx): not a zip archive\n",
    )


def test_diff_of_a_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    assert run(runner, "diff", OLD, tmp_path / "nope.md") == (
        2,
        "",
        f"Error: {tmp_path / 'nope.md'}: no such file\n",
    )


def test_diff_of_very_long_drafts(runner: CliRunner, tmp_path: Path) -> None:
    rng = random.Random(3)
    words = [f"word{n}" for n in range(3000)] + ["the", "of", "and", "police"] * 300
    old = ["".join(" ".join(rng.choices(words, k=100)) + ".") for _ in range(500)]
    new = [" ".join(w if rng.random() > 0.05 else "changed" for w in text.split()) for text in old]
    (tmp_path / "old.txt").write_text("\n\n".join(old), encoding="utf-8")
    (tmp_path / "new.txt").write_text("\n\n".join(new), encoding="utf-8")
    code, stdout, _ = run(runner, "diff", tmp_path / "old.txt", tmp_path / "new.txt")
    assert code == 1
    # Each changed word is one word out and one in: nothing was lost to a wholesale change.
    assert re.fullmatch(
        r"4\d\d of 500 paragraph\(s\) changed: (\d+) word\(s\) inserted, \1 deleted",
        stdout.splitlines()[-1],
    )


def test_check_a_sound_draft(runner: CliRunner) -> None:
    code, stdout, _ = run(runner, "check", NEW, "--facts", ROOT / "facts", "--on", "2025-12-01")
    assert code == 0
    assert stdout.splitlines()[-1] == f"{NEW}: 0 error(s), 1 warning(s)"


def test_check_names_the_edition_used_and_the_one_overdue(runner: CliRunner) -> None:
    stdout = run(runner, "check", NEW, "--facts", ROOT / "facts", "--on", "2026-01-02")[1]
    assert stdout.splitlines()[2:4] == [
        f"{NEW}: paragraph 4: warning [edition-overdue]: 'misconduct-statistics.individuals-"
        "referred' gives 2023/24 from 'misconduct-ye-mar-2024' (published 2025-01-30), but the"
        " next edition was expected by 2026-01-01 (next_expected of"
        " 'misconduct-statistics-collection') and is not in the fact base",
        "  hint: if it is out, add it with 'drafter facts add-period' and run 'drafter redraft'",
    ]
    assert stdout.splitlines()[-1] == f"{NEW}: 0 error(s), 2 warning(s)"


def test_check_last_years_draft_warns_of_the_newer_period(runner: CliRunner) -> None:
    stdout = run(runner, "check", OLD, "--facts", ROOT / "facts")[1]
    assert (
        f"{OLD}: paragraph 5: warning [stale-period]: 'barred-list.unlawful-access' is quoted for"
        " 2023/24, but the fact base has 2024/25"
    ) in stdout.splitlines()


def test_check_exits_1_on_errors_and_reports_json(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_text("There were XX cases\n", encoding="utf-8")
    code, stdout, _ = run(runner, "check", path, "--format", "json")
    assert code == 1
    assert [f["rule"] for f in json.loads(stdout)["findings"]] == [
        "no-provenance",
        "placeholder",
        "no-full-stop",
    ]


def test_check_of_a_draft_with_a_number_in_its_front_matter(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "37301.md"
    text = OLD.read_text(encoding="utf-8")
    path.write_text(text.replace("  period: 2023/24", "  period: 12", 1), encoding="utf-8")
    line = text[: text.index("  period: 2023/24")].count("\n") + 1
    assert run(runner, "check", path, "--facts", ROOT / "facts") == (
        1,
        "",
        f"Error: {path}:{line}: corrupted front matter: facts[8]: 'period' must be text, not 12\n",
    )


def test_check_without_a_fact_base_skips_its_rules(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run(runner, "check", OLD)
    assert (code, "stale-period" in stdout) == (0, False)


def test_redraft_writes_todays_draft_and_shows_what_changed(
    runner: CliRunner, tmp_path: Path
) -> None:
    code, stdout, stderr = run(runner, "redraft", OLD, "--out", tmp_path, *CONTENT)
    assert (code, stderr) == (0, f"wrote {tmp_path / '37301.md'}\n")
    assert "  ~ barred-list.unlawful-access: police officers 66; special constables 5;" in stdout
    assert "[-66-]{+82+}" in stdout
    assert (tmp_path / "37301.md").is_file()


def test_redraft_writes_beside_the_old_draft_under_todays_date(
    runner: CliRunner, tmp_path: Path
) -> None:
    old = tmp_path / "37301.md"
    shutil.copy(OLD, old)
    code, _, stderr = run(runner, "redraft", old, *CONTENT)
    new = tmp_path / f"37301-{date.today().isoformat()}.md"
    assert (code, stderr) == (0, f"wrote {new}\n")
    assert old.read_bytes() == OLD.read_bytes()
    assert "police officers 82" in new.read_text(encoding="utf-8")


def test_redraft_never_overwrites_without_force(runner: CliRunner, tmp_path: Path) -> None:
    new = tmp_path / "37301.md"
    new.write_text("kept\n", encoding="utf-8")
    assert run(runner, "redraft", OLD, "--out", tmp_path, *CONTENT) == (
        1,
        "",
        f"Error: {new}: already exists: use --force to overwrite it\n",
    )
    assert new.read_text(encoding="utf-8") == "kept\n"
    assert run(runner, "redraft", OLD, "--out", tmp_path, "--force", *CONTENT)[0] == 0
    assert "police officers 82" in new.read_text(encoding="utf-8")


def test_redraft_help_names_both_places(runner: CliRunner) -> None:
    stdout = " ".join(run(runner, "redraft", "--help")[1].split())
    assert (
        "--out DIR Write DIR/<uin>.md (a folder's subfolders kept). Default: <uin>-<today>.md "
        "beside each old draft." in stdout
    )


def test_redraft_needs_front_matter(runner: CliRunner, tmp_path: Path) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text("Just an answer.\n", encoding="utf-8")
    assert run(runner, "redraft", plain, *CONTENT) == (
        1,
        "",
        f"Error: {plain}: no drafter front matter: "
        "cannot tell which question and template to redraft\n",
    )


def test_commands_are_listed_in_help(runner: CliRunner) -> None:
    stdout = run(runner, "--help")[1]
    assert all(f"  {name} " in stdout for name in ("diff", "check", "redraft"))


def test_redraft_keeps_the_answer_type(runner: CliRunner, tmp_path: Path) -> None:
    first = tmp_path / "first"
    example = ROOT / "examples" / "disproportionate-cost-pnc.yaml"
    drafted = runner.invoke(
        cli,
        ["draft", str(example), "--type", "disproportionate-cost", "--out", str(first)]
        + ["--format", "md", *map(str, CONTENT)],
    )
    assert drafted.exit_code == 0, drafted.stderr
    (old,) = first.glob("*.md")
    code, stdout, _ = run(runner, "redraft", old, "--out", tmp_path / "again", *CONTENT)
    assert code == 0
    assert "answer type" not in stdout
    (new,) = (tmp_path / "again").glob("*.md")
    assert "\ntype: disproportionate-cost\n" in new.read_text(encoding="utf-8")


def test_diff_trouble_exits_2_as_a_real_process(tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "diff", str(OLD), str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"Error: {missing}: no such file\n"


def revisions(path: Path) -> set[tuple[str | None, str | None]]:
    xml = zipfile.ZipFile(path).read("word/document.xml")
    marks = etree.fromstring(xml).iter(f"{W}ins", f"{W}del")
    return {(mark.get(f"{W}author"), mark.get(f"{W}date")) for mark in marks}


def test_tracked_changes_carry_the_workspace_author_and_todays_date(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "drafter.yaml").write_text("author: A. Clearance\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = datetime.now(UTC).date().isoformat()
    run(runner, "diff", OLD, NEW, "--format", "docx", "-o", tmp_path / "now.docx")
    after = datetime.now(UTC).date().isoformat()
    (marks,) = {(author, (when or "")[:10]) for author, when in revisions(tmp_path / "now.docx")}
    assert marks in {("A. Clearance", before), ("A. Clearance", after)}
    reproducible = tmp_path / "fixed.docx"
    run(runner, "diff", OLD, NEW, "--format", "docx", "-o", reproducible, "--reproducible")
    assert revisions(reproducible) == {("A. Clearance", "2000-01-01T00:00:00Z")}
