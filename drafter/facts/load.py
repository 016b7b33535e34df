"""Load a fact base folder: every *.yaml file, checked, into one FactBase.

A file whose bytes were parsed before comes from the cache (`drafter.facts.filecache`), and
its records are built only when one of them is first asked for; whole-base checks run every
time, since they depend on every file, but read only the files' indexes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import TypeVar

from drafter.chars import clean
from drafter.config import outside_workspace
from drafter.errors import DrafterError, FactBaseError, Location, Problem
from drafter.facts.checks import duplicate_ids, fact_problems, uncited_sources, unknown_sources
from drafter.facts.filecache import (
    FactFile,
    FileIndex,
    FileRecords,
    ParsedFile,
    collector_paused,
    entries_folder,
    parsed_file,
)
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
    with collector_paused():
        return _check_fact_base(directory)


def _check_fact_base(directory: Path) -> tuple[FactBase | None, list[Problem]]:
    paths = fact_files(directory)
    if not directory.is_dir():
        return None, [
            Problem(
                Location(directory), f"fact base folder not found: {outside_workspace('--facts')}"
            )
        ]
    if not paths:
        return None, [Problem(Location(directory), "no *.yaml files in the fact base folder")]
    files: list[FactFile] = []
    problems: list[Problem] = []
    digest = hashlib.sha256()
    cache = entries_folder()
    for path in paths:
        try:
            content = read_bytes(path, "fact")
            file = parsed_file(cache, path, content, partial(parse_fact_file, path, content))
        except DrafterError as error:
            problems.append(Problem(error.location or Location(path), error.message))
            continue
        digest.update(path.name.encode() + b"\0" + content + b"\0")
        files.append(file)
        problems += file.index.problems
    base = FactBase(
        directory=directory,
        sources=_ById(files, lambda file: file.index.source_ids, lambda file: file.sources),
        facts=_ById(files, lambda file: file.index.fact_ids, lambda file: file.facts),
        digest="sha256:" + digest.hexdigest()[:16],
    )
    problems += duplicate_ids(files, "source")
    problems += duplicate_ids(files, "fact")
    problems += unknown_sources(files, base.sources)
    cited = {source_id for file in files for source_id in file.index.cited}
    problems += uncited_sources(files, cited, directory)
    return base, sorted(problems, key=Problem.sort_key)


class _ById(Mapping[str, Record]):
    """Records by id in file order, each file's built only when one of them is asked for.

    Of an id defined twice (reported separately) the first wins. A look-up costs a few
    attribute look-ups more than a dict's: a draft reads a dozen or so facts, and a
    10,000-fact base then builds the records of the files they are in, not of all.
    """

    def __init__(
        self,
        files: list[FactFile],
        ids: Callable[[FactFile], tuple[str, ...]],
        records: Callable[[FactFile], dict[str, Record]],
    ) -> None:
        self._file_of: dict[str, FactFile] = {}
        for file in files:
            for record_id in ids(file):
                self._file_of.setdefault(record_id, file)
        self._records: Callable[[FactFile], dict[str, Record]] = records

    def __getitem__(self, record_id: str) -> Record:
        return self._records(self._file_of[record_id])[record_id]

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._file_of

    def __iter__(self) -> Iterator[str]:
        return iter(self._file_of)

    def __len__(self) -> int:
        return len(self._file_of)


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
    index = FileIndex(
        source_ids=tuple(source.id for source in sources),
        fact_ids=tuple(fact.id for fact in facts),
        problems=(*problems, *found, *more, *fact_problems(facts)),
        cited=frozenset(cited_ids(raw)),
    )
    return ParsedFile(index, FileRecords(tuple(sources), tuple(facts)))
