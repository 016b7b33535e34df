"""drafter.yaml goes through the same limited reader as every outside file: one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.config import CONFIG_FILE, Config, load_config
from drafter.errors import DrafterError

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def write_bytes(data: bytes) -> Callable[[Path], object]:
    return lambda path: path.write_bytes(data)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (write_bytes(LAUGHS.encode()), ":1:14: YAML expands to over 200,000 values (aliases?)"),
        (
            write_bytes(b"author: caf\xe9\n"),
            ": not UTF-8 text: invalid continuation byte at byte offset 11",
        ),
        (
            write_bytes(b"author: " + b"x" * 100_000),
            ": settings file too large: 100,008 bytes (limit 100,000)",
        ),
        (lambda path: path.mkdir(), ": expected a file, found a folder"),
        (lambda path: os.mkfifo(path), ": expected a file, found a named pipe"),
        (lambda path: path.symlink_to(path.parent / "gone.yaml"), ": broken symlink"),
        (lambda path: path.symlink_to(path), ": symlink loop"),
        (
            write_bytes(b"max_words: 300\nauthor: [a]\n"),
            ":2:9: setting 'author' must be text, not ['a']",
        ),
        (
            write_bytes(b"author: a\nauthor: b\n"),
            ":2:1: duplicate key 'author' (first given at line 1)",
        ),
    ],
    ids=[
        "aliases",
        "not-utf8",
        "too-large",
        "folder",
        "fifo",
        "broken",
        "loop",
        "line",
        "duplicate",
    ],
)
def test_a_bad_settings_file_is_one_line_naming_it(
    tmp_path: Path, make: Callable[[Path], object], message: str
) -> None:
    path = tmp_path / CONFIG_FILE
    make(path)
    with pytest.raises(DrafterError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == f"{path}{message}"


def test_an_empty_settings_file_means_the_defaults(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_text("# nothing set yet\n", encoding="utf-8")
    assert load_config(tmp_path) == Config()


def test_the_cli_says_what_is_wrong_with_the_settings_in_one_line(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_text(LAUGHS, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "facts", "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: {CONFIG_FILE}:1:14: YAML expands to over 200,000 values (aliases?)\n"
    )
