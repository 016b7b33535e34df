"""Finding past answers: full-text search with filters, and lookup by UIN.

Ranking is SQLite FTS5's bm25, weighting the heading above the question above the answer,
with questions that have the words close together first. The user's words never reach FTS5
as syntax: each word or "quoted phrase" is re-quoted, and common words ("of", "the") are
left out. FTS5's Porter stemmer finds the candidates; drafter's lighter stemming then keeps
only records that have every word in a form of its own, as Porter joins unrelated words
("barred" and "bars", so "barred list" found "wine bars in the rating lists").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from drafter.archive.record import ArchivedAnswer
from drafter.archive.store import COLUMNS, Archive, answer_from_row
from drafter.errors import ArchiveError, Location
from drafter.words import ENGLISH_STOP_WORDS, stem

WEIGHTS = (3.0, 2.0, 1.0)
"""bm25 weights of heading, question text and answer text."""
CLOSE_WORDS = 10
"""Words "close together" (FTS5 NEAR) are within this many words of each other."""
BATCH = 2
"""Candidates read at a time, as a multiple of the hits asked for, while checking each has
every word in a form of its own (most have: reading many more would only cost time)."""
MAX_CANDIDATES = 5000
"""Candidates checked at most for one search, so a query of loosely stemmed words stays fast."""

SELECT = ", ".join(f"q.{name}" for name in COLUMNS)
BM25 = f"bm25(questions_fts, {', '.join(map(str, WEIGHTS))})"
_CHUNK = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[a-z]+")


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
    member_ids: tuple[int, ...] = ()
    """Ids of the members whose names match `member` in the members file, for records that
    give only ids."""


@dataclass(frozen=True)
class SearchHit:
    """One search result: the record, the passage that matched, and its relevance."""

    answer: ArchivedAnswer
    snippet: str
    """The best-matching passage, matched words in `**bold**`."""
    score: float
    """bm25 relevance, higher is better (FTS5 reports it negated)."""
    close: bool = True
    """True when the record has the query's words within `CLOSE_WORDS` of each other."""


def match_expression(query: str) -> str:
    """The user's free text as an FTS5 query: every word and every "quoted phrase" must occur.

    Punctuation and FTS5 operators are not syntax, and common words outside quotes are not
    search terms (unless the query has nothing else). Words match their stems (porter), so
    `vetted` finds `vetting`; prefix queries are not offered, as they would match stems.

    Raises:
        ArchiveError: the query has no words.
    """
    return " ".join(f'"{" ".join(words)}"' for words in _phrases(query))


def _phrases(query: str) -> list[list[str]]:
    """The query's search terms: each quoted phrase, and each word that is not a stop word."""
    phrases: list[tuple[bool, list[str]]] = []
    for quoted, bare in _CHUNK.findall(query):
        words = _WORD.findall(quoted or bare)
        if words:
            phrases.append((bool(quoted), words))
    if not phrases:
        raise ArchiveError(f"nothing to search for in {query!r}: give at least one word")
    telling = [
        words
        for quoted, words in phrases
        if quoted or len(words) > 1 or words[0].lower() not in ENGLISH_STOP_WORDS
    ]
    return telling or [words for _, words in phrases]


def search(
    archive: Archive, query: str, filters: SearchFilters = SearchFilters(), *, limit: int = 20
) -> list[SearchHit]:
    """The questions best matching `query` within the filters, most relevant first."""
    phrases = _phrases(query)
    wanted = {stem(word.lower()) for words in phrases for word in words}
    where, params = _filter_sql(filters)
    sql = (
        f"SELECT {SELECT}, snippet(questions_fts, -1, '**', '**', '…', 24), {BM25} AS rank,"
        " q.id IN (SELECT rowid FROM questions_fts WHERE questions_fts MATCH ?) AS close"
        " FROM questions_fts JOIN questions q ON q.id = questions_fts.rowid"
        f" WHERE questions_fts MATCH ?{where}"
        " ORDER BY close DESC, rank, q.date_tabled DESC, q.house, q.uin LIMIT ? OFFSET ?"
    )
    expression = match_expression(query)
    hits: list[SearchHit] = []
    batch = BATCH * limit
    for offset in range(0, MAX_CANDIDATES, batch):
        rows = archive.connection.execute(
            sql, (_near(phrases), expression, *params, batch, offset)
        ).fetchall()
        hits += (_hit(row) for row in rows if _has_every(wanted, answer_from_row(row[:-3])))
        if len(hits) >= limit or len(rows) < batch:
            break
    return hits[:limit]


def _near(phrases: list[list[str]]) -> str:
    quoted = " ".join(f'"{" ".join(words)}"' for words in phrases)
    return f"NEAR({quoted}, {CLOSE_WORDS})" if len(phrases) > 1 else quoted


def _hit(row: tuple[Any, ...]) -> SearchHit:
    # Adding 0.0 turns a -0.0 score into 0.0 for printing.
    score = round(-row[-2], 3) + 0.0
    return SearchHit(answer_from_row(row[:-3]), row[-3], score, bool(row[-1]))


def _has_every(wanted: set[str], answer: ArchivedAnswer) -> bool:
    """True when the record has each wanted term in some form (drafter's stemming)."""
    text = f"{answer.heading} {answer.question_text} {answer.answer_text}".lower()
    # Stemming only strips endings, so only words starting as a wanted term starts can be it.
    starts = tuple({term[:3] for term in wanted})
    words = {word for word in _LETTERS.findall(text.replace("'", "")) if word.startswith(starts)}
    return wanted <= {stem(word) for word in words}


def find_answers(
    archive: Archive, uin: str, date_tabled: date | None = None
) -> list[ArchivedAnswer]:
    """Every question with this UIN (one per Parliament or session), oldest first."""
    sql = f"SELECT {SELECT} FROM questions q WHERE q.uin = ?"
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
        ids = ", ".join(str(int(id_)) for id_ in filters.member_ids)
        by_id = f" OR q.asking_member_id IN ({ids}) OR q.answering_member_id IN ({ids})"
        clauses.append(
            r"(q.asking_member LIKE ? ESCAPE '\' OR q.answering_member LIKE ? ESCAPE '\'"
            + (by_id if ids else "")
            + ")"
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
