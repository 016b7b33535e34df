import difflib
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from drafter.cli import cli
from drafter.facts import splice
from drafter.facts.load import load_fact_base

DATA = Path(__file__).parent / "data" / "kb_lifecycle"
ADD_82 = [
    "add-period",
    "barred-list.unlawful-access",
    "2024/25",
    "--value",
    "police officers=82",
    "--source",
    "barred-list-2024-25",
    "--allow-partial",
]


@pytest.fixture
def facts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA, tmp_path / "facts")
    return Path("facts")


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, ["facts", *args])


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if not line.startswith(("---", "+++", "@@"))]


def test_add_period_adds_only_the_new_lines(runner: CliRunner, facts: Path) -> None:
    before = (facts / "barred-list.yaml").read_text(encoding="utf-8")
    result = run(runner, *ADD_82)
    assert result.exit_code == 0
    assert changed_lines(before, (facts / "barred-list.yaml").read_text(encoding="utf-8")) == [
        "+      - period: 2024/25",
        "+        source: barred-list-2024-25",
        "+        breakdown:",
        "+          police officers: 82",
    ]


def test_add_period_goes_before_the_comment_after_the_last_period(
    runner: CliRunner, facts: Path
) -> None:
    run(runner, *ADD_82)
    lines = (facts / "barred-list.yaml").read_text(encoding="utf-8").splitlines()
    at = lines.index("          police officers: 82")
    assert lines[at + 1] == "      # 2024/25 is due in the autumn."


def test_add_period_prints_the_diff_and_a_summary(runner: CliRunner, facts: Path) -> None:
    result = run(runner, *ADD_82)
    assert result.stdout.splitlines()[:3] == [
        "--- facts/barred-list.yaml",
        "+++ facts/barred-list.yaml",
        "@@ -24,6 +24,10 @@",
    ]
    assert result.stderr == "facts/barred-list.yaml: added 2024/25 in barred-list.unlawful-access\n"


def test_add_period_keeps_history(runner: CliRunner, facts: Path) -> None:
    run(runner, *ADD_82)
    fact = load_fact_base(facts).facts["barred-list.unlawful-access"]
    assert [value.period for value in fact.values] == ["2023/24", "2024/25"]
    assert dict(fact.latest().breakdown) == {"police officers": 82}


def test_add_period_back_fills_in_date_order(runner: CliRunner, facts: Path) -> None:
    args = ["add-period", "barred-list.officers-dismissed", "2021/22", "--total", "299"]
    result = run(runner, *args, "--source", "barred-list-2022-23")
    assert result.exit_code == 0
    fact = load_fact_base(facts).facts["barred-list.officers-dismissed"]
    assert [value.period for value in fact.values] == ["2021/22", "2022/23", "2023/24"]


def test_add_period_copies_flow_style_items(runner: CliRunner, facts: Path) -> None:
    before = (facts / "barred-list.yaml").read_text(encoding="utf-8")
    args = ["add-period", "barred-list.officers-dismissed", "2024/25", "--total", "735"]
    run(runner, *args, "--source", "barred-list-2024-25")
    assert changed_lines(before, (facts / "barred-list.yaml").read_text(encoding="utf-8")) == [
        "+      - {period: 2024/25, value: 735, source: barred-list-2024-25}"
    ]


def test_add_period_writes_notes_and_unverified(runner: CliRunner, facts: Path) -> None:
    before = (facts / "barred-list.yaml").read_text(encoding="utf-8")
    result = run(runner, *ADD_82, "--unverified", "--notes", "From: a news report")
    assert result.exit_code == 0
    assert changed_lines(before, (facts / "barred-list.yaml").read_text(encoding="utf-8"))[-2:] == [
        "+        verified: false",
        "+        notes: 'From: a news report'",
    ]


