from pathlib import Path

import pytest

from drafter.errors import FactBaseError
from drafter.facts.load import check_fact_base, load_fact_base
from tests.conftest import WriteTree

DATA = Path(__file__).parent / "data"

SOURCE = """\
sources:
  - id: conduct-regs-2020
    title: The Police (Conduct) Regulations 2020
    publisher: legislation.gov.uk
    url: https://www.legislation.gov.uk/uksi/2020/4/made
    published: 2020-01-06
"""


def messages(root: Path) -> list[str]:
    _, problems = check_fact_base(root / "facts")
    return [str(problem).replace(str(root) + "/", "") for problem in problems]


def test_minimal_base_loads_in_file_order() -> None:
    base = load_fact_base(DATA / "kb_minimal")
    assert list(base.facts) == ["example.duty", "example.dismissals"]
    assert base.facts["example.dismissals"].latest().period == "2023/24"
    assert base.facts["example.duty"].location is not None
    assert base.facts["example.duty"].location.line == 24
    assert base.digest.startswith("sha256:")


def test_minimal_base_has_no_problems() -> None:
    assert check_fact_base(DATA / "kb_minimal")[1] == []


def test_invalid_yaml_names_file_line_and_column(write_tree: WriteTree) -> None:
    root = write_tree({"facts/a.yaml": "facts:\n  - id: x\n    text: [unclosed\n"})
    (message,) = messages(root)
    assert message.startswith("facts/a.yaml:4:1: error: invalid YAML: ")


def test_every_problem_is_reported_sorted(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "facts/a.yaml": SOURCE
            + """\
facts:
  - id: standards.confidentiality
    kind: line
    text: Officers may access information only for a policing purpose.
    source: conduct-regs-2021
    review_by: 2026-13-01
    topics: [integrity]
    sourse: typo
  - id: standards.no-source
    kind: line
    text: A line.
    review_by: 2027-01-01
    topics: [integrity]
    topics: [again]
""",
            "facts/b.yaml": """\
facts:
  - id: standards.confidentiality
    kind: opinion
    source: conduct-regs-2020
    review_by: 2027-01-01
""",
        }
    )
    assert messages(root) == [
        "facts/a.yaml:8:5: error: fact 'standards.confidentiality' cites source "
        "'conduct-regs-2021', which is not defined\n  hint: did you mean 'conduct-regs-2020'?",
        "facts/a.yaml:12:16: error: fact 'standards.confidentiality': 'review_by' must be an "
        "ISO date (YYYY-MM-DD), not '2026-13-01'",
        "facts/a.yaml:14:13: warning: fact 'standards.confidentiality' has unknown field "
        "'sourse'\n  hint: did you mean 'source'?",
        "facts/a.yaml:15:5: error: fact 'standards.no-source' has no 'source'",
        "facts/a.yaml:20:5: error: duplicate key 'topics' (first given at line 19)",
        "facts/b.yaml:2:5: error: duplicate fact id 'standards.confidentiality' "
        "(first defined at facts/a.yaml:8:5)",
        # A duplicate's own problems are its own: they are reported as for any other fact.
        "facts/b.yaml:2:5: error: fact 'standards.confidentiality' has no topics",
        "facts/b.yaml:2:5: error: line 'standards.confidentiality' has no 'text'",
        "facts/b.yaml:3:11: error: fact 'standards.confidentiality': 'kind' must be one of line, "
        "statistic, policy, not 'opinion'",
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("url", "www.gov.uk/x", "'url' is not a web address: 'www.gov.uk/x'"),
        (
            "url",
            "https://gbr01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.gov.uk",
            "'url' is a mail-security redirect: give the real address it wraps",
        ),
        (
            "published",
            "March 2024",
            "'published' must be an ISO date (YYYY-MM-DD), not 'March 2024'",
        ),
        (
            "id",
            "Conduct Regs",
            "'id' 'Conduct Regs' must be lowercase letters and digits joined by",
        ),
    ],
    ids=["url", "safelinks", "published", "id"],
)
def test_bad_source_fields(write_tree: WriteTree, field: str, value: str, message: str) -> None:
    prefix = "  - " if field == "id" else "    "
    line = next(line for line in SOURCE.splitlines() if line.startswith(f"{prefix}{field}:"))
    text = SOURCE.replace(line, f"{prefix}{field}: {value}")
    root = write_tree({"facts/a.yaml": text})
    found = [text for text in messages(root) if "not cited" not in text]
    assert len(found) == 1
    assert message in found[0]


def test_statistic_periods_must_be_recognised_and_in_order(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "facts/a.yaml": SOURCE
            + """\
facts:
  - id: barred.access
    kind: statistic
    source: conduct-regs-2020
    review_by: 2027-01-01
    topics: [integrity]
    values:
      - period: 2023/24
        value: 66
      - period: year ending 31 March 2024
        value: 66
      - period: 2022/23
        value: 60
      - period: FY 2024
        value: 1
"""
        }
    )
    assert messages(root) == [
        "facts/a.yaml:16:9: error: fact 'barred.access' repeats period 'year ending 31 March 2024'",
        "facts/a.yaml:18:9: error: fact 'barred.access': period '2022/23' comes after "
        "'year ending 31 March 2024' but is older\n  hint: list periods oldest first",
        "facts/a.yaml:20:17: error: period 'FY 2024' is not a recognised form "
        "(2023/24, 2024, year ending 31 March 2024, 2024-Q1)",
    ]


