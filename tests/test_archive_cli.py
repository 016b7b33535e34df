"""`drafter archive import | search | show`: exact output, errors and exit codes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.archive import store
from drafter.cli import cli
from tests.conftest import ROOT

DATA = Path(__file__).parent / "data" / "archive"
QUESTIONS = DATA / "questions.jsonl"
LONGFORM = DATA / "longform.jsonl"


@pytest.fixture
def db(tmp_path: Path, runner: CliRunner) -> Path:
    path = tmp_path / "a.sqlite"
    result = runner.invoke(
        cli, ["archive", "import", str(QUESTIONS), str(LONGFORM), "--db", str(path)]
    )
    assert result.exit_code == 0, result.output
    return path


def test_import_reports_what_it_did(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "a.sqlite"
    result = runner.invoke(
        cli, ["archive", "import", str(QUESTIONS), str(LONGFORM), "--db", str(path)]
    )
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == (
        "Imported 2 files: 8 questions (8 added, 0 updated, 0 unchanged), 2 full texts"
        " (1 matched a question, 1 not in the archive); the archive holds 8 questions.\n"
    )


def test_import_warns_about_markdown_that_is_not_a_draft(tmp_path: Path, runner: CliRunner) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("Notes.\n", encoding="utf-8")
    result = runner.invoke(
        cli, ["archive", "import", str(notes), "--db", str(tmp_path / "a.sqlite")]
    )
    assert result.exit_code == 0
    assert result.stderr == f"{notes}: warning: no drafter front matter, so not a draft: skipped\n"
    assert result.stdout == (
        "Imported 1 file: 0 questions (0 added, 0 updated, 0 unchanged);"
        " the archive holds 0 questions.\n"
    )


def test_import_of_malformed_json_fails_with_its_position(
    tmp_path: Path, runner: CliRunner, db: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[\n  {"uin": "1",\n   "questionText" "Q"}\n]\n', encoding="utf-8")
    result = runner.invoke(cli, ["archive", "import", str(QUESTIONS), str(bad), "--db", str(db)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {bad}:3:19: malformed JSON: Expecting ':' delimiter\n"


def test_import_needs_existing_paths(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["archive", "import", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert f"Path '{tmp_path / 'nope.json'}' does not exist." in result.stderr


def test_search_prints_date_uin_heading_body_snippet_and_url(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(cli, ["archive", "search", "housing benefit", "--db", str(db)])
    assert result.exit_code == 0
    assert result.stdout == (
        "2024-03-25  1003  Pension Credit: Take-up\n"
        "    Commons · Department for Work and Pensions · answered 2024-04-02\n"
        "    The Department is writing to households that receive **Housing** **Benefit**"
        " and may be entitled to Pension Credit.\n"
        "    https://questions-statements.parliament.uk/written-questions/detail/2024-03-25/1003\n"
    )


def test_search_separates_hits_with_a_blank_line(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(
        cli,
        ["archive", "search", "misconduct", "--house", "commons", "--limit", "2", "--db", str(db)],
    )
    assert result.exit_code == 0
    assert [line for line in result.stdout.splitlines() if not line.startswith(" ")] == [
        "2024-06-01  1005  Police: Misconduct",
        "",
        "2024-03-05  1002  Police: Vetting",
    ]


IMPORTING = ("drafter.archive.ingest", "drafter.intake", "drafter.htmltext", "html.parser", "yaml")


def test_search_loads_nothing_of_the_import_pipeline(db: Path) -> None:
    code = (
        "import sys; from click.testing import CliRunner; from drafter.cli import cli;"
        f" result = CliRunner().invoke(cli, ['archive', 'search', 'vetting', '--db', {str(db)!r}]);"
        f" print(result.exit_code, sorted(m for m in {IMPORTING!r} if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "0 []"


def test_search_with_no_hits_says_so_on_stderr(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(
        cli, ["archive", "search", "vetting", "--body", "Education", "--db", str(db)]
    )
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No questions match.\n")


def test_search_as_json(runner: CliRunner, db: Path) -> None:
    args = [
        "archive",
        "search",
        "vetting",
        "--house",
        "Lords",
        "--since",
        "2024-01-01",
        "--format",
        "json",
    ]
    result = runner.invoke(cli, [*args, "--db", str(db)])
    assert result.exit_code == 0
    [hit] = json.loads(result.stdout)
    assert {
        key: hit[key] for key in ("uin", "house", "date_tabled", "date_answered", "answer_text")
    } == {
        "uin": "HL201",
        "house": "Lords",
        "date_tabled": "2024-03-06",
        "date_answered": "2024-03-20",
        "answer_text": "Police forces vet their own officers.\n\n"
        "The Home Office does not collect figures on vetting failures.",
    }
    assert (
        hit["url"]
        == "https://questions-statements.parliament.uk/written-questions/detail/2024-03-06/HL201"
    )
    assert hit["snippet"] == (
        "Police forces **vet** their own officers.\n\nThe Home Office does not collect figures on"
        " **vetting** failures."
    )


def test_search_with_nothing_to_search_for(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(cli, ["archive", "search", "?!", "--db", str(db)])
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: nothing to search for in '?!': give at least one word\n",
    )


def test_show_prints_the_whole_record(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(cli, ["archive", "show", "1003", "--db", str(db)])
    assert result.exit_code == 0
    assert result.stdout == (
        "UIN: 1003\n"
        "House: Commons\n"
        "Heading: Pension Credit: Take-up\n"
        "Tabled: 2024-03-25\n"
        "Asked by: member 102\n"
        "Answering body: Department for Work and Pensions\n"
        "Answered by: member 202\n"
        "Answered: 2024-04-02\n"
        f"Source: {QUESTIONS}\n"
        "URL: https://questions-statements.parliament.uk/written-questions/detail/2024-03-25/1003\n"
        "\n"
        "Question:\n"
        "To ask the Secretary of State for Work and Pensions, what steps he is taking to increase"
        " the take-up of Pension Credit.\n"
        "\n"
        "Answer:\n"
        "The Department is writing to households that receive Housing Benefit and may be entitled"
        " to Pension Credit.\n"
    )


def test_show_marks_holding_and_grouped_and_unanswered(runner: CliRunner, db: Path) -> None:
    outputs = [
        runner.invoke(cli, ["archive", "show", uin, "--db", str(db)]).stdout
        for uin in ("1004", "1008", "1005")
    ]
    assert "Answered: holding answer 2024-05-10\n" in outputs[0]
    assert "Grouped with: 1009 (tabled 2024-03-04)\n" in outputs[1]
    assert outputs[2].endswith("Answer:\n(not answered)\n")


def test_show_asks_for_the_date_when_a_uin_recurs(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(cli, ["archive", "show", "1001", "--db", str(db)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: UIN 1001 was used for 2 questions,"
        " tabled 2024-03-04 (Commons), 2025-09-02 (Commons): add --date\n"
    )


def test_show_with_the_date_picks_one(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(
        cli,
        ["archive", "show", "1001", "--date", "2025-09-02", "--format", "json", "--db", str(db)],
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["heading"] == "Schools: Buildings"


def test_show_of_an_unknown_uin(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(cli, ["archive", "show", "9999", "--db", str(db)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {db}: no question 9999 in the archive\n",
    )


def test_the_archive_path_comes_from_drafter_yaml(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "drafter.yaml").write_text("archive: store/past.sqlite\n", encoding="utf-8")
    (tmp_path / "store").mkdir()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["archive", "import", str(QUESTIONS)])
    assert result.exit_code == 0
    assert (tmp_path / "store" / "past.sqlite").is_file()


def test_a_file_that_is_not_a_database(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "a.sqlite"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 2048)
    result = runner.invoke(cli, ["archive", "search", "police", "--db", str(path)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {path}: not an archive: file is not a database\n",
    )


def test_a_locked_archive(runner: CliRunner, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "BUSY_TIMEOUT", 0.05)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = runner.invoke(cli, ["archive", "import", str(QUESTIONS), "--db", str(db)])
    finally:
        holder.close()
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {db}: archive is locked by another process (waited 0.05s):"
        " try again when it has finished\n",
    )


def test_searching_without_an_archive(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["archive", "search", "police", "--db", str(tmp_path / "none.sqlite")]
    )
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path / 'none.sqlite'}: no archive here:"
        " import answers with 'drafter archive import'\n",
    )
    assert not (tmp_path / "none.sqlite").exists()
