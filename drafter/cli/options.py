"""Options shared by several commands, with defaults from drafter.yaml."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from drafter.config import Config, load_config

F = TypeVar("F", bound=Callable[..., Any])
EXISTING_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


def workspace() -> Config:
    """The current directory's settings (drafter.yaml), read once per command."""
    context = click.get_current_context()
    root = context.find_root()
    if not isinstance(root.obj, Config):
        root.obj = load_config()
    return root.obj


def facts_option(function: F) -> F:
    """`--facts DIR`: the fact base folder (default from drafter.yaml, else ./facts)."""
    return click.option(
        "--facts",
        "facts_dir",
        type=EXISTING_DIR,
        default=None,
        help="Fact base folder. Default: 'facts' in drafter.yaml, else ./facts.",
    )(function)


def templates_option(function: F) -> F:
    """`--templates DIR`: the answer templates folder (default from drafter.yaml)."""
    return click.option(
        "--templates",
        "templates_dir",
        type=EXISTING_DIR,
        default=None,
        help="Templates folder. Default: 'templates' in drafter.yaml, else ./templates.",
    )(function)


def facts_dir_of(given: Path | None) -> Path:
    """The fact base folder: the option, else the workspace setting."""
    return given or workspace().facts


def templates_dir_of(given: Path | None) -> Path:
    """The templates folder: the option, else the workspace setting."""
    return given or workspace().templates


class DateType(click.ParamType):
    """An ISO date on the command line."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        """Parse YYYY-MM-DD, or fail with click's usage error."""
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date (YYYY-MM-DD)", param, ctx)


DATE = DateType()
