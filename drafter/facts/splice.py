"""Change a YAML file's text only at the places its parser marks; every other byte stays.

Round-tripping a whole file through a YAML library re-emits it, and quoting, indentation or
comment placement can shift. Splicing instead finds a node's lines and columns in the composed
node tree, then inserts or replaces just those lines, copying the indentation the file already
uses and its line endings (`\n` or `\r\n`). Only block-style collections are edited; a
flow-style one (`[...]`, `{...}`) is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from drafter.errors import DrafterError, Location

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BLOCK_SCALAR_STYLES = ("|", ">")


def compose(text: str) -> yaml.Node:
    """The file's node tree, carrying the start and end of every node."""
    node: yaml.Node | None = yaml.compose(text, Loader=_LOADER)
    return node if node is not None else yaml.MappingNode("tag:yaml.org,2002:map", [])


def child(mapping: yaml.Node, key: str) -> yaml.Node | None:
    """The value under `key` in a mapping node, or None."""
    if isinstance(mapping, yaml.MappingNode):
        for key_node, value in mapping.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found: yaml.Node = value
                return found
    return None


def find_entry(root: yaml.Node, section: str, item_id: str) -> yaml.MappingNode | None:
    """The mapping with `id: item_id` in the file's `section` list (`facts` or `sources`)."""
    entries = child(root, section)
    for entry in entries.value if isinstance(entries, yaml.SequenceNode) else ():
        id_node = child(entry, "id")
        if isinstance(id_node, yaml.ScalarNode) and id_node.value == item_id:
            assert isinstance(entry, yaml.MappingNode)
            return entry
    return None


def last_line(node: yaml.Node, lines: list[str]) -> int:
    """The 0-based last line holding the node's content (not trailing blanks or comments)."""
    if isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return last_line(last[1] if isinstance(last, tuple) else last, lines)
    end = node.end_mark.line
    if isinstance(node, yaml.ScalarNode) and node.style in _BLOCK_SCALAR_STYLES:
        end -= 1  # a block scalar ends at the start of the line after it
        while end > node.start_mark.line and not lines[end].strip():
            end -= 1
    return end


def set_scalar(text: str, mapping: yaml.Node, key: str, value: str, path: Path) -> str:
    """Set `key: value` in a block mapping: rewrite the value in place, or add the key last.

    The value's quoting is kept when it was quoted; `value` must be a plain YAML scalar.
    """
    lines = text.splitlines(keepends=True)
    _require_block(mapping, path)
    node = child(mapping, key)
    if node is None:
        indent = " " * mapping.start_mark.column
        return _insert(lines, last_line(mapping, lines) + 1, [f"{indent}{key}: {value}"])
    if not isinstance(node, yaml.ScalarNode) or node.start_mark.line != node.end_mark.line:
        raise DrafterError(f"cannot rewrite '{key}': it is not a one-line value", _at(node, path))
    quote = node.style if node.style in ("'", '"') else ""
    line = lines[node.start_mark.line]
    start, end = node.start_mark.column, node.end_mark.column
    lines[node.start_mark.line] = f"{line[:start]}{quote}{value}{quote}{line[end:]}"
    return "".join(lines)


def insert_item(
    text: str, sequence: yaml.Node, index: int, item: Mapping[str, Any], path: Path
) -> str:
    """Insert a mapping into a non-empty block sequence before position `index`."""
    lines = text.splitlines(keepends=True)
    _require_block(sequence, path)
    items = sequence.value
    model = items[min(index, len(items) - 1)]
    new = render_item(item, lines, model, path)
    at = last_line(items[index - 1], lines) + 1 if index else items[0].start_mark.line
    return _insert(lines, at, new)


def replace_item(
    text: str, sequence: yaml.Node, index: int, item: Mapping[str, Any], path: Path
) -> str:
    """Replace the item at `index` of a block sequence with a mapping."""
    lines = text.splitlines(keepends=True)
    _require_block(sequence, path)
    old = sequence.value[index]
    new = render_item(item, lines, old, path)
    first, last = old.start_mark.line, last_line(old, lines)
    ending = _newline(lines)
    return "".join([*lines[:first], *(line + ending for line in new), *lines[last + 1 :]])


