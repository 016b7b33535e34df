"""Harvest: statements, near-duplicate groups, candidate facts in the fact base's schema."""

from __future__ import annotations

import random
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from drafter.archive import ArchivedAnswer
from drafter.facts.load import check_fact_base
from drafter.harvest import candidates_yaml, flags, harvest_answers, read_candidates
from drafter.harvest.group import group, jaccard, shingles
from drafter.harvest.statements import Figure, figure, sentences, words


def answer(uin: str, answered: date, text: str, heading: str = "Police: Vetting") -> ArchivedAnswer:
    return ArchivedAnswer(
        uin=uin,
        house="Commons",
        date_tabled=answered.replace(day=1),
        question_text="To ask ...",
        heading=heading,
        date_answered=answered,
        answering_body="Home Office",
        answering_member="Jane Minister",
        answer_text=text,
    )


def test_sentences_skip_pointers_fragments_and_cut_text() -> None:
    text = (
        "Forces vet all of their own officers.The College sets the national standards for them.\n\n"
        "I refer the hon. Member to the answer of 3 May. Yes.\n\n"
        "The Home Office funds the national barred list for all of policing..."
    )
    assert list(sentences(text)) == [
        "Forces vet all of their own officers.",
        "The College sets the national standards for them.",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In 2023/24, 1,234 officers were dismissed.", Figure("2023/24", 1234)),
        ("In the year ending March 2024, 66 were barred.", Figure("year ending 31 March 2024", 66)),
        ("In 2023-24 there were 12.5 thousand complaints.", Figure("2023/24", 12.5)),
        ("Since 2019, officers have been vetted.", None),
        ("In 2023/24 the list grew.", None),
    ],
    ids=["financial", "year-ending", "hyphen-decimal", "no-period", "no-figure"],
)
def test_figure_reads_a_period_and_its_number(sentence: str, expected: Figure | None) -> None:
    assert figure(sentence) == expected


def test_words_mask_figures_so_years_group() -> None:
    assert words("In 2023/24, 66 officers") == ["in", "#", "#", "#", "officers"]


def test_one_changed_word_stays_in_the_group_and_a_different_line_does_not() -> None:
    base = "the vetting code of practice sets the standards every force must meet"
    sets = [
        shingles(base.split()),
        shingles(base.replace("every", "each").split()),
        shingles("chief constables decide how to deploy the officers in their force".split()),
    ]
    assert group(sets) == [[0, 1], [2]]


def test_grouping_equals_brute_force_jaccard_components() -> None:
    vocabulary = "a b c d e f g h".split()
    generator = random.Random(8)
    sets = [
        shingles([generator.choice(vocabulary) for _ in range(generator.randint(3, 7))])
        for _ in range(60)
    ]
    parent = list(range(len(sets)))

    def root(node: int) -> int:
        while parent[node] != node:
            node = parent[node]
        return node

    for first, second in combinations(range(len(sets)), 2):
        if jaccard(sets[first], sets[second]) >= 0.5:
            parent[root(first)] = root(second)
    expected: dict[int, list[int]] = {}
    for index in range(len(sets)):
        expected.setdefault(root(index), []).append(index)
    assert group(sets) == sorted(expected.values(), key=lambda found: found[0])


ANSWERS = [
    answer(
        "2001",
        date(2023, 1, 16),
        "The vetting code sets out what every force must do when it vets its staff.\n\n"
        "In 2021/22, 66 officers were dismissed after failing a vetting review.",
    ),
    answer(
        "2002",
        date(2025, 2, 10),
        "The vetting code sets out what every force in England must do when it vets its staff.\n\n"
        "In 2021/22, 70 officers were dismissed after failing a vetting review. "
        "In 2022/23, 81 officers were dismissed after failing a vetting review.",
    ),
    answer(
        "2003", date(2025, 3, 10), "Chief constables decide how to deploy their officers.", "Police"
    ),
]


def test_a_candidate_is_a_cited_unverified_fact_listing_every_answer() -> None:
    found = harvest_answers(ANSWERS, prefix="vetting")
    line = next(c for c in found.candidates if c.fact.kind == "line" and "code" in c.fact.text)
    assert line.fact.text.startswith("The vetting code sets out what every force in England")
    assert line.fact.source == "answer-2025-02-10-2002"
    assert line.fact.review_by == date(2026, 2, 10)
    assert line.fact.verified is False
    assert line.fact.topics == ("police", "vetting")
    assert [(m.uin, m.answered, m.member) for m in line.fact.seen_in] == [
        ("2001", date(2023, 1, 16), "Jane Minister"),
        ("2002", date(2025, 2, 10), "Jane Minister"),
    ]
    (source,) = line.sources
    assert (source.title, source.publisher, source.published, source.url) == (
        "Written answer 2002: Police: Vetting",
        "House of Commons",
        "2025-02-10",
        "https://questions-statements.parliament.uk/written-questions/detail/2025-02-01/2002",
    )


def test_a_figure_for_a_period_makes_a_statistic_with_its_history() -> None:
    found = harvest_answers(ANSWERS, prefix="vetting")
    statistic = next(c.fact for c in found.candidates if c.fact.kind == "statistic")
    assert [(v.period, v.value, v.source) for v in statistic.values] == [
        ("2021/22", 70, "answer-2025-02-10-2002"),
        ("2022/23", 81, "answer-2025-02-10-2002"),
    ]


