"""Command line interface: parse, call the library, print. No drafting logic here.

Each command group lives in its own module and registers itself on `cli` below.
"""

from __future__ import annotations

from typing import Any

import click

from drafter import __version__
from drafter.cache import cache_off
from drafter.errors import DrafterError


class _Group(click.Group):
    """Show expected failures as `Error: ...` (exit 1), never as a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DrafterError as error:
            if error.details:
                click.echo(error.details, err=True)
            raise click.ClickException(str(error)) from error


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drafter")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read and write nothing in the cache folder (also: DRAFTER_NO_CACHE=1).",
)
@click.pass_context
def cli(context: click.Context, no_cache: bool) -> None:
    """Draft answers to Parliamentary Written Questions from a YAML base of cited facts."""
    if no_cache:
        context.with_resource(cache_off())


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
