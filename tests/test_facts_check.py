import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli

DATA = Path(__file__).parent / "data" / "kb_lifecycle"
UNCITED = "facts/sources.yaml:28:5: warning: source 'barred-list-2024-25' is not cited by any fact"
MANIFEST = """\
id: example
title: Example
type: substantive
blocks: [figures]
"""


@pytest.fixture
def facts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA, tmp_path / "facts")
    return Path("facts")


def write_block(text: str) -> None:
    Path("templates/blocks").mkdir(parents=True)
    Path("templates/example.yaml").write_text(MANIFEST, encoding="utf-8")
    Path("templates/blocks/figures.md.j2").write_text(text, encoding="utf-8")
    Path("templates/blocks/figures.yaml").write_text(DECLARATION, encoding="utf-8")


DECLARATION = """\
role: figures
intents: [figures]
answers: [what the barred list is]
facts: [barred-list.about]
"""


def test_a_sound_base_passes_with_its_warnings(runner: CliRunner, facts: Path) -> None:
    result = runner.invoke(cli, ["facts", "check"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"{UNCITED}\n0 error(s), 1 warning(s) in facts/\n"


def test_strict_fails_on_a_warning(runner: CliRunner, facts: Path) -> None:
    result = runner.invoke(cli, ["facts", "check", "--strict"])
    assert result.exit_code == 1
    assert result.stderr == f"{UNCITED}\nError: 0 error(s), 1 warning(s) in facts/\n"


def test_every_problem_is_listed_sorted_then_counted(runner: CliRunner, facts: Path) -> None:
    path = facts / "barred-list.yaml"
    text = path.read_text(encoding="utf-8").replace("source: barred-list\n", "source: barred-lst\n")
    path.write_text(text.replace("review_by: 2027-03-31", "review_by: 31/03/2027"))
    result = runner.invoke(cli, ["facts", "check"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "facts/barred-list.yaml:3:5: error: fact 'barred-list.about' cites source "
        "'barred-lst', which is not defined",
        "  hint: did you mean 'barred-list'?",
        "facts/barred-list.yaml:9:16: error: fact 'barred-list.about': 'review_by' must be an "
        "ISO date (YYYY-MM-DD), not '31/03/2027'",
        "facts/barred-list.yaml:12:5: error: fact 'barred-list.unlawful-access' cites source "
        "'barred-lst', which is not defined",
        "  hint: did you mean 'barred-list'?",
        "facts/barred-list.yaml:29:5: error: fact 'barred-list.officers-dismissed' cites "
        "source 'barred-lst', which is not defined",
        "  hint: did you mean 'barred-list'?",
        "facts/barred-list.yaml:33:16: error: fact 'barred-list.officers-dismissed': "
        "'review_by' must be an ISO date (YYYY-MM-DD), not '31/03/2027'",
        "facts/sources.yaml:3:5: warning: source 'barred-list' is not cited by any fact",
        UNCITED,
        "Error: 5 error(s), 2 warning(s) in facts/",
    ]


def test_json_lists_problems_as_objects(runner: CliRunner, facts: Path) -> None:
    result = runner.invoke(cli, ["facts", "check", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "path": "facts/sources.yaml",
            "line": 28,
            "column": 5,
            "severity": "warning",
            "message": "source 'barred-list-2024-25' is not cited by any fact",
            "hint": None,
        }
    ]
    assert result.stderr == "0 error(s), 1 warning(s) in facts/\n"


def test_a_block_reading_a_missing_fact_is_an_error(runner: CliRunner, facts: Path) -> None:
    write_block(
        '{% set x = fact("barred-list.about") %}\n{{ fact("barred-list.unlawful-acces") }}\n'
    )
    result = runner.invoke(cli, ["facts", "check"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        UNCITED,
        "templates/blocks/figures.md.j2:2: error: block 'figures' reads fact "
        "'barred-list.unlawful-acces', which is not in the fact base",
        "  hint: did you mean 'barred-list.unlawful-access'?",
        "Error: 1 error(s), 1 warning(s) in facts/",
    ]


def test_a_fact_id_outside_a_fact_call_is_not_a_read(runner: CliRunner, facts: Path) -> None:
    write_block(
        '{# fact("no.such-fact") #}\nSee "no.such-fact".\n{{ fact("barred-list.about") }}\n'
    )
    result = runner.invoke(cli, ["facts", "check"])
    assert result.exit_code == 0


def test_a_block_with_a_syntax_error_is_reported(runner: CliRunner, facts: Path) -> None:
    write_block("{% if %}\n")
    result = runner.invoke(cli, ["facts", "check"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1] == (
        "templates/blocks/figures.md.j2:1: error: syntax error: Expected an expression, "
        "got 'end of statement block'"
    )


def test_the_templates_option_names_the_folder(runner: CliRunner, facts: Path) -> None:
    write_block('{{ fact("missing.fact") }}\n')
    Path("templates").rename("elsewhere")
    assert runner.invoke(cli, ["facts", "check"]).exit_code == 0
    result = runner.invoke(cli, ["facts", "check", "--templates", "elsewhere"])
    assert result.exit_code == 1


def test_a_missing_folder_is_a_usage_error(runner: CliRunner, facts: Path) -> None:
    result = runner.invoke(cli, ["facts", "check", "--facts", "nope"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--facts': Directory 'nope' does not exist."
    )
