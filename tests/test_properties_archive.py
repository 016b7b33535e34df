"""Property tests for the archive: API JSON records of any shape into a fresh database.

An import stores every record or none; what it stores holds only characters every writer can
store, and searching it with any words finds or refuses, never fails.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from drafter.archive import count_questions, import_files, open_archive, search
from drafter.archive.store import COLUMNS
from drafter.errors import ArchiveError, DrafterError
from tests.hostile_text import raw_text
from tests.property_checks import fewer_examples
from tests.test_properties_intake import XML_ILLEGAL, api_value

dated_value = api_value.map(lambda value: {"dateTabled": "2025-03-11T00:00:00", **value})
records = st.lists(st.one_of(dated_value, dated_value, api_value), min_size=1, max_size=6)


def write_records(folder: Path, items: list[Any], lines: bool) -> Path:
    """The records as a dump file: JSON Lines, or one search response; \\u escapes for all."""
    if lines:
        path = folder / "dump.jsonl"
        text = "".join(json.dumps(item) + "\n" for item in items)
    else:
        path = folder / "dump.json"
        text = json.dumps({"results": [{"value": item} for item in items]})
    path.write_text(text, encoding="utf-8")
    return path


@fewer_examples(2)
@given(records, st.booleans())
@example([{"uin": "1", "dateTabled": "2025-03-11", "questionText": "To ask \ud800 x"}], True)
def test_an_import_stores_every_record_or_none(items: list[Any], lines: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "archive.sqlite"
        dump = write_records(Path(folder), items, lines)
        try:
            with open_archive(database, create=True) as archive:
                report = import_files(archive, [dump])
                assert report.questions == len(items)
                assert count_questions(archive) == report.added
                rows = archive.connection.execute(f"SELECT {', '.join(COLUMNS)} FROM questions")
                for row in rows:
                    assert not any(XML_ILLEGAL.search(v) for v in row if isinstance(v, str))
        except ArchiveError as error:
            assert "\n" not in str(error).strip()
            assert not database.exists() or count(database) == 0


def count(database: Path) -> int:
    with open_archive(database) as archive:
        return count_questions(archive)


@fewer_examples(2)
@given(raw_text(0, 6))
def test_any_search_finds_or_refuses(query: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "archive.sqlite"
        dump = write_records(Path(folder), [EXAMPLE], lines=True)
        with open_archive(database, create=True) as archive:
            import_files(archive, [dump])
            try:
                search(archive, query)
            except DrafterError as error:
                assert "\n" not in str(error).strip()


EXAMPLE = json.loads((Path(__file__).parent.parent / "examples" / "37301.json").read_text())[
    "value"
]
