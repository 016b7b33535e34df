"""Writing an import into the archive a batch at a time, and indexing it once at the end.

Records are gathered in arrival order and written `BATCH_SIZE` at a time: one look-up for
the batch's keys, one executemany for its new rows and one for its changed rows. Rows the
import adds are indexed for search in one INSERT ... SELECT when it ends, so a question
that a later full text completes is indexed once, with its final text. Rows indexed before
the import are taken out of the index and put back as they change.

Merging is `merge_answers` and `with_full_text`, record by record in arrival order, so a
batch gives the same archive as writing records one at a time.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from drafter.archive.parse import Longform
from drafter.archive.record import ArchivedAnswer, merge_answers, with_full_text
from drafter.archive.store import COLUMNS, Archive, answer_from_row, row_from_answer

BATCH_SIZE = 500
"""Records written per batch: enough to make each statement's overhead small."""

Key = tuple[str, str, date]
Stored = tuple[int, ArchivedAnswer]
"""A row id and the record in that row."""

_SELECT = ", ".join(f"q.{name}" for name in COLUMNS)
_INSERT = f"INSERT INTO questions ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
_UPDATE = f"UPDATE questions SET {', '.join(f'{name} = ?' for name in COLUMNS)} WHERE id = ?"
_INDEXED = "heading, question_text, answer_text"
_STASH = "pending_longforms"


class ImportWriter:
    """Questions and longform texts on their way into the archive, inside one transaction.

    Call `add_question` and `add_longform` in the order the records are read, then
    `finish`, which writes what is left and indexes the new rows.
    """

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.counts: Counter[str] = Counter()
        """'added', 'updated' and 'unchanged' questions; 'matched' longform texts."""
        self._indexed = _last_row_id(archive)
        """Rows up to this id were in the search index before the import began."""
        self._questions: list[ArchivedAnswer] = []
        self._longforms: list[Longform] = []

    def add_question(self, answer: ArchivedAnswer) -> None:
        """Add or merge a question (after any longform texts read before it)."""
        self._write_longforms()
        self._questions.append(answer)
        if len(self._questions) >= BATCH_SIZE:
            self._write_questions()

    def add_longform(self, longform: Longform) -> None:
        """Complete a question with a longform text, or keep the text until the import ends."""
        self._write_questions()
        self._longforms.append(longform)
        if len(self._longforms) >= BATCH_SIZE:
            self._write_longforms()

    def finish(self) -> Counter[str]:
        """Write what is pending, apply kept texts whose question came later, index new rows."""
        self._write_questions()
        self._write_longforms()
        for batch in _stashed_with_question(self.archive):
            self._longforms = batch
            self._write_longforms()
        self.archive.connection.execute(f"DROP TABLE IF EXISTS temp.{_STASH}")
        self.archive.connection.execute(
            f"INSERT INTO questions_fts (rowid, {_INDEXED})"
            f" SELECT id, {_INDEXED} FROM questions WHERE id > ? ORDER BY id",
            (self._indexed,),
        )
        return self.counts

    def _write_questions(self) -> None:
        batch, self._questions = self._questions, []
        if not batch:
            return
        stored = _find_questions(self.archive, {answer.key for answer in batch})
        rows: dict[Key, _Row] = {}
        for answer in batch:
            row = rows.get(answer.key)
            if row is None and answer.key in stored:
                row_id, old = stored[answer.key]
                row = rows[answer.key] = _Row(row_id, old, old)
            if row is None:
                self.counts["added"] += 1
                rows[answer.key] = _Row(None, None, answer)
                continue
            merged = merge_answers(row.current, answer)
            self.counts["unchanged" if merged == row.current else "updated"] += 1
            row.current = merged
        self.archive.connection.executemany(
            _INSERT, [row_from_answer(row.current) for row in rows.values() if row.id is None]
        )
        self._update(
            (row.id, row.old, row.current)
            for row in rows.values()
            if row.id is not None and row.old is not None and row.current != row.old
        )

    def _write_longforms(self) -> None:
        batch, self._longforms = self._longforms, []
        if not batch:
            return
        stored = _find_by_api_ids(self.archive, {longform.api_id for longform in batch})
        changed: dict[int, tuple[ArchivedAnswer, ArchivedAnswer]] = {}
        unmatched: list[Longform] = []
        for longform in batch:
            if longform.api_id not in stored:
                unmatched.append(longform)
                continue
            self.counts["matched"] += 1
            row_id, old = stored[longform.api_id]
            current = changed.get(row_id, (old, old))[1]
            changed[row_id] = (old, with_full_text(current, longform.full_text()))
        self._update((row_id, old, new) for row_id, (old, new) in changed.items() if new != old)
        if unmatched:
            _stash(self.archive, unmatched)

    def _update(self, changes: Iterable[tuple[int, ArchivedAnswer, ArchivedAnswer]]) -> None:
        """Rewrite changed rows; those indexed before the import are re-indexed now."""
        rows = list(changes)
        indexed = [(row_id, old, new) for row_id, old, new in rows if row_id <= self._indexed]
        connection = self.archive.connection
        connection.executemany(
            f"INSERT INTO questions_fts (questions_fts, rowid, {_INDEXED})"
            " VALUES ('delete', ?, ?, ?, ?)",
            [(row_id, *_indexed_texts(old)) for row_id, old, _ in indexed],
        )
        connection.executemany(
            _UPDATE, [(*row_from_answer(new), row_id) for row_id, _, new in rows]
        )
        connection.executemany(
            f"INSERT INTO questions_fts (rowid, {_INDEXED}) VALUES (?, ?, ?, ?)",
            [(row_id, *_indexed_texts(new)) for row_id, _, new in indexed],
        )


