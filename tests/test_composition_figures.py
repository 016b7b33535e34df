"""The figures the README reports for composition, each guarded by a floor (or a ceiling).

The labelled set is real questions with their parts labelled from the real answers
(tests/data/composition/); tests/composition_eval.py measures it. A change that lowers a
figure below its guard must say why, in the README, with the new figure.
"""

import pytest
import yaml

from drafter.build import build_draft
from drafter.composed import UnansweredError
from drafter.intake import question_from_text
from tests.composition_eval import Figures, evaluate, load_labelled
from tests.conftest import ROOT
from tests.test_compose import TODAY


@pytest.fixture(scope="module")
def figures() -> Figures:
    return evaluate(load_labelled())


def test_the_labelled_set_is_the_corpus_police_integrity_questions(figures: Figures) -> None:
    assert (figures.questions, figures.off_topic, figures.parts) == (47, 14, 103)


def test_block_choice_precision(figures: Figures) -> None:
    assert figures.precision >= 0.78


def test_block_choice_recall(figures: Figures) -> None:
    assert figures.recall >= 0.45


def test_most_paragraphs_answer_a_part(figures: Figures) -> None:
    assert figures.answering_share >= 0.72


def test_parts_the_labels_call_gaps_are_flagged(figures: Figures) -> None:
    assert figures.gaps_agreed / figures.labelled_gaps >= 0.9
    assert figures.gap_share <= 0.9  # and drafter still answers what it can


def test_every_off_topic_question_is_refused(figures: Figures) -> None:
    assert figures.off_topic_refused == figures.off_topic


def test_drafts_are_no_longer_than_the_real_answers(figures: Figures) -> None:
    assert len(figures.draft_words) >= 10
    assert figures.length_ratio <= 1.0


def test_nine_in_ten_on_topic_questions_of_our_own_wording_are_drafted() -> None:
    from drafter.facts.load import load_fact_base
    from drafter.render import load_templates

    base, templates = load_fact_base(ROOT / "facts"), load_templates(ROOT / "templates")
    rows = yaml.safe_load((ROOT / "tests/data/selection/labelled.yaml").read_text("utf-8"))
    drafted = 0
    on_topic = [row for row in rows if row["expected"] != "none"]
    for row in on_topic:
        try:
            build_draft(question_from_text(row["text"]), base, templates, today=TODAY)
        except UnansweredError:
            continue
        drafted += 1
    assert drafted >= 0.9 * len(on_topic)
