"""`drafter draft` and `drafter templates list`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.cli.options import (
    date_option,
    facts_dir_of,
    facts_option,
    templates_dir_of,
    templates_option,
    workspace,
)
from drafter.export import FORMATS

if TYPE_CHECKING:
    from drafter.question import Question


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [fmt for fmt in chosen if fmt not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"unknown format '{','.join(unknown)}' (choose from {', '.join(FORMATS)})"
        )
    return chosen


@click.command()
@click.argument("question", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--text", help="The question's text, instead of a file.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write <uin>.<format> files here. Default: Markdown to standard output.",
)
@click.option(
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    callback=_formats,
    help="Comma-separated formats to write with --out.",
)
@click.option(
    "--template", "template_id", help="Answer template id (see 'drafter templates list')."
)
@date_option("--as-of", help="Use statistics published by this date (YYYY-MM-DD).")
@click.option(
    "--reference-docx",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A department's Word template whose styles the .docx uses.",
)
@click.option("--force", is_flag=True, help="Overwrite existing drafts.")
@facts_option
@templates_option
def draft(
    question: Path | None,
    text: str | None,
    out_dir: Path | None,
    formats: tuple[str, ...],
    template_id: str | None,
    as_of: date | None,
    reference_docx: Path | None,
    force: bool,
    facts_dir: Path | None,
    templates_dir: Path | None,
) -> None:
    """Draft an answer to QUESTION, citing only facts from the fact base.

    QUESTION is a question .yaml, a Parliament API .json, a .txt, or - for standard input.
    A question Parliament has already answered is drafted as at its answer date.

    \b
    Example:
      drafter draft examples/37301.yaml --out drafts/
    """
    # Library imports wait until a command runs, so `drafter --help` starts fast.
    from drafter.build import build_draft
    from drafter.draft import write_markdown
    from drafter.export import export_all
    from drafter.facts.load import load_fact_base
    from drafter.render import load_templates

    parsed = _read_question(question, text)
    result = build_draft(
        parsed,
        load_fact_base(facts_dir_of(facts_dir)),
        load_templates(templates_dir_of(templates_dir)),
        template_id=template_id,
        today=date.today(),
        as_of=as_of,
        config=workspace(),
    )
    if out_dir is None:
        click.echo(write_markdown(result), nl=False)
        return
    for path in export_all(result, out_dir, formats, force=force, reference_docx=reference_docx):
        click.echo(f"wrote {path}", err=True)


def _read_question(path: Path | None, text: str | None) -> Question:
    from drafter.intake import question_from_text, read_question

    if text is not None and path is not None:
        raise click.UsageError("give QUESTION or --text, not both")
    if text is not None:
        return question_from_text(text, "--text")
    if path is None:
        raise click.UsageError("give a QUESTION file, - for standard input, or --text")
    intake = read_question(path)
    for warning in intake.warnings:
        click.echo(str(warning), err=True)
    return intake.question


@click.group("templates")
def templates_group() -> None:
    """Answer templates."""


@templates_group.command("list")
@templates_option
def list_templates(templates_dir: Path | None) -> None:
    """List the answer templates: id, type and title."""
    from drafter.render import load_templates

    templates = load_templates(templates_dir_of(templates_dir))
    for template in templates.templates.values():
        click.echo(f"{template.id}\t{template.type}\t{template.title}")
