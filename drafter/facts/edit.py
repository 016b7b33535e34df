"""The routine edits of the annual update: add a period, move a review date, mark a source checked.

Each edit changes only the lines it is about (see `drafter.facts.splice`). It is safe: the new
text is validated with the whole fact base re-read as if the edit were made, and must read back
as exactly the intended change, before the file is replaced atomically. A refused or failed
edit leaves the file byte for byte as it was.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from drafter.errors import DrafterError, FactBaseError, Location
from drafter.facts import splice
from drafter.facts.load import fact_files, load_fact_base
from drafter.facts.lookup import fact_of, unknown
from drafter.facts.model import Fact, FactBase, Number, PeriodValue, Source
from drafter.facts.period import FORMS, parse_period
from drafter.facts.revision import relocated
from drafter.inputfile import read_bytes
from drafter.output import write_atomic

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
SpliceEdit = Callable[[str, yaml.Node, Path], str]
"""Makes a file's new text from its old text, the edited item's node and the file's path."""


@dataclass(frozen=True)
class Edit:
    """A change made to one fact file."""

    path: Path
    before: str
    after: str
    summary: str
    """What was done, in one line, e.g. `added 2024/25 in barred-list.unlawful-access`."""

    def unified_diff(self) -> str:
        """The change as a unified diff of the file, so the user sees exactly what was written."""
        name = str(self.path)
        before, after = self.before.splitlines(keepends=True), self.after.splitlines(keepends=True)
        return "".join(difflib.unified_diff(before, after, name, name))


def parse_figures(
    pairs: Sequence[str], total: str | None
) -> tuple[Number | None, dict[str, Number]]:
    """Read `--value "police officers=82"` options and `--total`, as (value, breakdown).

    Raises:
        DrafterError: a pair is not `KEY=NUMBER`, a key repeats, or nothing was given.
    """
    breakdown: dict[str, Number] = {}
    for pair in pairs:
        key, equals, number = (part.strip() for part in pair.rpartition("="))
        if not equals or not key:
            raise DrafterError(
                f"bad --value '{pair}': expected KEY=NUMBER, e.g. 'police officers=82'"
            )
        if key in breakdown:
            raise DrafterError(f"bad --value '{pair}': '{key}' is given twice")
        breakdown[key] = _number(number, f"--value '{pair}'")
    value = _number(total, f"--total '{total}'") if total is not None else None
    if value is None and not breakdown:
        raise DrafterError("give the period's figures with --value KEY=NUMBER or --total NUMBER")
    return value, breakdown


def _number(text: str, what: str) -> Number:
    if not _NUMBER.match(text.strip()):
        raise DrafterError(f"bad {what}: '{text}' is not a number (write 1149, not 1,149)")
    return float(text) if "." in text else int(text)


def add_period(
    directory: Path,
    fact_id: str,
    value: PeriodValue,
    *,
    replace: bool = False,
    allow_partial: bool = False,
) -> Edit:
    """Add a period to a statistic in its file, keeping every earlier period.

    Raises:
        DrafterError: the fact, period, source or figures are refused (see `facts add-period`).
        FactBaseError: the fact base, with the edit made, would not be sound.
    """
    base = load_fact_base(directory)
    fact = fact_of(base, fact_id)
    if fact.kind != "statistic":
        raise DrafterError(
            f"fact '{fact_id}' is a {fact.kind}, not a statistic: only statistics have periods",
            fact.location,
        )
    new = _period_value(base, value)
    existing = _existing_index(fact, new)
    if existing is not None and not replace:
        raise DrafterError(
            f"fact '{fact_id}' already has period {fact.values[existing].period} "
            "(use --replace to overwrite it)",
            fact.values[existing].location,
        )
    _check_breakdown(fact, new, existing, allow_partial)
    values = list(fact.values)
    if existing is not None:
        values[existing] = new
    else:
        values.insert(_position(fact, new), new)
    changed = dataclasses.replace(fact, values=tuple(values))
    verb = "replaced" if existing is not None else "added"
    return _apply_to_fact(
        base, changed, _period_splice(fact, new, existing), f"{verb} {new.period} in {fact_id}"
    )


def set_review(directory: Path, fact_id: str, review_by: date) -> Edit:
    """Move a fact's `review_by` date.

    Raises:
        DrafterError: the fact is not in the fact base.
    """
    base = load_fact_base(directory)
    fact = fact_of(base, fact_id)
    changed = dataclasses.replace(fact, review_by=review_by)

    def edit(text: str, node: yaml.Node, path: Path) -> str:
        return splice.set_scalar(text, node, "review_by", review_by.isoformat(), path)

    summary = f"set review_by of {fact_id} to {review_by.isoformat()}"
    return _apply_to_fact(base, changed, edit, summary)


def mark_checked(directory: Path, source_id: str, on: date) -> Edit:
    """Record that someone confirmed a source's link and content on the day `on`.

    Raises:
        DrafterError: the source is not in the fact base.
    """
    base = load_fact_base(directory)
    source = base.sources.get(source_id)
    if source is None:
        raise unknown("source", source_id, base.sources)
    changed = dataclasses.replace(source, checked=on)

    def edit(text: str, node: yaml.Node, path: Path) -> str:
        return splice.set_scalar(text, node, "checked", on.isoformat(), path)

    expected = dataclasses.replace(base, sources={**base.sources, source_id: changed})
    summary = f"marked {source_id} checked on {on.isoformat()}"
    return _apply(base, source, "sources", edit, expected, summary)


