"""Values in force from a date: the loader's checks, and drafting at historical dates."""

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from drafter.answer_types import TYPES
from drafter.build import build_draft
from drafter.cli import cli
from drafter.draft import Draft
from drafter.facts.load import load_fact_base
from drafter.intake import load_question
from drafter.question import Question
from drafter.render import load_templates
from tests.conftest import ROOT, WriteTree

THRESHOLD = "pq.disproportionate-cost-threshold"
WORKSPACE = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]
TODAY = date(2026, 11, 25)

# Drafting date: (threshold then in force, whether the date falls in a gap of its history)
DATES = {
    date(1995, 6, 1): (450, False),
    date(2005, 6, 1): (550, True),  # no source between May 2000 and March 2009
    date(2010, 3, 1): (800, False),
    date(2010, 4, 1): (800, True),  # the last statement of 800 pounds found is of 29 March 2010
    date(2025, 3, 20): (850, False),
}


@dataclass(frozen=True)
class Earlier:
    """An answer a referral points to, a year before the drafting date."""

    date_answered: date
    uin: str = "37301"
    date_tabled: date = date(1990, 1, 1)
    heading: str = "Cybercrime"
    is_draft: bool = False
    answer_text: str = "Each force audits the use of its own systems."
    url: str = "https://questions-statements.parliament.uk/written-questions/detail/x/37301"


@pytest.fixture(scope="module")
def question(tmp_path_factory: pytest.TempPathFactory) -> Question:
    """Question 37301's words, grouped with another, so that every type can draft it."""
    record = yaml.safe_load((ROOT / "examples" / "37301.yaml").read_text(encoding="utf-8"))
    record.pop("date_answered", None)
    record["uin"] = "90901"
    record["grouped"] = [{"uin": "90902", "date_tabled": "2025-03-11", "text": record["text"]}]
    path = tmp_path_factory.mktemp("question") / "q.yaml"
    path.write_text(yaml.safe_dump(record), encoding="utf-8")
    return load_question(path)


def drafted(question: Question, answer_type: str, on: date) -> Draft:
    options: dict[str, Any] = {}
    if answer_type == "referral":
        options["earlier"] = Earlier(date_answered=on.replace(year=on.year - 1))
    if answer_type == "correction":
        wrong = "Computer Misuse Act 1991"  # the fact states the Act of 1990
        question = replace(
            question,
            date_answered=on,
            original_answer_text=f"The Government is determined to disrupt and pursue those "
            f"who commit offences under the {wrong}, and to protect the public and businesses "
            "from the harm such offending causes.",
        )
    return build_draft(
        question,
        load_fact_base(ROOT / "facts"),
        load_templates(ROOT / "templates"),
        answer_type=answer_type,
        today=TODAY,
        as_of=on,
        **options,
    )


@pytest.mark.parametrize("on", list(DATES), ids=[str(day) for day in DATES])
@pytest.mark.parametrize("answer_type", list(TYPES))
def test_every_type_drafts_at_historical_dates(
    question: Question, answer_type: str, on: date
) -> None:
    result = drafted(question, answer_type, on)
    assert result.as_of == on
    assert result.paragraphs
    amount, in_gap = DATES[on]
    notes = [note for note in result.background if note.startswith(f"Unverified: {THRESHOLD}.")]
    if answer_type != "disproportionate-cost":
        assert THRESHOLD not in {use.id for use in result.facts}
        return
    assert f"The disproportionate cost threshold is currently £{amount}." in result.answer
    (use,) = [use for use in result.facts if use.id == THRESHOLD]
    assert (use.value, use.verified) == (str(amount), not in_gap)
    assert bool(notes) == in_gap


def test_a_date_in_a_gap_says_the_amount_is_unverified(question: Question) -> None:
    result = drafted(question, "disproportionate-cost", date(2010, 4, 1))
    assert (
        f"Unverified: {THRESHOLD}. The value for 1 April 2010 is unverified: no source found "
        "gives the value in force between 29 March 2010 and 12 November 2024; the draft uses "
        "the last one known, in force from 20 January 2010."
    ) in result.background