def remove_item(text: str, sequence: yaml.Node, index: int, path: Path) -> str:
    """Remove the item at `index` of a block sequence, with any lines it continues onto."""
    lines = text.splitlines(keepends=True)
    _require_block(sequence, path)
    old = sequence.value[index]
    first, last = old.start_mark.line, last_line(old, lines)
    return "".join([*lines[:first], *lines[last + 1 :]])


def render_item(
    item: Mapping[str, Any], lines: list[str], model: yaml.Node, path: Path
) -> list[str]:
    """A sequence item's lines, styled, indented and ordered like the existing item `model`."""
    column = model.start_mark.column
    line = lines[model.start_mark.line]
    dash = line.rfind("-", 0, column)
    if dash < 0 or line[dash + 1 : column].strip():
        raise DrafterError(
            "cannot copy the list's layout: put each item's first key on its '-' line",
            _at(model, path),
        )
    keys = [key.value for key, _ in model.value] if isinstance(model, yaml.MappingNode) else []
    ordered = {key: item[key] for key in sorted(item, key=lambda k: _rank(k, keys, item))}
    prefix = f"{' ' * dash}-{' ' * (column - dash - 1)}"
    if _is_flow(model):
        return [prefix + _flow(ordered)]
    flow = {key for key in ordered if _is_flow(child(model, key))}
    body = render_pairs(ordered, _nested_indent(model), flow)
    return [prefix + body[0], *(f"{' ' * column}{rest}" for rest in body[1:])]


def render_pairs(
    item: Mapping[str, Any], indent: int, flow: set[str] | frozenset[str] = frozenset()
) -> list[str]:
    """A mapping's `key: value` lines; mappings and lists of them in block style, unless flow."""
    lines = []
    for key, value in item.items():
        if isinstance(value, Mapping) and key not in flow:
            lines.append(f"{_flow(key)}:")
            lines += [" " * indent + line for line in render_pairs(value, indent)]
        elif _mappings(value) and key not in flow:
            lines.append(f"{_flow(key)}:")
            for entry in value:
                first, *rest = render_pairs(entry, indent)
                lines += [f"{' ' * indent}- {first}", *(" " * (indent + 2) + line for line in rest)]
        else:
            lines.append(_flow_pair(key, value))
    return lines


def _mappings(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _flow_pair(key: str, value: Any) -> str:
    return f"{_flow(key)}: {_flow(dict(value) if isinstance(value, Mapping) else value)}"


def _flow(value: Any) -> str:
    """A value in flow style on one line, quoted where YAML needs it."""
    dumped: str = yaml.safe_dump(
        [value], default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**6
    )
    return dumped.strip()[1:-1]


def _rank(key: str, existing: list[str], item: Mapping[str, Any]) -> tuple[int, int]:
    """Keys the model item has come in its order; the others follow in the given order."""
    if key in existing:
        return (0, existing.index(key))
    return (1, list(item).index(key))


def _nested_indent(model: yaml.Node) -> int:
    """How far the file indents a nested mapping's keys under their parent key; default 2."""
    for key, value in model.value if isinstance(model, yaml.MappingNode) else ():
        if isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
            return max(int(value.start_mark.column - key.start_mark.column), 1)
    return 2


def _is_flow(node: yaml.Node | None) -> bool:
    return isinstance(node, yaml.CollectionNode) and bool(node.flow_style)


def _newline(lines: list[str]) -> str:
    """The line ending the file uses, read off its first line (`\\n` if that has none)."""
    first = lines[0] if lines else ""
    return first[len(first.rstrip("\r\n")) :] or "\n"


def _insert(lines: list[str], at: int, new: list[str]) -> str:
    ending = _newline(lines)
    if at and not lines[at - 1].endswith(("\n", "\r")):
        lines[at - 1] += ending
    return "".join([*lines[:at], *(line + ending for line in new), *lines[at:]])


def _require_block(node: yaml.Node, path: Path) -> None:
    if _is_flow(node):
        raise DrafterError(
            "cannot edit a flow-style ([...] or {...}) collection: write it in block style",
            _at(node, path),
        )


def _at(node: yaml.Node, path: Path) -> Location:
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)
