"""Select: rank answer templates and facts for a question with BM25, explaining each match.

Templates are documents of their title, description, topics and keywords; facts of their id
words, text, topics and keywords; the query is the question's heading and text. Both sides go
through the same tokeniser, so "vetted", "vetting" and "vet" meet as one term.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace

from drafter.bm25 import Match, build_index, rank
from drafter.facts.model import Fact, FactBase
from drafter.question import Question
from drafter.templates import AnswerTemplate
from drafter.words import question_words, terms

MATCH_THRESHOLD = 1.5
"""The least score with which `draft` takes the top eligible template without --template.

A template is eligible when the question uses one of the words it `requires` (for the police
templates: police, constable, IOPC ...), which is what keeps "how many prison officers were
dismissed for corruption" away from police-dismissals: word matching alone scores it 3.29
there, above some on-topic questions. Among eligible templates, the on-topic questions of
tests/data/selection/labelled.yaml score from 1.95 up; test_select.py guards the figures.
"""


@dataclass(frozen=True)
class Suggestion:
    """A template or fact that fits the question, how well, and which of its words matched."""

    id: str
    score: float
    terms: tuple[str, ...]
    """The question's words that matched, heaviest first."""
    needs: tuple[str, ...] = ()
    """For a template the question may not have by itself: the words it `requires`, none of
    which the question uses. Empty when the template is eligible."""


def template_text(template: AnswerTemplate) -> list[str]:
    """The words a template is found by."""
    return [template.title, template.description, *template.topics, *template.keywords]


def fact_text(fact: Fact) -> list[str]:
    """The words a fact is found by: its id's words count, as a reader of it would see them."""
    return [re.sub(r"[._-]", " ", fact.id), fact.text, *fact.topics, *fact.keywords]


def rank_templates(question: Question, templates: Iterable[AnswerTemplate]) -> list[Suggestion]:
    """The templates sharing a term with the question, best first, with unmet requirements."""
    by_id = {template.id: template for template in templates}
    asked = set(terms(question.heading, question.text))
    return [
        replace(found, needs=_unmet(by_id[found.id].requires, asked))
        for found in _rank(question, {t.id: terms(*template_text(t)) for t in by_id.values()})
    ]


def _unmet(requires: Sequence[str], asked: set[str]) -> tuple[str, ...]:
    """The required words, when the question uses none of them; else nothing."""
    return () if not requires or asked & set(terms(*requires)) else tuple(requires)


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


def substantive(templates: Iterable[AnswerTemplate]) -> list[AnswerTemplate]:
    """The templates that answer a topic (the others are answer forms: holding, referral...)."""
    return [template for template in templates if template.type == "substantive"]


def chosen(ranked: Sequence[Suggestion], candidates: int) -> Suggestion | None:
    """The best eligible suggestion (see `Suggestion.needs`), if its score clears the threshold.

    With a single candidate there is nothing to rank it against, and BM25's scores are low
    in a corpus of one, so any word shared with the question is enough.
    """
    eligible = [suggestion for suggestion in ranked if not suggestion.needs]
    if candidates == 1 and eligible:
        return eligible[0]
    return eligible[0] if eligible and eligible[0].score >= MATCH_THRESHOLD else None


def describe(suggestions: Sequence[Suggestion], limit: int = 3) -> str:
    """`a (4.2), b (1.3)`: the top suggestions for an error message."""
    shown = ", ".join(
        f"{s.id} ({s.score:.2f}" + (f", needs one of: {', '.join(s.needs)})" if s.needs else ")")
        for s in suggestions[:limit]
    )
    return shown or "none shares a word with the question"


@dataclass(frozen=True)
class Suggestions:
    """What `drafter suggest` reports: ranked templates and facts, and what draft would take."""

    templates: tuple[Suggestion, ...]
    facts: tuple[Suggestion, ...]
    chosen: str | None
    threshold: float


def suggest(
    question: Question,
    base: FactBase,
    templates: Iterable[AnswerTemplate],
    limit: int = 10,
) -> Suggestions:
    """Rank substantive templates and facts for the question, keeping the top `limit` of each."""
    topics = substantive(templates)
    ranked = rank_templates(question, topics)
    top = chosen(ranked, len(topics))
    return Suggestions(
        tuple(ranked[:limit]),
        tuple(rank_facts(question, base)[:limit]),
        top.id if top else None,
        MATCH_THRESHOLD,
    )


def format_suggestions(found: Suggestions) -> str:
    """The suggestions as aligned text, one line per template or fact."""
    if found.chosen:
        verdict = f"draft would use '{found.chosen}'"
    else:
        verdict = "no template clears it: draft needs --template"
    lines = [f"Templates (threshold {found.threshold:.2f}; {verdict}):"]
    lines += _rows(found.templates)
    lines += ["Facts:", *_rows(found.facts)]
    return "\n".join(lines) + "\n"


def _rows(suggestions: Sequence[Suggestion]) -> list[str]:
    if not suggestions:
        return ["  (none)"]
    width = max(len(s.id) for s in suggestions)
    return [
        f"  {s.id:<{width}}  {s.score:6.2f}  {', '.join(s.terms)}"
        + (f"  (needs one of: {', '.join(s.needs)})" if s.needs else "")
        for s in suggestions
    ]


def suggestions_json(found: Suggestions) -> str:
    """The suggestions as JSON, for scripts."""
    return json.dumps(asdict(found), indent=2) + "\n"
