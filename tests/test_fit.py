"""A topic template forced with --template on a question it does not fit drafts, with warnings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from drafter.cli import cli
from tests.conftest import ROOT, WriteTree

WORKSPACE = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]
FORCED = ["--template", "police-systems-misuse"]


def background(result: Result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    front: dict[str, Any] = yaml.safe_load(result.stdout.split("---\n")[1])
    return [note for note in front["background"] if note.startswith("Off topic")]


@pytest.fixture
def home_office(write_tree: WriteTree, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace that answers for the Home Office, with a question to the MoJ."""
    root = write_tree(
        {
            "drafter.yaml": "department: Home Office\n",
            "moj.yaml": """
                text: >-
                  To ask the Secretary of State for Justice, how many police officers were
                  convicted of offences under the Computer Misuse Act 1990 in 2024.
                uin: "1234"
                house: Commons
                answering_body: Ministry of Justice
                date_tabled: 2025-03-03
                """,
        }
    )
    monkeypatch.chdir(root)
    return root


def test_a_question_to_another_department_drafts_with_a_warning(
    runner: CliRunner, home_office: Path
) -> None:
    result = runner.invoke(cli, ["draft", "moj.yaml", *FORCED, *WORKSPACE])
    message = (
        "the question is to the Ministry of Justice, but this workspace answers for the Home"
        " Office (template 'police-systems-misuse', named with --template). Transfer the"
        " question, or check every paragraph."
    )
    assert background(result) == [f"Off topic: {message}"]
    assert result.stderr == f"warning: {message}\n"


def test_a_question_with_no_word_in_common_drafts_with_a_warning(runner: CliRunner) -> None:
    text = "To ask the Secretary of State for Transport, what plans she has for cycle lanes."
    result = runner.invoke(cli, ["draft", "--text", text, *FORCED, *WORKSPACE])
    message = (
        "the question shares no word with template 'police-systems-misuse', named with"
        " --template. Check every paragraph."
    )
    assert background(result) == [f"Off topic: {message}"]
    assert result.stderr == f"warning: {message}\n"


def test_a_fitting_template_named_on_a_question_to_the_department_is_quiet(
    runner: CliRunner, home_office: Path
) -> None:
    result = runner.invoke(
        cli, ["draft", str(ROOT / "examples" / "37301.yaml"), *FORCED, *WORKSPACE]
    )
    assert background(result) == []
    assert result.stderr == ""
