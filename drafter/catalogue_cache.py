"""Composition's catalogue and indexes, kept in the cache folder for templates and facts.

Reading every block's declaration, parsing its Jinja for the facts it reads, checking both
against the fact base and indexing the blocks' and facts' words is most of a draft's own
work, and it depends only on the files of the templates folder that describe blocks, on
the fact base and on drafter's code. An entry is named by a digest of all of those: each
block's Jinja and declaration, `compose.yaml`, where any symlink among them leads, the
folder's path (messages name it), the fact base's digest and the code that derives it. A
changed file simply misses.

Only a catalogue that checked out is stored, so a folder with a bad block is checked, and
its error raised, on every run. An entry is JSON behind a digest of its bytes
(`drafter.cache.write_checked`): one that is damaged or not what this module writes is
ignored and derived afresh.
"""

from __future__ import annotations

import json
import stat
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

Prepared = tuple[Catalogue, Index, Index]
"""The catalogue, the blocks' index and the facts' index."""


def cached_preparation(
    templates: TemplateSet, base: FactBase, prepare: Callable[[], Prepared]
) -> Prepared | None:
    """The entry for this folder and fact base, else `prepare()`, stored for next time.

    None when the cache is off or the fact base was not read from files (its digest then
    says nothing of its facts): the caller prepares what it needs itself.
    """
    folder = cache_folder("catalogue")
    if folder is None or not base.digest.startswith("sha256:"):
        return None
    key = content_key(FORMAT, code_digest(*_DERIVING_CODE), base.digest, *_inputs(templates))
    found = _decode(read_checked(folder, key))
    if found is None:
        found = prepare()  # raises, storing nothing, when a block is wrong
        write_checked(folder, key, json.dumps(_encode(found)).encode("utf-8"))
    return found


def _inputs(templates: TemplateSet) -> list[str | bytes]:
    """The folder's path and every file a catalogue is read from, each with its name."""
    directory = templates.directory
    parts: list[str | bytes] = [
        str(directory),
        str(directory.resolve()),
        str((directory / BLOCKS_FOLDER).resolve()),
    ]
    files = [(COMPOSE_FILE, False)]
    for name in iter_blocks(templates.environment):
        nested = "/" in name  # under a folder of blocks/, which a symlink may be
        files += [(f"{BLOCKS_FOLDER}/{name}{BLOCK_SUFFIX}", nested)]
        files += [(f"{BLOCKS_FOLDER}/{name}.yaml", nested)]
    for name, nested in files:
        parts += [name, *_file_parts(directory / name, nested=nested)]
    return parts


def _file_parts(path: Path, *, nested: bool) -> list[str | bytes]:
    """A file's bytes, and where it really is when a symlink may lead elsewhere.

    Anything but a readable regular file stands as a marker: the checks of a fresh
    catalogue report it, and a catalogue that failed them is never stored.
    """
    try:
        linked = nested or stat.S_ISLNK(path.lstat().st_mode)
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return [f"not a file: {status.st_mode:o}"]
        return [str(path.resolve()) if linked else "", path.read_bytes()]
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop, before 3.13
        return [f"unreadable: {error}"]


def _encode(prepared: Prepared) -> dict[str, Any]:
    catalogue, blocks, facts = prepared
    return {
        "blocks": [_block_row(block) for block in catalogue.blocks.values()],
        "thesaurus": catalogue.thesaurus,
        "indexes": [dict(blocks.frequencies), dict(facts.frequencies)],
    }


def _block_row(block: BlockDecl) -> list[Any]:
    fields = (block.name, block.role, block.intents, block.answers, block.facts, block.requires)
    places = {fact_id: _place(where) for fact_id, where in block.fact_locations.items()}
    return [*fields, _place(block.location), places]


def _place(where: Location | None) -> list[Any] | None:
    return None if where is None else [str(where.path), where.line, where.column]


def _decode(data: bytes | None) -> Prepared | None:
    """The entry's catalogue and indexes, or None when there is none or it is not one of ours."""
    if data is None:
        return None
    try:
        raw = json.loads(data)
        blocks = {row[0]: _block(row) for row in raw["blocks"]}
        thesaurus = tuple(tuple(group) for group in raw["thesaurus"])
        indexes = [index_of({k: Counter(v) for k, v in i.items()}) for i in raw["indexes"]]
        return Catalogue(blocks, thesaurus), indexes[0], indexes[1]
    except (ValueError, TypeError, LookupError, AttributeError):
        return None


def _block(row: list[Any]) -> BlockDecl:
    name, role, intents, answers, facts, requires, where, places = row
    return BlockDecl(
        name=name,
        role=role,
        intents=tuple(intents),
        answers=tuple(answers),
        facts=tuple(facts),
        requires=tuple(requires),
        location=None if where is None else _location(where),
        fact_locations={fact_id: _location(place) for fact_id, place in places.items()},
    )


def _location(place: list[Any]) -> Location:
    path, line, column = place
    return Location(Path(path), line, column)
