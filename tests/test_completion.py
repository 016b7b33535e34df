"""Shell completion (click's): the scripts the README has users install, and what they offer."""

import pytest
from click.testing import CliRunner

from drafter.cli import cli


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_completion_script(runner: CliRunner, shell: str) -> None:
    result = runner.invoke(
        cli, [], prog_name="drafter", env={"_DRAFTER_COMPLETE": f"{shell}_source"}
    )
    assert result.exit_code == 0
    assert "_DRAFTER_COMPLETE" in result.stdout
    assert f"{shell}_complete" in result.stdout


def complete(runner: CliRunner, words: str) -> list[str]:
    env = {
        "_DRAFTER_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    result = runner.invoke(cli, [], prog_name="drafter", env=env)
    assert result.exit_code == 0
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


def test_commands_complete(runner: CliRunner) -> None:
    assert complete(runner, "drafter fa") == ["facts"]
    assert "where-used" in complete(runner, "drafter facts ")


def test_choices_complete(runner: CliRunner) -> None:
    assert complete(runner, "drafter suggest --format ") == ["text", "json"]
