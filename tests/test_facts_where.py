import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from drafter.cli import cli

DATA = Path(__file__).parent / "data" / "kb_lifecycle"
TEMPLATE = """\
id: barred
title: Barred list
type: substantive
blocks: [figures]
"""
FIGURES = """\
{#- The figures; the scope line is in scope.md.j2, not "barred-list.about". -#}
{% set latest = fact("barred-list.unlawful-access").latest %}
In {{ latest | fy }}, {{ latest.breakdown | breakdown }} were dismissed.
"""
SPARE = """\
{{ fact("barred-list.about").text }}
{{ fact('barred-list.unlawful-access').latest.label }}
"""
DRAFT = """\
---
template: barred
facts:
- {id: barred-list.unlawful-access, kind: statistic, source: barred-list-2023-24, digest: x,
  period: 2023/24}
---

In 2023/24, 66 police officers were dismissed.
"""


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA, "facts")
    Path("templates/blocks").mkdir(parents=True)
    Path("templates/barred.yaml").write_text(TEMPLATE, encoding="utf-8")
    Path("templates/blocks/figures.md.j2").write_text(FIGURES, encoding="utf-8")
    Path("templates/blocks/spare.md.j2").write_text(SPARE, encoding="utf-8")
    Path("drafts/2025").mkdir(parents=True)
    Path("drafts/2025/1.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def where_used(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, ["facts", "where-used", *args])


def test_blocks_and_drafts_that_use_a_fact(runner: CliRunner, workspace: Path) -> None:
    result = where_used(runner, "barred-list.unlawful-access", "--drafts", "drafts")
    assert result.exit_code == 0
    assert result.stdout == (
        "templates/blocks/figures.md.j2:2: block 'figures' (templates: barred)\n"
        "templates/blocks/spare.md.j2:2: block 'spare' (in no template)\n"
        "drafts/2025/1.md: draft (used 2023/24)\n"
    )


def test_a_comment_naming_a_fact_is_not_a_use(runner: CliRunner, workspace: Path) -> None:
    result = where_used(runner, "barred-list.about")
    assert result.stdout == "templates/blocks/spare.md.j2:1: block 'spare' (in no template)\n"


def test_the_drafts_folder_comes_from_drafter_yaml(runner: CliRunner, workspace: Path) -> None:
    Path("drafter.yaml").write_text("drafts: drafts/2025\n", encoding="utf-8")
    result = where_used(runner, "barred-list.unlawful-access")
    assert result.stdout.splitlines()[-1] == "drafts/2025/1.md: draft (used 2023/24)"


def test_an_unused_fact_exits_1(runner: CliRunner, workspace: Path) -> None:
    result = where_used(runner, "barred-list.officers-dismissed")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "fact 'barred-list.officers-dismissed' is not used by any template block or draft\n"
    )


def test_a_broken_block_is_a_one_line_error(runner: CliRunner, workspace: Path) -> None:
    Path("templates/blocks/spare.md.j2").write_text("{{ fact(\n", encoding="utf-8")
    result = where_used(runner, "barred-list.about")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: templates/blocks/spare.md.j2:1: syntax error: unexpected 'end of template'\n"
    )


@pytest.mark.parametrize(
    ("fact_id", "message"),
    [
        (
            "barred-list.unlawful-acess",
            "unknown fact 'barred-list.unlawful-acess' "
            "(did you mean 'barred-list.unlawful-access'?)",
        ),
        ("nosuch.fact", "unknown fact 'nosuch.fact'"),
    ],
    ids=["close", "far"],
)
def test_an_unknown_fact_is_an_error(
    runner: CliRunner, workspace: Path, fact_id: str, message: str
) -> None:
    result = where_used(runner, fact_id, "--drafts", "drafts")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")


def test_the_fact_base_comes_from_facts(runner: CliRunner, workspace: Path) -> None:
    Path("facts").rename("kb")
    result = where_used(runner, "barred-list.about", "--facts", "kb")
    assert result.stdout == "templates/blocks/spare.md.j2:1: block 'spare' (in no template)\n"