def test_replace_rewrites_only_that_period(runner: CliRunner, facts: Path) -> None:
    before = (facts / "barred-list.yaml").read_text(encoding="utf-8")
    args = ["add-period", "barred-list.unlawful-access", "2023/24", "--replace"]
    values = ["--value", "police officers=67", "--value", "special constables=5"]
    result = run(
        runner, *args, *values, "--value", "police staff=37", "--source", "barred-list-2023-24"
    )
    assert result.exit_code == 0
    assert changed_lines(before, (facts / "barred-list.yaml").read_text(encoding="utf-8")) == [
        "-          police officers: 66",
        "+          police officers: 67",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["add-period", "barred-list.unlawful-acess", "2024/25", "--total", "1"],
            "unknown fact 'barred-list.unlawful-acess' "
            "(did you mean 'barred-list.unlawful-access'?)",
        ),
        (
            ["add-period", "barred-list.about", "2024/25", "--total", "1"],
            "facts/barred-list.yaml:3:5: fact 'barred-list.about' is a line, not a statistic: "
            "only statistics have periods",
        ),
        (
            ["add-period", "barred-list.officers-dismissed", "2024-25", "--total", "1"],
            "unrecognised period '2024-25' (use a form like '2023/24', '2024', "
            "'year ending 31 March 2024', '2024-Q1')",
        ),
        (
            ["add-period", "barred-list.officers-dismissed", "year ending 31 March 2024"]
            + ["--total", "600"],
            "facts/barred-list.yaml:37:9: fact 'barred-list.officers-dismissed' already has "
            "period 2023/24 (use --replace to overwrite it)",
        ),
        (
            ["add-period", "barred-list.unlawful-access", "2024/25"]
            + ["--value", "police officers=82"],
            "facts/barred-list.yaml:21:9: breakdown differs from the fact's other periods: "
            "missing 'special constables', 'police staff' (use --allow-partial when the rest "
            "is not yet published)",
        ),
        (
            ["add-period", "barred-list.officers-dismissed", "2024/25", "--value", "officers=1"],
            "facts/barred-list.yaml:37:9: breakdown differs from the fact's other periods: "
            "new 'officers' (use --allow-partial when the rest is not yet published)",
        ),
        (
            ["add-period", "barred-list.officers-dismissed", "2024/25", "--value", "officers"],
            "bad --value 'officers': expected KEY=NUMBER, e.g. 'police officers=82'",
        ),
        (
            ["add-period", "barred-list.officers-dismissed", "2024/25", "--value", "a=1,149"],
            "bad --value 'a=1,149': '1,149' is not a number (write 1149, not 1,149)",
        ),
        (
            ["add-period", "barred-list.officers-dismissed", "2024/25"]
            + ["--value", "a=1", "--value", "a=2"],
            "bad --value 'a=2': 'a' is given twice",
        ),
        (
            ["add-period", "barred-list.officers-dismissed", "2024/25", "--total", "many"],
            "bad --total 'many': 'many' is not a number (write 1149, not 1,149)",
        ),
        (
            ["add-period", "barred-list.officers-dismissed", "2024/25"],
            "give the period's figures with --value KEY=NUMBER or --total NUMBER",
        ),
    ],
    ids=[
        "unknown-fact",
        "a-line",
        "bad-period",
        "existing-period",
        "missing-keys",
        "new-keys",
        "no-equals",
        "thousands-comma",
        "repeated-key",
        "bad-total",
        "no-figures",
    ],
)
def test_add_period_refuses_and_leaves_files_alone(
    runner: CliRunner, facts: Path, args: list[str], message: str
) -> None:
    before = {path: path.read_bytes() for path in facts.iterdir()}
    source = [] if "--source" in args else ["--source", "barred-list-2024-25"]
    result = run(runner, *args, *source)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert {path: path.read_bytes() for path in facts.iterdir()} == before


def test_add_period_refuses_an_unknown_source(runner: CliRunner, facts: Path) -> None:
    result = run(runner, *ADD_82[:5], "--source", "barred-list-2024-26", "--allow-partial")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: unknown source 'barred-list-2024-26' (did you mean 'barred-list-2024-25'?)\n"
    )


def test_add_period_requires_a_source(runner: CliRunner, facts: Path) -> None:
    result = run(runner, "add-period", "barred-list.officers-dismissed", "2024/25", "--total", "1")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: Missing option '--source'."


