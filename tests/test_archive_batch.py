"""Batched import: the same archive as one record at a time, an index in step with the rows,
and an archive of the first schema (indexed by triggers) upgraded in place."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from drafter.archive import batch as batch_module
from drafter.archive import import_files, open_archive, search
from drafter.archive.store import SCHEMA_VERSION

DATA = Path(__file__).parent / "data" / "archive"
QUESTIONS = DATA / "questions.jsonl"
LONGFORM = DATA / "longform.jsonl"


def api_value(uin: str, answer: str, answered: str, **more: Any) -> dict[str, Any]:
    return {
        "id": int(uin) + 50_000,
        "uin": uin,
        "house": "Commons",
        "dateTabled": "2025-01-06T00:00:00",
        "questionText": f"To ask the Secretary of State for Transport, about crossing {uin}.",
        "answeringBodyName": "Department for Transport",
        "heading": "Road Safety",
        "dateAnswered": answered,
        "answerText": answer,
        **more,
    }


def write_lines(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def mixed_files(folder: Path) -> list[list[Path]]:
    """Imports, in order, that meet every path of the writer: repeats inside one file,
    longform texts before and after their question, and changes to rows indexed earlier."""
    holding = api_value("7001", "<p>I will reply shortly.</p>", "2025-01-10T00:00:00")
    holding["answerIsHolding"] = True
    final = api_value("7001", "<p>Zebra crossings are counted by councils.</p>", "2025-02-01")
    later = api_value("7001", "<p>Pelican crossings replaced them.</p>", "2025-03-01T00:00:00")
    repeats = write_lines(folder / "repeats.jsonl", [holding, final, holding])
    changed = write_lines(folder / "changed.jsonl", [later])
    return [[LONGFORM, QUESTIONS, repeats], [QUESTIONS, LONGFORM], [changed, repeats]]


def archive_after(db: Path, imports: list[list[Path]]) -> tuple[list[Any], list[Any]]:
    """The rows, and every import's report, after running the imports in turn."""
    reports = []
    for paths in imports:
        with open_archive(db, create=True) as archive:
            reports.append(import_files(archive, paths))
    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT * FROM questions ORDER BY id").fetchall()
    # rank 1: checks the index against the rows too, not only against itself.
    connection.execute(
        "INSERT INTO questions_fts (questions_fts, rank) VALUES ('integrity-check', 1)"
    )
    connection.close()
    return rows, reports


def test_batches_give_the_archive_that_one_record_at_a_time_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    imports = mixed_files(tmp_path)
    batched = archive_after(tmp_path / "batched.sqlite", imports)
    monkeypatch.setattr(batch_module, "BATCH_SIZE", 1)
    one_by_one = archive_after(tmp_path / "one.sqlite", imports)
    assert batched == one_by_one
    reports = batched[1]
    assert [(r.added, r.updated, r.unchanged, r.matched) for r in reports] == [
        (9, 1, 1, 1),
        (0, 0, 8, 1),
        (0, 1, 3, 0),
    ]


def test_rows_changed_by_a_later_import_are_found_by_their_new_words_only(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    imports = mixed_files(tmp_path)
    archive_after(db, imports[:1])
    with open_archive(db) as archive:
        assert [hit.answer.uin for hit in search(archive, "zebra")] == ["7001"]
    archive_after(db, imports[2:])
    with open_archive(db) as archive:
        assert search(archive, "zebra") == []
        assert [hit.answer.uin for hit in search(archive, "pelican")] == ["7001"]


VERSION_1_TRIGGERS = """
CREATE TRIGGER questions_ai AFTER INSERT ON questions BEGIN
    INSERT INTO questions_fts (rowid, heading, question_text, answer_text)
    VALUES (new.id, new.heading, new.question_text, new.answer_text);
END;
CREATE TRIGGER questions_au AFTER UPDATE ON questions BEGIN
    INSERT INTO questions_fts (questions_fts, rowid, heading, question_text, answer_text)
    VALUES ('delete', old.id, old.heading, old.question_text, old.answer_text);
    INSERT INTO questions_fts (rowid, heading, question_text, answer_text)
    VALUES (new.id, new.heading, new.question_text, new.answer_text);
END;
"""


def version_1_archive(db: Path) -> None:
    """An archive as the first schema left it: rows indexed by triggers as they were written."""
    with open_archive(db, create=True):
        pass
    connection = sqlite3.connect(db, isolation_level=None)
    connection.executescript(VERSION_1_TRIGGERS + "PRAGMA user_version = 1;")
    columns = "uin, house, date_tabled, question_text, heading, asking_member, answering_body,"
    columns += " answering_member, answer_text, answer_html, is_holding, is_correction,"
    connection.execute(
        f"INSERT INTO questions ({columns} named_day, grouped, origin, source, api_id)"
        " VALUES ('7001', 'Commons', '2025-01-06', 'About zebra crossings.', 'Road Safety',"
        " '', 'Department for Transport', '', 'Zebra crossings are counted.', '', 0, 0, 0,"
        " '[]', 'parliament', 'old.json', 57001)"
    )
    connection.close()


def test_an_archive_of_the_first_schema_is_upgraded_in_place(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    version_1_archive(db)
    with open_archive(db) as archive:
        assert [hit.answer.uin for hit in search(archive, "zebra")] == ["7001"]
    connection = sqlite3.connect(db)
    triggers = connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    assert (triggers.fetchall(), SCHEMA_VERSION) == ([], 2)
    assert connection.execute("PRAGMA user_version").fetchone() == (2,)
    connection.close()
    changed = api_value("7001", "<p>Pelican crossings replaced them.</p>", "2025-03-01")
    rows, reports = archive_after(db, [[write_lines(tmp_path / "new.jsonl", [changed])]])
    assert (len(rows), reports[0].updated) == (1, 1)
    with open_archive(db) as archive:
        assert search(archive, "zebra") == []