def _apply_to_fact(base: FactBase, changed: Fact, edit: SpliceEdit, summary: str) -> Edit:
    expected = dataclasses.replace(base, facts={**base.facts, changed.id: changed})
    return _apply(base, changed, "facts", edit, expected, summary)


def _apply(
    base: FactBase,
    item: Fact | Source,
    section: str,
    edit: SpliceEdit,
    expected: FactBase,
    summary: str,
) -> Edit:
    """Splice the edit into the item's file, check the result, then replace the file."""
    path = _file_of(item)
    text = _read_text(path)
    node = splice.find_entry(splice.compose(text), section, item.id)
    if node is None:
        raise DrafterError(f"cannot find '{item.id}' under '{section}:'", Location(path))
    after = edit(text, node, path)
    write_checked(Path(base.directory), path, after, expected)
    return Edit(path, text, after, summary)


def _read_text(path: Path) -> str:
    """The file's text exactly as stored: line endings untranslated, a byte-order mark kept."""
    try:
        return read_bytes(path, "fact").decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"cannot edit: not UTF-8 text at byte offset {error.start}"
        raise DrafterError(message, Location(path)) from None


def _period_splice(fact: Fact, new: PeriodValue, existing: int | None) -> SpliceEdit:
    item = _period_record(new)

    def edit(text: str, node: yaml.Node, path: Path) -> str:
        values = splice.child(node, "values")
        if not isinstance(values, yaml.SequenceNode) or not values.value:
            raise DrafterError(f"fact '{fact.id}' has no 'values' list to add to", Location(path))
        if existing is not None:
            return splice.replace_item(text, values, existing, item, path)
        return splice.insert_item(text, values, _position(fact, new), item, path)

    return edit


def _period_record(value: PeriodValue) -> dict[str, Any]:
    """The YAML mapping for a new period, with only the fields it states."""
    record: dict[str, Any] = {"period": value.period}
    if value.value is not None:
        record["value"] = value.value
    if value.breakdown:
        record["breakdown"] = dict(value.breakdown)
    record["source"] = value.source
    if not value.verified:
        record["verified"] = False
    if value.notes:
        record["notes"] = value.notes
    return record


def write_checked(directory: Path, path: Path, after: str, expected: FactBase) -> None:
    """Re-read the fact base with `after` in place of `path`; write it only if sound and exact."""
    with tempfile.TemporaryDirectory(prefix="drafter-edit-") as temporary:
        copy = Path(temporary)
        for file in fact_files(directory):
            shutil.copyfile(file, copy / file.name)
        (copy / path.name).write_bytes(after.encode("utf-8"))
        try:
            result = load_fact_base(copy)
        except FactBaseError as error:
            raise relocated(error, copy, directory) from error
    if result.facts != expected.facts or result.sources != expected.sources:
        raise DrafterError(
            "the edit did not read back as intended, so the file was left unchanged", Location(path)
        )
    write_atomic(path, after, force=True)


def _period_value(base: FactBase, value: PeriodValue) -> PeriodValue:
    parsed = parse_period(value.period)
    if parsed is None:
        forms = ", ".join(f"'{form}'" for form in FORMS)
        raise DrafterError(f"unrecognised period '{value.period}' (use a form like {forms})")
    if value.source not in base.sources:
        raise unknown("source", value.source, base.sources)
    return dataclasses.replace(
        value, period=parsed.label, breakdown=MappingProxyType(dict(value.breakdown))
    )


def _existing_index(fact: Fact, new: PeriodValue) -> int | None:
    for index, value in enumerate(fact.values):
        if value.parsed == new.parsed:
            return index
    return None


def _position(fact: Fact, new: PeriodValue) -> int:
    """Where a new period goes so history stays oldest first: after every earlier period."""
    return sum(1 for value in fact.values if value.parsed.end <= new.parsed.end)


def _check_breakdown(
    fact: Fact, new: PeriodValue, existing: int | None, allow_partial: bool
) -> None:
    """Refuse a breakdown unlike the fact's full one: every key of its other periods together.

    Comparing with the latest period alone would let one partial year pass the next one too.
    """
    others = [value for index, value in enumerate(fact.values) if index != existing]
    if not others or allow_partial:
        return
    full = list(dict.fromkeys(key for value in others for key in value.breakdown))
    missing = [key for key in full if key not in new.breakdown]
    extra = [key for key in new.breakdown if key not in full]
    if missing or extra:
        said = []
        if missing:
            said.append(f"missing {_names(missing)}")
        if extra:
            said.append(f"new {_names(extra)}")
        # Point at the latest period that gives a missing key: where the reader can see it.
        giving = [value for value in others if set(missing) & value.breakdown.keys()] or others
        raise DrafterError(
            f"breakdown differs from the fact's other periods: {'; '.join(said)} "
            "(use --allow-partial when the rest is not yet published)",
            giving[-1].location,
        )


def _names(keys: list[str]) -> str:
    return ", ".join(f"'{key}'" for key in keys)


def _file_of(item: Fact | Source) -> Path:
    if item.location is None:
        raise DrafterError(f"cannot tell which file holds '{item.id}'")
    return item.location.path
