"""Earlier answers to much the same question, offered in a draft's background note.

A precedent must come from the question's own answering body (a Northern Ireland Office
answer is no Home Office referral), and is found by the question's most telling words: a
long question's every word, common ones included, would drown the few that say what it asks.
"""

from __future__ import annotations

import math
from typing import Any

from drafter.archive.record import ArchivedAnswer
from drafter.archive.search import BM25, SELECT, match_count
from drafter.archive.store import Archive, answer_from_row, count_questions
from drafter.question import Question
from drafter.words import question_words, stem

MIN_SHARE = 0.5
"""`related` keeps answers whose question has at least this idf-weighted share of the terms."""
TELLING_TERMS = 8
"""A question is matched by this many of its terms: the rarest in the archive (highest idf)."""
CANDIDATES = 50
"""Questions found by the telling terms (bm25) that are then ranked by their share."""
MAX_TERMS = 64
"""Terms read from a question at most (a long question has 40 to 60)."""
FORMULA = frozenset(
    stem(word)
    for word in "pursuant answer question estimate number data holds impact information".split()
)
"""Terms of the PQ formula ("pursuant to the Answer...", "what data her Department holds on
the number of...") that made unrelated questions look alike on the 2023-2026 corpus."""
_QUESTIONS = "{heading question_text}"


def related(
    archive: Archive, question: Question, limit: int = 3, *, include_drafts: bool = False
) -> list[ArchivedAnswer]:
    """Earlier substantive answers to questions asking what `question` asks, closest first.

    Finds `CANDIDATES` archived questions by the question's `TELLING_TERMS` rarest terms
    (bm25 over headings and questions), ranks them by their share of its terms, and keeps
    answered ones (not holding answers, answered on or before the question was tabled, not
    the question itself, from its answering body) whose question has at least `MIN_SHARE`
    of what the question asks: the idf weight of the terms it shares, against the weight of
    the question's `TELLING_TERMS` heaviest. Imported drafts were never given in
    Parliament: they are left out unless `include_drafts` is set.
    """
    words = question_terms(question.text, question.heading)
    weights = term_weights(archive, words)
    telling = sorted((term for term, weight in weights.items() if weight), key=weights.__getitem__)
    if not telling:
        return []
    where, params = _related_sql(question, include_drafts)
    rows = archive.connection.execute(
        f"SELECT {SELECT} FROM questions_fts JOIN questions q ON q.id = questions_fts.rowid"
        f" WHERE questions_fts MATCH ?{where}"
        f" ORDER BY {BM25}, q.date_answered DESC, q.uin LIMIT ?",
        (_any_of([words[term] for term in telling[-TELLING_TERMS:]]), *params, CANDIDATES),
    )
    shares = [(_share(weights, answer), answer) for answer in map(answer_from_row, rows)]
    ranked = sorted(shares, key=lambda pair: -pair[0])  # stable: bm25 breaks ties
    return [answer for share, answer in ranked if share >= MIN_SHARE][:limit]


def question_terms(text: str, heading: str = "") -> dict[str, str]:
    """The terms that say what a question asks, each with one word of it.

    The preamble, stop words, `FORMULA` words and repeats are left out.
    """
    found: dict[str, str] = {}
    for word, term in question_words(text, heading):
        if term not in FORMULA:
            found.setdefault(term, word)
    return dict(list(found.items())[:MAX_TERMS])


def term_weights(archive: Archive, terms: dict[str, str]) -> dict[str, float]:
    """Each term's idf among archived questions; 0 for a term no archived question has.

    A term the archive lacks cannot find a precedent, but it still counts in the whole a
    precedent must share: it is an aspect of the question no earlier answer covered.
    """
    total = count_questions(archive)
    weights: dict[str, float] = {}
    for term, word in terms.items():
        count = _questions_with(archive, word)
        weights[term] = math.log((total + 1) / count) if count else 0.0
    return weights


def _share(weights: dict[str, float], answer: ArchivedAnswer) -> float:
    """The weight of the terms the earlier question shares, against the `TELLING_TERMS` heaviest.

    Against the heaviest only, because a long question asks more than any one precedent.
    """
    found = {term for _, term in question_words(answer.question_text, answer.heading)}
    rarest = max(weights.values())
    heaviest = sorted(weight or rarest for weight in weights.values())[-TELLING_TERMS:]
    shared = sum(weight for term, weight in weights.items() if term in found)
    return min(1.0, shared / sum(heaviest))


def _questions_with(archive: Archive, word: str) -> int:
    return match_count(archive, f'{_QUESTIONS} : "{word}"')


def _any_of(words: list[str]) -> str:
    return f"{_QUESTIONS} : (" + " OR ".join(f'"{word}"' for word in words) + ")"


def _related_sql(question: Question, include_drafts: bool) -> tuple[str, list[Any]]:
    where = " AND q.answer_text != '' AND q.date_answered IS NOT NULL AND NOT q.is_holding"
    if not include_drafts:
        where += " AND q.origin = 'parliament'"
    params: list[Any] = []
    if question.answering_body:
        where += " AND q.answering_body = ? COLLATE NOCASE"
        params.append(question.answering_body)
    if question.uin:
        # Without its date, any question with this UIN in this House may be itself.
        where += " AND NOT (q.uin = ? AND q.house = ? AND coalesce(q.date_tabled = ?, 1))"
        tabled = question.date_tabled.isoformat() if question.date_tabled else None
        params += [question.uin, question.house, tabled]
    if question.date_tabled:
        where += " AND q.date_answered <= ?"
        params.append(question.date_tabled.isoformat())
    return where, params
