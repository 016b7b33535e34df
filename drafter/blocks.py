"""Block declarations: what each block under templates/blocks answers, read beside its Jinja.

`templates/blocks/<name>.yaml` says, for `<name>.md.j2`, the role its paragraph plays in an
answer, the intents it serves, questions it answers (in our own words) and the facts it
reads. Composition ranks blocks by these. `templates/compose.yaml` holds what all blocks
share: the words a question must use before any block answers it, and a thesaurus.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from drafter.errors import Location, Problem, TemplateError
from drafter.facts.model import Fact, FactBase
from drafter.facts.yamlread import YamlList, YamlMap
from drafter.house_style import publication_date
from drafter.intents import INTENTS
from drafter.render import TemplateSet, block_fact_lines, iter_blocks
from drafter.templates import BLOCKS_FOLDER, COMPOSE_FILE, read_mapping

Thesaurus = tuple[tuple[str, ...], ...]
"""Groups of words that mean the same, first word first: `((dismissed, sacked),)`."""

ROLES = ("responsibility", "duties", "figures", "not-held", "action")
"""The house order of an answer's paragraphs: who is responsible, the law and duties, what the
figures show, what is not held, what the Government is doing."""
FORM_ROLE = "form"
"""The role of a block that writes an answer form's own wording (holding, referral ...)."""


@dataclass(frozen=True)
class BlockDecl:
    """One block's declaration: what its paragraph is for and what it answers."""

    name: str
    role: str
    """One of `ROLES`, or `form` for a block that only an answer type uses."""
    intents: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    """Questions the paragraph answers, in our own words: what ranking reads most."""
    facts: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    """Words one of which a question must use before this block answers it."""
    location: Location | None = field(default=None, compare=False)
    fact_locations: Mapping[str, Location] = field(default_factory=dict, compare=False)
    """Where each declared fact is named, for messages."""

    @property
    def composable(self) -> bool:
        """False for answer-form wording, which composition never picks."""
        return self.role != FORM_ROLE


@dataclass(frozen=True)
class Catalogue:
    """Every block's declaration, and the settings composition shares across blocks."""

    blocks: Mapping[str, BlockDecl]
    thesaurus: Thesaurus = ()
    """Groups of words that mean the same here, first word first."""

    @property
    def composable(self) -> list[BlockDecl]:
        """The blocks composition may choose, by name."""
        return [block for block in self.blocks.values() if block.composable]


def read_catalogue(templates: TemplateSet, base: FactBase) -> Catalogue:
    """Every block's declaration in a templates folder, checked against its Jinja and the facts.

    Raises:
        TemplateError: the first problem `check_catalogue` finds.
    """
    catalogue, problems = check_catalogue(templates, base)
    if problems:
        raise TemplateError(problems[0].message, problems[0].location)
    return catalogue


def check_catalogue(templates: TemplateSet, base: FactBase) -> tuple[Catalogue, list[Problem]]:
    """The declarations that can be read, and a problem for each block whose cannot.

    A problem is a block without a declaration, a malformed declaration, a declared fact the
    fact base lacks, or a fact read but not declared (or declared but not read).
    """
    problems: list[Problem] = []
    requires: tuple[str, ...] = ()
    thesaurus: Thesaurus = ()
    try:
        requires, thesaurus = _read_shared(templates.directory / COMPOSE_FILE)
    except TemplateError as error:
        problems.append(_problem(error, templates.directory / COMPOSE_FILE))
    blocks = {}
    for name in iter_blocks(templates.environment):
        path = templates.directory / BLOCKS_FOLDER / f"{name}.yaml"
        try:
            block = _read_declaration(path, name, requires)
            if block.composable:
                _check_facts(block, block_fact_lines(templates.environment, name), base)
        except TemplateError as error:
            problems.append(_problem(error, path))
            continue
        blocks[name] = block
    return Catalogue(blocks, thesaurus), problems


def _problem(error: TemplateError, path: Path) -> Problem:
    return Problem(error.location or Location(path), error.message)


def _read_shared(path: Path) -> tuple[tuple[str, ...], Thesaurus]:
    if not path.is_file():
        return (), ()
    raw = read_mapping(path, "composition settings")
    return _strings(raw, "requires"), _groups(raw, "thesaurus")


