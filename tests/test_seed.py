"""The seed question (UIN 37301) drafts with the same facts as the real answer, every one cited."""

import re
from datetime import date

import pytest

from drafter.build import build_draft
from drafter.draft import Draft, write_markdown
from drafter.export import render_draft
from drafter.facts.load import load_fact_base
from drafter.facts.model import FactBase
from drafter.facts.period import published_long
from drafter.house_style import year_ending
from drafter.intake import load_question
from drafter.render import load_templates
from tests.conftest import ROOT, Golden

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load_fact_base(ROOT / "facts")


@pytest.fixture(scope="module")
def seed(base: FactBase) -> Draft:
    question = load_question(ROOT / "examples" / "37301.yaml")
    return build_draft(question, base, load_templates(ROOT / "templates"), today=TODAY)


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_seed_draft_matches_golden(seed: Draft, golden: Golden, fmt: str) -> None:
    golden(f"37301.{fmt}", render_draft(seed, fmt).decode("utf-8"))


ATOMS = [
    "66 police officers",
    "5 special constables",
    "37 police staff",
    "2023/24",
    "year ending 31 March 2024",
    "use of force systems",
    "<https://www.gov.uk/government/collections/police-misconduct-statistics>",
    "<https://www.gov.uk/government/statistics/police-misconduct-open-data-tables>",
    "<https://www.college.police.uk/article/barred-list>",
    "HMICFRS",
    "Professional Standards Departments",
    "Independent Office for Police Conduct",
    "Standards of Professional Behaviour",
    "Code of Ethics",
    "2024",
    "presumption of dismissal",
    "Computer Misuse Act",
    "Ministry of Justice",
]


@pytest.mark.parametrize("atom", ATOMS)
def test_seed_answer_carries_the_real_answers_facts(seed: Draft, atom: str) -> None:
    assert atom in seed.answer


def test_seed_answer_has_no_mail_security_links(seed: Draft) -> None:
    assert "safelinks" not in write_markdown(seed)


def figures(text: str) -> list[str]:
    """Numbers in the answer's words, leaving out web addresses."""
    words = re.sub(r"<https?://[^>]+>", " ", text)
    return re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", words)


def test_every_figure_in_the_answer_comes_from_a_cited_fact(seed: Draft, base: FactBase) -> None:
    for paragraph in seed.paragraphs:
        read = [base.facts[fact_id] for fact_id in paragraph.facts]
        used = [use for use in seed.facts if use.id in paragraph.facts]
        recorded = " ".join(
            f"{use.value} {use.period} {year_ending(use.period)}" for use in used if use.period
        )
        texts = " ".join(fact.text for fact in read)
        texts += " ".join(published_long(source.published) for source in seed.sources)
        for figure in figures(paragraph.text):
            assert figure in recorded or figure in texts, (figure, paragraph.block)


def test_every_fact_used_cites_a_listed_source(seed: Draft) -> None:
    listed = {source.id for source in seed.sources}
    assert {use.source for use in seed.facts} <= listed
    assert all(source.url.startswith("https://") for source in seed.sources)


def test_every_question_part_is_answered(seed: Draft) -> None:
    answered = {part for paragraph in seed.paragraphs for part in paragraph.parts}
    assert answered == {"1(a)(i)", "1(a)(ii)", "1(b)", "2"}


def test_seed_uses_the_statistics_published_when_it_was_answered(seed: Draft) -> None:
    periods = {use.id: use.period for use in seed.facts if use.period}
    assert periods["barred-list.unlawful-access"] == "2023/24"
    assert periods["misconduct-statistics.individuals-referred"] == "2023/24"


def test_today_the_same_question_uses_2024_25(base: FactBase) -> None:
    question = load_question(ROOT / "examples" / "37301.yaml")
    today = build_draft(
        question, base, load_templates(ROOT / "templates"), today=TODAY, as_of=TODAY
    )
    periods = {use.id: use.period for use in today.facts if use.period}
    assert periods["barred-list.unlawful-access"] == "2024/25"
    assert "82 police officers" in today.answer


def test_the_seed_draft_does_not_depend_on_the_day_it_is_made(seed: Draft, base: FactBase) -> None:
    question = load_question(ROOT / "examples" / "37301.yaml")
    later = build_draft(question, base, load_templates(ROOT / "templates"), today=date(2030, 1, 1))
    assert write_markdown(later) == write_markdown(seed)
