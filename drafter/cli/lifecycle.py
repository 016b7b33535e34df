"""`drafter drafts outdated` and `drafter init`: after an update, and before the first one."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.cli.options import EXISTING_DIR, echo_json, facts_dir_of, facts_option, format_option


@click.group("drafts")
def drafts_group() -> None:
    """Drafts in a folder, against the fact base."""


@drafts_group.command("outdated")
@click.argument("directory", metavar="DIR", type=EXISTING_DIR)
@facts_option
@format_option("text", "json")
def outdated(directory: Path, facts_dir: Path | None, output_format: str) -> None:
    """List the drafts that the fact base has overtaken.

    Each outdated draft in DIR (and its subfolders) is listed with the reason.

    A draft is outdated when a fact it used is gone, has changed, or has a newer
    period than the one it used. Exit status 1 when any draft is outdated.
    """
    from drafter.facts.load import load_fact_base
    from drafter.outdated import find_outdated

    report = find_outdated(directory, load_fact_base(facts_dir_of(facts_dir)))
    if output_format == "json":
        rows = [
            {"path": str(use.path), "fact": use.fact, "reason": use.reason}
            for use in report.outdated
        ]
        echo_json(rows)
    for use in report.outdated if output_format == "text" else ():
        click.echo(f"{use.path}: {use.fact}: {use.reason}")
    count = len(report.outdated_drafts)
    click.echo(f"{count} of {len(report.drafts)} draft(s) outdated", err=True)
    if count:
        click.get_current_context().exit(1)


@click.command("init")
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Write the starter files into a non-empty folder.")
def init(directory: Path, force: bool) -> None:
    """Start a new workspace in DIR.

    Writes drafter.yaml, an example fact base, block and questions, and the answer forms
    (holding, referral, cost refusal, not held centrally, I will write, correction), which
    pass `facts check` and draft, every answer type, as they are.

    \b
    Example:
      drafter init pq-workspace && cd pq-workspace && drafter facts check
    """
    from drafter.scaffold import scaffold

    for path in scaffold(directory, force=force):
        click.echo(f"created {path}", err=True)
    click.echo(
        f"Next:\n  cd {directory}\n  drafter facts check\n  drafter draft questions/example.yaml"
    )
