"""Command line interface: parse, call the library, print. No drafting logic here.

Each command or group lives in its own module, loaded when it is run (or listed, for help or
completion), so a command imports no other command's code.
"""

from __future__ import annotations

import atexit
import gc
import importlib
from typing import Any

import click

from drafter import __version__
from drafter.chars import terminal_safe
from drafter.errors import DrafterError

_GC_THRESHOLD = 10_000
"""Allocations between the collector's young passes while drafter runs as a program."""
_COMMANDS = {
    "archive": ("drafter.cli.archive", "archive"),
    "check": ("drafter.cli.review", "check"),
    "diff": ("drafter.cli.review", "diff"),
    "draft": ("drafter.cli.draft", "draft"),
    "drafts": ("drafter.cli.lifecycle", "drafts_group"),
    "facts": ("drafter.cli.harvest", "facts_group"),  # harvest adds its commands to the group
    "init": ("drafter.cli.lifecycle", "init"),
    "redraft": ("drafter.cli.review", "redraft"),
    "serve": ("drafter.cli.serve", "serve"),
    "suggest": ("drafter.cli.draft", "suggest"),
    "templates": ("drafter.cli.draft", "templates_group"),
}
"""Each command's module and name there."""


class _Group(click.Group):
    """Load each command when it is asked for; show expected failures as `Error: ...` (exit 1).

    A failure the user can act on never shows as a traceback.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, sorted (as click lists them), loaded or not."""
        return sorted({*super().list_commands(ctx), *_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """The command, its module imported the first time it is asked for."""
        if name in _COMMANDS and name not in self.commands:
            module, attribute = _COMMANDS[name]
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DrafterError as error:
            # Messages quote what they found, and what they found may hold escape sequences.
            if error.details:
                click.echo(terminal_safe(error.details), err=True)
            raise click.ClickException(terminal_safe(str(error))) from error


def _no_cache(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        from drafter.cache import caching_off

        ctx.with_resource(caching_off())


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drafter")
@click.option(
    "--no-cache",
    is_flag=True,
    expose_value=False,
    callback=_no_cache,
    help="Neither read nor write drafter's cache folder (also: DRAFTER_NO_CACHE=1).",
)
def cli() -> None:
    """Draft answers to Parliamentary Written Questions from a YAML base of cited facts."""


def main() -> None:
    """Run the command line as a program: the `drafter` script and `python -m drafter`."""
    # As the interpreter exits, the collector passes over every object left (about 30,000
    # after a draft, ~20 ms) to free memory the system takes back whole anyway. Frozen, they
    # are skipped; files are closed and output flushed as before.
    atexit.register(gc.freeze)
    # A command's imports make tens of thousands of objects that live as long as the
    # process; at the default threshold (700) the collector passes over them again every 700
    # allocations, about a tenth of a draft's CPU. A higher threshold still collects cycles.
    gc.set_threshold(_GC_THRESHOLD, 10, 10)
    cli()
