"""The archive file: an SQLite database of questions with an FTS5 index, and its transactions.

One table of questions keyed by (house, uin, date_tabled), an external-content FTS5 table
over heading, question and answer, and the schema version in `PRAGMA user_version`. No
trigger keeps the index in step: writers go through `batch`, which indexes an import's new
rows once, in bulk, at its end. Every SQLite failure leaves here as a one-line ArchiveError.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any

from drafter.archive.record import ArchivedAnswer
from drafter.errors import ArchiveError, Location
from drafter.question import GroupedQuestion

SCHEMA_VERSION = 2
"""1 indexed each row by trigger as it was written; 2 leaves indexing to the import."""
BUSY_TIMEOUT = 2.0
"""Seconds to wait for another process's lock before reporting the archive as locked."""

COLUMNS = tuple(spec.name for spec in fields(ArchivedAnswer))
_VALUES = attrgetter(*COLUMNS)
_GROUPED = COLUMNS.index("grouped")
_DATE_COLUMNS = ("date_tabled", "date_for_answer", "date_answered")
"""Columns of dates, stored as ISO text."""
_DATES = tuple(map(COLUMNS.index, _DATE_COLUMNS))
_TABLES = {"questions", "questions_fts"} | {
    f"questions_fts_{shadow}" for shadow in ("data", "idx", "docsize", "config")
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY,
    uin TEXT NOT NULL,
    house TEXT NOT NULL CHECK (house IN ('Commons', 'Lords')),
    date_tabled TEXT NOT NULL,
    question_text TEXT NOT NULL,
    heading TEXT NOT NULL,
    date_for_answer TEXT,
    date_answered TEXT,
    asking_member TEXT NOT NULL,
    asking_member_id INTEGER,
    answering_body TEXT NOT NULL,
    answering_member TEXT NOT NULL,
    answering_member_id INTEGER,
    answer_text TEXT NOT NULL,
    answer_html TEXT NOT NULL,
    is_holding INTEGER NOT NULL,
    is_correction INTEGER NOT NULL,
    named_day INTEGER NOT NULL,
    grouped TEXT NOT NULL,
    origin TEXT NOT NULL,
    source TEXT NOT NULL,
    api_id INTEGER,
    UNIQUE (uin, house, date_tabled)
);
CREATE INDEX IF NOT EXISTS questions_api_id ON questions (api_id);
CREATE INDEX IF NOT EXISTS questions_date_tabled ON questions (date_tabled);
CREATE VIRTUAL TABLE IF NOT EXISTS questions_fts USING fts5 (
    heading, question_text, answer_text,
    content = 'questions', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
"""
_UPGRADE = """
DROP TRIGGER IF EXISTS questions_ai;
DROP TRIGGER IF EXISTS questions_ad;
DROP TRIGGER IF EXISTS questions_au;
"""
"""From version 1: its triggers kept the index in step with the rows, so only they go."""


@dataclass(frozen=True)
class Archive:
    """An open archive: the file it lives in and the connection to it."""

    path: Path
    connection: sqlite3.Connection


@contextmanager
def open_archive(
    path: Path, *, create: bool = False, timeout: float | None = None
) -> Iterator[Archive]:
    """Open the archive at `path`, creating it (and its schema) when `create` is set.

    SQLite errors raised inside the `with` block become ArchiveError naming the file. An
    archive this call created is removed again if the block fails while it is still empty,
    so a failed first import leaves nothing behind.

    Raises:
        ArchiveError: missing (without `create`), not SQLite, locked, or not a drafter archive.
    """
    if not create and not path.is_file():
        raise ArchiveError(
            "no archive here: import answers with 'drafter archive import'", Location(path)
        )
    existed = path.exists()
    wait = BUSY_TIMEOUT if timeout is None else timeout
    with _sqlite_errors(path, wait):
        connection = sqlite3.connect(path, timeout=wait, isolation_level=None)
    created = False
    try:
        with _sqlite_errors(path, wait):
            archive = Archive(path, connection)
            created = _prepare(archive) and not existed
            yield archive
    except BaseException:
        # Only the schema's creator may remove the file, and only while no one else writes
        # to it: a first import that timed out waiting for another must not delete the
        # archive that other process is filling (its uncommitted rows are invisible here).
        if created and _unused(archive):
            path.unlink(missing_ok=True)
        connection.close()
        raise
    connection.close()


def _unused(archive: Archive) -> bool:
    """True, holding the write lock until the connection closes, when the archive is empty."""
    connection = archive.connection
    try:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.execute("PRAGMA busy_timeout = 0")
        connection.execute("BEGIN IMMEDIATE")
        return count_questions(archive) == 0
    except sqlite3.Error:
        return False


@contextmanager
def transaction(archive: Archive) -> Iterator[None]:
    """Everything in the block is written, or nothing is."""
    archive.connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        archive.connection.execute("ROLLBACK")
        raise
    archive.connection.execute("COMMIT")


def count_questions(archive: Archive) -> int:
    """How many questions the archive holds."""
    return int(archive.connection.execute("SELECT count(*) FROM questions").fetchone()[0])


def row_from_answer(answer: ArchivedAnswer) -> tuple[Any, ...]:
    """The record as SQLite values: ISO dates, 0/1 flags, grouped questions as JSON."""
    values = list(_VALUES(answer))
    values[_GROUPED] = (
        json.dumps([_grouped_record(item) for item in answer.grouped]) if answer.grouped else "[]"
    )
    for index in _DATES:
        if values[index] is not None:
            values[index] = values[index].isoformat()
    return tuple(values)


def answer_from_row(row: tuple[Any, ...] | sqlite3.Row) -> ArchivedAnswer:
    """A record from the values of `COLUMNS`, in order."""
    values = dict(zip(COLUMNS, row, strict=True))
    for name in _DATE_COLUMNS:
        values[name] = _iso_date(values[name])
    for name in ("is_holding", "is_correction", "named_day"):
        values[name] = bool(values[name])
    values["grouped"] = tuple(
        GroupedQuestion(item["uin"], _iso_date(item["date_tabled"]))
        for item in json.loads(values["grouped"])
    )
    return ArchivedAnswer(**values)


def _grouped_record(item: GroupedQuestion) -> dict[str, str | None]:
    tabled = item.date_tabled.isoformat() if item.date_tabled else None
    return {"uin": item.uin, "date_tabled": tabled}


def _iso_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _prepare(archive: Archive) -> bool:
    """Check the file is a drafter archive this version reads; give a new file its schema.

    An archive of an older version is upgraded in place.

    Returns:
        True when this call gave the file its schema (or upgraded it).
    """
    version = archive.connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise ArchiveError(
            f"archive schema version {version} is newer than this drafter reads ({SCHEMA_VERSION})",
            Location(archive.path),
        )
    if version == SCHEMA_VERSION:
        return False
    tables = {
        row[0]
        for row in archive.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if tables - _TABLES:
        names = ", ".join(sorted(tables))
        raise ArchiveError(
            f"not a drafter archive (it has tables: {names})", Location(archive.path)
        )
    # executescript commits any open transaction first, so the script carries its own.
    try:
        archive.connection.executescript(
            f"BEGIN IMMEDIATE; {_SCHEMA} {_UPGRADE} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        )
    except sqlite3.Error:
        if archive.connection.in_transaction:
            archive.connection.execute("ROLLBACK")
        raise
    return True


@contextmanager
def _sqlite_errors(path: Path, timeout: float) -> Iterator[None]:
    try:
        yield
    except sqlite3.DatabaseError as error:
        raise ArchiveError(_describe(error, timeout), Location(path)) from None


def _describe(error: sqlite3.DatabaseError, timeout: float) -> str:
    message = str(error)
    if "locked" in message or "busy" in message:
        return (
            f"archive is locked by another process (waited {timeout:g}s):"
            " try again when it has finished"
        )
    if message == "file is not a database":
        return "not an archive: file is not a database"
    if message == "unable to open database file":
        return "cannot open or create the archive: check that its folder exists and is writable"
    return f"archive error: {message}"