def test_flags_show_a_moved_line_a_contradiction_and_an_old_line() -> None:
    found = {c.fact.kind: c.fact for c in harvest_answers(ANSWERS[:2], prefix="v").candidates}
    changed = flags(found["line"], date(2025, 3, 1))
    assert [(flag.kind, flag.details[0][:23]) for flag in changed] == [
        ("changed", "2025-02-10 (2002): The ")
    ]
    contradiction = flags(found["statistic"], date(2028, 1, 1))
    assert [(flag.kind, flag.message, flag.details) for flag in contradiction] == [
        (
            "contradiction",
            "answers gave 2 different figures for 2021/22",
            ("answer 2001 of 2023-01-16 gave 66", "answer 2002 of 2025-02-10 gave 70"),
        ),
        ("old", "last said on 2025-02-10, over two years ago", ()),
    ]


CHAINED = [
    answer(
        "3001",
        date(2023, 5, 2),
        "Decisions on vetting are for each force, made case by case under the College of "
        "Policing's statutory Vetting Code of Practice.",
    ),
    answer(
        "3002",
        date(2024, 6, 4),
        "Decisions on vetting are for each force, made case by case under the College of "
        "Policing's Vetting Code of Practice and its authorised professional practice on vetting.",
    ),
    answer(
        "3003",
        date(2025, 9, 8),
        "Each force must follow the College of Policing's Vetting Code of Practice and its "
        "authorised professional practice on vetting.",
    ),
]


def test_changed_wording_pairs_only_wordings_of_the_newest_line() -> None:
    # 3001 and 3003 share the group only through 3002: 3001 says who decides, 3003 what
    # forces follow, so only 3002 is an earlier wording of what 3003 says.
    (candidate,) = harvest_answers(CHAINED, prefix="v").candidates
    assert [m.uin for m in candidate.fact.seen_in] == ["3001", "3002", "3003"]
    (changed,) = flags(candidate.fact, date(2025, 10, 1))
    assert (changed.kind, changed.message) == ("changed", "the wording changed: 2 wordings")
    assert [line[:18] for line in changed.details] == ["2025-09-08 (3003):", "2024-06-04 (3002):"]


def test_a_line_said_again_for_another_year_is_not_a_changed_wording() -> None:
    line = "In {}, forces dismissed {} officers who failed vetting."
    again = [
        answer("3101", date(2024, 1, 9), line.format("2022/23", 81)),
        answer("3102", date(2025, 1, 8), line.format("2023/24", 95)),
    ]
    (candidate,) = harvest_answers(again, prefix="v").candidates
    assert [flag.kind for flag in flags(candidate.fact, date(2025, 2, 1))] == []


def test_rejected_wordings_and_rare_lines_are_left_out() -> None:
    first = harvest_answers(ANSWERS, prefix="v")
    code = next(c.fact for c in first.candidates if "code" in c.fact.text)
    again = harvest_answers(ANSWERS, prefix="v", rejected=[code.seen_in[0].said], min_answers=2)
    assert again.rejected == 1
    assert [c.fact.kind for c in again.candidates] == ["statistic"]


def test_the_candidates_file_is_a_sound_fact_file(tmp_path: Path) -> None:
    path = tmp_path / "candidates" / "vetting.yaml"
    path.parent.mkdir()
    found = harvest_answers(ANSWERS, prefix="vetting")
    path.write_text(candidates_yaml(found.candidates, "harvested"), encoding="utf-8")
    base, problems = check_fact_base(path.parent)
    assert problems == []
    assert base is not None and read_candidates(path).facts == base.facts
    assert [fact.id for fact in base.facts.values()] == [c.fact.id for c in found.candidates]
    assert "&id" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("seen_in", "message"),
    [
        ("  - {uin: 'x1', answered: 2025-01-02}", "seen_in answer 'x1': 'uin' 'x1' is not a UIN"),
        ("  - {uin: '1', answered: soon}", "'answered' must be an ISO date"),
        ("  - {answered: 2025-01-02}", "seen_in answer 'None' has no 'uin'"),
        (
            "  - {uin: '2', answered: 2025-01-02}\n  - {uin: '1', answered: 2024-01-02}",
            "answer 1 of 2024-01-02 comes after answer 2 of 2025-01-02 in 'seen_in' but is older",
        ),
        (
            "  - {uin: '2', answered: 2025-01-02}\n  - {uin: '2', answered: 2025-01-02}",
            "lists answer 2 twice in 'seen_in'",
        ),
    ],
    ids=["bad-uin", "bad-date", "no-uin", "order", "twice"],
)
def test_facts_check_validates_seen_in(tmp_path: Path, seen_in: str, message: str) -> None:
    fact = (
        "sources:\n- {id: s, title: T, publisher: P, url: 'https://x.org', published: 2024-01}\n"
        "facts:\n- id: f\n  kind: line\n  text: A line.\n  source: s\n  review_by: 2030-01-01\n"
        "  topics: [t]\n  seen_in:\n" + seen_in.replace("  - ", "    - ") + "\n"
    )
    (tmp_path / "f.yaml").write_text(fact, encoding="utf-8")
    _, problems = check_fact_base(tmp_path)
    assert [p.severity for p in problems] == ["error"]
    assert message in problems[0].message
    assert problems[0].location.line is not None


def test_the_benchmark_reads_every_substantive_answer(harvest_db: Path) -> None:
    from bench.bench_harvest import all_answers

    assert [found.uin for found in all_answers(harvest_db)] == ["2001", "2002", "2003", "2005"]
