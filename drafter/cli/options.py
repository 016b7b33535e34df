"""Options shared by several commands, with defaults from drafter.yaml."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from drafter.chars import terminal_safe
from drafter.config import Config, load_config
from drafter.export_formats import FORMATS

F = TypeVar("F", bound=Callable[..., Any])
EXISTING_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


def workspace() -> Config:
    """The current directory's settings (drafter.yaml), read once per command."""
    context = click.get_current_context()
    root = context.find_root()
    if not isinstance(root.obj, Config):
        root.obj = load_config()
    return root.obj


def _folder_option(setting: str, what: str) -> Callable[[F], F]:
    """`--<setting> DIR`, a folder defaulting to the workspace's setting of that name."""
    return click.option(
        f"--{setting}",
        f"{setting}_dir",
        type=EXISTING_DIR,
        default=None,
        help=f"{what} folder. Default: '{setting}' in drafter.yaml, else ./{setting}.",
    )


facts_option = _folder_option("facts", "Fact base")
templates_option = _folder_option("templates", "Templates")


def facts_dir_of(given: Path | None) -> Path:
    """The fact base folder: the option, else the workspace setting."""
    return given or workspace().facts


def templates_dir_of(given: Path | None) -> Path:
    """The templates folder: the option, else the workspace setting."""
    return given or workspace().templates


def parse_date(_ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """Click callback: an ISO date, or a usage error naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)", param=param) from None


def parse_formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    """Click callback: comma-separated export formats (FORMATS), each once."""
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [fmt for fmt in chosen if fmt not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"unknown format '{','.join(unknown)}' (choose from {', '.join(FORMATS)})"
        )
    return chosen


def date_option(*names: str, help: str) -> Callable[[F], F]:
    """An option taking an ISO date, e.g. `--as-of 2025-03-31`."""
    return click.option(*names, metavar="DATE", callback=parse_date, help=help)


def format_option(*choices: str) -> Callable[[F], F]:
    """`--format`, the first of `choices` by default: text for people, json for scripts."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def echo_json(rows: object) -> None:
    """Print rows as indented JSON, for scripts (json loads only when asked for)."""
    import json

    echo_content(json.dumps(rows, indent=2, ensure_ascii=False))


def echo_content(text: str, *, nl: bool = True, err: bool = False) -> None:
    """Print text that holds content from drafts, facts or the archive.

    On a terminal, control characters from the content are dropped, so a draft cannot move
    the cursor, retitle the window or recolour the screen; piped, it goes out byte for byte.
    """
    if (sys.stderr if err else sys.stdout).isatty():
        text = terminal_safe(text)
    click.echo(text, nl=nl, err=err)
