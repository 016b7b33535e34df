"""Reviewing candidates: accept some into a fact file, reject others so they stay rejected.

Accept splices the candidates, and the answers they cite, into the fact file through the
round-trip editor (`drafter.facts.edit`: only new lines, checked by re-reading the whole
fact base) and then takes them out of the candidates file. Reject records each candidate's
wordings beside the candidates file (`drafter.harvest.files`) and takes it out too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from drafter.errors import DrafterError, Location
from drafter.facts import splice
from drafter.facts.edit import Edit, write_checked
from drafter.facts.load import fact_files, load_fact_base
from drafter.facts.lookup import unknown
from drafter.facts.model import Fact, FactBase
from drafter.facts.schema import cited_ids
from drafter.facts.yamlread import YamlMap, read_yaml
from drafter.harvest.files import (
    Rejection,
    read_candidates,
    read_rejections,
    record,
    write_rejections,
)
from drafter.output import write_atomic


def accept(candidates: Path, ids: Sequence[str], into: Path) -> Edit:
    """Move the candidates `ids` into the fact file `into` (created if it does not exist).

    Raises:
        DrafterError: an id is unknown, was rejected, or is already in the fact base; or
            `into` is not a fact file.
        FactBaseError: the fact base, with them added, would not be sound.
    """
    proposed = read_candidates(candidates)
    chosen = _chosen(proposed, ids, candidates)
    base = _target_base(into)
    for fact in chosen:
        if fact.id in base.facts:
            raise DrafterError(
                f"fact '{fact.id}' is already in the fact base", base.facts[fact.id].location
            )
    cited = {source for fact in chosen for source in _cites(fact)}
    sources = [proposed.sources[key] for key in sorted(cited) if key not in base.sources]
    before = into.read_text(encoding="utf-8") if into.exists() else ""
    after = _appended(before, "sources", [record(item) for item in sources], into)
    after = _appended(after, "facts", [record(fact) for fact in chosen], into)
    expected = dataclasses.replace(
        base,
        facts={**base.facts, **{fact.id: fact for fact in chosen}},
        sources={**base.sources, **{source.id: source for source in sources}},
    )
    remaining = _without(candidates, [fact.id for fact in chosen])
    write_checked(into.parent, into, after, expected)
    write_atomic(candidates, remaining, force=True)
    return Edit(into, before, after, f"accepted {len(chosen)} candidate(s) into {into.name}")


def reject(candidates: Path, ids: Sequence[str], today: date) -> list[Rejection]:
    """Record the candidates `ids` as rejected and take them out of the candidates file.

    Raises:
        DrafterError: an id is unknown or already rejected.
    """
    proposed = read_candidates(candidates)
    chosen = _chosen(proposed, ids, candidates)
    new = [
        Rejection(fact.id, today, tuple(dict.fromkeys([fact.text, *_wordings(fact)])))
        for fact in chosen
    ]
    remaining = _without(candidates, [fact.id for fact in chosen])
    write_rejections(candidates, read_rejections(candidates) + new)
    write_atomic(candidates, remaining, force=True)
    return new


def _chosen(proposed: FactBase, ids: Sequence[str], candidates: Path) -> list[Fact]:
    rejected = {item.id: item for item in read_rejections(candidates)}
    chosen = []
    for fact_id in dict.fromkeys(ids):
        if fact_id in rejected:
            raise DrafterError(
                f"candidate '{fact_id}' was rejected on {rejected[fact_id].rejected.isoformat()}",
                Location(candidates),
            )
        if fact_id not in proposed.facts:
            missing = unknown("candidate", fact_id, proposed.facts)
            raise DrafterError(missing.message, Location(candidates))
        chosen.append(proposed.facts[fact_id])
    return chosen


def _wordings(fact: Fact) -> list[str]:
    return [mention.said for mention in fact.seen_in if mention.said]


def _cites(fact: Fact) -> set[str]:
    return {fact.source} | {value.source for value in fact.values if value.source}


def _target_base(into: Path) -> FactBase:
    """The fact base `into` belongs to (its folder); refuses a file that is not a fact file."""
    if into.exists():
        raw, problems = read_yaml(into)
        if problems:  # broken YAML: say where, as `facts check` would
            raise DrafterError(problems[0].message, problems[0].location)
        if not isinstance(raw, YamlMap) or not set(raw) <= {"sources", "facts"}:
            raise DrafterError(
                "not a fact file: expected a mapping with 'sources:' and/or 'facts:' lists",
                Location(into),
            )
    if not fact_files(into.parent):
        return FactBase(into.parent, {}, {}, "")
    return load_fact_base(into.parent)


def _appended(text: str, section: str, items: list[dict[str, Any]], path: Path) -> str:
    """`text` with `items` added at the end of its `section` list (made when it is missing)."""
    if not items:
        return text
    entries = splice.child(splice.compose(text), section) if text.strip() else None
    if isinstance(entries, yaml.SequenceNode) and entries.value:
        for item in items:
            entries = splice.child(splice.compose(text), section)
            assert isinstance(entries, yaml.SequenceNode)
            text = splice.insert_item(text, entries, len(entries.value), item, path)
        return text
    if entries is not None:
        raise DrafterError(f"'{section}:' is not a list of entries to add to", Location(path))
    block = yaml.safe_dump({section: items}, sort_keys=False, allow_unicode=True, width=100)
    if not text.strip():
        return block
    return text.rstrip("\n") + "\n\n" + block


def _without(candidates: Path, ids: list[str]) -> str:
    """The candidates file's text without the facts `ids`, nor the sources only they cited."""
    text = candidates.read_text(encoding="utf-8")
    for fact_id in ids:
        text = _remove(text, "facts", fact_id, candidates)
    still = cited_ids(read_yaml(candidates, text)[0])
    for source in read_candidates(candidates).sources.values():
        if source.id not in still:
            text = _remove(text, "sources", source.id, candidates)
    return text


def _remove(text: str, section: str, item_id: str, path: Path) -> str:
    root = splice.compose(text)
    entries = splice.child(root, section)
    node = splice.find_entry(root, section, item_id)
    assert isinstance(entries, yaml.SequenceNode) and node is not None
    return splice.remove_item(text, entries, entries.value.index(node), path)
