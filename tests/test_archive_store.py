"""The archive file: schema, and every way opening it can fail, each as one line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from drafter.archive import count_questions, import_files, open_archive
from drafter.archive.store import SCHEMA_VERSION
from drafter.errors import ArchiveError

QUESTIONS = Path(__file__).parent / "data" / "archive" / "questions.jsonl"


def open_error(path: Path, create: bool = False) -> str:
    with (
        pytest.raises(ArchiveError) as caught,
        open_archive(path, create=create, timeout=0.05) as archive,
    ):
        import_files(archive, [QUESTIONS])
    return str(caught.value)


def test_a_new_archive_has_the_schema_and_its_version(tmp_path: Path) -> None:
    with open_archive(tmp_path / "a.sqlite", create=True) as archive:
        assert count_questions(archive) == 0
    connection = sqlite3.connect(tmp_path / "a.sqlite")
    assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    connection.close()


def test_reading_a_missing_archive_says_how_to_make_one(tmp_path: Path) -> None:
    assert open_error(tmp_path / "none.sqlite") == (
        f"{tmp_path / 'none.sqlite'}: no archive here: import answers with 'drafter archive import'"
    )


def test_a_file_that_is_not_sqlite_is_reported_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("These are my notes, not a database.\n" * 40, encoding="utf-8")
    assert open_error(path, create=True) == f"{path}: not an archive: file is not a database"
    assert path.read_text(encoding="utf-8").startswith("These are my notes")


def test_a_locked_archive_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    with open_archive(path, create=True):
        pass
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        message = open_error(path)
    finally:
        holder.close()
    assert message == (
        f"{path}: archive is locked by another process (waited 0.05s):"
        " try again when it has finished"
    )


def test_an_archive_from_a_newer_drafter_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    assert open_error(path) == (
        f"{path}: archive schema version {SCHEMA_VERSION + 1} is newer than this drafter reads"
        f" ({SCHEMA_VERSION})"
    )


def test_another_programs_database_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.close()
    assert open_error(path, create=True) == f"{path}: not a drafter archive (it has tables: notes)"


def test_an_archive_in_a_missing_folder_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "a.sqlite"
    assert open_error(path, create=True) == (
        f"{path}: cannot open or create the archive: check that its folder exists and is writable"
    )
