"""The README stays true: its set-up commands, and the commands it lists, exist."""

import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from drafter.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
TABLE = README.split("## Commands", 1)[1].strip().split("\n\n", 1)[0]
"""The README's table of commands."""


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    paths = set()
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        paths.add((*prefix, name))
        if isinstance(command, click.Group):
            paths |= command_paths(command, (*prefix, name))
    return paths


def test_readme_opens_with_the_two_set_up_commands() -> None:
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert first_block == [
        "python -m pip install . && python -m drafter draft examples/37301.yaml --out drafts/",
        "python -m pip install -e '.[test]' && python -m pytest",
    ]


def test_every_command_in_the_readme_table_exists() -> None:
    listed = re.findall(r"^\| `drafter ([a-z -]+?)(?: [A-Z]|`)", TABLE, re.MULTILINE)
    assert len(listed) == 9
    known = command_paths(cli)
    for entry in listed:
        words = tuple(entry.split())
        assert words in known or tuple(words[:1]) in known, entry


def test_every_top_level_command_is_in_the_readme_table() -> None:
    for name in cli.list_commands(click.Context(cli)):
        assert f"`drafter {name}" in TABLE, name


def test_the_grouped_rows_name_real_subcommands() -> None:
    known = command_paths(cli)
    archive = re.search(r"`drafter archive ([a-z/]+)`", TABLE)
    facts = re.search(r"`drafter facts \.\.\.` \| [^|]*: (.*) \|", TABLE)
    assert archive and facts
    for name in archive[1].split("/"):
        assert ("archive", name) in known, name
    for name in re.findall(r"`([a-z-]+)`", facts[1]):
        assert ("facts", name) in known, name
    assert {path[1] for path in known if path[0] == "facts" and len(path) == 2} == set(
        re.findall(r"`([a-z-]+)`", facts[1])
    )


def test_the_try_it_block_runs_after_the_set_up_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder in ("facts", "templates", "examples"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    set_up = README.split("```sh\n", 1)[1].splitlines()[0].split(" && python -m drafter ")[1]
    assert runner.invoke(cli, shlex.split(set_up)).exit_code == 0
    try_it = README.split("## Try it", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    blocks = re.findall(r"```console\n(.*?)```", try_it, re.DOTALL)
    for block in blocks:
        for command, shown in re.findall(r"^\$ (.*)\n((?:[^$].*\n)*)", block, re.MULTILINE):
            if command.startswith("cat "):
                assert (tmp_path / command.split()[1]).is_file()
                continue
            result = runner.invoke(cli, shlex.split(command.removeprefix("python -m drafter ")))
            assert result.exit_code == 0, f"{command}: {result.stderr}"
            assert result.stderr == shown
