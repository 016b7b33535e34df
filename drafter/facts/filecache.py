"""Parsed fact files, kept in the cache folder by content so an unchanged file is read once.

An entry holds what one file's bytes give, in two parts: its index (the ids it defines, the
source ids it cites and its problems, which is all the whole-base checks need) and its
records. It is named by the sha256 of those bytes, so an edited file misses and is parsed
afresh, and it is written whole beside its place and renamed into it, so concurrent runs each
see a whole entry or none. A load reads every index but unpickles a file's records only when
one of them is first asked for: `facts check` of an unchanged base builds only the records
of files where a whole-base check found something to place, and a draft only those of the
files whose facts it reads.

An entry is never trusted. Its first line must name this format, the reading code (a digest
of drafter's version and of the modules that turn a file into records), the file's digest,
the index's length and the digests of both parts; anything else, or anything that fails to
load, is ignored and the file parsed again (records that fail when first asked for too). The
parts are pickles, for speed (records come back at C speed, with no Python per field), loaded
by an unpickler that builds nothing but the fact base's own records, dates and plain values:
no other class or function can be named, so an entry cannot run code. The digests catch
damage and stale or foreign entries; they are no defence against someone who can write to the
user's own cache folder, and need not be, since such a person could as well change the user's
shell start-up files.
"""

from __future__ import annotations

import datetime
import functools
import gc
import hashlib
import io
import pickle
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, is_dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from drafter.cache import cache_folder, code_digest, read_entry, write_entry
from drafter.errors import Location, Problem
from drafter.facts import model
from drafter.facts.model import Fact, Source

FORMAT = b"drafter-fact-file-2"
_READING_CODE = (
    "errors.py",
    "chars.py",
    "inputfile.py",
    "facts/model.py",
    "facts/period.py",
    "facts/yamlread.py",
    "facts/schema.py",
    "facts/checks.py",
    "facts/load.py",
    "facts/filecache.py",
)
"""Drafter's modules that decide what a file parses to: a change to any of them is a new reader."""


@dataclass(frozen=True)
class FileIndex:
    """What the whole-base checks need of one file: a load reads it without the records."""

    source_ids: tuple[str, ...]
    fact_ids: tuple[str, ...]
    problems: tuple[Problem, ...]
    """Everything the file shows wrong on its own, each fact's own checks included."""
    cited: frozenset[str]
    """The source ids its facts cite, as written, so uncited sources can be found."""


@dataclass(frozen=True)
class FileRecords:
    """The sources and facts one file defines, in file order."""

    sources: tuple[Source, ...]
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class ParsedFile:
    """What one fact file's bytes give, wherever the file stands."""

    index: FileIndex
    records: FileRecords


class FactFile:
    """One file's index, and its records, built when first asked for."""

    def __init__(self, index: FileIndex, load: Callable[[], FileRecords]) -> None:
        """Keep the index; `load` gives the records once, on the first call of `records`."""
        self.index = index
        self._records: FileRecords | Callable[[], FileRecords] = load
        # `drafter serve` answers requests on threads that share one fact base.
        self._lock = threading.Lock()

    def records(self) -> FileRecords:
        """The file's sources and facts."""
        with self._lock:
            if not isinstance(self._records, FileRecords):
                with collector_paused():
                    self._records = self._records()  # and lets the entry's bytes go
            return self._records

    @functools.cached_property
    def sources(self) -> dict[str, Source]:
        """The file's sources by id; of an id given twice, the first."""
        return first_of_each(self.records().sources)

    @functools.cached_property
    def facts(self) -> dict[str, Fact]:
        """The file's facts by id; of an id given twice, the first."""
        return first_of_each(self.records().facts)


