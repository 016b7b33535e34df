"""Selection: the tokeniser, BM25, ranking with matched terms, the labelled set, `suggest`."""

import json
import math
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from drafter.bm25 import build_index, rank
from drafter.cli import cli
from drafter.facts.load import load_fact_base
from drafter.question import Question
from drafter.select import (
    MATCH_THRESHOLD,
    Suggestion,
    chosen,
    rank_facts,
    rank_templates,
    substantive,
)
from drafter.templates import AnswerTemplate, read_manifests
from drafter.words import stem, terms
from tests.conftest import ROOT

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "selection" / "templates"
QUESTION = Question(
    text="To ask the Secretary of State for the Home Department, how many officers were "
    "dismissed for disclosing confidential information.",
    heading="Police: Dismissal",
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("officers", "officer"),
        ("bodies", "body"),
        ("processes", "process"),
        ("status", "status"),
        ("vetting", "vet"),
        ("vetted", "vet"),
        ("misusing", "misus"),
        ("misuse", "misus"),
        ("dismissed", "dismiss"),
        ("referred", "refer"),
        ("barred", "barr"),
        ("bars", "bar"),
        ("applied", "apply"),
        ("applies", "apply"),
        ("calling", "call"),
        ("role", "role"),
    ],
)
def test_stem_strips_plurals_ing_ed_and_final_e(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_terms_drop_stop_words_pq_formula_words_and_numbers() -> None:
    assert terms("To ask the Secretary of State what steps she is taking on 2023 vetting") == [
        "vet"
    ]


def test_bm25_follows_the_okapi_formula() -> None:
    index = build_index({"a": ["x", "y"], "b": ["x"]})
    idf_x, idf_y = math.log(1 + 0.5 / 2.5), math.log(1 + 1.5 / 1.5)
    # |a| = 2, |b| = 1, avgdl = 1.5, k1 = 1.2, b = 0.75
    weight_a = 2.2 / (1 + 1.2 * (0.25 + 0.75 * 2 / 1.5))
    weight_b = 2.2 / (1 + 1.2 * (0.25 + 0.75 * 1 / 1.5))
    first, second = rank(index, ["x", "y", "x"])
    assert (first.key, second.key) == ("a", "b")
    assert first.score == pytest.approx(weight_a * (idf_x + idf_y))
    assert second.score == pytest.approx(weight_b * idf_x)
    assert [term for term, _ in first.contributions] == ["y", "x"]


def test_bm25_leaves_out_documents_without_a_query_term() -> None:
    assert rank(build_index({"a": ["x"], "b": ["y"]}), ["y"])[0].key == "b"
    assert len(rank(build_index({"a": ["x"], "b": ["y"]}), ["y"])) == 1


def fixture_templates() -> list[AnswerTemplate]:
    return list(read_manifests(FIXTURE).values())


def test_ranked_templates_explain_which_words_matched() -> None:
    ranked = rank_templates(QUESTION, substantive(fixture_templates()))
    assert [(s.id, s.terms) for s in ranked] == [
        ("dismissals", ("dismissal", "dismissed", "officers", "police")),
        ("confidentiality", ("information", "confidential", "police")),
    ]
    assert ranked[0].score > ranked[1].score > 0


def test_answer_forms_are_not_ranked_as_topics() -> None:
    ranked = rank_templates(QUESTION, substantive(fixture_templates()))
    assert "holding" not in [s.id for s in ranked]


def test_ranked_facts_explain_which_words_matched() -> None:
    ranked = rank_facts(QUESTION, load_fact_base(DATA / "kb_minimal"))
    assert [(s.id, s.terms) for s in ranked] == [
        ("example.duty", ("confidential", "information", "officers")),
        ("example.dismissals", ("dismissal",)),
    ]


def test_the_pq_formula_does_not_count_towards_a_match() -> None:
    question = Question(text="To ask the Secretary of State for Confidentiality, what.")
    assert rank_templates(question, fixture_templates()) == []


# The labelled set: wording variations of the fact base's topics, and other departments'
# questions that no police template may take.


@dataclass(frozen=True)
class Labelled:
    question: Question
    expected: str


TOPICS = 3
"""The substantive templates bundled in templates/."""


def labelled() -> list[Labelled]:
    rows = yaml.safe_load((DATA / "selection" / "labelled.yaml").read_text(encoding="utf-8"))
    return [Labelled(Question(text=r["text"], heading=r["heading"]), r["expected"]) for r in rows]


@pytest.fixture(scope="module")
def outcomes() -> list[tuple[Labelled, list[Suggestion]]]:
    templates = substantive(read_manifests(ROOT / "templates").values())
    return [(item, rank_templates(item.question, templates)) for item in labelled()]


def test_labelled_set_has_thirty_on_topic_and_eight_off_topic_questions() -> None:
    expected = [item.expected for item in labelled()]
    assert len(expected) - expected.count("none") >= 30
    assert expected.count("none") >= 8


def test_right_template_ranks_first_for_nine_in_ten_questions(outcomes) -> None:
    on_topic = [(item, ranked) for item, ranked in outcomes if item.expected != "none"]
    first = sum(bool(ranked) and ranked[0].id == item.expected for item, ranked in on_topic)
    assert first / len(on_topic) >= 0.9


def test_right_template_is_always_in_the_top_three(outcomes) -> None:
    on_topic = [(item, ranked) for item, ranked in outcomes if item.expected != "none"]
    assert all(item.expected in [s.id for s in ranked[:3]] for item, ranked in on_topic)


def test_no_off_topic_question_gets_a_template(outcomes) -> None:
    off_topic = [ranked for item, ranked in outcomes if item.expected == "none"]
    assert [chosen(ranked, TOPICS) for ranked in off_topic] == [None] * len(off_topic)


def test_nine_in_ten_on_topic_questions_are_drafted_without_template(outcomes) -> None:
    on_topic = [
        (item, chosen(ranked, TOPICS)) for item, ranked in outcomes if item.expected != "none"
    ]
    assert all(best is not None for _, best in on_topic)
    right = sum(best is not None and best.id == item.expected for item, best in on_topic)
    assert right / len(on_topic) >= 0.9


def test_the_prison_question_is_kept_out_by_the_police_requirement(outcomes) -> None:
    (ranked,) = [r for item, r in outcomes if "prison officers" in item.question.text]
    assert ranked[0].id == "police-dismissals" and ranked[0].score > MATCH_THRESHOLD
    assert ranked[0].needs[:2] == ("police", "policing")


def test_seed_question_clears_the_threshold_for_its_template() -> None:
    seed = labelled()[0].question
    topics = substantive(read_manifests(ROOT / "templates").values())
    best = chosen(rank_templates(seed, topics), len(topics))
    assert best is not None and best.id == "police-systems-misuse"


# `drafter suggest` and `drafter draft` without --template


def write_question(tmp_path: Path) -> Path:
    path = tmp_path / "q.yaml"
    path.write_text(
        yaml.safe_dump({"uin": "1", "heading": QUESTION.heading, "text": QUESTION.text}),
        encoding="utf-8",
    )
    return path


def suggest(runner: CliRunner, tmp_path: Path, *args: str):
    return runner.invoke(
        cli,
        [
            "suggest",
            str(write_question(tmp_path)),
            "--facts",
            str(DATA / "kb_minimal"),
            "--templates",
            str(FIXTURE),
            *args,
        ],
    )


def test_suggest_prints_ranked_templates_and_facts(runner: CliRunner, tmp_path: Path) -> None:
    result = suggest(runner, tmp_path)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Templates (threshold 1.50; no template clears it: draft needs --template):\n"
        "  dismissals         2.58  dismissal, dismissed, officers, police"
        "  (needs one of: constable)\n"
        "  confidentiality    1.79  information, confidential, police"
        "  (needs one of: data protection)\n"
        "Facts:\n"
        "  example.duty          2.01  confidential, information, officers\n"
        "  example.dismissals    0.85  dismissal\n"
    )


