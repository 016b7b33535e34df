"""Select: rank facts for a question with BM25, explaining each match.

Facts are documents of their id words, text, topics and keywords; the query is the
question's heading and text. Both sides go through the same tokeniser, so "vetted",
"vetting" and "vet" meet as one term. (Blocks are ranked per question part by
drafter.compose.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from drafter.bm25 import Match, build_index, rank
from drafter.facts.model import Fact, FactBase
from drafter.question import Question
from drafter.words import question_words, terms


@dataclass(frozen=True)
class Suggestion:
    """A fact that fits the question, how well, and which of its words matched."""

    id: str
    score: float
    terms: tuple[str, ...]
    """The question's words that matched, heaviest first."""


def fact_text(fact: Fact) -> list[str]:
    """The words a fact is found by: its id's words count, as a reader of it would see them."""
    return [re.sub(r"[._-]", " ", fact.id), fact.text, *fact.topics, *fact.keywords]


def rank_facts(question: Question, base: FactBase) -> list[Suggestion]:
    """The facts that share a term with the question, best first."""
    return _rank(question, {f.id: terms(*fact_text(f)) for f in base.facts.values()})


def _rank(question: Question, documents: Mapping[str, Sequence[str]]) -> list[Suggestion]:
    words = list(question_words(question.text, question.heading))
    surface: dict[str, str] = {}
    for word, term in words:
        surface.setdefault(term, word)
    matches = rank(build_index(documents), [term for _, term in words])
    return [_suggestion(match, surface) for match in matches]


def _suggestion(match: Match, surface: Mapping[str, str]) -> Suggestion:
    return Suggestion(
        match.key,
        round(match.score, 3),
        tuple(surface[term] for term, _ in match.contributions),
    )
