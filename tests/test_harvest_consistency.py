"""A draft that disagrees with an earlier answer says so in its background note and in check."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.draft import Draft, FactUse, Paragraph, read_draft
from drafter.facts.load import load_fact_base
from drafter.facts.model import FactBase
from drafter.harvest.consistency import with_earlier_answers
from drafter.review import check_draft
from tests.conftest import ROOT

CONTRADICTING = ROOT / "tests" / "data" / "harvest" / "contradicting.jsonl"
WORKSPACE = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]
FACTS = """
sources:
  - {id: s, title: Bulletin, publisher: Home Office, url: "https://x.org/b", published: 2024-01}
facts:
  - id: vetting.dismissals
    kind: statistic
    source: s
    review_by: 2030-01-01
    topics: [police]
    keywords: [vetting, dismissed]
    values:
      - {period: 2021/22, value: 66}
  - id: vetting.code
    kind: line
    text: The vetting code sets out what every force must do when it vets its officers and staff.
    source: s
    review_by: 2030-01-01
    topics: [vetting]
    seen_in:
      - uin: '2001'
        answered: 2023-01-16
        said: >-
          The vetting code of practice sets out what every force must do when it vets its
          officers and staff.
"""


@pytest.fixture
def base(tmp_path: Path) -> FactBase:
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "vetting.yaml").write_text(FACTS.lstrip(), encoding="utf-8")
    return load_fact_base(tmp_path / "facts")


def draft(as_of: date, *uses: FactUse) -> Draft:
    paragraph = Paragraph(
        "In 2021/22, 66 officers were dismissed.", facts=tuple(u.id for u in uses)
    )
    return Draft({"text": "How many?"}, "t", (paragraph,), facts=uses, as_of=as_of)


STATISTIC = FactUse("vetting.dismissals", "statistic", "s", "d", period="2021/22", value="66")
RULE = "earlier-answer"
LINE = FactUse("vetting.code", "line", "s", "d")


def test_a_different_figure_for_the_period_is_noted_and_checked(
    harvest_db: Path, base: FactBase
) -> None:
    noted = with_earlier_answers(draft(date(2025, 6, 1), STATISTIC), base, harvest_db)
    assert noted.background == (
        "Earlier answer disagrees: vetting.dismissals: answer 2002 of 10 February 2025 gave 70"
        " for 2021/22, where this draft states 66",
    )
    findings = check_draft(noted, today=date(2025, 6, 1), base=base)
    assert [(f.severity, f.paragraph, f.message[:40]) for f in findings if f.rule == RULE] == [
        ("error", 1, "fact 'vetting.dismissals': answer 2002 o")
    ]


def test_answers_after_the_drafting_date_do_not_count(harvest_db: Path, base: FactBase) -> None:
    assert (
        with_earlier_answers(draft(date(2024, 1, 1), STATISTIC), base, harvest_db).background == ()
    )


def test_a_line_the_department_has_since_changed_is_noted(harvest_db: Path, base: FactBase) -> None:
    noted = with_earlier_answers(draft(date(2025, 6, 1), LINE), base, harvest_db)
    assert noted.background == (
        "Earlier answer disagrees: vetting.code: the line has since changed: answer 2002 of"
        ' 10 February 2025 said "The vetting code of practice sets out what every force in'
        ' England and Wales must do when it vets its officers and staff."',
    )


def test_no_archive_no_notes(tmp_path: Path, base: FactBase) -> None:
    plain = draft(date(2025, 6, 1), STATISTIC)
    assert with_earlier_answers(plain, base, tmp_path / "none.sqlite") is plain


def test_drafting_against_an_archive_flags_it_and_check_fails(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "archive.sqlite"
    imported = runner.invoke(cli, ["archive", "import", str(CONTRADICTING), "--db", str(db)])
    assert imported.exit_code == 0
    out = tmp_path / "drafts"
    args = ["draft", str(ROOT / "examples" / "37301.yaml"), "--db", str(db), "--out", str(out)]
    drafted = runner.invoke(cli, [*args, "--format", "md", *WORKSPACE])
    assert drafted.exit_code == 0, drafted.output
    note = (
        "Earlier answer disagrees: barred-list.unlawful-access: answer 9999 of 13 January 2025"
        " gave 70 for 2023/24, where this draft states 5, 37, 66"
    )
    assert note in read_draft(out / "37301.md").background
    checked = runner.invoke(cli, ["check", str(out / "37301.md"), "--facts", str(ROOT / "facts")])
    assert checked.exit_code == 1
    assert "error [earlier-answer]: fact 'barred-list.unlawful-access': answer 9999" in (
        checked.stdout
    )
