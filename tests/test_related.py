"""A substantive draft lists the archive's closest earlier answers and offers each as a referral."""

from pathlib import Path

import yaml
from click.testing import CliRunner

from drafter.cli import cli
from tests.conftest import ROOT

WORKSPACE = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]
QUESTION = ROOT / "examples" / "referral-cybercrime.yaml"


def background(runner: CliRunner, *args: str) -> list[str]:
    result = runner.invoke(
        cli, ["draft", str(QUESTION), "--template", "police-systems-misuse", *args, *WORKSPACE]
    )
    assert result.exit_code == 0, result.stderr
    notes: list[str] = yaml.safe_load(result.stdout.split("---\n")[1])["background"]
    return notes


def test_earlier_answers_are_offered_as_referrals(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    seed = ROOT / "tests" / "data" / "questions" / "37301.json"
    assert runner.invoke(cli, ["archive", "import", str(seed), "--db", str(db)]).exit_code == 0
    offered = [note for note in background(runner, "--db", str(db)) if note.startswith("Earlier")]
    assert offered == [
        "Earlier answer: UIN 37301, Cybercrime, answered 20 March 2025. "
        "To refer to it instead: --refer-to 37301@2025-03-11"
    ]


def test_no_archive_no_offer(runner: CliRunner, tmp_path: Path) -> None:
    notes = background(runner, "--db", str(tmp_path / "none.sqlite"))
    assert not [note for note in notes if note.startswith("Earlier")]
    assert not (tmp_path / "none.sqlite").exists()