@dataclass
class _Row:
    """A question of the batch: its row (None if new), as stored, and as merged so far."""

    id: int | None
    old: ArchivedAnswer | None
    current: ArchivedAnswer


def _indexed_texts(answer: ArchivedAnswer) -> tuple[str, str, str]:
    return answer.heading, answer.question_text, answer.answer_text


def _last_row_id(archive: Archive) -> int:
    row = archive.connection.execute("SELECT coalesce(max(id), 0) FROM questions").fetchone()
    return int(row[0])


def _find_questions(archive: Archive, keys: set[Key]) -> dict[Key, Stored]:
    """The stored rows with these (house, uin, date tabled) keys."""
    wanted = json.dumps([[house, uin, tabled.isoformat()] for house, uin, tabled in keys])
    rows = archive.connection.execute(
        f"SELECT q.id, {_SELECT} FROM json_each(?) AS j JOIN questions q"
        " ON q.uin = json_extract(j.value, '$[1]') AND q.house = json_extract(j.value, '$[0]')"
        " AND q.date_tabled = json_extract(j.value, '$[2]')",
        (wanted,),
    )
    found = ((row[0], answer_from_row(row[1:])) for row in rows)
    return {answer.key: (row_id, answer) for row_id, answer in found}


def _find_by_api_ids(archive: Archive, api_ids: set[int]) -> dict[int, Stored]:
    """For each API id, the first stored row that has it."""
    rows = archive.connection.execute(
        f"SELECT q.id, {_SELECT} FROM questions q"
        " WHERE q.api_id IN (SELECT value FROM json_each(?)) ORDER BY q.id",
        (json.dumps(sorted(api_ids)),),
    )
    stored: dict[int, Stored] = {}
    for row in rows:
        answer = answer_from_row(row[1:])
        if answer.api_id is not None:
            stored.setdefault(answer.api_id, (row[0], answer))
    return stored


def _stash(archive: Archive, longforms: list[Longform]) -> None:
    """Keep longform texts whose question is not in the archive, until the import ends."""
    archive.connection.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {_STASH}"
        " (api_id INTEGER PRIMARY KEY, question_text TEXT, answer TEXT)"
    )
    archive.connection.executemany(
        f"INSERT OR REPLACE INTO temp.{_STASH} VALUES (?, ?, ?)",
        [(item.api_id, item.question_text, item.answer) for item in longforms],
    )


def _stashed_with_question(archive: Archive) -> Iterator[list[Longform]]:
    """The kept texts whose question has since arrived, a batch at a time, by API id."""
    connection = archive.connection
    if not connection.execute(
        "SELECT 1 FROM temp.sqlite_master WHERE name = ?", (_STASH,)
    ).fetchone():
        return
    after = -(1 << 63)
    while batch := [
        Longform(*row)
        for row in connection.execute(
            f"SELECT p.api_id, p.question_text, p.answer FROM temp.{_STASH} p"
            " WHERE p.api_id > ? AND EXISTS (SELECT 1 FROM questions q WHERE q.api_id = p.api_id)"
            " ORDER BY p.api_id LIMIT ?",
            (after, BATCH_SIZE),
        )
    ]:
        yield batch
        after = batch[-1].api_id
