"""Streaming JSON: items one by one with their positions, and malformed JSON located exactly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from drafter.archive import jsonstream
from drafter.archive.jsonstream import iter_json, iter_json_lines
from drafter.errors import ArchiveError

PATH = Path("dump.json")


def read(text: str) -> list[tuple[object, str, int | None]]:
    return [
        (item.value, str(item.location), item.index) for item in iter_json(io.StringIO(text), PATH)
    ]


def error_of(text: str, lines: bool = False) -> str:
    reader = iter_json_lines if lines else iter_json
    with pytest.raises(ArchiveError) as caught:
        list(reader(io.StringIO(text), PATH))
    return str(caught.value)


def test_list_items_come_one_by_one_with_their_positions() -> None:
    assert read('[\n  {"a": 1},\n  [2, 3], "x"\n]\n') == [
        ({"a": 1}, "dump.json:2:3", 0),
        ([2, 3], "dump.json:3:3", 1),
        ("x", "dump.json:3:11", 2),
    ]


def test_a_document_that_is_not_a_list_is_one_item() -> None:
    assert read('\n {"value": {"uin": "1"}}') == [({"value": {"uin": "1"}}, "dump.json:2:2", None)]


def test_an_empty_list_has_no_items() -> None:
    assert read(" [ ] ") == []


def test_items_split_across_chunks_decode_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "CHUNK_SIZE", 3)
    text = '[{"uin": "1001", "n": 12345},\n 67890, "é…"]'
    assert [value for value, _, _ in read(text)] == [{"uin": "1001", "n": 12345}, 67890, "é…"]


def test_positions_stay_right_after_the_buffer_moves_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "CHUNK_SIZE", 4)
    assert read("[1,\n2,\n  3]")[2][1] == "dump.json:3:3"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[{"uin": "1"},\n {"uin": "2"\n]',
            "dump.json:3:1: malformed JSON: Expecting ',' delimiter",
        ),
        ("[1,\n 2 3]", "dump.json:2:4: malformed JSON: Expecting ',' delimiter"),
        ("[1, x]", "dump.json:1:5: malformed JSON: Expecting value"),
        ("[1]\n[2]", "dump.json:2:1: malformed JSON: Extra data"),
        ('{"a": 1} x', "dump.json:1:10: malformed JSON: Extra data"),
        ("", "dump.json:1:1: malformed JSON: Expecting value"),
        ("[1, 2", "dump.json:1:6: malformed JSON: Expecting ',' delimiter"),
    ],
    ids=[
        "missing-comma-in-object",
        "missing-comma",
        "bad-value",
        "two-lists",
        "extra",
        "empty",
        "unclosed",
    ],
)
def test_malformed_json_is_located(text: str, message: str) -> None:
    assert error_of(text) == message


def test_malformed_json_is_located_after_many_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "CHUNK_SIZE", 5)
    assert error_of('[\n"aaaaaaaaaa",\n"bbbbbbbbbb",\n  tru]') == (
        "dump.json:4:3: malformed JSON: Expecting value"
    )


def test_json_lines_give_one_item_per_line_skipping_blank_lines() -> None:
    items = list(iter_json_lines(io.StringIO('{"a": 1}\n\n[2]\n'), PATH))
    assert [(item.value, str(item.location)) for item in items] == [
        ({"a": 1}, "dump.json:1"),
        ([2], "dump.json:3"),
    ]


def test_a_bad_json_line_is_located() -> None:
    assert error_of('{"a": 1}\n{"a" 2}\n', lines=True) == (
        "dump.json:2:6: malformed JSON: Expecting ':' delimiter"
    )


UNSAFE = [
    *(r"\u0001", r"\b", r"\f", r"\u000B", r"\u001f", r"\ud800", r"\uDFFF", r"\uffff"),
    *("\ufffe", "\uffff"),  # raw: valid UTF-8 and valid JSON, but not XML
]
SAFE = [r"\u00a3", r"\n", r"\t", r"\u0009", r"\u2028", r"\ufffd", "plain"]


@pytest.mark.parametrize(
    ("escape", "unsafe"), [(e, True) for e in UNSAFE] + [(e, False) for e in SAFE]
)
def test_an_item_is_unsafe_only_when_an_escape_may_decode_to_what_xml_cannot_hold(
    escape: str, unsafe: bool
) -> None:
    # Only unsafe items are walked by the character policy on import, so a miss here would
    # let a lone surrogate reach SQLite: every reader must agree.
    text = f'{{"text": "a{escape}b"}}'
    found = [
        next(iter_json(io.StringIO(text), PATH)).unsafe,
        next(iter_json(io.StringIO(f"[{text}, 1]"), PATH)).unsafe,
        next(iter_json_lines(io.StringIO(text + "\n"), PATH)).unsafe,
    ]
    assert found == [unsafe] * 3
