"""`drafter facts harvest | candidates | accept | reject`: grow the fact base from earlier answers.

Registered on the `facts` group. The archive and YAML libraries load when a command runs.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from drafter.cli.archive import db_option
from drafter.cli.facts import facts_group
from drafter.cli.options import date_option, echo_content, format_option, workspace
from drafter.cli.terminal import clear_progress, terminal_progress

CANDIDATES = click.Path(exists=True, dir_okay=False, path_type=Path)


@facts_group.command("harvest")
@click.argument("query")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The candidates file to write (a fact file).",
)
@click.option("--body", default="", help="Answering body (part of its name, any case).")
@click.option(
    "--house", type=click.Choice(["Commons", "Lords"], case_sensitive=False), help="One House only."
)
@date_option("--since", help="Tabled on or after this date.")
@date_option("--until", help="Tabled on or before this date.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Most answers to read, best matching first.",
)
@click.option(
    "--min-answers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Propose only lines said in at least this many answers.",
)
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@db_option
def harvest(
    query: str,
    out: Path,
    body: str,
    house: str | None,
    since: date | None,
    until: date | None,
    limit: int,
    min_answers: int,
    force: bool,
    db: Path | None,
) -> None:
    """Propose facts from earlier answers matching QUERY.

    Finds the answers best matching QUERY (as `archive search`), splits them into
    statements, groups statements that say the same thing (word-bigram Jaccard at least
    0.5) and writes one candidate fact per group to --out, citing the answers that said
    it. Candidates rejected before (beside --out) are not proposed again.

    \b
    Example:
      drafter facts harvest "police vetting" --body "Home Office" \\
        --since 2023-01-01 --out facts/candidates/vetting.yaml
    """  # noqa: D301 (click's \b marker is a real backspace)
    from drafter.archive import SearchFilters, open_archive
    from drafter.harvest.files import candidates_yaml, read_rejections
    from drafter.harvest.run import harvest_archive
    from drafter.output import refuse_existing, write_atomic

    refuse_existing(out, force)
    filters = SearchFilters(body, house or "", "", since, until)
    rejected = [text for item in read_rejections(out) for text in item.wordings]
    prefix = re.sub(r"[^a-z0-9]+", "-", out.stem.lower()).strip("-") or "harvest"
    with open_archive(db or workspace().archive) as store:
        found = harvest_archive(
            store,
            query,
            filters,
            prefix=prefix,
            limit=limit,
            rejected=rejected,
            min_answers=min_answers,
            progress=terminal_progress("read", "answers"),
        )
    clear_progress()
    header = f"Candidate facts harvested by drafter from answers matching {query!r}."
    write_atomic(out, candidates_yaml(found.candidates, header), force=force)
    click.echo(
        f"{out}: {len(found.candidates)} candidate(s) from {found.statements} statement(s) in "
        f"{found.answers} answer(s); {found.rejected} rejected before, left out",
        err=True,
    )


@facts_group.command("candidates")
@click.argument("path", type=CANDIDATES)
@date_option("--on", "on", help="The day to judge 'last said long ago' on. Default: today.")
@format_option("text", "json")
def candidates(path: Path, on: date | None, output_format: str) -> None:
    """List the candidates in PATH with their flags.

    Each: its id, how many answers said it and when first and last, its wording, and
    flags: the wording changed (each wording, newest first), answers gave different
    figures for one period, or it was last said over two years ago.
    """
    from drafter.harvest.files import read_candidates
    from drafter.harvest.listing import candidate_rows, rows_json, rows_text

    rows = candidate_rows(read_candidates(path), on or date.today())
    echo_content(rows_json(rows) if output_format == "json" else rows_text(rows), nl=False)
    flagged = sum(bool(row.flags) for row in rows)
    click.echo(f"{len(rows)} candidate(s), {flagged} flagged", err=True)


@facts_group.command("accept")
@click.argument("path", type=CANDIDATES)
@click.argument("ids", nargs=-1, required=True)
@click.option(
    "--into",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The fact file to add them to (created if missing).",
)
def accept(path: Path, ids: tuple[str, ...], into: Path) -> None:
    """Move candidates IDS from PATH into a fact file.

    Only new lines are written to --into; the fact base is re-read with them before
    anything is written, and they leave PATH.
    """
    from drafter.harvest.review import accept as accept_candidates

    edit = accept_candidates(path, ids, into)
    echo_content(edit.unified_diff(), nl=False)
    click.echo(f"{edit.path}: {edit.summary}", err=True)


@facts_group.command("reject")
@click.argument("path", type=CANDIDATES)
@click.argument("ids", nargs=-1, required=True)
def reject(path: Path, ids: tuple[str, ...]) -> None:
    """Reject candidates IDS in PATH, so later harvests into PATH leave them out."""
    from drafter.harvest.files import rejections_path
    from drafter.harvest.review import reject as reject_candidates

    done = reject_candidates(path, ids, date.today())
    click.echo(f"{rejections_path(path)}: rejected {', '.join(item.id for item in done)}", err=True)