def test_suggest_limits_rows_and_writes_json(runner: CliRunner, tmp_path: Path) -> None:
    result = suggest(runner, tmp_path, "--limit", "1", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "templates": [
            {
                "id": "dismissals",
                "score": 2.584,
                "terms": ["dismissal", "dismissed", "officers", "police"],
                "needs": ["constable"],
            }
        ],
        "facts": [
            {
                "id": "example.duty",
                "score": 2.014,
                "terms": ["confidential", "information", "officers"],
                "needs": [],
            }
        ],
        "chosen": None,
        "threshold": 1.5,
    }


def test_draft_without_template_names_the_suggestions(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli,
        [
            "draft",
            str(write_question(tmp_path)),
            "--facts",
            str(DATA / "kb_minimal"),
            "--templates",
            str(FIXTURE),
        ],
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: no template fits this question well enough (best: dismissals (2.58, needs one "
        "of: constable), confidentiality (1.79, needs one of: data protection)): choose one with "
        "--template\n"
    )


def test_draft_takes_the_top_template_when_it_clears_the_threshold(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        [
            "draft",
            str(ROOT / "examples" / "substantive-dismissals.yaml"),
            "--facts",
            str(ROOT / "facts"),
            "--templates",
            str(ROOT / "templates"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "\ntemplate: police-dismissals\n" in result.stdout


def test_suggest_says_which_template_draft_would_use(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        [
            "suggest",
            str(ROOT / "examples" / "37301.yaml"),
            "--facts",
            str(ROOT / "facts"),
            "--templates",
            str(ROOT / "templates"),
        ],
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "Templates (threshold 1.50; draft would use 'police-systems-misuse'):",
        "  police-systems-misuse    3.54  cybercrime, ranks, roles, police",
    ]


def test_a_single_template_is_chosen_on_any_shared_word() -> None:
    topics = [t for t in substantive(read_manifests(ROOT / "templates").values())][:1]
    seed = labelled()[0].question
    ranked = rank_templates(seed, topics)
    assert ranked and ranked[0].score < MATCH_THRESHOLD
    best = chosen(ranked, len(topics))
    assert best is not None and best.id == topics[0].id
    assert chosen([], 1) is None
