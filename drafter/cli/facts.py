"""`drafter facts ...`: the fact base and its yearly upkeep."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.cli.options import (
    EXISTING_DIR,
    date_option,
    echo_content,
    echo_json,
    facts_dir_of,
    facts_option,
    format_option,
    parse_date,
    templates_option,
    workspace,
)

if TYPE_CHECKING:
    from drafter.facts.edit import Edit

# Library modules that read YAML or Jinja are imported inside the commands that use them,
# so `drafter --help` stays fast (tests/test_cli_draft.py guards it).


@click.group("facts")
def facts_group() -> None:
    """Check, list and update the fact base."""


@facts_group.command("list")
@facts_option
@format_option("text", "json")
def list_facts(facts_dir: Path | None, output_format: str) -> None:
    """List every fact: id, kind, latest period or first words, and source."""
    from drafter.facts.load import load_fact_base

    base = load_fact_base(facts_dir_of(facts_dir))
    rows = [
        {
            "id": fact.id,
            "kind": fact.kind,
            "latest": fact.latest().period if fact.values else "",
            "text": fact.text,
            "source": fact.source,
            "review_by": fact.review_by.isoformat(),
            "verified": fact.verified,
        }
        for fact in sorted(base.facts.values(), key=lambda item: item.id)
    ]
    if output_format == "json":
        echo_json(rows)
        return
    for row in rows:
        summary = row["latest"] or " ".join(str(row["text"]).split()[:8]) + " ..."
        echo_content(f"{row['id']}\t{row['kind']}\t{summary}\t{row['source']}")


@facts_group.command("check")
@facts_option
@templates_option
@format_option("text", "json")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(
    facts_dir: Path | None, templates_dir: Path | None, output_format: str, strict: bool
) -> None:
    """Check the fact base and report every problem.

    Problems are listed sorted, then counted. Blocks in the templates folder that read
    a fact the base lacks are errors too. Exit status 1 when there is an error (with
    --strict, also a warning).
    """
    from drafter.facts import report
    from drafter.usage import check_with_templates

    folder = facts_dir_of(facts_dir)
    templates = templates_dir or _existing(workspace().templates)
    problems = check_with_templates(folder, templates)
    if output_format == "json":
        click.echo(
            report.to_json([report.problem_record(problem) for problem in problems]), nl=False
        )
    else:
        for problem in problems:
            click.echo(str(problem), err=True)
    summary = report.problem_summary(problems, str(folder))
    if any(problem.severity == "error" or strict for problem in problems):
        raise click.ClickException(summary)
    click.echo(summary, err=True)


@facts_group.command("stale")
@facts_option
@date_option("--on", "on", help="The day to check for (YYYY-MM-DD). Default: today.")
@format_option("table", "json")
def stale(facts_dir: Path | None, on: date | None, output_format: str) -> None:
    """List what needs attention, most overdue first.

    Facts past their review_by date, sources not checked within source_check_days
    (drafter.yaml, default 365), and statistics whose next period should be out.
    Exit status 1 when anything is stale, 0 when nothing is.
    """
    from drafter.facts import report
    from drafter.facts.load import load_fact_base
    from drafter.facts.stale import find_stale

    day = on or date.today()
    items = find_stale(load_fact_base(facts_dir_of(facts_dir)), day, workspace().source_check_days)
    if output_format == "json":
        echo_content(report.to_json(report.stale_records(items)), nl=False)
    elif items:
        echo_content(report.stale_table(items), nl=False)
    click.echo(f"{len(items)} stale item(s) on {day.isoformat()}", err=True)
    if items:
        click.get_current_context().exit(1)


@facts_group.command("add-period")
@click.argument("fact_id", metavar="FACT")
@click.argument("period")
@click.option("--value", "pairs", multiple=True, metavar="KEY=NUMBER", help="A breakdown figure.")
@click.option("--total", metavar="NUMBER", help="The period's single figure.")
@click.option("--source", "source_id", required=True, help="The edition that published it.")
@click.option("--notes", default="", help="For the background note; never in the answer.")
@click.option("--unverified", is_flag=True, help="Not checked against the publication yet.")
@click.option("--replace", is_flag=True, help="Overwrite the period if it is already there.")
@click.option("--allow-partial", is_flag=True, help="Allow fewer or other breakdown keys.")
@facts_option
def add_period_command(
    fact_id: str,
    period: str,
    pairs: tuple[str, ...],
    total: str | None,
    source_id: str,
    notes: str,
    unverified: bool,
    replace: bool,
    allow_partial: bool,
    facts_dir: Path | None,
) -> None:
    """Add a period's figures to a statistic.

    Adds PERIOD to the statistic FACT, keeping every earlier period. Only the new
    lines are written: comments, order, quoting and line endings stay as they were.
    The breakdown keys must match the fact's full breakdown (the keys of all its
    periods) unless --allow-partial.

    \b
    Example:
      drafter facts add-period barred-list.unlawful-access 2024/25 \\
        --value "police officers=82" --source barred-list-2024-25 --allow-partial
    """
    from drafter.facts.edit import add_period, parse_figures
    from drafter.facts.model import PeriodValue

    value, breakdown = parse_figures(pairs, total)
    figures = PeriodValue(period, value, breakdown, source_id, not unverified, notes)
    folder = facts_dir_of(facts_dir)
    _report(add_period(folder, fact_id, figures, replace=replace, allow_partial=allow_partial))


@facts_group.command("set-review")
@click.argument("fact_id", metavar="FACT")
@click.argument("review_by", metavar="DATE", callback=parse_date)
@facts_option
def set_review_command(fact_id: str, review_by: date, facts_dir: Path | None) -> None:
    """Move a fact's review date.

    Sets FACT's review_by to DATE (YYYY-MM-DD), changing only that line.
    """
    from drafter.facts.edit import set_review

    _report(set_review(facts_dir_of(facts_dir), fact_id, review_by))


@facts_group.command("checked")
@click.argument("source_id", metavar="SOURCE")
@date_option("--on", "on", help="When it was checked (YYYY-MM-DD). Default: today.")
@facts_option
def checked_command(source_id: str, on: date | None, facts_dir: Path | None) -> None:
    """Record that a source was checked.

    Sets SOURCE's `checked` date: someone confirmed its link and content.
    """
    from drafter.facts.edit import mark_checked

    _report(mark_checked(facts_dir_of(facts_dir), source_id, on or date.today()))


def _report(edit: Edit) -> None:
    echo_content(edit.unified_diff(), nl=False)
    click.echo(f"{edit.path}: {edit.summary}", err=True)


@facts_group.command("diff")
@click.argument("old")
@click.argument("new", required=False)
@facts_option
@format_option("text", "md", "json")
def diff(old: str, new: str | None, facts_dir: Path | None, output_format: str) -> None:
    """Show what changed in the fact base from OLD to NEW.

    OLD and NEW are folders or git revisions of the fact base folder; NEW defaults to
    the folder as it is now. Statistics are compared period by period, text word by word.
    Exit status 1 when they differ, 0 when they do not (like diff(1), but saying
    "no differences").

    \b
    Example:
      drafter facts diff HEAD~1
      drafter facts diff HEAD~1 --format md > changes.md
    """
    from drafter.facts import report
    from drafter.facts.revision import diff_versions

    result = diff_versions(old, new, facts_dir_of(facts_dir))
    if output_format == "json":
        echo_content(report.to_json(report.diff_records(result)), nl=False)
    else:
        echo_content(
            (report.diff_markdown if output_format == "md" else report.diff_text)(result), nl=False
        )
    if result.items:
        click.get_current_context().exit(1)


@facts_group.command("where-used")
@click.argument("fact_id", metavar="FACT")
@facts_option
@templates_option
@click.option("--drafts", "drafts_dir", type=EXISTING_DIR, help="Drafts folder to search.")
@format_option("text", "json")
def where_used_command(
    fact_id: str,
    facts_dir: Path | None,
    templates_dir: Path | None,
    drafts_dir: Path | None,
    output_format: str,
) -> None:
    """List the template blocks and drafts that use a fact.

    Blocks count when their syntax tree calls fact("FACT"); drafts when their front
    matter records it. FACT must be in the fact base.

    Drafts default to the 'drafts' folder of drafter.yaml, when it exists.
    Exit status 1 when nothing uses it, or FACT is unknown.
    """
    from drafter.usage import where_used

    templates = templates_dir or _existing(workspace().templates)
    drafts = drafts_dir or _existing(workspace().drafts)
    uses = where_used(fact_id, facts_dir_of(facts_dir), templates, drafts)
    if output_format == "json":
        rows = [{"location": str(use.location), "what": use.what} for use in uses]
        echo_json(rows)
    for use in uses if output_format == "text" else ():
        click.echo(f"{use.location}: {use.what}")
    if not uses:
        click.echo(f"fact '{fact_id}' is not used by any template block or draft", err=True)
        click.get_current_context().exit(1)


def _existing(folder: Path) -> Path | None:
    return folder if folder.is_dir() else None