def test_a_value_of_uncertain_date_carries_its_note(question: Question) -> None:
    result = build_draft(
        question,
        load_fact_base(ROOT / "facts"),
        load_templates(ROOT / "templates"),
        answer_type="disproportionate-cost",
        include=["cma.pursue-offenders"],  # nothing else in the fact base is as old
        today=TODAY,
        as_of=date(1985, 6, 1),
    )
    assert "The disproportionate cost threshold is currently £200." in result.answer
    assert (
        f'Unverified: {THRESHOLD}. Only the year is known ("set at 200 pounds in 1982"); '
        "the day is not." in result.background
    )


def front(stdout: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(stdout.split("---\n")[1])
    return loaded


def test_the_seed_question_drafts_as_a_cost_refusal_with_the_threshold_of_its_day(
    runner: CliRunner,
) -> None:
    result = runner.invoke(
        cli, ["draft", str(ROOT / "examples" / "37301.yaml"), "--type", "disproportionate-cost"]
    )
    assert result.exit_code == 0, result.stderr
    assert "The disproportionate cost threshold is currently £850." in result.stdout
    assert front(result.stdout)["as_of"] == "2025-03-20"


def test_front_matter_records_which_value_and_its_source(runner: CliRunner) -> None:
    example = str(ROOT / "examples" / "37301.yaml")
    result = runner.invoke(
        cli, ["draft", example, "--type", "disproportionate-cost", "--as-of", "2010-04-01"]
    )
    assert result.exit_code == 0, result.stderr
    uses = [use for use in front(result.stdout)["facts"] if use["id"] == THRESHOLD]
    assert uses == [
        {
            "id": THRESHOLD,
            "kind": "policy",
            "source": "hc-deb-2010-03-29-departmental-written-questions",
            "digest": load_fact_base(ROOT / "facts").facts[THRESHOLD].digest(),
            "value": "800",
            "verified": False,
            "in_force_from": "2010-01-20",
            "in_force_until": "2010-03-29",
        }
    ]
    assert "- Departmental Written Questions, written answer (DCSF), 29 March 2010" in (
        result.stdout
    )


def test_a_date_before_the_history_is_a_one_line_error(runner: CliRunner) -> None:
    example = str(ROOT / "examples" / "disproportionate-cost-pnc.yaml")
    args = ["draft", example, "--type", "disproportionate-cost", "--as-of", "1960-01-01"]
    result = runner.invoke(cli, [*args, *WORKSPACE])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {ROOT / 'templates' / 'blocks' / 'disproportionate-cost.md.j2'}:3: fact "
        f"'{THRESHOLD}' has no value in force on 1960-01-01 (the first is from 1965-01-01)\n"
    )


# A line whose wording changed, and the loader's checks

SOURCES = """
    sources:
      - id: act-2000
        title: An Act
        publisher: Parliament
        url: https://www.legislation.gov.uk/ukpga/2000/1
        published: 2000-01-01
      - id: act-2015
        title: An amending Act
        publisher: Parliament
        url: https://www.legislation.gov.uk/ukpga/2015/1
        published: 2015-01-01
    facts:
"""
LINE = """
      - id: duty.notify
        kind: line
        in_force:
          - from: 2000-03-01
            text: Forces must notify the Secretary of State within 28 days.
            source: act-2000
          - from: 2015-04-01
            text: Forces must notify the Secretary of State within 14 days.
            source: act-2015
        source: act-2015
        review_by: 2030-01-01
        topics: [notification]
"""


def base_with(write_tree: WriteTree, facts: str) -> Path:
    return write_tree({"facts/f.yaml": SOURCES + facts}) / "facts"


