"""Read YAML keeping where every value came from, and catching what PyYAML lets through.

PyYAML's loaders drop line numbers and silently keep the last of two equal keys; composing
nodes (with the C parser when it is there) and building values ourselves keeps both. Places
are kept cheaply: each mapping and list holds its node, and a value's line is read off the
node only when something asks for it, which is when there is a problem to report.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, cast

import yaml

from drafter.chars import clean
from drafter.errors import DrafterError, Location, Problem
from drafter.inputfile import read_text

_STR_TAG = "tag:yaml.org,2002:str"
MAX_VALUES = 200_000
"""Values one file may build: aliases share nodes, so a small file can expand exponentially."""
MAX_DEPTH = 60
_SHORT = 40


class _QuickResolver:
    """SafeLoader's tag resolution in one short function, without its per-node overhead.

    SafeLoader has no path resolvers and no wildcard ones, so a scalar's tag depends only on
    its text, and a plain scalar whose first character starts no implicit tag is text.
    """

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        """The tag PyYAML's SafeLoader would give the node."""
        if kind is yaml.ScalarNode and implicit[0]:
            for tag, pattern in _IMPLICIT.get(value[:1], ()):
                if pattern.match(value):
                    return tag
        return _DEFAULT_TAGS[kind]


_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = yaml.SafeLoader.yaml_implicit_resolvers
_DEFAULT_TAGS = {
    yaml.ScalarNode: _STR_TAG,
    yaml.SequenceNode: yaml.SafeLoader.DEFAULT_SEQUENCE_TAG,
    yaml.MappingNode: yaml.SafeLoader.DEFAULT_MAPPING_TAG,
}


class PurePythonLoader(_QuickResolver, yaml.SafeLoader):
    """PyYAML's own parser, for a PyYAML built without libyaml."""


_Loader: type[yaml.SafeLoader] = PurePythonLoader
if hasattr(yaml, "CSafeLoader"):

    class _CLoader(_QuickResolver, yaml.CSafeLoader):
        """libyaml's parser, which calls back `resolve` for every node."""

    _Loader = _CLoader  # type: ignore[assignment]


class YamlMap(dict[str, Any]):
    """A YAML mapping that remembers where it and each of its values stand."""

    _node: yaml.MappingNode
    _path: Path
    _skipped: tuple[int, ...] = ()
    """Indexes of the node's pairs left out as repeated keys."""

    @property
    def location(self) -> Location:
        """Where the mapping starts."""
        return _location(self._path, self._node)

    @property
    def value_locations(self) -> dict[str, Location]:
        """Where each key's value stands."""
        kept = (pair for at, pair in enumerate(self._node.value) if at not in self._skipped)
        # Not strict: while the mapping is being built it holds fewer keys than its node.
        pairs = zip(self, kept, strict=False)
        return {key: _location(self._path, value) for key, (_, value) in pairs}

    def where(self, key: str) -> Location:
        """The location of a key's value, or of the mapping when the key is absent."""
        return self.value_locations.get(key, self.location)


class YamlList(list[Any]):
    """A YAML sequence that remembers where it and each of its items stand."""

    _node: yaml.SequenceNode
    _path: Path

    @property
    def location(self) -> Location:
        """Where the list starts."""
        return _location(self._path, self._node)

    @property
    def item_locations(self) -> list[Location]:
        """Where each item stands."""
        return [_location(self._path, item) for item in self._node.value]


def _location(path: Path, node: yaml.Node) -> Location:
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


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
    except yaml.reader.ReaderError as error:  # a character YAML forbids, such as U+009B
        return None, [_forbidden_character(path, source, error)]
    except RecursionError:
        return None, [Problem(Location(path), f"invalid YAML: nested over {MAX_DEPTH} levels")]
    if node is None:
        return None, []
    builder = _Builder(path)
    try:
        return builder.build(node), builder.problems
    except _TooBig as error:
        return None, [Problem(_location(path, error.node), error.message)]


