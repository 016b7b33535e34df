"""Parsed fact files, kept in the cache folder by content so an unchanged file is read once.

An entry holds what one file's bytes give: its sources, facts and problems, and the source
ids its facts cite. It is named by the sha256 of those bytes, so an edited file misses and
is parsed afresh, and it is written whole beside its place and renamed into it, so
concurrent runs each see a whole entry or none.

An entry is never trusted. Its first line must name this format, the reading code (a digest
of drafter's version and of the modules that turn a file into records), the file's digest
and the digest of the rest; anything else, or anything that fails to load, is ignored and
the file parsed again. The rest is a pickle, for speed (records come back at C speed, with
no Python per field), loaded by an unpickler that builds nothing but the fact base's own
records, dates and plain values: no other class or function can be named, so an entry
cannot run code. The digests catch damage and stale or foreign entries; they are no defence
against someone who can write to the user's own cache folder, and need not be, since such a
person could as well change the user's shell start-up files.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import pickle
from collections.abc import Callable, Mapping
from dataclasses import dataclass, is_dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from drafter.cache import cache_folder, code_digest, read_entry, write_entry
from drafter.errors import Location, Problem
from drafter.facts import model
from drafter.facts.model import Fact, Source

FORMAT = b"drafter-fact-file-1"
_READING_CODE = (
    "errors.py",
    "chars.py",
    "inputfile.py",
    "facts/model.py",
    "facts/period.py",
    "facts/yamlread.py",
    "facts/schema.py",
    "facts/load.py",
    "facts/filecache.py",
)
"""Drafter's modules that decide what a file parses to: a change to any of them is a new reader."""


@dataclass(frozen=True)
class ParsedFile:
    """What one fact file's bytes give, wherever the file stands."""

    sources: tuple[Source, ...]
    facts: tuple[Fact, ...]
    problems: tuple[Problem, ...]
    cited: frozenset[str]
    """The source ids its facts cite, as written, so uncited sources can be found."""


def entries_folder() -> Path | None:
    """Where entries are kept, or None when the cache is off."""
    return cache_folder("facts")


def parsed_file(
    folder: Path | None, path: Path, content: bytes, parse: Callable[[], ParsedFile]
) -> ParsedFile:
    """The file's records from the entry in `folder` for `content` if it holds them, else `parse()`.

    A fresh parse is stored for next time. With no folder (the cache off), this is `parse()`.
    """
    if folder is None:
        return parse()
    key = hashlib.sha256(content).hexdigest()
    found = _read_entry(folder, key, path)
    if found is None:
        found = parse()
        _write_entry(folder, key, found, path)
    return found


def _read_entry(folder: Path, key: str, path: Path) -> ParsedFile | None:
    data = read_entry(folder, f"{key}.pickle")
    if data is None:
        return None
    head, _, payload = data.partition(b"\n")
    if head != _head(key, payload):
        return None
    try:
        found = _Unpickler(payload, path).load()
    except (
        pickle.UnpicklingError,
        EOFError,
        ValueError,
        TypeError,
        LookupError,
        AttributeError,
        RecursionError,
    ):
        return None
    return found if type(found) is ParsedFile else None


def _write_entry(folder: Path, key: str, parsed: ParsedFile, path: Path) -> None:
    stream = io.BytesIO()
    try:
        _Pickler(stream, path).dump(parsed)
    except pickle.PicklingError:
        return  # a cache that cannot be written only makes the next run slower
    payload = stream.getvalue()
    write_entry(folder, f"{key}.pickle", _head(key, payload) + b"\n" + payload)


def _head(key: str, payload: bytes) -> bytes:
    digest = hashlib.sha256(payload).hexdigest()
    reader = code_digest(*_READING_CODE)
    return b" ".join((FORMAT, reader.encode(), key.encode(), digest.encode()))


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
    ParsedFile,
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
