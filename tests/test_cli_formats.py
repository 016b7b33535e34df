"""Listings and reports in JSON for scripts, and `draft --format` printing one format."""

import json
from pathlib import Path

from click.testing import CliRunner

from drafter.cli import cli
from tests.conftest import ROOT

FACTS = ["--facts", str(ROOT / "facts")]
TEMPLATES = ["--templates", str(ROOT / "templates")]
SEED = str(ROOT / "examples" / "37301.yaml")


def test_facts_list_as_json(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["facts", "list", "--format", "json", *FACTS])
    assert result.exit_code == 0
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["barred-list.unlawful-access"]["latest"] == "2024/25"
    assert rows["systems.auditing-local"]["kind"] == "line"
    assert set(rows["systems.auditing-local"]) == {
        "id",
        "kind",
        "latest",
        "text",
        "source",
        "review_by",
        "verified",
    }


def test_templates_list_as_json(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["templates", "list", "--format", "json", *TEMPLATES])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {"id": "holding", "type": "holding", "title": "Holding reply"} in rows


def test_where_used_as_json(runner: CliRunner) -> None:
    args = ["facts", "where-used", "cma.pursue-offenders", "--format", "json", *FACTS, *TEMPLATES]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["what"].startswith("block 'computer-misuse'")


def test_drafts_outdated_as_json(runner: CliRunner, tmp_path: Path) -> None:
    drafted = runner.invoke(
        cli, ["draft", SEED, "--out", str(tmp_path), "--format", "md", *FACTS, *TEMPLATES]
    )
    assert drafted.exit_code == 0, drafted.stderr
    result = runner.invoke(cli, ["drafts", "outdated", str(tmp_path), "--format", "json", *FACTS])
    assert result.exit_code == 1  # the seed uses 2023/24; the fact base has 2024/25
    rows = json.loads(result.stdout)
    assert {"path": str(tmp_path / "37301.md"), "fact": "barred-list.unlawful-access"} == {
        key: rows[0][key] for key in ("path", "fact")
    }


def test_draft_prints_the_one_format_asked_for(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["draft", SEED, "--format", "txt", *FACTS, *TEMPLATES])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("The responsibility for auditing the use of police systems")
    html = runner.invoke(cli, ["draft", SEED, "--format", "html", *FACTS, *TEMPLATES])
    assert html.stdout.startswith("<!DOCTYPE html>")


def test_draft_will_not_print_a_docx_or_two_formats(runner: CliRunner, tmp_path: Path) -> None:
    docx = runner.invoke(cli, ["draft", SEED, "--format", "docx", *FACTS, *TEMPLATES])
    assert (docx.exit_code, docx.stdout) == (2, "")
    assert "Error: a .docx cannot be printed: write it with --out DIR" in docx.stderr
    two = runner.invoke(cli, ["draft", SEED, "--format", "txt,md", *FACTS, *TEMPLATES])
    assert two.exit_code == 2
    assert "Error: without --out, --format takes one format to print" in two.stderr
    # Refused before any work: the broken fact base is never read.
    (tmp_path / "broken.yaml").write_text("facts: [\n", encoding="utf-8")
    early = runner.invoke(cli, ["draft", SEED, "--format", "docx", "--facts", str(tmp_path)])
    assert (early.exit_code, early.stderr.splitlines()[-1]) == (
        2,
        "Error: a .docx cannot be printed: write it with --out DIR",
    )
