"""Selection: the tokeniser, BM25 (with query weights) and ranking facts with matched terms."""

import math
from pathlib import Path

import pytest

from drafter.bm25 import build_index, rank
from drafter.facts.load import load_fact_base
from drafter.question import Question
from drafter.select import rank_facts
from drafter.words import stem, terms

DATA = Path(__file__).parent / "data"
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


def test_ranked_facts_explain_which_words_matched() -> None:
    ranked = rank_facts(QUESTION, load_fact_base(DATA / "kb_minimal"))
    assert [(s.id, s.terms) for s in ranked] == [
        ("example.duty", ("confidential", "information", "officers")),
        ("example.dismissals", ("dismissal",)),
    ]


def test_the_pq_formula_does_not_count_towards_a_match() -> None:
    question = Question(text="To ask the Secretary of State for Example Duty, what.")
    assert rank_facts(question, load_fact_base(DATA / "kb_minimal")) == []


def test_bm25_query_weights_scale_each_terms_contribution() -> None:
    index = build_index({"a": ["x", "y"], "b": ["y"]})
    plain = {match.key: match.score for match in rank(index, ["x", "y"])}
    weighted = {match.key: match.score for match in rank(index, ["x", "y"], weights={"y": 0.5})}
    assert weighted["b"] == pytest.approx(plain["b"] / 2)
    assert weighted["a"] < plain["a"]
