"""`facts harvest | candidates | accept | reject` through the CLI, bad input included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.archive import open_archive
from drafter.cli import cli
from drafter.facts.load import load_fact_base

CODE = "cands.vetting-code-practice-sets-out-bba8ea"
FIGURES = "cands.officers-dismissed-failing-vetting-review-6128a7"


@pytest.fixture
def harvested(runner: CliRunner, harvest_db: Path, tmp_path: Path) -> Path:
    out = tmp_path / "candidates" / "cands.yaml"
    result = runner.invoke(
        cli,
        [
            "facts",
            "harvest",
            "vetting",
            "--body",
            "home",
            "--db",
            str(harvest_db),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"{out}: 2 candidate(s) from 5 statement(s) in 2 answer(s); 0 rejected before, left out\n"
    )
    return out


def test_candidates_lists_counts_dates_and_flags(runner: CliRunner, harvested: Path) -> None:
    result = runner.invoke(cli, ["facts", "candidates", str(harvested), "--on", "2025-03-01"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:5] == [
        f"{FIGURES}  (statistic; said in 2 answer(s), first 2023-01-16, last 2025-02-10)",
        "    In 2022/23, 81 officers were dismissed after failing a vetting review.",
        "    ! contradiction: answers gave 2 different figures for 2021/22",
        "        answer 2001 of 2023-01-16 gave 66",
        "        answer 2002 of 2025-02-10 gave 70",
    ]
    assert result.stderr == "2 candidate(s), 2 flagged\n"


def test_candidates_as_json(runner: CliRunner, harvested: Path) -> None:
    result = runner.invoke(
        cli, ["facts", "candidates", str(harvested), "--on", "2025-03-01", "--format", "json"]
    )
    rows = json.loads(result.stdout)
    assert [(row["id"], [flag["kind"] for flag in row["flags"]]) for row in rows] == [
        (FIGURES, ["contradiction"]),
        (CODE, ["changed"]),
    ]


def test_accept_adds_only_new_lines_and_leaves_the_candidates(
    runner: CliRunner, harvested: Path, tmp_path: Path
) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    into = facts / "vetting.yaml"
    before = "# Our vetting lines.\nfacts:\n  - id: vetting.own\n    kind: line\n"
    before += "    text: Forces vet their staff.\n    source: code\n    review_by: 2030-01-01\n"
    before += "    topics: [vetting]\nsources:\n  - id: code\n    title: Code\n"
    before += "    publisher: College\n    url: https://example.org/code\n    published: 2023-07\n"
    into.write_text(before, encoding="utf-8")
    result = runner.invoke(cli, ["facts", "accept", str(harvested), CODE, "--into", str(into)])
    assert result.exit_code == 0, result.output
    after = into.read_text(encoding="utf-8")
    assert after.startswith(before[: before.index("sources:")])
    assert set(before.splitlines()) <= set(after.splitlines())
    base = load_fact_base(facts)
    assert base.facts[CODE].seen_in[-1].uin == "2002"
    assert "answer-2025-02-10-2002" in base.sources
    assert CODE not in harvested.read_text(encoding="utf-8")
    again = runner.invoke(cli, ["facts", "accept", str(harvested), CODE, "--into", str(into)])
    assert again.exit_code == 1
    assert f"unknown candidate '{CODE}'" in again.stderr


def test_accepting_an_id_already_in_the_fact_base_is_refused(
    runner: CliRunner, harvested: Path, tmp_path: Path
) -> None:
    into = tmp_path / "facts" / "vetting.yaml"
    accepted = runner.invoke(cli, ["facts", "accept", str(harvested), CODE, "--into", str(into)])
    assert accepted.exit_code == 0
    other = tmp_path / "facts" / "more.yaml"
    # The same candidate proposed again (by a second harvest) cannot be accepted twice.
    second = tmp_path / "candidates" / "again.yaml"
    second.write_text(into.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(cli, ["facts", "accept", str(second), CODE, "--into", str(other)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {into}:")
    assert f"fact '{CODE}' is already in the fact base" in result.stderr
    assert not other.exists()


def test_reject_is_remembered_by_the_next_harvest(
    runner: CliRunner, harvested: Path, harvest_db: Path
) -> None:
    result = runner.invoke(cli, ["facts", "reject", str(harvested), CODE])
    assert result.exit_code == 0
    rejected = harvested.with_name("cands.rejected.json")
    assert [row["id"] for row in json.loads(rejected.read_text(encoding="utf-8"))] == [CODE]
    again = runner.invoke(
        cli,
        [
            "facts",
            "harvest",
            "vetting",
            "--db",
            str(harvest_db),
            "--out",
            str(harvested),
            "--force",
        ],
    )
    assert again.exit_code == 0
    assert "1 rejected before, left out" in again.stderr
    assert CODE not in harvested.read_text(encoding="utf-8")
    accept = runner.invoke(
        cli, ["facts", "accept", str(harvested), CODE, "--into", str(harvested.with_name("x.yaml"))]
    )
    assert accept.exit_code == 1
    assert accept.stderr.startswith(f"Error: {harvested}: candidate '{CODE}' was rejected on ")


def test_a_query_matching_nothing_says_so(
    runner: CliRunner, harvest_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "c.yaml"
    result = runner.invoke(
        cli, ["facts", "harvest", "zebras", "--db", str(harvest_db), "--out", str(out)]
    )
    assert result.exit_code == 1
    assert result.stderr == "Error: no answered question matches 'zebras': nothing to harvest\n"
    assert not out.exists()


def test_no_archive_names_the_import_command(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "none.sqlite"
    result = runner.invoke(
        cli, ["facts", "harvest", "vetting", "--db", str(db), "--out", str(tmp_path / "c.yaml")]
    )
    assert result.exit_code == 1
    assert "import answers with 'drafter archive import'" in result.stderr


def test_an_archive_with_nothing_imported_names_the_import_command(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "empty.sqlite"
    with open_archive(db, create=True):
        pass
    out = tmp_path / "c.yaml"
    result = runner.invoke(cli, ["facts", "harvest", "vetting", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {db}: the archive holds no questions: "
        "import answers with 'drafter archive import'\n"
    )
    assert not out.exists()


def test_an_existing_out_file_needs_force(
    runner: CliRunner, harvested: Path, harvest_db: Path
) -> None:
    result = runner.invoke(
        cli, ["facts", "harvest", "vetting", "--db", str(harvest_db), "--out", str(harvested)]
    )
    assert result.exit_code == 1
    assert result.stderr == f"Error: {harvested}: already exists: use --force to overwrite it\n"


def test_broken_candidates_yaml_names_file_and_line(runner: CliRunner, harvested: Path) -> None:
    lines = harvested.read_text(encoding="utf-8").splitlines()
    lines[4] = "  title: [unclosed"
    harvested.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = harvested.read_bytes()
    for args in (["candidates", str(harvested)], ["reject", str(harvested), CODE]):
        result = runner.invoke(cli, ["facts", *args])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {harvested}:6:")
        assert "invalid YAML" in result.stderr
    assert harvested.read_bytes() == before


def test_accepting_from_a_broken_candidates_file_writes_nothing(
    runner: CliRunner, harvested: Path, tmp_path: Path
) -> None:
    harvested.write_text(harvested.read_text(encoding="utf-8") + "  - id: [oops\n", "utf-8")
    into = tmp_path / "facts" / "vetting.yaml"
    result = runner.invoke(cli, ["facts", "accept", str(harvested), CODE, "--into", str(into)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {harvested}:")
    assert "invalid YAML" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not into.exists()


def test_accepting_an_unknown_id_names_the_candidates_file(
    runner: CliRunner, harvested: Path, tmp_path: Path
) -> None:
    into = tmp_path / "facts" / "vetting.yaml"
    result = runner.invoke(
        cli, ["facts", "accept", str(harvested), CODE + "x", "--into", str(into)]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {harvested}: unknown candidate '{CODE}x' (did you mean '{CODE}'?)\n"
    )
    assert not into.exists()


def test_into_a_fact_file_with_broken_yaml_names_its_line(
    runner: CliRunner, harvested: Path, tmp_path: Path
) -> None:
    into = tmp_path / "facts" / "vetting.yaml"
    into.parent.mkdir()
    into.write_text("facts:\n  - id: [oops\n", encoding="utf-8")
    before = harvested.read_bytes()
    result = runner.invoke(cli, ["facts", "accept", str(harvested), CODE, "--into", str(into)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {into}:3:")
    assert "invalid YAML" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert into.read_text(encoding="utf-8") == "facts:\n  - id: [oops\n"
    assert harvested.read_bytes() == before


def test_into_a_file_that_is_not_a_fact_file(
    runner: CliRunner, harvested: Path, tmp_path: Path
) -> None:
    into = tmp_path / "notes.yaml"
    into.write_text("title: my notes\n", encoding="utf-8")
    before = harvested.read_bytes()
    result = runner.invoke(cli, ["facts", "accept", str(harvested), CODE, "--into", str(into)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {into}: not a fact file: "
        "expected a mapping with 'sources:' and/or 'facts:' lists\n"
    )
    assert into.read_text(encoding="utf-8") == "title: my notes\n"
    assert harvested.read_bytes() == before


def test_harvest_runs_as_a_real_command(harvest_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.yaml"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "drafter",
            "facts",
            "harvest",
            "vetting",
            "--db",
            str(harvest_db),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "answer-2025-02-10-2002" in out.read_text(encoding="utf-8")
