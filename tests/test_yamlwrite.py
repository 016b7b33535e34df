"""Front matter written through drafter.yamlwrite is, byte for byte, what yaml.dump writes."""

from datetime import date, datetime
from typing import Any

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from drafter import yamlwrite
from drafter.draft import _front_matter_dumper, _needs_quotes

SHARED = ["the same list twice"]
OPTIONS: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 100}

scalars = st.one_of(
    st.text(),
    st.sampled_from(["", "null", "yes", "1", "- a", "a: b", "x\u2028y", "#", "2026-01-01"]),
    st.integers(),
    st.booleans(),
    st.none(),
    st.dates(),
    st.floats(allow_nan=False),
    st.datetimes(),
)
documents = st.dictionaries(
    st.text(max_size=12),
    st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.tuples(inner),
            st.dictionaries(st.text(max_size=8), inner, max_size=4),
        ),
        max_leaves=20,
    ),
    max_size=6,
)


def dumped(data: dict[str, Any]) -> str:
    dumper = _front_matter_dumper()
    return str(yaml.dump(data, None, dumper, default_flow_style=False, **OPTIONS))


@example({"question": {"text": "A long question " * 12, "tabled": date(2026, 1, 2)}})
@example({"a": SHARED, "b": SHARED})  # an anchor and an alias
@example({"a": datetime(2026, 1, 2, 3, 4), "b": 1.5, "c": ("x",)})
@example({"breaks": "one\u2028two\x85three", "n": -7, "t": True, "none": None})
@example({"raw in single quotes unless told": "x\u2028y"})
@given(documents)
def test_the_text_is_yaml_dumps(data: dict[str, Any]) -> None:
    assert yamlwrite.dump(data, _front_matter_dumper(), _needs_quotes, **OPTIONS) == dumped(data)
