import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from drafter.cli import cli
from drafter.facts.diff import word_diff

DATA = Path(__file__).parent / "data" / "kb_lifecycle"
NEW_PERIOD = """\
      - period: 2024/25
        source: barred-list-2024-25
        breakdown:
          police officers: 82
"""


@pytest.fixture
def facts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA, tmp_path / "old")
    shutil.copytree(DATA, tmp_path / "facts")
    return Path("facts")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_period(facts: Path) -> None:
    edit(
        facts / "barred-list.yaml", "      # 2024/25 is due", NEW_PERIOD + "      # 2024/25 is due"
    )


def diff(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, ["facts", "diff", *args])


def git(*args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.mark.parametrize(
    ("output_format", "printed"),
    [
        ("text", "no differences\n"),
        ("md", "No fact base changes (old → facts).\n"),
        ("json", '{\n  "old": "old",\n  "new": "facts",\n  "sources": [],\n  "facts": []\n}\n'),
    ],
)
def test_same_folders_say_so_and_exit_0(
    runner: CliRunner, facts: Path, output_format: str, printed: str
) -> None:
    result = diff(runner, "old", "--format", output_format)
    assert (result.exit_code, result.stdout, result.stderr) == (0, printed, "")


def test_a_new_period_reads_period_by_period(runner: CliRunner, facts: Path) -> None:
    add_period(facts)
    result = diff(runner, "old")
    assert result.exit_code == 1
    assert result.stdout == (
        "barred-list.unlawful-access: + 2024/25 police officers 82\n"
        "barred-list.unlawful-access: + 2024/25 source barred-list-2024-25\n"
        "sources: 0 added, 0 removed, 0 changed; facts: 0 added, 0 removed, 1 changed\n"
    )


def test_a_changed_figure_shows_old_and_new(runner: CliRunner, facts: Path) -> None:
    edit(facts / "barred-list.yaml", "police staff: 37", "police staff: 38")
    result = diff(runner, "old", "facts")
    assert result.stdout.splitlines()[0] == (
        "barred-list.unlawful-access: ~ 2023/24 police staff 37 -> 38"
    )


def test_a_removed_period_is_listed(runner: CliRunner, facts: Path) -> None:
    edit(
        facts / "barred-list.yaml",
        "      - {period: 2022/23, value: 394, source: barred-list-2022-23}\n",
        "",
    )
    result = diff(runner, "old")
    assert result.stdout.splitlines()[:2] == [
        "barred-list.officers-dismissed: - 2022/23 value 394",
        "barred-list.officers-dismissed: - 2022/23 source barred-list-2022-23",
    ]


def test_periods_are_listed_in_history_order(runner: CliRunner, facts: Path) -> None:
    edit(
        facts / "barred-list.yaml",
        "      - {period: 2023/24, value: 593, source: barred-list-2023-24}\n",
        "      - {period: 2023/24, value: 593, source: barred-list-2023-24}\n"
        "      - {period: 2024-Q1, value: 150, source: barred-list-2024-25}\n"
        "      - {period: year ending 30 June 2024, value: 600, source: barred-list-2024-25}\n",
    )
    result = diff(runner, "old")
    assert [line.split(" source ")[0] for line in result.stdout.splitlines()[:-1]] == [
        "barred-list.officers-dismissed: + 2024-Q1 value 150",
        "barred-list.officers-dismissed: + 2024-Q1",
        "barred-list.officers-dismissed: + year ending 30 June 2024 value 600",
        "barred-list.officers-dismissed: + year ending 30 June 2024",
    ]


def test_text_changes_are_word_diffs(runner: CliRunner, facts: Path) -> None:
    edit(facts / "barred-list.yaml", "names people dismissed", "lists everyone dismissed")
    result = diff(runner, "old")
    assert result.stdout.splitlines()[0] == (
        "barred-list.about: text: The barred list [-names people-]{+lists everyone+} dismissed "
        "from Home Office police forces, who may not be employed in policing again."
    )


def test_fields_show_old_and_new(runner: CliRunner, facts: Path) -> None:
    edit(facts / "barred-list.yaml", '"2026-11-30"', "2027-11-30")
    result = diff(runner, "old")
    assert result.stdout.splitlines()[0] == (
        "barred-list.unlawful-access: review_by: 2026-11-30 -> 2027-11-30"
    )


def test_added_and_removed_items_are_listed(runner: CliRunner, facts: Path) -> None:
    shutil.copy(facts / "barred-list.yaml", "barred.yaml")
    (facts / "barred-list.yaml").unlink()
    (facts / "more.yaml").write_text(
        Path("barred.yaml")
        .read_text(encoding="utf-8")
        .replace("barred-list.about", "barred-list.scope")
    )
    result = diff(runner, "old")
    assert result.stdout == (
        "- fact barred-list.about\n"
        "+ fact barred-list.scope\n"
        "sources: 0 added, 0 removed, 0 changed; facts: 1 added, 1 removed, 0 changed\n"
    )


def test_markdown_for_a_pull_request(runner: CliRunner, facts: Path) -> None:
    add_period(facts)
    edit(facts / "barred-list.yaml", "names people dismissed", "lists people dismissed")
    result = diff(runner, "old", "--format", "md")
    assert result.stdout == (
        "### Fact base changes (old → facts)\n"
        "\n"
        "sources: 0 added, 0 removed, 0 changed; facts: 0 added, 0 removed, 2 changed\n"
        "\n"
        "- Fact `barred-list.about` changed\n"
        "  - text: The barred list ~~names~~**lists** people dismissed from Home Office police "
        "forces, who may not be employed in policing again.\n"
        "- Fact `barred-list.unlawful-access` changed\n"
        "  - 2024/25 police officers: added **82**\n"
        "  - 2024/25 source: added **barred-list-2024-25**\n"
    )


def test_json_for_tools(runner: CliRunner, facts: Path) -> None:
    add_period(facts)
    result = diff(runner, "old", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "old": "old",
        "new": "facts",
        "sources": [],
        "facts": [
            {
                "id": "barred-list.unlawful-access",
                "status": "changed",
                "changes": [
                    {"period": "2024/25", "field": "police officers", "old": None, "new": "82"},
                    {
                        "period": "2024/25",
                        "field": "source",
                        "old": None,
                        "new": "barred-list-2024-25",
                    },
                ],
            }
        ],
    }


def test_a_git_revision_against_the_working_tree(runner: CliRunner, facts: Path) -> None:
    git("init", "-q")
    git("add", "facts")
    git("commit", "-q", "-m", "Facts as published in 2024")
    add_period(facts)
    result = diff(runner, "HEAD")
    assert result.stdout.splitlines()[0] == (
        "barred-list.unlawful-access: + 2024/25 police officers 82"
    )


def test_two_git_revisions(runner: CliRunner, facts: Path) -> None:
    git("init", "-q")
    git("add", "facts")
    git("commit", "-q", "-m", "2024")
    add_period(facts)
    git("commit", "-q", "-am", "2025")
    edit(facts / "barred-list.yaml", "police officers: 82", "police officers: 83")
    result = diff(runner, "HEAD~1", "HEAD")
    assert result.stdout.splitlines()[0] == (
        "barred-list.unlawful-access: + 2024/25 police officers 82"
    )


def test_a_broken_revision_names_the_revision(runner: CliRunner, facts: Path) -> None:
    git("init", "-q")
    edit(facts / "barred-list.yaml", "kind: line", "kind: lines")
    git("add", "facts")
    git("commit", "-q", "-m", "broken")
    result = diff(runner, "HEAD", "old")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: HEAD:facts/barred-list.yaml:4:11: error: fact 'barred-list.about': 'kind' must "
        "be one of line, statistic, policy, not 'lines'\n"
    )