@pytest.mark.parametrize(
    ("on", "wording", "since"),
    [(date(2010, 6, 1), "28 days", "2000-03-01"), (date(2016, 6, 1), "14 days", "2015-04-01")],
)
def test_a_line_states_the_wording_in_force_on_the_drafting_date(
    write_tree: WriteTree, on: date, wording: str, since: str
) -> None:
    facts = base_with(write_tree, LINE)
    write_tree(
        {
            "templates/t.yaml": "id: t\ntitle: T\ntype: substantive\nblocks: [b]\n",
            "templates/blocks/b.md.j2": '{{ fact("duty.notify").text }}\n',
        }
    )
    result = build_draft(
        load_question(ROOT / "examples" / "will-write-lords.yaml"),
        load_fact_base(facts),
        load_templates(facts.parent / "templates"),
        template_id="t",
        today=TODAY,
        as_of=on,
    )
    assert f"Forces must notify the Secretary of State within {wording}." in result.answer
    assert [
        (use.id, use.source, use.in_force_from, use.in_force_until) for use in result.facts
    ] == [("duty.notify", "act-2000" if since < "2015" else "act-2015", since, "")]


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (
            "- {from: 2010-01-01, until: 2009-12-31, value: 1, source: act-2000}",
            "f.yaml:18:9: error: fact 'x.limit': value from 2010-01-01 has 'until' 2009-12-31,"
            " which is before it begins",
        ),
        (
            "- {from: 2010-01-01, until: 2012-01-01, value: 1, source: act-2000}\n"
            "          - {from: 2011-06-01, value: 2, source: act-2015}",
            "f.yaml:19:9: error: fact 'x.limit': value from 2011-06-01 overlaps the one from "
            "2010-01-01, which runs until 2012-01-01",
        ),
        (
            "- {from: 2011-01-01, value: 1, source: act-2000}\n"
            "          - {from: 2010-01-01, value: 2, source: act-2015}",
            "f.yaml:19:9: error: fact 'x.limit': value from 2010-01-01 is listed after the one "
            "from 2011-01-01: list values oldest first, one per 'from' date",
        ),
        (
            "- {from: 2010-01-01, value: 1}",
            "f.yaml:18:9: error: value from '2010-01-01' has no 'source'",
        ),
        (
            "- {from: 2010-01-01, value: 1, source: act-2001}",
            "f.yaml:18:9: error: fact 'x.limit' cites source 'act-2001', which is not defined",
        ),
        (
            "- {from: 1 May 2010, value: 1, source: act-2000}",
            "f.yaml:18:16: error: value from '1 May 2010': 'from' must be an ISO date "
            "(YYYY-MM-DD), not '1 May 2010'",
        ),
        (
            "- {from: 2010-01-01, source: act-2000}",
            "f.yaml:18:9: error: fact 'x.limit' value from 2010-01-01 has no 'value'",
        ),
    ],
    ids=["until-before-from", "overlap", "order", "no-source", "unknown-source", "date", "value"],
)
def test_bad_values_in_force_are_one_line_errors_with_file_and_line(
    runner: CliRunner, write_tree: WriteTree, entries: str, message: str
) -> None:
    policy = f"""
      - id: x.limit
        kind: policy
        unit: pounds
        in_force:
          {entries}
        source: act-2000
        review_by: 2030-01-01
        topics: [limits]
"""
    facts = base_with(write_tree, policy)
    result = runner.invoke(cli, ["facts", "check", "--facts", str(facts)])
    assert result.exit_code == 1
    errors = [
        e for e in result.stderr.splitlines() if e.startswith(f"{facts}/") and ": error: " in e
    ]
    assert errors == [f"{facts / message}"]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("fact", "message"),
    [
        (
            "- {id: x.a, kind: policy, unit: pounds, source: act-2000, review_by: 2030-01-01,"
            " topics: [a]}",
            "f.yaml:13:5: error: policy 'x.a' has no 'in_force' values",
        ),
        (
            "- {id: x.a, kind: statistic, source: act-2000, review_by: 2030-01-01, topics: [a],"
            " values: [{period: '2024', value: 1}],"
            " in_force: [{from: 2010-01-01, value: 1, source: act-2000}]}",
            "f.yaml:13:5: error: statistic 'x.a' has 'in_force' values",
        ),
        (
            "- {id: x.a, kind: line, text: Now., source: act-2000, review_by: 2030-01-01,"
            " topics: [a], in_force: [{from: 2010-01-01, text: Then., source: act-2000}]}",
            "f.yaml:13:5: error: line 'x.a' has both 'text' and 'in_force'",
        ),
    ],
    ids=["policy-without-values", "statistic-with-values-in-force", "line-with-both"],
)
def test_values_in_force_fit_the_kind(
    runner: CliRunner, write_tree: WriteTree, fact: str, message: str
) -> None:
    facts = base_with(write_tree, f"      {fact}\n")
    result = runner.invoke(cli, ["facts", "check", "--facts", str(facts)])
    assert result.exit_code == 1
    errors = [
        e for e in result.stderr.splitlines() if e.startswith(f"{facts}/") and ": error: " in e
    ]
    assert errors == [f"{facts / message}"]


