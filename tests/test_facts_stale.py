import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.facts.load import load_fact_base
from drafter.facts.stale import add_months, find_stale, parse_month_or_day

DATA = Path(__file__).parent / "data" / "kb_lifecycle"


@pytest.fixture
def facts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA, tmp_path / "facts")
    return Path("facts")


def test_nothing_is_stale_before_any_date_passes(facts: Path) -> None:
    assert find_stale(load_fact_base(facts), date(2025, 9, 30), 365) == ()


def test_a_fact_is_stale_the_day_after_its_review_date(facts: Path) -> None:
    items = find_stale(load_fact_base(facts), date(2026, 12, 1), 3650)
    reviews = [(item.id, item.overdue) for item in items if item.kind == "review"]
    assert reviews == [("barred-list.unlawful-access", 1)]


def test_a_source_is_stale_once_its_check_is_older_than_the_setting(facts: Path) -> None:
    items = find_stale(load_fact_base(facts), date(2026, 1, 11), 365)
    sources = [(item.id, item.due, item.reason) for item in items if item.kind == "source"]
    assert sources == [
        (
            "barred-list-2022-23",
            date(2026, 1, 10),
            "last checked 2025-01-10; check every 365 days",
        )
    ]


def test_a_period_is_due_from_its_editions_next_expected(facts: Path) -> None:
    items = find_stale(load_fact_base(facts), date(2025, 10, 2), 3650)
    assert [(item.kind, item.id, item.due, item.overdue, item.reason) for item in items] == [
        (
            "period",
            "barred-list.officers-dismissed",
            date(2025, 10, 1),
            1,
            "period after 2023/24 expected (next_expected of 'barred-list-2023-24')",
        ),
        (
            "period",
            "barred-list.unlawful-access",
            date(2025, 10, 1),
            1,
            "period after 2023/24 expected (next_expected of 'barred-list-2023-24')",
        ),
    ]


def test_without_next_expected_a_period_is_due_a_cadence_after_publication(
    facts: Path,
) -> None:
    path = facts / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    next_expected: 2025-10\n", ""))
    items = find_stale(load_fact_base(facts), date(2025, 11, 6), 3650)
    assert [(item.id, item.due, item.reason) for item in items] == [
        (
            "barred-list.officers-dismissed",
            date(2025, 11, 5),
            "period after 2023/24 expected (annual; 'barred-list-2023-24' was published "
            "2024-11-05)",
        ),
        (
            "barred-list.unlawful-access",
            date(2025, 11, 5),
            "period after 2023/24 expected (annual; 'barred-list-2023-24' was published "
            "2024-11-05)",
        ),
    ]


def test_a_source_dated_by_month_counts_from_the_months_last_day(facts: Path) -> None:
    path = facts / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    checked: 2025-01-10   # page rewritten each year\n", ""))
    items = find_stale(load_fact_base(facts), date(2024, 12, 1), 365)
    assert [(item.id, item.due, item.reason) for item in items] == [
        (
            "barred-list-2022-23",
            date(2024, 11, 29),
            "never checked (published 2023-11); check every 365 days",
        )
    ]


def test_a_period_after_an_edition_dated_by_month_is_due_from_its_last_day(
    facts: Path,
) -> None:
    path = facts / "sources.yaml"
    text = path.read_text(encoding="utf-8").replace("    next_expected: 2025-10\n", "")
    path.write_text(text.replace("published: 2024-11-05", "published: 2024-11"))
    items = find_stale(load_fact_base(facts), date(2025, 12, 1), 3650)
    assert [(item.id, item.due) for item in items] == [
        ("barred-list.officers-dismissed", date(2025, 11, 30)),
        ("barred-list.unlawful-access", date(2025, 11, 30)),
    ]


def test_most_overdue_comes_first(facts: Path) -> None:
    items = find_stale(load_fact_base(facts), date(2026, 12, 1), 365)
    assert [item.overdue for item in items] == sorted(
        (item.overdue for item in items), reverse=True
    )
    assert items[0].overdue > items[-1].overdue


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01", date(2026, 1, 1)),
        ("2026-01-31", date(2026, 1, 31)),
        ("2026-13", None),
        ("", None),
    ],
    ids=["month", "day", "bad-month", "empty"],
)
def test_parse_month_or_day(text: str, expected: date | None) -> None:
    assert parse_month_or_day(text) == expected


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_stale_prints_a_table_and_exits_1(runner: CliRunner, facts: Path) -> None:
    result = runner.invoke(cli, ["facts", "stale", "--on", "2026-01-31"])
    assert result.exit_code == 1
    assert result.stdout == (
        "DAYS  KIND    ID                              DUE         WHY\n"
        " 122  period  barred-list.officers-dismissed  2025-10-01  period after 2023/24 "
        "expected (next_expected of 'barred-list-2023-24')\n"
        " 122  period  barred-list.unlawful-access     2025-10-01  period after 2023/24 "
        "expected (next_expected of 'barred-list-2023-24')\n"
        "  21  source  barred-list-2022-23             2026-01-10  last checked 2025-01-10; "
        "check every 365 days\n"
    )
    assert result.stderr == "3 stale item(s) on 2026-01-31\n"


def test_stale_exits_0_when_nothing_is(runner: CliRunner, facts: Path) -> None:
    result = runner.invoke(cli, ["facts", "stale", "--on", "2025-09-30"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "0 stale item(s) on 2025-09-30\n"


def test_stale_json_lists_every_item_with_its_place(runner: CliRunner, facts: Path) -> None:
    result = runner.invoke(cli, ["facts", "stale", "--on", "2026-01-11", "--format", "json"])
    records = json.loads(result.stdout)
    assert records[-1] == {
        "kind": "source",
        "id": "barred-list-2022-23",
        "due": "2026-01-10",
        "overdue_days": 1,
        "reason": "last checked 2025-01-10; check every 365 days",
        "path": "facts/sources.yaml",
        "line": 11,
        "column": 5,
    }


def test_source_check_days_comes_from_drafter_yaml(runner: CliRunner, facts: Path) -> None:
    Path("drafter.yaml").write_text("source_check_days: 30\n", encoding="utf-8")
    result = runner.invoke(cli, ["facts", "stale", "--on", "2026-06-01", "--format", "json"])
    records = json.loads(result.stdout)
    assert [record["id"] for record in records if record["kind"] == "source"] == [
        "barred-list-2022-23",
        "barred-list",
        "barred-list-2023-24",
        "barred-list-2024-25",
    ]


def test_stale_refuses_a_bad_date(runner: CliRunner, facts: Path) -> None:
    result = runner.invoke(cli, ["facts", "stale", "--on", "31/01/2026"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--on': '31/01/2026' is not a date (YYYY-MM-DD)"
    )
