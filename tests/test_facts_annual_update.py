"""The worked example in examples/annual-update/README.md runs as written and prints what it shows.

`pytest --update-golden` rewrites the outputs in the README from a fresh run.
"""

import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.facts.load import load_fact_base
from tests.conftest import ROOT

README = ROOT / "examples" / "annual-update" / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


@dataclass
class Step:
    """One `$ command` of a console block, as written, and the output shown after it."""

    written: list[str]
    shown: str

    @property
    def argv(self) -> list[str]:
        return shlex.split(" ".join(line.rstrip("\\") for line in self.written)[2:])


def steps(block: str) -> list[Step]:
    found: list[Step] = []
    continued = False
    for line in block.splitlines():
        if line.startswith("$ ") or continued:
            if not continued:
                found.append(Step([], ""))
            found[-1].written.append(line)
            continued = line.endswith("\\")
        else:
            found[-1].shown += line + "\n"
    return found


SHELL_COMMANDS = ("cp", "mkdir")
"""Commands besides drafter that the README may use; they run as the reader's shell runs them."""


def run(step: Step, runner: CliRunner) -> str:
    program, *args = step.argv
    if program in SHELL_COMMANDS:
        done = subprocess.run(step.argv, capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{' '.join(step.written)} failed: {done.stderr}"
        return done.stdout + done.stderr
    if program != "drafter":
        pytest.fail(f"the test cannot replay {' '.join(step.written)!r}")
    result = runner.invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stdout + result.stderr


@pytest.fixture
def replayed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> list[tuple[Step, str]]:
    monkeypatch.chdir(tmp_path)
    for folder in ("examples", "templates"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    blocks = BLOCK.findall(README.read_text(encoding="utf-8"))
    return [(step, run(step, runner)) for block in blocks for step in steps(block)]


def test_the_readme_shows_what_each_command_prints(
    replayed: list[tuple[Step, str]], request: pytest.FixtureRequest
) -> None:
    if request.config.getoption("--update-golden"):
        rewrite_readme(replayed)
    assert [(step.written, step.shown) for step, _ in replayed] == [
        (step.written, output) for step, output in replayed
    ]


def rewrite_readme(replayed: list[tuple[Step, str]]) -> None:
    outputs = iter(replayed)

    def fresh(match: re.Match[str]) -> str:
        text = ""
        for _ in steps(match[1]):
            step, output = next(outputs)
            text += "\n".join(step.written) + "\n" + output
        return f"```console\n{text}```"

    README.write_text(BLOCK.sub(fresh, README.read_text(encoding="utf-8")), encoding="utf-8")


def test_the_new_draft_uses_2024_25_and_the_old_keeps_2023_24(
    replayed: list[tuple[Step, str]],
) -> None:
    old = Path("demo/drafts/2025-03/37301.md").read_text(encoding="utf-8")
    new = Path("demo/drafts/2025-11/37301.md").read_text(encoding="utf-8")
    assert "In 2023/24, unlawful access" in old
    assert "dismissal of 66 police officers, 5 special constables and 37 police staff." in old
    assert "In 2024/25, unlawful access" in new
    assert "dismissal of 82 police officers." in new


def test_the_fact_keeps_its_history(replayed: list[tuple[Step, str]]) -> None:
    fact = load_fact_base(Path("demo/facts")).facts["barred-list.unlawful-access"]
    assert [value.period for value in fact.values] == ["2023/24", "2024/25"]


def test_the_edit_only_added_lines(replayed: list[tuple[Step, str]]) -> None:
    before = (ROOT / "examples/annual-update/facts-2024/barred-list.yaml").read_text().splitlines()
    after = Path("demo/facts/barred-list.yaml").read_text(encoding="utf-8").splitlines()
    assert [line for line in after if line not in before] == [
        "      - period: 2024/25",
        "        breakdown: {police officers: 82}",
        "        source: barred-list-2024-25",
        "        notes: 'Officers only: the special constable and police staff figures are not "
        "yet known.'",
    ]
    assert [line for line in before if line in after] == before
