"""Answer templates: the manifests in templates/*.yaml and the Jinja blocks they assemble.

A manifest names an answer type and the blocks that write its paragraphs, in order, each
with the question-part terms it addresses. Blocks live in templates/blocks/<name>.md.j2.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from drafter.config import outside_workspace
from drafter.errors import Location, TemplateError
from drafter.facts.yamlread import YamlMap, read_yaml
from drafter.inputfile import check_inside

ANSWER_TYPES = (
    "substantive",
    "grouped",
    "holding",
    "referral",
    "disproportionate-cost",
    "not-held-centrally",
    "will-write",
    "correction",
)
BLOCKS_FOLDER = "blocks"
BLOCK_SUFFIX = ".md.j2"
COMPOSE_FILE = "compose.yaml"


@dataclass(frozen=True)
class BlockSpec:
    """One paragraph's job within an answer template."""

    name: str
    """The block file, `templates/blocks/<name>.md.j2`."""
    addresses: tuple[str, ...] = ()
    """Words that mark the question parts this paragraph answers; `*` answers every part."""
    parts: tuple[str, ...] | None = None
    """In a composed answer, the labels of the parts it was chosen for (then `addresses`
    is not read)."""


@dataclass(frozen=True)
class AnswerTemplate:
    """An answer template manifest."""

    id: str
    title: str
    type: str
    blocks: tuple[BlockSpec, ...]
    description: str = ""
    path: Path | None = None


def read_manifests(directory: Path) -> Mapping[str, AnswerTemplate]:
    """Every answer template in the folder, by id.

    Raises:
        TemplateError: a manifest is unreadable, malformed, or names a missing block.
    """
    if not directory.is_dir():
        message = f"templates folder not found: {outside_workspace('--templates')}"
        raise TemplateError(message, Location(directory))
    templates: dict[str, AnswerTemplate] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name == COMPOSE_FILE:  # composition's settings, read by drafter.blocks
            continue
        check_inside(path, directory, "the templates folder", TemplateError)
        template = _read_manifest(path)
        if template.id in templates:
            raise TemplateError(f"duplicate template id '{template.id}'", Location(path))
        templates[template.id] = template
    return templates


def read_mapping(path: Path, what: str) -> YamlMap:
    """A YAML file of the templates folder that must hold a mapping (a manifest, a declaration).

    Raises:
        TemplateError: the file cannot be read or parsed, or holds something else.
    """
    raw, problems = read_yaml(path)
    if problems:
        raise TemplateError(problems[0].message, problems[0].location)
    if not isinstance(raw, YamlMap):
        raise TemplateError(f"expected a {what} mapping", Location(path, 1))
    return raw


def _read_manifest(path: Path) -> AnswerTemplate:
    raw = read_mapping(path, "template manifest")
    for key in ("id", "title", "type", "blocks"):
        if not raw.get(key):
            raise TemplateError(f"template manifest has no '{key}'", raw.location)
    if raw["type"] not in ANSWER_TYPES:
        choices = ", ".join(ANSWER_TYPES)
        raise TemplateError(f"unknown answer type '{raw['type']}' ({choices})", raw.where("type"))
    blocks = tuple(_block(item, raw) for item in _list(raw, "blocks"))
    for block in blocks:
        if not (path.parent / BLOCKS_FOLDER / f"{block.name}{BLOCK_SUFFIX}").is_file():
            message = f"block '{block.name}' has no file {BLOCKS_FOLDER}/{block.name}{BLOCK_SUFFIX}"
            raise TemplateError(message, raw.where("blocks"))
    return AnswerTemplate(
        id=str(raw["id"]),
        title=str(raw["title"]),
        type=str(raw["type"]),
        blocks=blocks,
        description=str(raw.get("description") or ""),
        path=path,
    )


def _list(raw: YamlMap, key: str) -> list[object]:
    value = raw.get(key) or []
    if not isinstance(value, list):
        raise TemplateError(f"'{key}' must be a list", raw.where(key))
    return value


def _block(item: object, raw: YamlMap) -> BlockSpec:
    if isinstance(item, str):
        return BlockSpec(item)
    if not isinstance(item, YamlMap) or not isinstance(item.get("name"), str):
        raise TemplateError("each block needs a 'name'", raw.where("blocks"))
    addresses = item.get("addresses") or []
    if not isinstance(addresses, list):
        raise TemplateError(
            f"block '{item['name']}': 'addresses' must be a list of words", item.where("addresses")
        )
    return BlockSpec(str(item["name"]), tuple(str(term).lower() for term in addresses))