def corrupt_splices(monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> None:
    """Stand in for a splicing bug: the edit also rewrites text it should not touch."""
    insert = splice.insert_item

    def faulty(*args: Any) -> str:
        return insert(*args).replace(old, new)

    monkeypatch.setattr(splice, "insert_item", faulty)


def test_an_edit_that_does_not_read_back_leaves_the_file_alone(
    runner: CliRunner, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corrupt_splices(monkeypatch, "police staff: 37", "police staff: 38")
    before = (facts / "barred-list.yaml").read_bytes()
    result = run(runner, *ADD_82)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: facts/barred-list.yaml: the edit did not read back as intended, "
        "so the file was left unchanged\n"
    )
    assert (facts / "barred-list.yaml").read_bytes() == before


def test_an_edit_that_breaks_the_fact_base_leaves_the_file_alone(
    runner: CliRunner, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corrupt_splices(monkeypatch, "police staff: 37", "police staff: [37")
    before = (facts / "barred-list.yaml").read_bytes()
    result = run(runner, *ADD_82)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: facts/barred-list.yaml:27:15: error: invalid YAML: "
        "did not find expected ',' or ']'\n"
    )
    assert (facts / "barred-list.yaml").read_bytes() == before
    assert sorted(path.name for path in facts.iterdir()) == ["barred-list.yaml", "sources.yaml"]


def test_an_unsound_fact_base_is_not_edited(runner: CliRunner, facts: Path) -> None:
    (facts / "broken.yaml").write_text("facts:\n  - id: x\n", encoding="utf-8")
    before = (facts / "barred-list.yaml").read_bytes()
    result = run(runner, *ADD_82)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: facts/broken.yaml:2:5: error: fact 'x' has no ")
    assert (facts / "barred-list.yaml").read_bytes() == before


def test_flow_style_values_are_refused(runner: CliRunner, facts: Path) -> None:
    path = facts / "barred-list.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("      - {period: 2022/23, value: 394, source: barred-list-2022-23}\n", "")
    text = text.replace(
        "      - {period: 2023/24, value: 593, source: barred-list-2023-24}\n",
        "      [{period: 2023/24, value: 593, source: barred-list-2023-24}]\n",
    )
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    args = ["add-period", "barred-list.officers-dismissed", "2024/25", "--total", "1"]
    result = run(runner, *args, "--source", "barred-list-2024-25")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: facts/barred-list.yaml:36:7: cannot edit a flow-style ([...] or {...}) "
        "collection: write it in block style\n"
    )
    assert path.read_bytes() == before


def test_set_review_rewrites_one_line_keeping_its_quotes(runner: CliRunner, facts: Path) -> None:
    before = (facts / "barred-list.yaml").read_text(encoding="utf-8")
    result = run(runner, "set-review", "barred-list.unlawful-access", "2027-11-30")
    assert result.exit_code == 0
    assert result.stderr == (
        "facts/barred-list.yaml: set review_by of barred-list.unlawful-access to 2027-11-30\n"
    )
    assert changed_lines(before, (facts / "barred-list.yaml").read_text(encoding="utf-8")) == [
        '-    review_by: "2026-11-30"',
        '+    review_by: "2027-11-30"',
    ]


def test_set_review_refuses_a_bad_date(runner: CliRunner, facts: Path) -> None:
    result = run(runner, "set-review", "barred-list.unlawful-access", "30/11/2027")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for 'DATE': '30/11/2027' is not a date (YYYY-MM-DD)"
    )


def test_set_review_refuses_an_unknown_fact(runner: CliRunner, facts: Path) -> None:
    result = run(runner, "set-review", "barred-list.abut", "2027-11-30")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: unknown fact 'barred-list.abut' (did you mean 'barred-list.about'?)\n"
    )


def test_checked_rewrites_the_date_keeping_the_comment(runner: CliRunner, facts: Path) -> None:
    before = (facts / "sources.yaml").read_text(encoding="utf-8")
    result = run(runner, "checked", "barred-list-2022-23", "--on", "2026-11-20")
    assert result.exit_code == 0
    assert changed_lines(before, (facts / "sources.yaml").read_text(encoding="utf-8")) == [
        "-    checked: 2025-01-10   # page rewritten each year",
        "+    checked: 2026-11-20   # page rewritten each year",
    ]


def test_checked_adds_the_field_when_missing(runner: CliRunner, facts: Path) -> None:
    path = facts / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    checked: 2026-02-01\n", "", 1))
    before = path.read_text(encoding="utf-8")
    run(runner, "checked", "barred-list", "--on", "2026-11-20")
    assert changed_lines(before, path.read_text(encoding="utf-8")) == ["+    checked: 2026-11-20"]


def test_checked_refuses_an_unknown_source(runner: CliRunner, facts: Path) -> None:
    result = run(runner, "checked", "barred-lists", "--on", "2026-11-20")
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown source 'barred-lists' (did you mean 'barred-list'?)\n"


