"""Command line interface: parse, call the library, print. No drafting logic here.

Each command group lives in its own module and registers itself on `cli` below.
"""

from __future__ import annotations

import atexit
import gc
from typing import Any

import click

from drafter import __version__
from drafter.chars import terminal_safe
from drafter.errors import DrafterError


class _Group(click.Group):
    """Show expected failures as `Error: ...` (exit 1), never as a traceback."""

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
    cli()


def _register() -> None:
    # Imported here, after `cli` exists, so each command module stays a plain click module.
    from drafter.cli.archive import archive
    from drafter.cli.draft import draft, suggest, templates_group
    from drafter.cli.facts import facts_group
    from drafter.cli.harvest import harvest  # noqa: F401 (adds the harvest commands to facts)
    from drafter.cli.lifecycle import drafts_group, init
    from drafter.cli.review import check, diff, redraft
    from drafter.cli.serve import serve

    commands = (draft, suggest, redraft, diff, check, templates_group, facts_group, drafts_group)
    for command in (*commands, init, archive, serve):
        cli.add_command(command)


_register()
