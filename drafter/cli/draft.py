"""`drafter draft`, `drafter suggest` and `drafter templates list`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.cli.archive import db_option
from drafter.cli.options import (
    date_option,
    echo_content,
    echo_json,
    facts_dir_of,
    facts_option,
    format_option,
    parse_formats,
    templates_dir_of,
    templates_option,
    workspace,
)
from drafter.export_formats import FORMATS

if TYPE_CHECKING:
    from drafter.question import Question


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
    callback=parse_formats,
    help="Comma-separated formats to write with --out; without --out, the one to print.",
)
@click.option(
    "--template", "template_id", help="Answer template id (see 'drafter templates list')."
)
@click.option(
    "--type",
    "answer_type",
    metavar="TYPE",
    help="Answer type: substantive (default), grouped, holding, referral, "
    "disproportionate-cost, not-held-centrally, will-write or correction.",
)
@click.option("--include", multiple=True, metavar="FACT", help="Add a paragraph stating this fact.")
@click.option(
    "--include-block",
    multiple=True,
    metavar="NAME",
    help="Add this block's paragraph to a composed answer (see 'drafter suggest').",
)
@click.option(
    "--exclude", multiple=True, metavar="FACT", help="Leave out every paragraph reading this fact."
)
@click.option(
    "--refer-to",
    metavar="UIN[@DATE]",
    help="Refer to this earlier question (and the date it was tabled) from the archive; "
    "implies --type referral.",
)
@click.option(
    "--include-drafts",
    is_flag=True,
    help="Let imported drafts (not answers given in Parliament) be referred to or offered.",
)
@click.option(
    "--original",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="For a correction: the original answer (a draft or a text file).",
)
@db_option
@date_option(
    "--as-of",
    help="Draft as at this date (YYYY-MM-DD): statistics published and values in force by then.",
)
@click.option(
    "--reference-docx",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A department's Word template whose styles the .docx uses.",
)
@click.option("--dated", is_flag=True, help="Stamp the draft with today's date.")
@click.option("--force", is_flag=True, help="Overwrite existing drafts.")
@facts_option
@templates_option
def draft(
    question: Path | None,
    text: str | None,
    out_dir: Path | None,
    formats: tuple[str, ...],
    template_id: str | None,
    answer_type: str | None,
    include: tuple[str, ...],
    include_block: tuple[str, ...],
    exclude: tuple[str, ...],
    refer_to: str | None,
    include_drafts: bool,
    original: Path | None,
    db: Path | None,
    as_of: date | None,
    reference_docx: Path | None,
    dated: bool,
    force: bool,
    facts_dir: Path | None,
    templates_dir: Path | None,
) -> None:
    """Draft an answer to QUESTION, citing only facts from the fact base.

    QUESTION is a question .yaml, a Parliament API .json, a .txt, or - for standard input.
    A question Parliament has already answered is drafted as at its answer date.

    Without --template, the answer is composed part by part: each part of the question gets
    the blocks that answer it, and a part that none answers gets a '[To complete: ...]'
    marker (see 'drafter suggest'). A question no block answers at all is not drafted.
    An unanswered question more than four weeks past its date for answer is drafted as at
    that date; --as-of overrides.

    \b
    Examples:
      drafter draft examples/37301.yaml --out drafts/
      drafter draft examples/holding-named-day.yaml --type holding
      drafter draft examples/37301.yaml --exclude barred-list.unlawful-access
    """
    # Library imports wait until a command runs, so `drafter --help` starts fast.
    from drafter.answer_types import from_archive, with_original
    from drafter.build import build_draft
    from drafter.export import export_all, render_draft
    from drafter.facts.load import load_fact_base
    from drafter.fit import OFF_TOPIC
    from drafter.precedents import precedents_in
    from drafter.render import load_templates

    printed = _printed_format(formats) if out_dir is None else ""  # refused before any work
    parsed = _read_question(question, text)
    if original is not None:
        parsed = with_original(parsed, original)
    answer_type = answer_type or ("referral" if refer_to else None)
    archive = db or workspace().archive
    earlier, related = from_archive(
        archive, parsed, answer_type, refer_to, include_drafts=include_drafts
    )
    base = load_fact_base(facts_dir_of(facts_dir))
    result = build_draft(
        parsed,
        base,
        load_templates(templates_dir_of(templates_dir)),
        template_id=template_id,
        answer_type=answer_type,
        include=include,
        include_blocks=include_block,
        exclude=exclude,
        earlier=earlier,
        related=related,
        precedents=precedents_in(archive, parsed),
        today=date.today(),
        as_of=as_of,
        dated=dated,
        config=workspace(),
    )
    if archive.is_file():  # else there is nothing to compare with, and no need to load how
        from drafter.harvest.consistency import with_earlier_answers

        result = with_earlier_answers(result, base, archive)
    for note in result.background:
        if note.startswith(OFF_TOPIC):
            click.echo(f"warning: {note.removeprefix(OFF_TOPIC)}", err=True)
    if out_dir is None:
        echo_content(render_draft(result, printed).decode("utf-8"), nl=False)
        return
    written = export_all(
        result,
        out_dir,
        formats,
        force=force,
        reference_docx=reference_docx,
        author=workspace().author,
    )
    for path in written:
        click.echo(f"wrote {path}", err=True)


def _printed_format(formats: tuple[str, ...]) -> str:
    """The one format to print without --out: Markdown unless --format names another."""
    context = click.get_current_context()
    if context.get_parameter_source("formats") is click.core.ParameterSource.DEFAULT:
        return "md"
    if len(formats) > 1:
        raise click.UsageError("without --out, --format takes one format to print")
    if formats[0] == "docx":
        raise click.UsageError("a .docx cannot be printed: write it with --out DIR")
    return formats[0]


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


@click.command()
@click.argument("question", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--text", help="The question's text, instead of a file.")
@click.option(
    "--limit", default=5, show_default=True, type=click.IntRange(min=1), help="Rows of each kind."
)
@format_option("text", "json")
@date_option("--as-of", help="Compose as at this date (YYYY-MM-DD), as 'draft --as-of' does.")
@facts_option
@templates_option
def suggest(
    question: Path | None,
    text: str | None,
    limit: int,
    output_format: str,
    as_of: date | None,
    facts_dir: Path | None,
    templates_dir: Path | None,
) -> None:
    """Show, for each part of QUESTION, the blocks that could answer it and which 'draft' takes.

    QUESTION is a file as for 'drafter draft', or - for standard input; --text also works.
    Each candidate block shows its fit (BM25 over its declared questions and its facts' words,
    raised when it serves the part's intent), the share of the part's words it covers, its
    intents, the words that matched, and the verdict. The facts nearest the whole question
    follow, for --include.
    """
    from drafter.composed import drafting_date_of
    from drafter.facts.load import load_fact_base
    from drafter.render import load_templates
    from drafter.suggest import format_suggestions, suggestions_json
    from drafter.suggest import suggest as explain

    parsed = _read_question(question, text)
    found = explain(
        parsed,
        load_fact_base(facts_dir_of(facts_dir)),
        load_templates(templates_dir_of(templates_dir)),
        as_of=as_of or drafting_date_of(parsed, date.today()),
        threshold=workspace().compose_threshold,
        limit=limit,
    )
    report = format_suggestions(found) if output_format == "text" else suggestions_json(found)
    click.echo(report, nl=False)


@click.group("templates")
def templates_group() -> None:
    """Answer templates."""


@templates_group.command("list")
@templates_option
@format_option("text", "json")
def list_templates(templates_dir: Path | None, output_format: str) -> None:
    """List the answer templates: id, type and title."""
    from drafter.render import load_templates

    templates = load_templates(templates_dir_of(templates_dir)).templates.values()
    if output_format == "json":
        rows = [{"id": t.id, "type": t.type, "title": t.title} for t in templates]
        echo_json(rows)
        return
    for template in templates:
        click.echo(f"{template.id}\t{template.type}\t{template.title}")
