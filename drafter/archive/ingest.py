"""`archive import`: read API dumps, longform files and drafts into the archive, all or nothing.

One transaction covers the whole command: if any file or record is bad, the archive is
left exactly as it was and the error names the file and the record. Files are read as
streams (see `jsonstream`), so a dump of any size imports in constant memory.
"""

from __future__ import annotations

import lzma
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from drafter.archive.batch import ImportWriter
from drafter.archive.jsonstream import Item, iter_json, iter_json_lines
from drafter.archive.parse import (
    answer_from_api,
    answer_from_draft,
    is_full_text,
    longform_from_record,
)
from drafter.archive.store import Archive, count_questions, transaction
from drafter.chars import safe_strings
from drafter.draft import read_draft
from drafter.errors import ArchiveError, Location, QuestionError

READABLE = (".json", ".jsonl", ".ndjson", ".json.xz", ".jsonl.xz", ".ndjson.xz", ".md")
"""The files `archive import` reads, by how their names end."""


@dataclass(frozen=True)
class ImportReport:
    """What one `archive import` did."""

    files: int = 0
    questions: int = 0
    """Question records read (API values and drafts)."""
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    full_texts: int = 0
    """Longform records read."""
    matched: int = 0
    """Longform records whose question is in the archive (their texts were used where fuller)."""
    skipped: tuple[Path, ...] = ()
    """Markdown files without drafter front matter, which are not drafts."""
    total: int = 0
    """Questions in the archive afterwards."""


PROGRESS_EVERY = 1000
"""How many records pass between two calls of an import's `progress`."""


def import_files(
    archive: Archive, paths: Sequence[Path], progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Import every file (folders: every readable file in them, sorted) in one transaction.

    `progress`, if given, is called with the number of records read so far, every
    `PROGRESS_EVERY` records (the CLI shows it on a terminal).

    Raises:
        ArchiveError: an unreadable file or bad record; nothing has been imported.
        DraftError: a draft whose front matter cannot be read; nothing has been imported.
    """
    files = [file for path in paths for file in _expand(path)]
    counts: Counter[str] = Counter()
    skipped: list[Path] = []
    with transaction(archive):
        writer = ImportWriter(archive)
        for path in files:
            if file_kind(path) == ".md":
                _import_draft(writer, path, counts, skipped)
            else:
                _import_records(writer, path, counts, progress)
        counts.update(writer.finish())
        total = count_questions(archive)
    return ImportReport(files=len(files), skipped=tuple(skipped), total=total, **counts)


def file_kind(path: Path) -> str:
    """How the file's name ends among `READABLE`, or '' if `archive import` cannot read it."""
    return next((ending for ending in READABLE if path.name.endswith(ending)), "")


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        found = (p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        return sorted(p for p in found if file_kind(p))
    if not file_kind(path):
        kinds = ", ".join(READABLE)
        raise ArchiveError(
            f"cannot import this kind of file (expected {kinds} or a folder)", Location(path)
        )
    return [path]


def _import_draft(
    writer: ImportWriter, path: Path, counts: Counter[str], skipped: list[Path]
) -> None:
    draft = read_draft(path)
    if not draft.has_provenance:
        skipped.append(path)
        return
    try:
        answer = answer_from_draft(draft, path)
    except (ArchiveError, QuestionError) as error:
        raise ArchiveError(error.message, Location(path)) from None
    counts["questions"] += 1
    writer.add_question(answer)


def _import_records(
    writer: ImportWriter,
    path: Path,
    counts: Counter[str],
    progress: Callable[[int], None] | None = None,
) -> None:
    for label, location, record in _records(path):
        read = counts["questions"] + counts["full_texts"]
        if progress and read and read % PROGRESS_EVERY == 0:
            progress(read)
        try:
            if is_full_text(record):
                counts["full_texts"] += 1
                writer.add_longform(longform_from_record(record))
            else:
                counts["questions"] += 1
                writer.add_question(answer_from_api(record, path))
        except (ArchiveError, QuestionError) as error:
            raise ArchiveError(f"{label}{error.message}", location) from None


def _records(path: Path) -> Iterator[tuple[str, Location, Any]]:
    """(label, location, record) for every record in the file, envelopes unwrapped."""
    try:
        with _open_text(path) as stream:
            for item in _items(stream, path):
                label = f"record {item.index + 1}" if item.index is not None else ""
                for inner, record in _unwrap(item.value, label):
                    # A `\\ud800` escape decodes to a lone surrogate, which SQLite cannot store.
                    safe = safe_strings(record) if item.unsafe else record
                    yield (f"{inner}: " if inner else ""), item.location, safe
    except (OSError, EOFError, lzma.LZMAError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise ArchiveError(f"cannot read: {reason}", Location(path)) from None
    except RecursionError:  # `[[[[...` thousands deep: no API response nests so
        raise ArchiveError("invalid JSON: nested too deeply", Location(path)) from None


def _items(stream: TextIO, path: Path) -> Iterator[Item]:
    lines = file_kind(path).removesuffix(".xz") in (".jsonl", ".ndjson")
    return iter_json_lines(stream, path) if lines else iter_json(stream, path)


def _open_text(path: Path) -> TextIO:
    if path.suffix == ".xz":
        return lzma.open(path, "rt", encoding="utf-8-sig")
    return path.open(encoding="utf-8-sig")


def _unwrap(value: Any, label: str) -> Iterator[tuple[str, Any]]:
    """Records inside envelopes: a detail `{"value"}`, a search `{"results"}`, or a list."""
    if isinstance(value, list):
        for number, item in enumerate(value, start=1):
            yield from _unwrap(item, _join(label, f"item {number}"))
    elif isinstance(value, dict) and isinstance(value.get("results"), list):
        for number, item in enumerate(value["results"], start=1):
            yield from _unwrap(item, _join(label, f"result {number}"))
    elif isinstance(value, dict) and isinstance(value.get("value"), dict):
        yield label, value["value"]
    else:
        yield label, value


def _join(label: str, part: str) -> str:
    return f"{label}, {part}" if label else part
