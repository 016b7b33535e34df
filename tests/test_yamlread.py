"""The YAML reader builds what PyYAML's safe loader builds, and knows where each value stood."""

from pathlib import Path

import pytest
import yaml

from drafter.facts import yamlread
from drafter.facts.yamlread import YamlList, YamlMap, read_yaml

SCALARS = [
    "text",
    "Yes",
    "no",
    "on",
    "OFF",
    "true",
    "~",
    "null",
    "",
    "12",
    "012",
    "0x1F",
    "0o17",
    "-3",
    "+4",
    "1_000",
    "1:30",
    "3.5",
    "1e3",
    ".inf",
    "-.inf",
    ".nan",
    "2025-03-31",
    "2025-3-1",
    "2025-03-31 10:30:00",
    "2025-03-31T10:30:00Z",
    "'12'",
    '"true"',
    "!!str 12",
    "!!int '7'",
    "2027-13-01 x",
    "Officers' 2023/24 figures",
]


@pytest.mark.parametrize("scalar", SCALARS)
def test_scalars_read_as_pyyaml_reads_them(scalar: str, tmp_path: Path) -> None:
    text = f"value: {scalar}\n"
    expected = yaml.load(text, Loader=yaml.SafeLoader)["value"]
    for loader in (yamlread._Loader, yamlread.PurePythonLoader):
        yamlread._Loader, saved = loader, yamlread._Loader
        try:
            raw, problems = read_yaml(tmp_path / "a.yaml", text)
        finally:
            yamlread._Loader = saved
        assert problems == []
        assert isinstance(raw, YamlMap)
        got = raw["value"]
        assert got == expected or (got != got and expected != expected)  # nan
        assert type(got) is type(expected)


def test_an_impossible_date_is_kept_as_text_for_the_schema_to_quote(tmp_path: Path) -> None:
    raw, problems = read_yaml(tmp_path / "a.yaml", "review_by: 2026-13-01\n")
    assert (raw, problems) == ({"review_by": "2026-13-01"}, [])


def test_places_after_a_repeated_key_are_still_right(tmp_path: Path) -> None:
    text = "a: 1\nb: 2\na: 3\nc:\n  - x\n  - [y]\nd: 4\n"
    raw, problems = read_yaml(tmp_path / "a.yaml", text)
    assert isinstance(raw, YamlMap)
    assert [str(problem.location) for problem in problems] == [f"{tmp_path}/a.yaml:3:1"]
    assert {key: (where.line, where.column) for key, where in raw.value_locations.items()} == {
        "a": (1, 4),
        "b": (2, 4),
        "c": (5, 3),
        "d": (7, 4),
    }
    assert raw.where("missing") == raw.location
    items = raw["c"]
    assert isinstance(items, YamlList)
    assert [(where.line, where.column) for where in items.item_locations] == [(5, 5), (6, 5)]
    assert (items.location.line, items.location.column) == (5, 3)