def first_of_each(records: tuple[Any, ...]) -> dict[str, Any]:
    """Index by id in file order; of duplicates (reported separately) the first wins."""
    indexed: dict[str, Any] = {}
    for record in records:
        indexed.setdefault(record.id, record)
    return indexed


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while records are built, then file them as old.

    Loading makes hundreds of thousands of objects that all live on, and no cycles, so the
    collector would trace them again and again for nothing: about a fifth of the load time.
    Freezing and at once unfreezing moves them to the oldest generation without tracing them
    (the collector's first pass would otherwise trace them all as soon as it is back on).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def entries_folder() -> Path | None:
    """Where entries are kept, or None when the cache is off."""
    return cache_folder("facts")


def parsed_file(
    folder: Path | None, path: Path, content: bytes, parse: Callable[[], ParsedFile]
) -> FactFile:
    """The file's index and records from the entry in `folder` for `content`, else `parse()`.

    A fresh parse is stored for next time, as is one made because the entry's records,
    first read after its index, could not be trusted. With no folder (the cache off), this
    is `parse()`.
    """
    if folder is None:
        return _whole(parse())
    key = hashlib.sha256(content).hexdigest()
    found = _read_entry(folder, key, path)
    if found is None:
        parsed = parse()
        _write_entry(folder, key, parsed, path)
        return _whole(parsed)
    index, payload, digest = found

    def load() -> FileRecords:
        records = _unpickled(FileRecords, payload, digest, path)
        if records is None or not _indexed_by(records, index):
            parsed = parse()
            _write_entry(folder, key, parsed, path)
            records = parsed.records
        return records

    return FactFile(index, load)


def _indexed_by(records: FileRecords, index: FileIndex) -> bool:
    """True when the records are those the index lists: each part is checked only on its own."""
    return (
        tuple(source.id for source in records.sources) == index.source_ids
        and tuple(fact.id for fact in records.facts) == index.fact_ids
    )


def _whole(parsed: ParsedFile) -> FactFile:
    return FactFile(parsed.index, lambda: parsed.records)


_UNTRUSTED = (
    pickle.UnpicklingError,
    EOFError,
    ValueError,
    TypeError,
    LookupError,
    AttributeError,
    RecursionError,
)
"""What unpickling damaged or forged bytes may raise: the entry is then not used."""


def _read_entry(folder: Path, key: str, path: Path) -> tuple[FileIndex, bytes, bytes] | None:
    """The entry's index, its records' bytes and their digest, or None if it is not sound."""
    data = read_entry(folder, f"{key}.pickle")
    if data is None:
        return None
    head, _, parts = data.partition(b"\n")
    fields = head.split(b" ")
    if len(fields) != 6 or fields[:3] != [FORMAT, _reader(), key.encode()]:
        return None
    size, index_digest, records_digest = fields[3:]
    if not size.isdigit():
        return None
    index = _unpickled(FileIndex, parts[: int(size)], index_digest, path)
    return None if index is None else (index, parts[int(size) :], records_digest)


Part = TypeVar("Part", FileIndex, FileRecords)


def _unpickled(kind: type[Part], payload: bytes, digest: bytes, path: Path) -> Part | None:
    """One part of an entry, if its bytes match their digest and load as a `kind`."""
    if _digest(payload) != digest:
        return None
    try:
        found = _Unpickler(payload, path).load()
    except _UNTRUSTED:
        return None
    return found if type(found) is kind else None


def _digest(part: bytes) -> bytes:
    return hashlib.sha256(part).hexdigest().encode()


def _write_entry(folder: Path, key: str, parsed: ParsedFile, path: Path) -> None:
    try:
        index, records = _pickled(parsed.index, path), _pickled(parsed.records, path)
    except pickle.PicklingError:
        return  # a cache that cannot be written only makes the next run slower
    head = b" ".join(
        (
            FORMAT,
            _reader(),
            key.encode(),
            str(len(index)).encode(),
            _digest(index),
            _digest(records),
        )
    )
    write_entry(folder, f"{key}.pickle", head + b"\n" + index + records)


def _pickled(item: FileIndex | FileRecords, path: Path) -> bytes:
    stream = io.BytesIO()
    _Pickler(stream, path).dump(item)
    return stream.getvalue()


def _reader() -> bytes:
    return code_digest(*_READING_CODE).encode()


def _frozen_mapping(items: dict[str, Any]) -> Mapping[str, Any]:
    """Only a name in an entry: loading builds the read-only mapping in C, without a call."""
    return MappingProxyType(items)


def _this_file() -> Path:
    """Only a name in an entry: loading puts the path of the file being read in its place."""
    raise NotImplementedError


_RECORDS: tuple[Any, ...] = (
    *(item for item in vars(model).values() if isinstance(item, type) and is_dataclass(item)),
    Location,
    Problem,
    FileIndex,
    FileRecords,
    datetime.date,
    datetime.datetime,
    datetime.timedelta,
    datetime.timezone,
)
_BUILDABLE: dict[tuple[str, str], Any] = {
    **{(kind.__module__, kind.__qualname__): kind for kind in _RECORDS},
    (__name__, _frozen_mapping.__name__): MappingProxyType,
}
"""All an entry may name: the records, their dates and read-only mappings. Nothing runs code."""


class _Pickler(pickle.Pickler):
    """Stores the file's path by a placeholder, so an entry serves the same bytes anywhere."""

    def __init__(self, stream: io.BytesIO, path: Path) -> None:
        super().__init__(stream, protocol=5)
        self._path = path

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is MappingProxyType:
            return _frozen_mapping, (dict(obj),)
        if obj is self._path or (type(obj) is type(self._path) and obj == self._path):
            # Written once and then referred to: every record read from the file shares it.
            return _this_file, ()
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    """Builds only what `_BUILDABLE` names, and puts the file's path back in its place."""

    def __init__(self, payload: bytes, path: Path) -> None:
        super().__init__(io.BytesIO(payload))
        self._path = path

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, _this_file.__name__):
            # Not a bound method: that would tie this unpickler's memo of every record into
            # a cycle, kept alive until the collector's next full pass.
            return functools.partial(_same, self._path)
        try:
            return _BUILDABLE[module, name]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not a fact base record") from None


def _same(path: Path) -> Path:
    return path
