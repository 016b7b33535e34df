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
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
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
RANK_FIRST_SHARE = 0.4
"""Filters that pass this share of a search's matches or more are applied after ranking, to
its top only; below it, joining every match to its record to filter it first costs less
than ranking them all."""
SAMPLE = 200
"""Matches sampled to estimate the share that pass a search's filters."""
FILTERED_SHARE = 16
"""Filters applied after ranking take the page from the top matches this many times its
size: joining a few hundred records costs little next to ranking every match, which reading
more again would repeat (then 32 times as many again, while too few pass the filters)."""
MAX_CANDIDATES = 5000
"""Candidates checked at most for one search, so a query of loosely stemmed words stays fast."""

SELECT = ", ".join(f"q.{name}" for name in COLUMNS)
BM25 = f"bm25(questions_fts, {', '.join(map(str, WEIGHTS))})"
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
    return _quoted(_phrases(query))


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
    expression = _quoted(phrases)
    candidates = _candidates(archive, phrases, expression, filters, BATCH * limit)
    hits = list(islice((row for row in candidates if _has_every(wanted, row[1])), limit))
    snippets = _snippets(archive, expression, [row_id for row_id, *_ in hits])
    # Adding 0.0 turns a -0.0 score into 0.0 for printing.
    return [
        SearchHit(answer, snippets[row_id], round(-rank, 3) + 0.0, close)
        for row_id, answer, rank, close in hits
    ]


_Candidate = tuple[int, ArchivedAnswer, float, bool]
"""A match's row id, record, bm25 rank (lower is better) and closeness."""


def _candidates(
    archive: Archive,
    phrases: list[list[str]],
    expression: str,
    filters: SearchFilters,
    batch: int,
) -> Iterator[_Candidate]:
    """Matches in order, best first, read `batch` at a time (then more) as they are wanted.

    `expression` is the phrases quoted for FTS5, made once by the caller.
    """
    where, params = _filter_sql(filters)
    # A match of one word or phrase is close by definition: no NEAR query to run.
    near = (_near(phrases),) if len(phrases) > 1 else ()
    # Filters that leave out most matches go first (fewer to rank); others after ranking,
    # on its top only (fewer to join).
    early = bool(where) and _passing(archive, expression, where, params) < RANK_FIRST_SHARE
    sql = _ranked_sql(where, bool(near), early)
    late = bool(where) and not early
    before, after = (params, []) if early else ([], params)
    offset = 0
    matches: int | None = None  # counted once, and only if a widened read still falls short
    while offset < MAX_CANDIDATES:
        # The page is among the top `ranked` matches once that many hold `offset + batch` that
        # pass the filters: more than that when filters leave some out.
        ranked = (offset + batch) * (FILTERED_SHARE if late else 1)
        while True:
            rows = archive.connection.execute(
                sql, (*near, expression, *before, ranked - 1, *after, batch, offset)
            ).fetchall()
            if len(rows) == batch or not late:
                break
            matches = match_count(archive, expression) if matches is None else matches
            if ranked >= matches:
                break
            ranked *= FILTERED_SHARE * 2
        yield from ((row[0], answer_from_row(row[1:-2]), row[-2], bool(row[-1])) for row in rows)
        if len(rows) < batch:
            return
        # Each read ranks every match again: read twice as many next time.
        offset, batch = offset + batch, batch * 2


def match_count(archive: Archive, expression: str) -> int:
    """How many records match an FTS5 expression, filters aside."""
    sql = "SELECT count(*) FROM questions_fts WHERE questions_fts MATCH ?"
    return int(archive.connection.execute(sql, (expression,)).fetchone()[0])


def _passing(archive: Archive, expression: str, where: str, params: list[Any]) -> float:
    """The share of a sample of the matches (the first by row id: no ranking) that pass."""
    seen, passed = archive.connection.execute(
        f"SELECT count(*), total(1{where}) FROM (SELECT rowid AS id FROM questions_fts"
        " WHERE questions_fts MATCH ? LIMIT ?) m CROSS JOIN questions q ON q.id = m.id",
        (*params, expression, SAMPLE),
    ).fetchone()
    return float(passed) / seen if seen else 1.0


def _ranked_sql(where: str, near: bool, early: bool) -> str:
    """The query for a page of candidates: rank every match inside FTS5, then read the top.

    `matches` holds just each match's rowid, rank and closeness (joined to its record
    first only when the filters go `early`); `cut` is the closeness and rank of the last of
    the top matches the page is taken from. Only matches up to the cut (ties included, so
    the page is exactly that of ordering every match) are joined to their records, and
    filtered then if not before.
    """
    close = "1"
    if near:
        close = (
            "questions_fts.rowid IN (SELECT rowid FROM questions_fts WHERE questions_fts MATCH ?)"
        )
    join = " JOIN questions q ON q.id = questions_fts.rowid" if early else ""
    before, after = (where, "") if early else ("", where)
    order = "m.close DESC, m.rank, q.date_tabled DESC, q.house, q.uin"
    return (
        "WITH matches AS MATERIALIZED ("
        f" SELECT questions_fts.rowid AS id, {BM25} AS rank,"
        f" {close} AS close"
        f" FROM questions_fts{join} WHERE questions_fts MATCH ?{before}),"
        " cut AS (SELECT close, rank FROM matches ORDER BY close DESC, rank LIMIT 1 OFFSET ?),"
        # The page's matches first, sorted by the few columns that order them: sorting whole
        # records would read every long answer up to the cut.
        " page AS MATERIALIZED (SELECT m.id, m.rank, m.close"
        # CROSS JOIN keeps this order: the few matches up to the cut, then their records.
        " FROM matches m CROSS JOIN questions q ON q.id = m.id"
        " WHERE (NOT EXISTS (SELECT 1 FROM cut)"
        f" OR (m.close, -m.rank) >= (SELECT close, -rank FROM cut)){after}"
        f" ORDER BY {order} LIMIT ? OFFSET ?)"
        f" SELECT m.id, {SELECT}, m.rank, m.close"
        f" FROM page m CROSS JOIN questions q ON q.id = m.id ORDER BY {order}"
    )


def _snippets(archive: Archive, expression: str, row_ids: list[int]) -> dict[int, str]:
    """The best-matching passage of each row, by row id: only the hits shown need one."""
    marks = ", ".join("?" * len(row_ids))
    rows = archive.connection.execute(
        "SELECT rowid, snippet(questions_fts, -1, '**', '**', '…', 24) FROM questions_fts"
        f" WHERE questions_fts MATCH ? AND rowid IN ({marks})",
        (expression, *row_ids),
    )
    return dict(rows)


def _quoted(phrases: list[list[str]]) -> str:
    return " ".join(f'"{" ".join(words)}"' for words in phrases)


def _near(phrases: list[list[str]]) -> str:
    return f"NEAR({_quoted(phrases)}, {CLOSE_WORDS})"


def _has_every(wanted: set[str], answer: ArchivedAnswer) -> bool:
    """True when the record has each wanted term in some form (drafter's stemming)."""
    text = f"{answer.heading} {answer.question_text} {answer.answer_text}".lower()
    # Stemming only strips endings, so only words starting as a wanted term starts can be it.
    starts = "|".join(sorted({re.escape(term[:3]) for term in wanted}))
    # Words are runs of letters and digits, as FTS5 reads them: "2023" and "act56" count.
    words = set(re.findall(f"(?<![^\\W_])(?:{starts})[^\\W_]*", text.replace("'", "")))
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
