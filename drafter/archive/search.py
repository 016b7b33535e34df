"""Finding past answers: full-text search with filters, lookup by UIN, and related answers.

Ranking is SQLite FTS5's bm25, weighting the heading above the question above the answer.
The user's words never reach FTS5 as syntax: each word or "quoted phrase" is re-quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from drafter.archive.record import ArchivedAnswer
from drafter.archive.store import COLUMNS, Archive, answer_from_row
from drafter.errors import ArchiveError, Location
from drafter.question import Question
from drafter.words import question_words, stem

WEIGHTS = (3.0, 2.0, 1.0)
"""bm25 weights of heading, question text and answer text."""
MIN_OVERLAP = 0.5
"""`related` keeps answers whose question shares at least this share of the new one's terms."""

_SELECT = ", ".join(f"q.{name}" for name in COLUMNS)
_BM25 = f"bm25(questions_fts, {', '.join(map(str, WEIGHTS))})"
_CHUNK = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search; empty fields do not filter."""

    body: str = ""
    """Part of the answering body's name, any case: `home` matches `Home Office`."""
    house: str = ""
    member: str = ""
    """A member id (digits), or part of the asking or answering member's name."""
    since: date | None = None
    """Tabled on or after this date."""
    until: date | None = None
    """Tabled on or before this date."""


@dataclass(frozen=True)
class SearchHit:
    """One search result: the record, the passage that matched, and its relevance."""

    answer: ArchivedAnswer
    snippet: str
    """The best-matching passage, matched words in `**bold**`."""
    score: float
    """bm25 relevance, higher is better (FTS5 reports it negated)."""


def match_expression(query: str) -> str:
    """The user's free text as an FTS5 query: every word and every "quoted phrase" must occur.

    Punctuation and FTS5 operators are not syntax. Words match their stems (porter), so
    `vetted` finds `vetting`; prefix queries are not offered, as they would match stems.

    Raises:
        ArchiveError: the query has no words.
    """
    phrases = []
    for quoted, bare in _CHUNK.findall(query):
        words = _WORD.findall(quoted or bare)
        if words:
            phrases.append(f'"{" ".join(words)}"')
    if not phrases:
        raise ArchiveError(f"nothing to search for in {query!r}: give at least one word")
    return " ".join(phrases)


def search(
    archive: Archive, query: str, filters: SearchFilters = SearchFilters(), *, limit: int = 20
) -> list[SearchHit]:
    """The questions best matching `query` within the filters, most relevant first."""
    where, params = _filter_sql(filters)
    rows = archive.connection.execute(
        f"SELECT {_SELECT}, snippet(questions_fts, -1, '**', '**', '…', 24), {_BM25} AS rank"
        " FROM questions_fts JOIN questions q ON q.id = questions_fts.rowid"
        f" WHERE questions_fts MATCH ?{where}"
        " ORDER BY rank, q.date_tabled DESC, q.house, q.uin LIMIT ?",
        (match_expression(query), *params, limit),
    )
    # Adding 0.0 turns a -0.0 score into 0.0 for printing.
    return [SearchHit(answer_from_row(row[:-2]), row[-2], round(-row[-1], 3) + 0.0) for row in rows]


def find_answers(
    archive: Archive, uin: str, date_tabled: date | None = None
) -> list[ArchivedAnswer]:
    """Every question with this UIN (one per Parliament or session), oldest first."""
    sql = f"SELECT {_SELECT} FROM questions q WHERE q.uin = ?"
    params: list[Any] = [uin.strip().upper()]
    if date_tabled:
        sql += " AND q.date_tabled = ?"
        params.append(date_tabled.isoformat())
    rows = archive.connection.execute(sql + " ORDER BY q.date_tabled, q.house", params)
    return [answer_from_row(row) for row in rows]