def test_a_fact_without_values_in_force_keeps_its_digest() -> None:
    """Drafts made before `in_force` existed recorded digests that must still match."""
    fact = load_fact_base(ROOT / "facts").facts["cma.pursue-offenders"]
    golden = (ROOT / "tests" / "golden" / "37301.md").read_text(encoding="utf-8")
    recorded = [use for use in front(golden)["facts"] if use["id"] == fact.id]
    assert recorded and recorded[0]["digest"] == fact.digest()


def test_facts_diff_compares_values_in_force_by_their_date(
    runner: CliRunner, write_tree: WriteTree
) -> None:
    old = base_with(write_tree, LINE)
    new = (
        write_tree(
            {
                "new/f.yaml": SOURCES
                + LINE.replace("within 14 days", "within 10 days").replace(
                    "            source: act-2000\n",
                    "            until: 2014-12-31\n            source: act-2000\n",
                )
            }
        )
        / "new"
    )
    result = runner.invoke(cli, ["facts", "diff", str(old), str(new)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "duty.notify: + from 2000-03-01 until 2014-12-31",
        "duty.notify: ~ from 2015-04-01 text Forces must notify the Secretary of State within 14 "
        "days. -> Forces must notify the Secretary of State within 10 days.",
    ]


def test_a_policy_value_cannot_be_included_without_wording(runner: CliRunner) -> None:
    example = str(ROOT / "examples" / "37301.yaml")
    result = runner.invoke(cli, ["draft", example, "--include", THRESHOLD, *WORKSPACE])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: --include '{THRESHOLD}': a policy value has no wording of its own; a block "
        f'states it with fact("{THRESHOLD}").in_force\n'
    )


def test_diff_of_two_drafts_names_the_values_in_force(runner: CliRunner, tmp_path: Path) -> None:
    example = str(ROOT / "examples" / "37301.yaml")
    for day in ("2010-03-01", "2025-03-20"):
        args = ["draft", example, "--type", "disproportionate-cost", "--as-of", day]
        (tmp_path / f"{day}.md").write_text(runner.invoke(cli, [*args, *WORKSPACE]).stdout)
    result = runner.invoke(
        cli, ["diff", str(tmp_path / "2010-03-01.md"), str(tmp_path / "2025-03-20.md")]
    )
    assert (
        f"  ~ {THRESHOLD}: 800 (in force from 2010-01-20) -> 850 (in force from 2024-11-12); "
        "source hc-deb-2010-03-29-departmental-written-questions -> "
        "guide-to-parliamentary-work-2024 (paragraph 1)"
    ) in result.stdout.splitlines()
