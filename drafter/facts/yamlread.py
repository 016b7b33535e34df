"""Read YAML keeping where every value came from, and catching what PyYAML lets through.

PyYAML's loaders drop line numbers and silently keep the last of two equal keys; composing
nodes (with the C parser when it is there) and building values ourselves keeps both.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from drafter.chars import clean
from drafter.errors import DrafterError, Location, Problem
from drafter.inputfile import read_text

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


_STR_TAG = "tag:yaml.org,2002:str"
MAX_VALUES = 200_000
"""Values one file may build: aliases share nodes, so a small file can expand exponentially."""
MAX_DEPTH = 60


class YamlMap(dict[str, Any]):
    """A YAML mapping that remembers where it and each of its values stand."""

    location: Location
    value_locations: dict[str, Location]

    def where(self, key: str) -> Location:
        """The location of a key's value, or of the mapping when the key is absent."""
        return self.value_locations.get(key, self.location)


class YamlList(list[Any]):
    """A YAML sequence that remembers where it and each of its items stand."""

    location: Location
    item_locations: list[Location]


def read_yaml(path: Path, text: str | None = None) -> tuple[Any, list[Problem]]:
    """Parse one YAML file into plain values, YamlMap and YamlList, with its problems.

    Returns (None, [problem]) when the file cannot be read or parsed at all.
    """
    try:
        source = read_text(path, "fact") if text is None else text
        node = yaml.compose(source, Loader=_Loader)
    except DrafterError as error:
        return None, [Problem(error.location or Location(path), error.message)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        return None, [Problem(where, f"invalid YAML: {error.problem or error.context}")]
    except yaml.reader.ReaderError as error:
        return None, [_unacceptable(path, source, error)]
    except RecursionError:
        return None, [Problem(Location(path), f"invalid YAML: nested over {MAX_DEPTH} levels")]
    if node is None:
        return None, []
    builder = _Builder(path)
    try:
        return builder.build(node), builder.problems
    except _TooBig as error:
        return None, [Problem(builder.location(error.node), error.message)]


def _unacceptable(path: Path, source: str, error: yaml.reader.ReaderError) -> Problem:
    """YAML refuses DEL and C1 controls, which XML allows: name the first and where it is."""
    # The C parser gives a byte offset, the Python one a character offset: search instead.
    start = max(source.find(chr(error.character)), 0)
    line = source.count("\n", 0, start) + 1
    column = start - source.rfind("\n", 0, start)
    message = f"invalid YAML: character U+{error.character:04X} is not allowed ({error.reason})"
    return Problem(Location(path, line, column), message)


class _TooBig(Exception):
    """The document nests or, through aliases, expands past what any fact file needs."""

    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


class _Builder:
    """Turns composed nodes into values, recording locations and duplicate keys."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._scalars = yaml.constructor.SafeConstructor()
        self._budget = MAX_VALUES
        self._depth = 0

    def location(self, node: yaml.Node) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node) -> Any:
        self._budget -= 1
        if self._budget < 0:
            raise _TooBig(node, f"YAML expands to over {MAX_VALUES:,} values (aliases?)")
        if not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            return self._scalar(node)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooBig(node, f"YAML nested over {MAX_DEPTH} levels (a recursive alias?)")
        try:
            return self._mapping(node) if isinstance(node, yaml.MappingNode) else self._list(node)
        finally:
            self._depth -= 1

    def _list(self, node: yaml.SequenceNode) -> YamlList:
        result = YamlList(self.build(item) for item in node.value)
        result.location = self.location(node)
        result.item_locations = [self.location(item) for item in node.value]
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == _STR_TAG:  # most scalars: skip the constructor's dispatch
            quoted = isinstance(node, yaml.ScalarNode) and node.style == '"'
            return self._quoted(node) if quoted else node.value
        try:
            return self._scalars.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            self.problems.append(Problem(self.location(node), f"invalid value: {error.problem}"))
            return None
        except ValueError:
            # A timestamp-shaped impossible date such as 2027-13-01: keep the text, so the
            # schema can quote it in its message.
            return node.value

    def _quoted(self, node: yaml.Node) -> str:
        """A double-quoted scalar under the character policy, with a warning at its start."""
        # Its escapes (`\\x01`, `\\uFFFE`) decode to characters that the file's own text could
        # not carry past `clean`.
        text, warnings = clean(node.value, self.location(node))
        self.problems += [replace(warning, location=self.location(node)) for warning in warnings]
        return text

    def _mapping(self, node: yaml.MappingNode) -> YamlMap:
        result = YamlMap()
        result.location = self.location(node)
        result.value_locations = {}
        for key_node, value_node in node.value:
            key = str(self.build(key_node))
            if key in result:
                first = result.value_locations[key]
                self.problems.append(
                    Problem(
                        self.location(key_node),
                        f"duplicate key '{key}' (first given at line {first.line})",
                    )
                )
                continue
            result[key] = self.build(value_node)
            result.value_locations[key] = self.location(value_node)
        return result