def test_a_list_laid_out_unusually_is_refused(runner: CliRunner, facts: Path) -> None:
    path = facts / "barred-list.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "      - period: 2023/24\n", "      -\n        period: 2023/24\n"
    )
    path.write_text(text, encoding="utf-8")
    result = run(runner, *ADD_82)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: facts/barred-list.yaml:22:9: cannot copy the list's layout: put each item's "
        "first key on its '-' line\n"
    )
    assert path.read_text(encoding="utf-8") == text


def with_crlf(path: Path) -> bytes:
    """Rewrite a file with Windows line endings; return its bytes."""
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return path.read_bytes()


@pytest.mark.parametrize(
    ("args", "name", "changed"),
    [
        (
            ADD_82,
            "barred-list.yaml",
            [
                "+      - period: 2024/25",
                "+        source: barred-list-2024-25",
                "+        breakdown:",
                "+          police officers: 82",
            ],
        ),
        (
            ["set-review", "barred-list.unlawful-access", "2027-11-30"],
            "barred-list.yaml",
            ['-    review_by: "2026-11-30"', '+    review_by: "2027-11-30"'],
        ),
        (
            ["checked", "barred-list-2022-23", "--on", "2026-11-20"],
            "sources.yaml",
            [
                "-    checked: 2025-01-10   # page rewritten each year",
                "+    checked: 2026-11-20   # page rewritten each year",
            ],
        ),
    ],
    ids=["add-period", "set-review", "checked"],
)
def test_an_edit_keeps_windows_line_endings(
    runner: CliRunner, facts: Path, args: list[str], name: str, changed: list[str]
) -> None:
    before = with_crlf(facts / name)
    result = run(runner, *args)
    assert result.exit_code == 0
    after = (facts / name).read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n")
    assert changed_lines(before.decode(), after.decode()) == changed
    printed = result.stdout.splitlines()
    assert [line for line in printed if line.startswith(("+", "-"))][2:] == changed


def test_an_edit_adding_a_field_keeps_windows_line_endings(runner: CliRunner, facts: Path) -> None:
    path = facts / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    checked: 2026-02-01\n", "", 1))
    before = with_crlf(path)
    run(runner, "checked", "barred-list", "--on", "2026-11-20")
    after = path.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n")
    assert changed_lines(before.decode(), after.decode()) == ["+    checked: 2026-11-20"]


def test_an_edit_keeps_a_byte_order_mark(runner: CliRunner, facts: Path) -> None:
    path = facts / "barred-list.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = run(runner, "set-review", "barred-list.unlawful-access", "2027-11-30")
    assert result.exit_code == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbf# Barred list figures.")


def test_a_file_that_is_not_utf8_is_not_edited(runner: CliRunner, facts: Path) -> None:
    path = facts / "barred-list.yaml"
    path.write_bytes(path.read_bytes().replace(b"Reporting years", b"Reporting y\xe9ars"))
    before = path.read_bytes()
    result = run(runner, "set-review", "barred-list.unlawful-access", "2027-11-30")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: facts/barred-list.yaml:"
        " error: not UTF-8 text: invalid continuation byte at byte offset 34\n"
    )
    assert path.read_bytes() == before


def test_the_breakdown_is_checked_against_every_period_not_the_latest(
    runner: CliRunner, facts: Path
) -> None:
    assert run(runner, *ADD_82).exit_code == 0
    before = (facts / "barred-list.yaml").read_bytes()
    args = ["add-period", "barred-list.unlawful-access", "2025/26"]
    result = run(runner, *args, "--value", "police officers=90", "--source", "barred-list-2024-25")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: facts/barred-list.yaml:21:9: breakdown differs from the fact's other periods: "
        "missing 'special constables', 'police staff' (use --allow-partial when the rest is "
        "not yet published)\n"
    )
    assert (facts / "barred-list.yaml").read_bytes() == before


def test_the_full_breakdown_keeps_keys_in_first_seen_order(runner: CliRunner, facts: Path) -> None:
    run(runner, *ADD_82[:5], "--value", "civilians=1", *ADD_82[5:])
    args = ["add-period", "barred-list.unlawful-access", "2025/26", "--value", "police staff=1"]
    result = run(runner, *args, "--source", "barred-list-2024-25")
    assert result.stderr == (
        "Error: facts/barred-list.yaml:27:9: breakdown differs from the fact's other periods: "
        "missing 'police officers', 'special constables', 'civilians' (use --allow-partial "
        "when the rest is not yet published)\n"
    )