def find_answer(archive: Archive, uin: str, date_tabled: date | None = None) -> ArchivedAnswer:
    """The one question with this UIN (and date tabled, when the UIN recurs across sessions).

    Raises:
        ArchiveError: no such question, or several and no date to tell them apart.
    """
    found = find_answers(archive, uin, date_tabled)
    if not found:
        when = f" tabled {date_tabled}" if date_tabled else ""
        raise ArchiveError(f"no question {uin}{when} in the archive", Location(archive.path))
    if len(found) > 1:
        dates = ", ".join(f"{answer.date_tabled} ({answer.house})" for answer in found)
        raise ArchiveError(
            f"UIN {uin} was used for {len(found)} questions, tabled {dates}: add --date"
        )
    return found[0]


def related(
    archive: Archive, question: Question, limit: int = 3, *, include_drafts: bool = False
) -> list[ArchivedAnswer]:
    """Earlier substantive answers to questions asking what `question` asks, closest first.

    Matches the question's heading and text against archived headings and questions (bm25),
    keeps answered ones (not holding answers, answered on or before the question was tabled,
    not the question itself) that share at least `MIN_OVERLAP` of its terms. Imported drafts
    were never given in Parliament: they are left out unless `include_drafts` is set.
    """
    terms = question_terms(question.text, question.heading)
    if not terms:
        return []
    where, params = _related_sql(question, include_drafts)
    rows = archive.connection.execute(
        f"SELECT {_SELECT} FROM questions_fts JOIN questions q ON q.id = questions_fts.rowid"
        f" WHERE questions_fts MATCH ?{where}"
        f" ORDER BY {_BM25}, q.date_answered DESC, q.uin LIMIT ?",
        (_any_of(terms), *params, limit * 10),
    )
    wanted = {stem(term) for term in terms}
    close = (answer_from_row(row) for row in rows)
    return [answer for answer in close if _overlap(wanted, answer) >= MIN_OVERLAP][:limit]


def question_terms(text: str, heading: str = "") -> list[str]:
    """The words that say what a question asks: no preamble, stop words or repeats."""
    return list(dict.fromkeys(word for word, _ in question_words(text, heading)))[:32]


def _any_of(terms: list[str]) -> str:
    return "{heading question_text} : (" + " OR ".join(f'"{term}"' for term in terms) + ")"


def _overlap(wanted: set[str], answer: ArchivedAnswer) -> float:
    found = {term for _, term in question_words(answer.question_text, answer.heading)}
    return len(wanted & found) / len(wanted)


def _related_sql(question: Question, include_drafts: bool) -> tuple[str, list[Any]]:
    where = " AND q.answer_text != '' AND q.date_answered IS NOT NULL AND NOT q.is_holding"
    if not include_drafts:
        where += " AND q.origin = 'parliament'"
    params: list[Any] = []
    if question.uin:
        # Without its date, any question with this UIN in this House may be itself.
        where += " AND NOT (q.uin = ? AND q.house = ? AND coalesce(q.date_tabled = ?, 1))"
        tabled = question.date_tabled.isoformat() if question.date_tabled else None
        params += [question.uin, question.house, tabled]
    if question.date_tabled:
        where += " AND q.date_answered <= ?"
        params.append(question.date_tabled.isoformat())
    return where, params


def _filter_sql(filters: SearchFilters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.body:
        clauses.append(r"q.answering_body LIKE ? ESCAPE '\'")
        params.append(_contains(filters.body))
    if filters.house:
        clauses.append("q.house = ?")
        params.append(filters.house)
    if filters.member.strip().isdigit():
        clauses.append("(q.asking_member_id = ? OR q.answering_member_id = ?)")
        params += [int(filters.member)] * 2
    elif filters.member:
        clauses.append(
            r"(q.asking_member LIKE ? ESCAPE '\' OR q.answering_member LIKE ? ESCAPE '\')"
        )
        params += [_contains(filters.member)] * 2
    for bound, operator in ((filters.since, ">="), (filters.until, "<=")):
        if bound:
            clauses.append(f"q.date_tabled {operator} ?")
            params.append(bound.isoformat())
    return "".join(f" AND {clause}" for clause in clauses), params


def _contains(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with its own % and _ taken literally."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
