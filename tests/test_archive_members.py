"""Members by name: the members file names the ids that records carry, for search and show."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.archive.members import load_members, matching_ids
from drafter.cli import cli
from drafter.errors import DrafterError
from tests.conftest import WriteTree

DATA = Path(__file__).parent / "data" / "archive" / "members-list.jsonl"
MEMBERS = """
    # MNIS member id: name
    1533: Dame Diana Johnson
    4764: Bell Ribeiro-Addy
    """


@pytest.fixture
def workspace(write_tree: WriteTree, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace whose archive holds list records that give members only by id."""
    root = write_tree({"members.yaml": MEMBERS})
    monkeypatch.chdir(root)
    assert runner.invoke(cli, ["archive", "import", str(DATA)]).exit_code == 0
    return root


def test_the_members_file_maps_ids_to_names(workspace: Path) -> None:
    members = load_members(workspace / "members.yaml")
    assert members == {1533: "Dame Diana Johnson", 4764: "Bell Ribeiro-Addy"}
    assert matching_ids(members, "diana  JOHNSON") == (1533,)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Diana Johnson: 1533\n",
            "1:16: member id 'Diana Johnson' is not a number (ids are MNIS ids)",
        ),
        ("1533: [Diana]\n", "1:7: expected a member's name, found ['Diana']"),
        ("- 1533\n", "1: expected a mapping of member ids to names"),
    ],
    ids=["name-as-key", "not-a-name", "a-list"],
)
def test_a_bad_members_file_is_one_line_naming_the_place(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "members.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DrafterError) as caught:
        load_members(path)
    assert str(caught.value) == f"{path}:{message}"


def test_search_by_a_members_name_finds_the_answers_given_by_id(
    runner: CliRunner, workspace: Path
) -> None:
    result = runner.invoke(cli, ["archive", "search", "vetting", "--member", "Diana Johnson"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "2025-02-03  601  Police: Vetting"
    assert "602" not in result.stdout


def test_show_names_members_from_the_file_and_ids_otherwise(
    runner: CliRunner, workspace: Path
) -> None:
    named = runner.invoke(cli, ["archive", "show", "601"]).stdout
    assert "Asked by: Bell Ribeiro-Addy\n" in named
    assert "Answered by: Dame Diana Johnson\n" in named
    unnamed = runner.invoke(cli, ["archive", "show", "602"]).stdout
    assert "Asked by: member 4000\n" in unnamed
    assert "Answered by: member 4001\n" in unnamed


def test_show_says_when_the_list_endpoint_cut_the_answer_short(
    runner: CliRunner, workspace: Path
) -> None:
    shown = runner.invoke(cli, ["archive", "show", "601"]).stdout
    assert (
        "Cut short: the list endpoint gives only the answer's first 255 characters ('...'):"
        " import the detail response or a longform file for the whole answer\n"
    ) in shown
    assert "Code of Practice on vetting.\n\nThe College of Policing" in shown
    assert "Cut short" not in runner.invoke(cli, ["archive", "show", "602"]).stdout