def _forbidden_character(path: Path, text: str, error: yaml.reader.ReaderError) -> Problem:
    """YAML refuses DEL and C1 controls, which XML allows: name the first and where it is."""
    # The C parser gives a byte offset, the Python one a character offset: search instead.
    found = text.find(chr(error.character)) if isinstance(error.character, int) else -1
    at = found if found >= 0 else min(error.position, len(text))
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    code = f"U+{error.character:04X}" if isinstance(error.character, int) else "a character"
    message = f"invalid YAML: {code} is a control character YAML does not allow"
    return Problem(Location(path, line, column), message)


class _TooBig(Exception):
    """The document nests or, through aliases, expands past what any fact file needs."""

    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


class _Builder:
    """Turns composed nodes into values, catching repeated keys and runaway expansion."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._scalars = yaml.constructor.SafeConstructor()
        self._budget = MAX_VALUES
        self._depth = 0

    def build(self, node: yaml.Node) -> Any:
        self._budget -= 1
        if self._budget < 0:
            raise _TooBig(node, f"YAML expands to over {MAX_VALUES:,} values (aliases?)")
        if type(node) is yaml.ScalarNode:
            if node.tag != _STR_TAG:
                return self._scalar(node)
            if node.style == '"':  # its escapes may name any character
                return self._quoted(node)
            text: str = node.value
            # Keys, ids, units, periods and words recur thousands of times in a base: one copy
            # of each saves memory, and a cached file stores and loads each once.
            return sys.intern(text) if len(text) <= _SHORT else text
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooBig(node, f"YAML nested over {MAX_DEPTH} levels (a recursive alias?)")
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node)
            return self._list(cast(yaml.SequenceNode, node))
        finally:
            self._depth -= 1

    def _list(self, node: yaml.SequenceNode) -> YamlList:
        result = YamlList(self.build(item) for item in node.value)
        result._node, result._path = node, self.path
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        quick = _QUICK_SCALARS.get(node.tag)
        value = quick(node.value) if quick else _SLOW
        if value is not _SLOW:
            return value
        try:
            return self._scalars.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            where = _location(self.path, node)
            self.problems.append(Problem(where, f"invalid value: {error.problem}"))
            return None
        except ValueError:
            # A timestamp-shaped impossible date such as 2027-13-01: keep the text, so the
            # schema can quote it in its message.
            return node.value

    def _quoted(self, node: yaml.Node) -> str:
        """A double-quoted scalar under the character policy, with a warning at its start."""
        # Its escapes (`\\x01`, `\\uFFFE`) decode to characters that the file's own text could
        # not carry past `clean`.
        where = _location(self.path, node)
        text, warnings = clean(node.value, where)
        self.problems += [replace(warning, location=where) for warning in warnings]
        return text

    def _mapping(self, node: yaml.MappingNode) -> YamlMap:
        result = YamlMap()
        result._node, result._path = node, self.path
        for at, (key_node, value_node) in enumerate(node.value):
            key = str(self.build(key_node))
            if key in result:
                first = result.value_locations[key]
                self.problems.append(
                    Problem(
                        _location(self.path, key_node),
                        f"duplicate key '{key}' (first given at line {first.line})",
                    )
                )
                result._skipped += (at,)
                continue
            result[key] = self.build(value_node)
        return result


_SLOW = object()
"""What a quick constructor returns for a form it leaves to PyYAML's constructor."""


def _decimal(text: str) -> object:
    return int(text) if text.isdigit() and text[0] != "0" else _SLOW  # "012" is octal in YAML


def _iso_date(text: str) -> object:
    if len(text) != len("2025-03-31"):
        return _SLOW
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text  # an impossible date such as 2027-13-01, kept as below


def _null(_text: str) -> None:
    return None


_QUICK_SCALARS: dict[str, Callable[[str], object]] = {
    "tag:yaml.org,2002:int": _decimal,
    "tag:yaml.org,2002:timestamp": _iso_date,
    "tag:yaml.org,2002:null": _null,
}
"""Constructors for the common forms of the tags fact files use most, beside text."""
