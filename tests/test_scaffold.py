from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.scaffold import STARTER_FILES, starter_forms
from tests.conftest import ROOT


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner) -> Path:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["init", "ws"]).exit_code == 0
    monkeypatch.chdir(tmp_path / "ws")
    return tmp_path / "ws"


def test_init_writes_the_starter_files(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["init", "ws"])
    assert result.exit_code == 0
    files = {**STARTER_FILES, **starter_forms()}
    assert result.stderr == "".join(f"created ws/{name}\n" for name in files)
    assert result.stdout == (
        "Next:\n  cd ws\n  drafter facts check\n  drafter draft questions/example.yaml\n"
    )
    assert {name: (tmp_path / "ws" / name).read_text() for name in files} == files


def test_the_scaffold_passes_facts_check(runner: CliRunner, workspace: Path) -> None:
    result = runner.invoke(cli, ["facts", "check"])
    assert result.exit_code == 0
    assert result.stderr == "0 error(s), 0 warning(s) in facts/\n"


def test_the_scaffold_drafts_its_example_question(runner: CliRunner, workspace: Path) -> None:
    result = runner.invoke(cli, ["draft", "questions/example.yaml"])
    assert result.exit_code == 0
    body = result.stdout.split("\n---\n", 1)[1]
    assert body.startswith(
        "\nApplications are processed in the order they are received, and every applicant is "
        "told the outcome in writing. In 2025/26, 1,250 applications were received. The "
        "figures are published at "
        "<https://www.gov.uk/government/statistics/example-applications-2025-26>.\n"
    )


def test_init_refuses_a_folder_that_is_not_empty(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("ws").mkdir()
    Path("ws/notes.txt").write_text("mine\n", encoding="utf-8")
    result = runner.invoke(cli, ["init", "ws"])
    assert result.exit_code == 1
    assert result.stderr == "Error: ws: folder is not empty: use --force to add the starter files\n"
    assert sorted(path.name for path in Path("ws").iterdir()) == ["notes.txt"]


def test_init_force_adds_the_files_to_a_folder_that_is_not_empty(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("ws").mkdir()
    Path("ws/drafter.yaml").write_text("facts: old\n", encoding="utf-8")
    result = runner.invoke(cli, ["init", "ws", "--force"])
    assert result.exit_code == 0
    assert Path("ws/drafter.yaml").read_text(encoding="utf-8") == STARTER_FILES["drafter.yaml"]


def test_init_refuses_a_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("ws").write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["init", "ws"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for 'DIR': Directory 'ws' is a file."
    )


def test_the_starter_forms_are_the_bundled_ones() -> None:
    forms = starter_forms()
    assert "templates/holding.yaml" in forms and "facts/pq-process.yaml" in forms
    for name, text in forms.items():
        assert (ROOT / name).read_text(encoding="utf-8") == text, name


@pytest.mark.parametrize(
    ("args", "opening"),
    [
        (["questions/example.yaml"], "Applications are processed in the order"),
        (["questions/grouped.yaml", "--type", "grouped"], "Applications are processed in the"),
        (["questions/example.yaml", "--type", "holding"], "I shall let the hon. Member"),
        (["questions/example.yaml", "--type", "will-write"], "I will write to the hon. Member"),
        (["questions/example.yaml", "--type", "not-held-centrally"], "The information requested"),
        (
            ["questions/example.yaml", "--type", "disproportionate-cost"],
            "The information requested could be obtained only at disproportionate cost.",
        ),
        (["questions/correction.yaml", "--type", "correction"], "An error has been identified"),
        (["questions/example.yaml", "--refer-to", "987@2026-09-01"], "I refer the hon. Member"),
    ],
    ids=[
        "substantive",
        "grouped",
        "holding",
        "will-write",
        "not-held",
        "cost",
        "correction",
        "referral",
    ],
)
def test_every_answer_type_drafts_in_a_new_workspace(
    runner: CliRunner, workspace: Path, args: list[str], opening: str
) -> None:
    imported = runner.invoke(cli, ["archive", "import", "questions/earlier-answer.json"])
    assert imported.exit_code == 0, imported.stderr
    result = runner.invoke(cli, ["draft", *args])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split("\n---\n", 1)[1].lstrip().startswith(opening)
