"""Candidate files: writing a harvest as a fact file, reading it back, and its rejections.

A candidates file is an ordinary fact file (`sources:` and `facts:`), so `facts check` reads
it like any other. What a reviewer rejected is kept beside it, in `<name>.rejected.json`
(not YAML, so a fact base folder never loads it as facts), so that a later harvest into the
same file does not propose the same statements again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import MISSING, Field, dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from drafter.errors import DrafterError, FactBaseError, Location, Problem
from drafter.facts.model import Fact, FactBase, Mention, PeriodValue, Source
from drafter.facts.schema import parse_file
from drafter.facts.yamlread import read_yaml
from drafter.harvest.candidate import Candidate
from drafter.output import write_atomic


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes every value in full: answers share dates, and `&id001` anchors confuse readers."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


@dataclass(frozen=True)
class Rejection:
    """A candidate a reviewer turned down, with every wording it was said in."""

    id: str
    rejected: date
    wordings: tuple[str, ...]


def record(item: Fact | Source | PeriodValue | Mention) -> dict[str, Any]:
    """The YAML mapping of a fact-base record, with only the fields that differ from default."""
    out: dict[str, Any] = {}
    for spec in fields(item):
        value = getattr(item, spec.name)
        if spec.name != "location" and not _is_default(spec, value):
            out[spec.name] = _plain(value)
    return out


def _is_default(spec: Field[Any], value: Any) -> bool:
    if spec.default_factory is not MISSING:
        return bool(value == spec.default_factory())
    return spec.default is not MISSING and value == spec.default


def _plain(value: Any) -> Any:
    if isinstance(value, Fact | Source | PeriodValue | Mention):
        return record(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value


def candidates_yaml(candidates: Iterable[Candidate], header: str) -> str:
    """The candidates as a fact file: each answer cited once under `sources:`, then the facts.

    Each entry is dumped on its own, so memory follows the largest entry, not the file.
    """
    listed = list(candidates)
    sources = {source.id: source for candidate in listed for source in candidate.sources}
    parts = ["".join(f"# {line}\n" for line in header.splitlines())]
    for section, records in (
        ("sources", (record(sources[key]) for key in sorted(sources))),
        ("facts", (record(candidate.fact) for candidate in listed)),
    ):
        parts.append(f"{section}:\n")
        parts += (_dump([item]) for item in records)
    return "".join(parts)


def _dump(value: Any) -> str:
    text: str = yaml.dump(
        value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return text


def read_candidates(path: Path) -> FactBase:
    """A candidates file as a small fact base of its own.

    Raises:
        FactBaseError: the file is not valid YAML or not a sound fact file (file:line).
    """
    raw, problems = read_yaml(path)
    sources, facts, found = parse_file(raw, Location(path))
    problems += found
    if raw is None and not problems:
        problems.append(Problem(Location(path), "empty: not a candidates file"))
    if any(problem.severity == "error" for problem in problems):
        raise FactBaseError(problems, path)
    return FactBase(
        directory=path.parent,
        sources={source.id: source for source in sources},
        facts={fact.id: fact for fact in facts},
        digest="",
    )


def rejections_path(candidates: Path) -> Path:
    """Where a candidates file's rejections are kept: `vetting.yaml` -> `vetting.rejected.json`."""
    return candidates.with_name(candidates.stem + ".rejected.json")


def read_rejections(candidates: Path) -> list[Rejection]:
    """The rejections recorded beside a candidates file; none when there is no such file."""
    path = rejections_path(candidates)
    if not path.exists():
        return []
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return [
            Rejection(row["id"], date.fromisoformat(row["rejected"]), tuple(row["wordings"]))
            for row in rows
        ]
    except (ValueError, KeyError, TypeError) as error:
        raise DrafterError(f"not a rejections file: {error}", Location(path)) from error


def write_rejections(candidates: Path, rejections: list[Rejection]) -> None:
    """Replace the rejections file atomically, sorted by id."""
    rows = [
        {"id": item.id, "rejected": item.rejected.isoformat(), "wordings": list(item.wordings)}
        for item in sorted(rejections, key=lambda item: item.id)
    ]
    text = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    write_atomic(rejections_path(candidates), text, force=True)
