"""Imported drafts are kept apart from Parliament's answers; the README's referral route works."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from drafter.cli import cli
from tests.conftest import ROOT

WORKSPACE = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]
EXAMPLES = ROOT / "examples"
REFERRAL = str(EXAMPLES / "referral-cybercrime.yaml")
REFER_37301 = ("--refer-to", "37301@2025-03-11")
PARLIAMENT = EXAMPLES / "archive" / "37301-answer.json"


def run(runner: CliRunner, *args: object) -> Result:
    return runner.invoke(cli, [str(arg) for arg in args])


def front(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = yaml.safe_load(result.stdout.split("---\n")[1])
    return data


@pytest.fixture
def drafts_db(runner: CliRunner, tmp_path: Path) -> Path:
    """An archive holding only drafter's own draft of 37301."""
    out = tmp_path / "drafts"
    made = run(runner, "draft", EXAMPLES / "37301.yaml", "--out", out, "--format", "md", *WORKSPACE)
    assert made.exit_code == 0, made.stderr
    db = tmp_path / "archive.sqlite"
    assert run(runner, "archive", "import", out, "--db", db).exit_code == 0
    return db


def test_show_says_an_imported_draft_is_not_parliaments_answer(
    runner: CliRunner, drafts_db: Path
) -> None:
    shown = run(runner, "archive", "show", "37301", "--db", drafts_db).stdout
    assert "Answered: drafter's draft, not the answer given in Parliament\n" in shown
    assert "Drafted for: Dame Diana Johnson\n" in shown
    assert "Answered by" not in shown
    assert "\nDraft answer:\nThe responsibility for auditing" in shown


def test_search_marks_an_imported_draft(runner: CliRunner, drafts_db: Path) -> None:
    found = run(runner, "archive", "search", "cybercrime", "--db", drafts_db).stdout
    assert found.splitlines()[1] == (
        "    Commons · Home Office · drafter's draft, not the answer given in Parliament"
    )


def test_a_draft_is_not_offered_as_an_earlier_answer(runner: CliRunner, drafts_db: Path) -> None:
    args = ("draft", REFERRAL, "--template", "police-systems-misuse", "--db", drafts_db)
    notes = front(run(runner, *args, *WORKSPACE))["background"]
    assert not [note for note in notes if note.startswith("Earlier")]
    asked = front(run(runner, *args, "--include-drafts", *WORKSPACE))["background"]
    assert [note for note in asked if note.startswith("Earlier")] == [
        "Earlier draft (not given in Parliament): UIN 37301, Cybercrime, answered 20 March 2025."
        " To refer to it instead: --refer-to 37301@2025-03-11"
    ]


def test_referring_to_a_draft_is_refused_unless_asked(runner: CliRunner, drafts_db: Path) -> None:
    args = ("draft", REFERRAL, "--refer-to", "37301@2025-03-11", "--db", drafts_db, *WORKSPACE)
    refused = run(runner, *args)
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr == (
        "Error: the archive holds only drafter's draft of Question 37301, not the answer given"
        " in Parliament: import Parliament's record of it, or add --include-drafts to refer to"
        " the draft\n"
    )
    notes = front(run(runner, *args, "--include-drafts"))["background"]
    assert notes[1].startswith("The earlier answer quoted below is drafter's draft")


def test_parliaments_record_replaces_an_imported_draft(runner: CliRunner, drafts_db: Path) -> None:
    assert run(runner, "archive", "import", PARLIAMENT, "--db", drafts_db).exit_code == 0
    shown = run(runner, "archive", "show", "37301", "--db", drafts_db).stdout
    assert "Answered: 2025-03-20\n" in shown
    assert "\nAnswer:\nEach police force is responsible for auditing" in shown
    assert "drafter's draft" not in shown


def test_the_readme_referral_route_works_in_a_fresh_workspace(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "archive.sqlite"
    assert run(runner, "archive", "import", PARLIAMENT, "--db", db).exit_code == 0
    result = run(runner, "draft", REFERRAL, *REFER_37301, "--db", db, *WORKSPACE)
    assert front(result)["type"] == "referral"
    assert "I refer the hon. Member to the answer given on 20 March 2025 to Question 37301." in (
        result.stdout
    )


def test_refer_to_without_an_archive_says_what_to_import(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    result = run(runner, "draft", REFERRAL, *REFER_37301, "--db", db, *WORKSPACE)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {db}: no archive here: a referral quotes the earlier answer from it; import"
        " Parliament's record of Question 37301 first with 'drafter archive import FILE' (the"
        " written questions API's response for it, as examples/archive/ holds for 37301), or"
        " give --db\n"
    )
    assert not db.exists()
