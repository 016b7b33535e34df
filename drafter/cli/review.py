"""`drafter diff`, `drafter check` and `drafter redraft`: reviewing drafts.

The review library is imported when a command runs, so `drafter --help` stays fast.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.cli.options import (
    date_option,
    echo_content,
    facts_dir_of,
    facts_option,
    parse_formats,
    templates_dir_of,
    templates_option,
    workspace,
)
from drafter.cli.terminal import colour_wanted, progress_bar
from drafter.errors import DrafterError
from drafter.output import refuse_existing, write_atomic
from drafter.review import FORMATS

if TYPE_CHECKING:
    from drafter.review.redraft import Outputs

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
    colored = output is None and colour_wanted(color, sys.stdout)
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
@click.argument("path", metavar="DRAFT|DIR", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write DIR/<uin>.md (a folder's subfolders kept). Default: <uin>-<today>.md beside "
    "each old draft.",
)
@click.option(
    "--format",
    "formats",
    default="md",
    show_default=True,
    callback=parse_formats,
    help="Comma-separated formats to write, e.g. md,docx.",
)
@click.option(
    "--all", "every", is_flag=True, help="With DIR: redraft every draft, not only outdated ones."
)
@click.option(
    "--reference-docx",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A department's Word template whose styles a .docx uses.",
)
@click.option("--force", is_flag=True, help="Overwrite the new drafts' files if they exist.")
@facts_option
@templates_option
@_COLOR
def redraft(
    path: Path,
    out_dir: Path | None,
    formats: tuple[str, ...],
    every: bool,
    reference_docx: Path | None,
    force: bool,
    facts_dir: Path | None,
    templates_dir: Path | None,
    color: str,
) -> None:
    """Draft DRAFT's question again on today's facts, and show what changed.

    Given a folder DIR, redraft every outdated draft in it and its subfolders (see
    'drafter drafts outdated') in one run: the files written are listed on standard output,
    each draft that cannot be redrafted gets one line on standard error, and the exit
    status is 1 if any could not. Nothing is written if any new file exists already,
    unless --force.

    \b
    Examples:
      drafter redraft drafts/37301.md --out drafts/2026/
      drafter redraft drafts/ --out drafts/2026/ --format md,docx
    """  # noqa: D301 (click's \b marker is a real backspace)
    from drafter.review.redraft import Outputs

    outputs = Outputs(formats, reference_docx, workspace().author)
    folders = (facts_dir_of(facts_dir), templates_dir_of(templates_dir))
    if path.is_dir():
        _redraft_folder(path, out_dir, outputs, force, every, folders)
        return
    if every:
        raise click.UsageError("--all redrafts a folder: give DIR, not a draft")
    _redraft_one(path, out_dir, outputs, force, folders, color)


def _redraft_one(
    path: Path,
    out_dir: Path | None,
    outputs: Outputs,
    force: bool,
    folders: tuple[Path, Path],
    color: str,
) -> None:
    from drafter.review import redraft_draft
    from drafter.review.render_terminal import render_terminal

    result = redraft_draft(
        path,
        facts_dir=folders[0],
        templates_dir=folders[1],
        today=date.today(),
        out_dir=out_dir,
        force=force,
        config=workspace(),
        outputs=outputs,
    )
    for written in result.paths:
        click.echo(f"wrote {written}", err=True)
    colored = colour_wanted(color, sys.stdout)
    click.echo(render_terminal(result.diff, color=colored), nl=False, color=colored)


def _redraft_folder(
    directory: Path,
    out_dir: Path | None,
    outputs: Outputs,
    force: bool,
    every: bool,
    folders: tuple[Path, Path],
) -> None:
    from drafter.facts.load import load_fact_base
    from drafter.render import load_templates
    from drafter.review.batch import plan_batch, run_batch

    today = date.today()
    base = load_fact_base(folders[0])
    batch = plan_batch(
        directory, base, today=today, out_dir=out_dir, outputs=outputs, force=force, every=every
    )
    templates = load_templates(folders[1])
    with progress_bar(len(batch.jobs), "Redrafting") as advance:
        report = run_batch(
            batch,
            base,
            templates,
            today=today,
            config=workspace(),
            outputs=outputs,
            force=force,
            done=advance,
        )
    for files in report.written:
        click.echo("\n".join(str(file) for file in files))
    for line in report.failed:
        click.echo(line, err=True)
    chosen = len(batch.jobs) + len(batch.refused)
    what = "draft(s)" if every else "outdated draft(s)"
    summary = f"redrafted {len(report.written)} of {chosen} {what} in {directory}/"
    summary += f" ({report.drafts} draft(s) read)"
    if report.failed:
        raise click.ClickException(f"{summary}; {len(report.failed)} could not be redrafted")
    click.echo(summary, err=True)
