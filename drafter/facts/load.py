"""Load a fact base folder: every *.yaml file, checked, into one FactBase.

A file whose bytes were parsed before comes from the cache (`drafter.facts.filecache`);
whole-base checks run every time, since they depend on every file.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TypeVar

from drafter.chars import clean
from drafter.config import outside_workspace
from drafter.errors import DrafterError, FactBaseError, Location, Problem
from drafter.facts.checks import CHECKS, duplicate_ids, uncited_sources
from drafter.facts.filecache import ParsedFile, entries_folder, parsed_file
from drafter.facts.model import Fact, FactBase, Source
from drafter.inputfile import decode, read_bytes

Record = TypeVar("Record", Fact, Source)


def load_fact_base(directory: Path) -> FactBase:
    """Load and check the fact base; warnings are left for `facts check` to show.

    Raises:
        FactBaseError: any error-severity problem, with every problem found attached.
    """
    base, problems = check_fact_base(directory)
    if base is None or any(problem.severity == "error" for problem in problems):
        raise FactBaseError(problems, directory)
    return base


FACT_SUFFIXES = (".yaml", ".yml")


def fact_files(directory: Path) -> list[Path]:
    """The fact base's files, in name order: what every reader and editor of it takes."""
    return sorted(path for path in directory.glob("*") if path.suffix in FACT_SUFFIXES)


def check_fact_base(directory: Path) -> tuple[FactBase | None, list[Problem]]:
    """Every problem in the fact base, errors and warnings, sorted; and the base if it loaded."""
    with _collector_paused():
        return _check_fact_base(directory)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a base loads, then file what it made as old.

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


def _check_fact_base(directory: Path) -> tuple[FactBase | None, list[Problem]]:
    files = fact_files(directory)
    if not directory.is_dir():
        return None, [
            Problem(
                Location(directory), f"fact base folder not found: {outside_workspace('--facts')}"
            )
        ]
    if not files:
        return None, [Problem(Location(directory), "no *.yaml files in the fact base folder")]
    sources: list[Source] = []
    facts: list[Fact] = []
    problems: list[Problem] = []
    cited: set[str] = set()
    digest = hashlib.sha256()
    cache = entries_folder()
    for path in files:
        try:
            content = read_bytes(path, "fact")
            parsed = parsed_file(cache, path, content, partial(parse_fact_file, path, content))
        except DrafterError as error:
            problems.append(Problem(error.location or Location(path), error.message))
            continue
        digest.update(path.name.encode() + b"\0" + content + b"\0")
        sources += parsed.sources
        facts += parsed.facts
        problems += parsed.problems
        cited |= parsed.cited
    problems += duplicate_ids(sources, "source")
    problems += duplicate_ids(facts, "fact")
    base = FactBase(
        directory=directory,
        sources=_first_of_each(sources),
        facts=_first_of_each(facts),
        digest="sha256:" + digest.hexdigest()[:16],
    )
    for check in CHECKS:
        problems += check(base)
    problems += uncited_sources(base, cited)
    return base, sorted(problems, key=Problem.sort_key)


def parse_fact_file(path: Path, content: bytes) -> ParsedFile:
    """One fact file's sources, facts and problems, from its bytes (the cache stores these).

    Raises:
        DrafterError: the bytes are not UTF-8.
    """
    # Imported here: a load served from the cache never needs the YAML parser.
    from drafter.facts.schema import cited_ids, parse_file
    from drafter.facts.yamlread import read_yaml

    text, problems = clean(decode(content, path), Location(path))
    raw, found = read_yaml(path, text)
    sources, facts, more = parse_file(raw, Location(path))
    return ParsedFile(
        tuple(sources), tuple(facts), (*problems, *found, *more), frozenset(cited_ids(raw))
    )


def _first_of_each(records: list[Record]) -> dict[str, Record]:
    """Index by id in file order; of duplicates (reported separately) the first wins."""
    indexed: dict[str, Record] = {}
    for record in records:
        indexed.setdefault(record.id, record)
    return indexed
