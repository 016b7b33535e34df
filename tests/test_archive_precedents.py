"""Precedents that fit: the answering body's own answers, found by a question's telling words.

The fixture (tests/data/archive/precedents.jsonl) holds, in miniature, the mismatches seen on
the real 2023-2026 Commons corpus: "barred list" against "wine bars ... rating lists", and
"misuse of police systems" against answers on drones that have those words far apart.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.archive import Archive, import_files, open_archive, related, search
from drafter.cli import cli
from drafter.question import Question

DATA = Path(__file__).parent / "data" / "archive" / "precedents.jsonl"
HOME = "To ask the Secretary of State for the Home Department, "
CLAUSES = (
    "with reference to recent reports",
    "how many police officers joined forces in England and Wales",
    "in each of the last three years",
    "broken down by force and by rank",
    "what discussions she has had with chief constables",
    "and police and crime commissioners",
    "on recruitment and the checks carried out before appointment",
    "by the College of Policing",
    "including officers who had previously served",
)
"""Common words of police questions: 40 questions made of them give the words a real idf."""


def write_common_questions(path: Path) -> Path:
    first = json.loads(DATA.read_text(encoding="utf-8").splitlines()[0])
    clauses = itertools.islice(itertools.combinations(CLAUSES, 3), 40)
    records = [
        {
            **first,
            "id": 9700 + number,
            "uin": str(700 + number),
            "heading": "Police: Recruitment",
            "questionText": f"{HOME}{' '.join(chosen)}.",
            "answerText": "Figures are published each year.",
        }
        for number, chosen in enumerate(clauses)
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    folder = tmp_path_factory.mktemp("archive")
    with open_archive(folder / "a.sqlite", create=True) as opened:
        import_files(opened, [DATA, write_common_questions(folder / "common.jsonl")])
        yield opened


def found(archive: Archive, query: str) -> list[str]:
    return [hit.answer.uin for hit in search(archive, query)]


def test_barred_list_does_not_match_wine_bars_on_rating_lists(archive: Archive) -> None:
    assert found(archive, "barred list") == ["501"]
    assert found(archive, "wine bars") == ["502"]


def test_small_words_are_not_search_terms_and_close_words_come_first(archive: Archive) -> None:
    hits = search(archive, "misuse of police systems")
    assert [(hit.answer.uin, hit.close) for hit in hits] == [
        ("503", True),
        ("506", True),
        ("505", True),
        ("504", False),
    ]


def test_a_search_with_the_words_only_apart_says_so(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    assert runner.invoke(cli, ["archive", "import", str(DATA), "--db", str(db)]).exit_code == 0
    result = runner.invoke(cli, ["archive", "search", "offence guidance", "--db", str(db)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "2024-02-05  504  Unmanned Air Systems"
    assert result.stderr == (
        "note: no question has these words close together; each of these has them apart\n"
    )


def test_precedents_come_from_the_answering_body(archive: Archive) -> None:
    asked = "what steps she is taking to stop officers misusing police computer systems to"
    question = Question(
        text=f"{HOME}{asked} access personal data.",
        answering_body="Home Office",
        date_tabled=date(2024, 6, 3),
    )
    assert [answer.uin for answer in related(archive, question)] == ["506"]
    elsewhere = Question(text=question.text, date_tabled=date(2024, 6, 3))
    assert [answer.uin for answer in related(archive, elsewhere)] == ["506", "505"]


def test_a_long_question_finds_its_precedent_by_its_telling_words(archive: Archive) -> None:
    question = Question(
        text=f"{HOME}with reference to the recent reports on recruitment, how many people who"
        " applied to join police forces in England and Wales in each of the last three years"
        " were found to be on the barred list, broken down by force, by the rank applied for and"
        " by whether the applicant had previously served; and what discussions she has had with"
        " chief constables, police and crime commissioners and the College of Policing on the"
        " checks carried out before appointment.",
        answering_body="Home Office",
        date_tabled=date(2024, 6, 3),
    )
    assert [answer.uin for answer in related(archive, question)][:1] == ["501"]


def test_a_question_sharing_only_common_words_is_no_precedent(archive: Archive) -> None:
    question = Question(
        text=f"{HOME}how many police officers in England and Wales were given management advice"
        " for posts on social media.",
        answering_body="Home Office",
        date_tabled=date(2024, 6, 3),
    )
    assert related(archive, question) == []
