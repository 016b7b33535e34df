"""`drafter diff`, `drafter check` and `drafter redraft`: reviewing drafts.

The review library is imported when a command runs, so `drafter --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

import click

from drafter.cli.options import (
    date_option,
    echo_content,
    facts_dir_of,
    facts_option,
    templates_dir_of,
    templates_option,
    workspace,
)
from drafter.errors import DrafterError
from drafter.output import refuse_existing, write_atomic
from drafter.review import FORMATS

DRAFT_FILE = click.Path(dir_okay=False, path_type=Path)
_COLOR = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the terminal diff (auto: on a terminal, unless NO_COLOR is set).",
)


@click.command()
@click.argument("old", type=DRAFT_FILE)
@click.argument("new", type=DRAFT_FILE)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True)
@click.option("-o", "--output", type=DRAFT_FILE, help="Write here instead of standard output.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option("--author", help="Author of Word tracked changes. Default: 'author' in drafter.yaml.")
@date_option("--date", help="Date of Word tracked changes (YYYY-MM-DD). Default: now.")
@click.option(
    "--reproducible",
    is_flag=True,
    help="Date Word tracked changes 2000-01-01, so the same drafts give the same bytes.",
)
@_COLOR
def diff(
    old: Path,
    new: Path,
    fmt: str,
    output: Path | None,
    force: bool,
    author: str | None,
    date: date | None,
    reproducible: bool,
    color: str,
) -> None:
    """Show what changed from OLD to NEW: facts first, then words.

    Exit 0 if they are the same, 1 if they differ, 2 if either cannot be read (as diff(1)).
    Each of OLD and NEW may be a drafter .md, a .docx (tracked changes accepted), a .txt or
    an .html answer.

    \b
    Example:
      drafter diff drafts/37301-2024.md drafts/37301-2025.md
      drafter diff old.md edited.docx --format docx -o review.docx
    """
    from drafter.review.render_docx import FIXED_DATE

    if fmt == "docx" and output is None:
        raise click.UsageError("--format docx writes a file: give -o FILE")
    if date is not None:
        when = datetime.combine(date, time(), tzinfo=UTC)
    else:
        when = FIXED_DATE if reproducible else datetime.now(UTC).replace(microsecond=0)
    try:
        identical = _diff(old, new, fmt, output, force, author or workspace().author, when, color)
    except DrafterError as error:
        raise _Trouble(str(error)) from error
    click.get_current_context().exit(0 if identical else 1)


class _Trouble(click.ClickException):
    """A diff that could not be made: exit 2, since 1 means the drafts differ."""

    exit_code = 2


def _diff(
    old: Path,
    new: Path,
    fmt: str,
    output: Path | None,
    force: bool,
    author: str,
    when: datetime,
    color: str,
) -> bool:
    """Write the diff; True when the drafts are the same."""
    from drafter.review import diff_drafts, read_side, render_diff

    if output is not None:
        refuse_existing(output, force)
    result = diff_drafts(read_side(old), read_side(new))
    colored = output is None and _use_color(color)
    data = render_diff(result, fmt, color=colored, author=author, date=when)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False, color=colored)
    else:
        write_atomic(output, data, force=force)
        click.echo(f"wrote {output}" + (" (no differences)" if result.identical else ""), err=True)
    return result.identical


@click.command()
@click.argument("draft_path", metavar="DRAFT", type=DRAFT_FILE)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@date_option("--on", "on", help="Check reviews and editions due as on this date (default today).")
@facts_option
def check(draft_path: Path, fmt: str, on: date | None, facts_dir: Path | None) -> None:
    """Check DRAFT: stale or unsourced facts, stray links, placeholders, house style.

    Review dates, latest periods and overdue editions are checked against the fact base
    when there is one. Exit 1 if any error is found.
    """
    from drafter.facts.load import load_fact_base
    from drafter.review import check_draft, has_errors, read_side
    from drafter.review.check import findings_json, format_findings

    directory = facts_dir_of(facts_dir)
    base = load_fact_base(directory) if directory.is_dir() else None
    findings = check_draft(
        read_side(draft_path), today=on or date.today(), base=base, max_words=workspace().max_words
    )
    report = findings_json if fmt == "json" else format_findings
    echo_content(report(findings, str(draft_path)), nl=False)
    click.get_current_context().exit(1 if has_errors(findings) else 0)


@click.command()
@click.argument("draft_path", metavar="DRAFT", type=DRAFT_FILE)
@click.option(
    "--out",
    "out_dir",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write DIR/<uin>.md. Default: <uin>-<today>.md beside DRAFT.",
)
@click.option("--force", is_flag=True, help="Overwrite the new draft's file if it exists.")
@facts_option
@templates_option
@_COLOR
def redraft(
    draft_path: Path,
    out_dir: Path | None,
    force: bool,
    facts_dir: Path | None,
    templates_dir: Path | None,
    color: str,
) -> None:
    """Draft DRAFT's question again on today's facts, and show what changed.

    \b
    Example:
      drafter redraft drafts/37301.md --out drafts/2026/
    """
    from drafter.review import redraft_draft
    from drafter.review.render_terminal import render_terminal

    result = redraft_draft(
        draft_path,
        facts_dir=facts_dir_of(facts_dir),
        templates_dir=templates_dir_of(templates_dir),
        today=date.today(),
        out_dir=out_dir,
        force=force,
        config=workspace(),
    )
    click.echo(f"wrote {result.path}", err=True)
    colored = _use_color(color)
    click.echo(render_terminal(result.diff, color=colored), nl=False, color=colored)


def _use_color(choice: str) -> bool:
    """`auto` colours only a terminal, and never when NO_COLOR is set (no-color.org)."""
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
