"""What only a terminal is shown: colour (never under NO_COLOR) and progress on long work.

Piped or redirected output stays plain text: no colour codes, no progress lines.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

import click


def colour_wanted(choice: str, stream: TextIO) -> bool:
    """`--color` given as `always` or `never`; `auto` colours a terminal unless NO_COLOR is set.

    NO_COLOR (no-color.org): when present and not empty, no colour, whatever the terminal.
    """
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and not os.environ.get("NO_COLOR")


def terminal_progress(verb: str, what: str) -> Callable[[int], None] | None:
    """A counter that rewrites one line on a terminal's standard error; none when piped."""
    if not sys.stderr.isatty():
        return None

    def show(count: int) -> None:
        click.echo(f"\r{verb} {count:,} {what}...", err=True, nl=False)

    return show


def clear_progress() -> None:
    """Wipe a counter's line, so what follows starts on a clean line."""
    if sys.stderr.isatty():
        click.echo("\r\033[K", err=True, nl=False)


@contextmanager
def progress_bar(length: int, label: str) -> Iterator[Callable[[object], None]]:
    """A bar on a terminal's standard error, advanced once per call; nothing when piped."""
    if not length or not sys.stderr.isatty():
        yield lambda _item: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True) as bar:
        yield lambda _item: bar.update(1)