def _read_declaration(path: Path, name: str, requires: tuple[str, ...]) -> BlockDecl:
    if not path.is_file():
        raise TemplateError(
            f"block '{name}' has no declaration {BLOCKS_FOLDER}/{name}.yaml: say what it "
            f"answers (role, intents, answers, facts), or give it 'role: {FORM_ROLE}'",
            Location(path.with_suffix(".md.j2")),
        )
    raw = read_mapping(path, "block declaration")
    role = raw.get("role")
    if role not in (*ROLES, FORM_ROLE):
        choices = ", ".join((*ROLES, FORM_ROLE))
        raise TemplateError(f"block '{name}': unknown role {role!r} ({choices})", raw.where("role"))
    block = BlockDecl(
        name=name,
        role=str(role),
        intents=_strings(raw, "intents"),
        answers=_strings(raw, "answers"),
        facts=_strings(raw, "facts"),
        requires=_strings(raw, "requires") or requires,
        location=raw.location,
        fact_locations=_item_locations(raw, "facts"),
    )
    if block.composable:
        _check_declared(block, raw)
    return block


def _check_declared(block: BlockDecl, raw: YamlMap) -> None:
    for key in ("intents", "answers", "facts"):
        if not getattr(block, key):
            raise TemplateError(f"block '{block.name}' declares no '{key}'", raw.location)
    unknown = [intent for intent in block.intents if intent not in INTENTS]
    if unknown:
        raise TemplateError(
            f"block '{block.name}': unknown intent '{unknown[0]}' ({', '.join(INTENTS)})",
            raw.where("intents"),
        )


def _check_facts(block: BlockDecl, read: Mapping[str, Location], base: FactBase) -> None:
    where = block.location
    for fact_id, line in read.items():
        if fact_id not in base.facts:
            raise TemplateError(f"unknown fact id '{fact_id}'", line)
    for fact_id in block.facts:
        if fact_id not in base.facts:
            raise TemplateError(
                f"block '{block.name}' declares unknown fact '{fact_id}'",
                block.fact_locations.get(fact_id, where),
            )
    if undeclared := sorted(set(read) - set(block.facts)):
        raise TemplateError(f"block '{block.name}' reads '{undeclared[0]}' undeclared", where)
    if unread := sorted(set(block.facts) - set(read)):
        raise TemplateError(
            f"block '{block.name}' declares '{unread[0]}' but never reads it", where
        )


def _item_locations(raw: YamlMap, key: str) -> dict[str, Location]:
    items = raw.get(key)
    if not isinstance(items, YamlList):
        return {}
    return {str(item): where for item, where in zip(items, items.item_locations, strict=True)}


def _strings(raw: YamlMap, key: str) -> tuple[str, ...]:
    """A list of words, each checked."""
    return tuple(_word(item, where, key) for item, where in _items(raw, key))


def _groups(raw: YamlMap, key: str) -> Thesaurus:
    """A list of lists of words, each checked."""
    groups = []
    for item, where in _items(raw, key):
        if not isinstance(item, list) or len(item) < 2:
            raise TemplateError(f"each '{key}' entry must be a list of two or more words", where)
        groups.append(tuple(_word(word, where, key) for word in item))
    return tuple(groups)


def _items(raw: YamlMap, key: str) -> list[tuple[object, Location]]:
    value = raw.get(key) or []
    if not isinstance(value, list):
        raise TemplateError(f"'{key}' must be a list", raw.where(key))
    places = value.item_locations if isinstance(value, YamlList) else [raw.where(key)] * len(value)
    return list(zip(value, places, strict=True))


def _word(item: object, where: Location, key: str) -> str:
    if isinstance(item, str) and item.strip():
        return item.strip()
    raise TemplateError(f"'{key}' must list words, not {item!r}", where)


def available_from(block: BlockDecl, base: FactBase) -> date:
    """The first day on which every fact the block reads was published.

    For a line, its source's date; for a statistic, its first period's edition; for a value
    in force from a date (a policy's, or a line's wording), the first such date.
    """
    return max((_first_day(base.facts[fact_id], base) for fact_id in block.facts), default=date.min)


def _first_day(fact: Fact, base: FactBase) -> date:
    if fact.in_force:
        return fact.in_force[0].start
    if fact.kind == "statistic" and fact.values:
        return min(publication_date(base.source_of(fact, value)) for value in fact.values)
    return publication_date(base.sources[fact.source])


def canonical(text: str, thesaurus: Thesaurus) -> str:
    """The text with each thesaurus word replaced by the first word of its group."""
    if not thesaurus:
        return text
    pattern, first = _thesaurus_pattern(thesaurus)
    return pattern.sub(lambda match: first[match[0].lower()], text)


@functools.cache
def _thesaurus_pattern(thesaurus: Thesaurus) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every word to replace (longest first), and what each becomes."""
    first = {word.lower(): group[0] for group in thesaurus for word in group[1:]}
    words = sorted(first, key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE), first
