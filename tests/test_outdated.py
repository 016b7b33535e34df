import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.build import build_draft
from drafter.cli import cli
from drafter.draft import write_markdown
from drafter.facts.load import load_fact_base
from drafter.question import Question
from drafter.render import load_templates

DATA = Path(__file__).parent / "data" / "kb_lifecycle"
TEMPLATE = """\
id: barred
title: Barred list
type: substantive
blocks: [figures, scope]
"""
FIGURES = """\
{% set latest = fact("barred-list.unlawful-access").latest %}
In {{ latest | fy }}, {{ latest.breakdown | breakdown }} were dismissed.
"""
SCOPE = '{{ fact("barred-list.about").text }}\n'
NEW_PERIOD = """\
      - period: 2024/25
        source: barred-list-2024-25
        breakdown:
          police officers: 82
"""


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA, "facts")
    Path("templates/blocks").mkdir(parents=True)
    Path("templates/barred.yaml").write_text(TEMPLATE, encoding="utf-8")
    Path("templates/blocks/figures.md.j2").write_text(FIGURES, encoding="utf-8")
    Path("templates/blocks/scope.md.j2").write_text(SCOPE, encoding="utf-8")
    Path("drafts").mkdir()
    draft = build_draft(
        Question("To ask the Secretary of State for the Home Department, how many?", uin="1"),
        load_fact_base(Path("facts")),
        load_templates(Path("templates")),
        template_id="barred",
        today=date(2026, 1, 5),
    )
    Path("drafts/1.md").write_text(write_markdown(draft), encoding="utf-8")
    return tmp_path


def edit(old: str, new: str) -> None:
    path = Path("facts/barred-list.yaml")
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def outdated(runner: CliRunner) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["drafts", "outdated", "drafts"])
    return result.exit_code, result.stdout, result.stderr


def test_a_draft_on_current_facts_is_not_outdated(runner: CliRunner, workspace: Path) -> None:
    assert outdated(runner) == (0, "", "0 of 1 draft(s) outdated\n")


def test_a_newer_period_makes_a_draft_outdated(runner: CliRunner, workspace: Path) -> None:
    edit("      # 2024/25 is due", NEW_PERIOD + "      # 2024/25 is due")
    assert outdated(runner) == (
        1,
        "drafts/1.md: barred-list.unlawful-access: newer period 2024/25 available "
        "(the draft used 2023/24)\n",
        "1 of 1 draft(s) outdated\n",
    )


def test_a_changed_text_makes_a_draft_outdated(runner: CliRunner, workspace: Path) -> None:
    old = load_fact_base(Path("facts")).facts["barred-list.about"].digest()
    edit("names people dismissed", "lists people dismissed")
    new = load_fact_base(Path("facts")).facts["barred-list.about"].digest()
    assert outdated(runner)[:2] == (
        1,
        f"drafts/1.md: barred-list.about: changed since the draft was made (digest {old}, "
        f"now {new})\n",
    )


def test_a_removed_fact_makes_a_draft_outdated(runner: CliRunner, workspace: Path) -> None:
    edit("barred-list.about", "barred-list.scope")
    assert outdated(runner)[1] == "drafts/1.md: barred-list.about: no longer in the fact base\n"


def test_a_removed_period_makes_a_draft_outdated(runner: CliRunner, workspace: Path) -> None:
    edit("      - period: 2023/24\n", "      - period: 2022/23\n")
    assert outdated(runner)[1] == (
        "drafts/1.md: barred-list.unlawful-access: period 2023/24 is no longer in the fact base\n"
    )


def test_markdown_without_front_matter_is_not_a_draft(runner: CliRunner, workspace: Path) -> None:
    Path("drafts/README.md").write_text("Drafts for clearance.\n", encoding="utf-8")
    assert outdated(runner) == (0, "", "0 of 1 draft(s) outdated\n")


def test_a_corrupt_draft_is_a_one_line_error(runner: CliRunner, workspace: Path) -> None:
    Path("drafts/2.md").write_text("---\nfacts: [\n---\nText.\n", encoding="utf-8")
    result = runner.invoke(cli, ["drafts", "outdated", "drafts"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: drafts/2.md:2: corrupted front matter: expected the node content, "
        "but found '<stream end>'\n"
    )


def test_a_missing_folder_is_a_usage_error(runner: CliRunner, workspace: Path) -> None:
    result = runner.invoke(cli, ["drafts", "outdated", "nope"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for 'DIR': Directory 'nope' does not exist."
    )
