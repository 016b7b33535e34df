"""The archive of past answers: SQLite with FTS5, imported from Parliament's API and drafts.

with open_archive(config.archive) as archive:
    for earlier in related(archive, question, limit=3):
        ...

Importing is loaded on first use (`import_files`, `ImportReport`): it brings intake and the
HTML reader, which searching and reading the archive never need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.archive.record import ArchivedAnswer, merge_answers
from drafter.archive.related import related
from drafter.archive.search import (
    SearchFilters,
    SearchHit,
    find_answer,
    find_answers,
    search,
)
from drafter.archive.store import Archive, count_questions, open_archive
from drafter.lazy import attribute_loader

if TYPE_CHECKING:
    from drafter.archive.ingest import ImportReport, import_files

__all__ = [
    "Archive",
    "ArchivedAnswer",
    "ImportReport",
    "SearchFilters",
    "SearchHit",
    "count_questions",
    "find_answer",
    "find_answers",
    "import_files",
    "merge_answers",
    "open_archive",
    "related",
    "search",
]
__getattr__ = attribute_loader(
    __name__, {"ImportReport": "drafter.archive.ingest", "import_files": "drafter.archive.ingest"}
)
