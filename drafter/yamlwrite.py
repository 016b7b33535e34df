"""A draft's front matter as YAML: the text `yaml.dump` writes, with less Python in between.

PyYAML turns data into nodes through a representer that dispatches on type and tracks every
object for aliases, a few Python calls for each value: most of writing a draft's Markdown,
and a batch redraft writes one for every draft. Front matter is text, numbers, flags, dates,
lists and mappings, and here those become the very nodes the representer makes; the dumper's
own serializer and emitter (libyaml's, where PyYAML has it) then write them. Anything else,
or an object met twice (which PyYAML writes as an anchor and alias), goes to `yaml.dump`, so
the text is always what it would write.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import yaml

__all__ = ["dump"]

_TAGS = {
    bool: "tag:yaml.org,2002:bool",
    int: "tag:yaml.org,2002:int",
    date: "tag:yaml.org,2002:timestamp",
}
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_NULL = "tag:yaml.org,2002:null"


class _NotPlain(Exception):
    """The data holds something only PyYAML's representer writes as it does."""


def dump(
    data: dict[str, Any], dumper: type[Any], quoted: Callable[[str], bool], **options: Any
) -> str:
    """`yaml.dump(data, Dumper=dumper, default_flow_style=False, **options)`, made faster.

    `dumper` writes text double-quoted where `quoted(text)`, and plainly chosen otherwise.
    `options` must set `sort_keys=False` (the nodes keep the data's order) and may not set
    `default_style` or `default_flow_style`, which the nodes take as unset and block style.
    """
    try:
        node = _Nodes(quoted).build(data)
    except _NotPlain:
        return str(yaml.dump(data, Dumper=dumper, default_flow_style=False, **options))
    stream = io.StringIO()
    writer = dumper(stream, default_flow_style=False, **options)
    try:
        writer.open()
        writer.serialize(node)
        writer.close()
    finally:
        writer.dispose()
    return stream.getvalue()


class _Nodes:
    def __init__(self, quoted: Callable[[str], bool]) -> None:
        self.quoted = quoted
        self.seen: set[int] = set()

    def build(self, data: Any) -> yaml.Node:
        kind = type(data)
        if kind is str:
            return yaml.ScalarNode(_STR, data, style='"' if self.quoted(data) else None)
        if kind in _TAGS and kind is not date:
            return yaml.ScalarNode(_TAGS[kind], _scalar(data))
        if data is None:
            return yaml.ScalarNode(_NULL, "null")
        if id(data) in self.seen:
            raise _NotPlain  # PyYAML writes an object met twice as an anchor and an alias
        self.seen.add(id(data))
        if kind is dict:
            pairs = [(self.build(key), self.build(value)) for key, value in data.items()]
            return yaml.MappingNode(_MAP, pairs, flow_style=False)
        if kind is list:
            return yaml.SequenceNode(_SEQ, [self.build(item) for item in data], flow_style=False)
        if kind is date:
            return yaml.ScalarNode(_TAGS[date], data.isoformat())
        raise _NotPlain


def _scalar(data: bool | int) -> str:
    if type(data) is bool:
        return "true" if data else "false"
    return str(data)
