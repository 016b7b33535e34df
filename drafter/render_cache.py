"""What rendering keeps in the user's cache folder: compiled blocks, and the facts each reads.

Jinja compiles every block from source in each process, and composition parses every block
to learn which facts it reads: most of a draft's time, for work whose result depends only
on the block's text. Both are kept in drafter.cache, named by a digest of the block's
source, its file name (Jinja writes it into the code, for error lines) and everything else
the result depends on (Python, Jinja, drafter's code, the environment's settings), and
checked by a digest of their bytes before use.
"""

from __future__ import annotations

import json
import marshal
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from drafter.cache import cache_folder, code_digest, content_key, read_checked, write_checked
from drafter.errors import Location

_RUNTIME = "|".join(
    (sys.version, jinja2.__version__, code_digest("render.py", "render_cache.py", "sandbox.py"))
)
"""Python, Jinja, and drafter's code that compiles blocks (the sandbox rewrites their syntax
tree) and finds the facts they read: a change to any of them misses every entry."""

FactCalls = tuple[tuple[str, Location], ...]


class CompiledBlocks(BytecodeCache):
    """Jinja's bytecode cache, in drafter's cache folder and keyed by content.

    Jinja's own file cache names an entry by the template's name and trusts what it unpickles;
    here the name is a digest of the source and the environment, so an edited block, or
    another environment, never meets an old entry, and a damaged entry is never run.
    """

    def __init__(self, folder: Path, environment: jinja2.Environment) -> None:
        self.folder = folder
        self.settings = _settings(environment)

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        """The bucket for this source, holding its compiled code if the cache has it."""
        key = content_key(_RUNTIME, self.settings, filename or name, source)
        bucket = Bucket(environment, key, "")
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill the bucket from its entry, if there is one that checks out."""
        data = read_checked(self.folder, bucket.key)  # a damaged entry is compiled afresh
        if data is None:
            return
        try:
            code = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return
        if isinstance(code, CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Store the bucket's compiled code."""
        write_checked(self.folder, bucket.key, marshal.dumps(bucket.code))


def compiled_blocks(environment: jinja2.Environment) -> CompiledBlocks | None:
    """A bytecode cache for the environment, or None when caching is off."""
    folder = cache_folder("jinja")
    return CompiledBlocks(folder, environment) if folder else None


def _settings(environment: jinja2.Environment) -> str:
    """What, besides the source, the compiled code depends on."""
    names = (*_SYNTAX, "trim_blocks", "lstrip_blocks", "keep_trailing_newline", "optimized")
    values = [repr(getattr(environment, name)) for name in names]
    return "|".join(
        (
            type(environment).__qualname__,
            *values,
            repr(environment.autoescape),
            ",".join(sorted(environment.extensions)),
            ",".join(sorted(environment.filters)),
            ",".join(sorted(environment.tests)),
        )
    )


_SYNTAX = tuple(
    f"{part}_{end}_string" for part in ("block", "variable", "comment") for end in ("start", "end")
) + ("line_statement_prefix", "line_comment_prefix", "newline_sequence")


def cached_fact_calls(
    source: str, filename: str, parse: Callable[[str, str], FactCalls]
) -> FactCalls:
    """`parse(source, filename)`, from the cache when this source has been parsed before.

    Only a parse that succeeds is kept: a block with a syntax error is parsed (and its error
    reported) every time.
    """
    folder = cache_folder("facts-read")
    if folder is None:
        return parse(source, filename)
    key = content_key(_RUNTIME, filename, source)
    if (found := _decode_calls(read_checked(folder, key), Path(filename))) is not None:
        return found
    calls = parse(source, filename)
    write_checked(folder, key, json.dumps([[i, where.line] for i, where in calls]).encode())
    return calls


def _decode_calls(data: bytes | None, path: Path) -> FactCalls | None:
    """The entry's calls, or None when there is no entry or it is not what this module writes."""
    try:
        rows = json.loads(data) if data is not None else None
    except ValueError:
        return None
    if not isinstance(rows, list) or not all(_is_call(row) for row in rows):
        return None
    return tuple((fact_id, Location(path, line)) for fact_id, line in rows)


def _is_call(row: object) -> bool:
    return (
        isinstance(row, list)
        and len(row) == 2
        and isinstance(row[0], str)
        and isinstance(row[1], int)
    )