def test_neither_a_folder_nor_a_revision(runner: CliRunner, facts: Path) -> None:
    git("init", "-q")
    result = diff(runner, "nope")
    assert result.exit_code == 1
    assert result.stderr == "Error: 'nope' is neither a folder nor a git revision\n"


def test_outside_a_repository(runner: CliRunner, facts: Path) -> None:
    result = diff(runner, "HEAD")
    assert result.exit_code == 1
    assert result.stderr == "Error: 'HEAD' is not a folder, and facts is not in a git repository\n"


def test_a_revision_without_the_folder(runner: CliRunner, facts: Path) -> None:
    git("init", "-q")
    git("add", "old")
    git("commit", "-q", "-m", "only old")
    result = diff(runner, "HEAD")
    assert result.exit_code == 1
    assert result.stderr == "Error: revision 'HEAD' has no folder 'facts'\n"


@pytest.mark.parametrize(
    ("old", "new", "runs"),
    [
        ("a b c", "a b c", [("equal", "a b c")]),
        ("a b c", "a x c", [("equal", "a"), ("delete", "b"), ("insert", "x"), ("equal", "c")]),
        ("a c", "a b c", [("equal", "a"), ("insert", "b"), ("equal", "c")]),
        ("a b", "a", [("equal", "a"), ("delete", "b")]),
    ],
    ids=["same", "replaced", "inserted", "deleted"],
)
def test_word_diff(old: str, new: str, runs: list[tuple[str, str]]) -> None:
    assert word_diff(old, new) == runs