def test_uncited_source_and_missing_topics(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "facts/a.yaml": SOURCE
            + """\
  - id: unused
    title: Unused
    publisher: Nobody
    url: https://example.org/
    published: 2020-01
facts:
  - id: a.line
    kind: line
    text: Something.
    source: conduct-regs-2020
    review_by: 2027-01-01
"""
        }
    )
    assert messages(root) == [
        "facts/a.yaml:7:5: warning: source 'unused' is not cited by any fact",
        "facts/a.yaml:13:5: error: fact 'a.line' has no topics",
    ]


def test_a_citation_with_spaces_around_it_cites_its_source(write_tree: WriteTree) -> None:
    fact = """\
facts:
  - id: a.line
    kind: line
    text: Something.
    source: "conduct-regs-2020 "
    review_by: 2027-01-01
    topics: [x]
"""
    assert messages(write_tree({"facts/a.yaml": SOURCE + fact})) == []


def test_duplicate_ids_across_files(write_tree: WriteTree) -> None:
    fact = """\
facts:
  - id: a.line
    kind: line
    text: Something.
    source: conduct-regs-2020
    review_by: 2027-01-01
    topics: [x]
"""
    root = write_tree({"facts/a.yaml": SOURCE + fact, "facts/b.yaml": fact})
    assert messages(root) == [
        "facts/b.yaml:2:5: error: duplicate fact id 'a.line' (first defined at facts/a.yaml:8:5)"
    ]


UNUSED = """\
  - id: unused
    title: Unused
    publisher: Nobody
    url: https://example.org/
    published: 2020-01
"""


def test_duplicate_ids_within_a_file_and_past_a_file_without_any(write_tree: WriteTree) -> None:
    def fact(fact_id: str, text: str) -> str:
        return (
            f"  - id: {fact_id}\n    kind: line\n    text: {text}\n"
            "    source: conduct-regs-2020\n    review_by: 2027-01-01\n    topics: [x]\n"
        )

    root = write_tree(
        {
            "facts/a.yaml": SOURCE
            + "facts:\n"
            + fact("a.line", "First.")
            + fact("a.line", "Twice."),
            "facts/b.yaml": "facts:\n" + fact("b.line", "Alone."),
            "facts/c.yaml": SOURCE + "facts:\n" + fact("a.line", "Again."),
            "facts/d.yaml": "sources:\n" + 2 * UNUSED,
        }
    )
    assert messages(root) == [
        "facts/a.yaml:14:5: error: duplicate fact id 'a.line' (first defined at facts/a.yaml:8:5)",
        "facts/c.yaml:2:5: error: duplicate source id 'conduct-regs-2020' "
        "(first defined at facts/a.yaml:2:5)",
        "facts/c.yaml:8:5: error: duplicate fact id 'a.line' (first defined at facts/a.yaml:8:5)",
        # An uncited source given twice is uncited once.
        "facts/d.yaml:2:5: warning: source 'unused' is not cited by any fact",
        "facts/d.yaml:7:5: error: duplicate source id 'unused' (first defined at facts/d.yaml:2:5)",
    ]
    base, _ = check_fact_base(root / "facts")
    assert base is not None
    assert (list(base.facts), base.facts["a.line"].text) == (["a.line", "b.line"], "First.")


def test_load_raises_with_every_problem(write_tree: WriteTree) -> None:
    root = write_tree({"facts/a.yaml": "facts:\n  - id: x\n"})
    with pytest.raises(FactBaseError) as caught:
        load_fact_base(root / "facts")
    assert str(caught.value) == (
        f"{root}/facts/a.yaml:2:5: error: fact 'x' has no 'kind' "
        "(and 4 more problem(s): run 'drafter facts check')"
    )
    assert [p.message for p in caught.value.problems] == [
        "fact 'x' has no 'kind'",
        "fact 'x' has no 'review_by'",
        "fact 'x' has no 'source'",
        "fact 'x' has no topics",
        "line 'x' has no 'text'",
    ]


def test_missing_folder_and_empty_folder(tmp_path: Path) -> None:
    assert [str(p) for p in check_fact_base(tmp_path / "nope")[1]] == [
        f"{tmp_path / 'nope'}: error: fact base folder not found: drafter works in a workspace"
        " folder (facts/, templates/, drafter.yaml): cd into one, start one with 'drafter init"
        " DIR', or give --facts DIR"
    ]
    assert [str(p) for p in check_fact_base(tmp_path)[1]] == [
        f"{tmp_path}: error: no *.yaml files in the fact base folder"
    ]
