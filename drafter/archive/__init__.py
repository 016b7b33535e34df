"""The archive of past answers: SQLite with FTS5, imported from Parliament's API and drafts.

with open_archive(config.archive) as archive:
    for earlier in related(archive, question, limit=3):
        ...
"""

from drafter.archive.ingest import ImportReport, import_files
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
