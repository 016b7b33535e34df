"""Composition's catalogue and indexes, kept in the cache folder for templates and facts.

Reading every block's declaration, parsing its Jinja for the facts it reads, checking both
against the fact base and indexing the blocks' and facts' words is most of a draft's own
work, and it depends only on the files of the templates folder that describe blocks, on
the fact base and on drafter's code. An entry is named by a digest of all of those: each
block's Jinja and declaration, `compose.yaml`, where any symlink among them leads, the
folder's path (messages name it), the fact base's digest, the code that derives it and
the Python that reads the entry. A changed file simply misses.

Only a catalogue that checked out is stored, so a folder with a bad block is checked, and
its error raised, on every run. An entry is plain data (strings, numbers and containers)
in `marshal`'s format, the fastest Python reads, behind a digest of its bytes
(`drafter.cache.write_checked`): one that is damaged or not what this module writes is
ignored and derived afresh.
"""

from __future__ import annotations

import functools
import marshal
import os
import stat
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from drafter.blocks import BlockDecl, Catalogue
from drafter.bm25 import Index, index_of
from drafter.cache import cache_folder, code_digest, content_key, read_checked, write_checked
from drafter.errors import Location
from drafter.facts.model import FactBase
from drafter.render import TemplateSet, iter_blocks
from drafter.templates import BLOCK_SUFFIX, BLOCKS_FOLDER, COMPOSE_FILE

FORMAT = "drafter-catalogue-1"
_DERIVING_CODE = (
    "blocks.py",
    "bm25.py",
    "catalogue_cache.py",
    "compose.py",
    "composed.py",
    "errors.py",
    "facts/yamlread.py",
    "inputfile.py",
    "intents.py",
    "render.py",
    "render_cache.py",
    "sandbox.py",
    "select.py",
    "templates.py",
    "words.py",
)
"""Drafter's modules that decide what an entry holds: a change to any of them is a new key."""

Prepared = tuple[Catalogue, Index, Callable[[], Index]]
"""The catalogue, the blocks' index, and the facts' index (made when a gap first asks)."""


def cached_preparation(
    templates: TemplateSet, base: FactBase, prepare: Callable[[], tuple[Catalogue, Index, Index]]
) -> Prepared | None:
    """The entry for this folder and fact base, else `prepare()`, stored for next time.

    None when the cache is off or the fact base was not read from files (its digest then
    says nothing of its facts): the caller prepares what it needs itself.
    """
    folder = cache_folder("catalogue")
    if folder is None or not base.digest.startswith("sha256:"):
        return None
    code = code_digest(*_DERIVING_CODE)
    key = content_key(FORMAT, sys.version, code, base.digest, *_inputs(templates))
    if (found := _decode(read_checked(folder, key))) is not None:
        return found
    catalogue, blocks, facts = prepare()  # raises, storing nothing, when a block is wrong
    write_checked(folder, key, marshal.dumps(_encode(catalogue, blocks, facts)))
    return catalogue, blocks, lambda: facts


def _inputs(templates: TemplateSet) -> list[str | bytes]:
    """The folder's path and every file a catalogue is read from, each with its name."""
    directory = templates.directory
    folder = directory / BLOCKS_FOLDER
    parts: list[str | bytes] = [str(directory), str(directory.resolve()), str(folder.resolve())]
    parts += [COMPOSE_FILE, *_file_parts(directory / COMPOSE_FILE)]
    try:
        with os.scandir(folder) as found:
            entries = {entry.name: entry for entry in found}
    except OSError:
        entries = {}
    for name in iter_blocks(templates.environment):
        for file in (f"{name}{BLOCK_SUFFIX}", f"{name}.yaml"):
            parts += [file, *_file_parts(folder / file, entries.get(file))]
    return parts


def _file_parts(path: Path, entry: os.DirEntry[str] | None = None) -> list[str | bytes]:
    """A file's bytes, and where it really is when a symlink may lead elsewhere.

    `entry`, the file's entry in its folder's listing, saves asking the system what it is.
    Anything but a readable regular file stands as a marker: the checks of a fresh
    catalogue report it, and a catalogue that failed them is never stored.
    """
    try:
        if entry is not None and not entry.is_symlink():
            if not entry.is_file():
                return ["not a file"]
            return ["", path.read_bytes()]
        status = path.stat()  # a symlink, a block in a subfolder, or compose.yaml
        if not stat.S_ISREG(status.st_mode):
            return [f"not a file: {status.st_mode:o}"]
        return [str(path.resolve()), path.read_bytes()]
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop, before 3.13
        return [f"unreadable: {error}"]


def _encode(catalogue: Catalogue, blocks: Index, facts: Index) -> tuple[Any, ...]:
    rows = tuple(_block_row(block) for block in catalogue.blocks.values())
    return rows, catalogue.thesaurus, _frequencies(blocks), _frequencies(facts)


def _frequencies(index: Index) -> dict[str, dict[str, int]]:
    return {key: dict(counts) for key, counts in index.frequencies.items()}


def _block_row(block: BlockDecl) -> tuple[Any, ...]:
    fields = (block.name, block.role, block.intents, block.answers, block.facts, block.requires)
    places = {fact_id: _place(where) for fact_id, where in block.fact_locations.items()}
    return (*fields, None if block.location is None else _place(block.location), places)


def _place(where: Location) -> tuple[str, int | None, int | None]:
    return str(where.path), where.line, where.column


def _decode(data: bytes | None) -> Prepared | None:
    """The entry's catalogue and indexes, or None when there is none or it is not one of ours."""
    if data is None:
        return None
    try:
        rows, thesaurus, blocks, facts = marshal.loads(data)
        catalogue = Catalogue({row[0]: _block(*row) for row in rows}, thesaurus)
        return catalogue, _index(blocks), functools.cache(lambda: _index(facts))
    except (EOFError, ValueError, TypeError, LookupError, AttributeError):
        return None


def _index(frequencies: dict[str, dict[str, int]]) -> Index:
    return index_of({key: Counter(counts) for key, counts in frequencies.items()})


def _block(
    name: str,
    role: str,
    intents: tuple[str, ...],
    answers: tuple[str, ...],
    facts: tuple[str, ...],
    requires: tuple[str, ...],
    where: tuple[str, int | None, int | None] | None,
    places: dict[str, tuple[str, int | None, int | None]],
) -> BlockDecl:
    return BlockDecl(
        name=name,
        role=role,
        intents=intents,
        answers=answers,
        facts=facts,
        requires=requires,
        location=None if where is None else _location(*where),
        fact_locations={fact_id: _location(*place) for fact_id, place in places.items()},
    )


def _location(path: str, line: int | None, column: int | None) -> Location:
    return Location(Path(path), line, column)
