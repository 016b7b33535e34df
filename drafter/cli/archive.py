"""`drafter archive`: import past answers, search them, show one.

The archive library (sqlite3, lzma, the HTML reader) is imported when a command runs, so
`drafter --help` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from drafter.cli.options import date_option, echo_content, workspace
from drafter.cli.terminal import clear_progress, terminal_progress

F = TypeVar("F", bound=Callable[..., Any])
FORMAT = click.Choice(["text", "json"])


def db_option(command: F) -> F:
    """`--db FILE`: the archive (default from drafter.yaml, else ./archive.sqlite)."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        help="The archive file. Default: 'archive' in drafter.yaml, else archive.sqlite.",
    )(command)


@click.group()
def archive() -> None:
    """Past questions and answers in a searchable archive (one SQLite file)."""


@archive.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
def import_(paths: tuple[Path, ...], db: Path | None) -> None:
    """Import written questions and answers from PATHS, all or nothing.

    PATHS are Parliament API JSON files (a detail response, a search response, or a list of
    them), JSON Lines (.jsonl, .jsonl.xz: one question or longform text per line), drafter
    drafts (.md), or folders of them. The same question imported twice is one record.
    """
    from drafter.archive import import_files, open_archive
    from drafter.archive.display import format_report

    with open_archive(db or workspace().archive, create=True) as store:
        report = import_files(store, paths, progress=terminal_progress("read", "records"))
    clear_progress()
    for skipped in report.skipped:
        click.echo(
            f"{skipped}: warning: no drafter front matter, so not a draft: skipped", err=True
        )
    click.echo(format_report(report))


@archive.command("search")
@click.argument("query")
@click.option("--body", default="", help="Answering body (part of its name, any case).")
@click.option(
    "--house", type=click.Choice(["Commons", "Lords"], case_sensitive=False), help="One House only."
)
@click.option(
    "--member",
    default="",
    help="Asking or answering member: id, or part of a name (from the record or members.yaml).",
)
@date_option("--since", help="Tabled on or after this date.")
@date_option("--until", help="Tabled on or before this date.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Most hits to print."
)
@click.option("--format", "output", type=FORMAT, default="text", show_default=True)
@db_option
def search_(
    query: str,
    body: str,
    house: str | None,
    member: str,
    since: date | None,
    until: date | None,
    limit: int,
    output: str,
    db: Path | None,
) -> None:
    """Search past questions and answers for every word of QUERY, best first.

    Put a phrase in double quotes. Words match other forms of themselves (vetted, vetting);
    common words (of, the) count only inside quotes. Questions with the words close
    together come first.

    \b
    Example:
        drafter archive search "police vetting" --body "Home Office" --since 2024-01-01
    """  # noqa: D301 (click's \b marker is a real backspace)
    from drafter.archive import SearchFilters, open_archive, search
    from drafter.archive.display import format_hits, hits_json, scattered_note
    from drafter.archive.members import load_members, matching_ids

    ids = matching_ids(load_members(workspace().members), member) if member.strip() else ()
    filters = SearchFilters(body, house or "", member, since, until, ids)
    with open_archive(db or workspace().archive) as store:
        hits = search(store, query, filters, limit=limit)
    if output == "json":
        echo_content(hits_json(hits), nl=False)
    elif hits:
        echo_content(format_hits(hits), nl=False)
    else:
        click.echo("No questions match.", err=True)
    if note := scattered_note(hits):
        click.echo(note, err=True)


@archive.command("show")
@click.argument("uin")
@date_option("--date", "tabled", help="The date it was tabled, when the UIN recurs.")
@click.option("--format", "output", type=FORMAT, default="text", show_default=True)
@db_option
def show(uin: str, tabled: date | None, output: str, db: Path | None) -> None:
    """Print the question with this UIN and its answer."""
    from drafter.archive import find_answer, open_archive
    from drafter.archive.display import answer_json_text, format_answer
    from drafter.archive.members import load_members

    with open_archive(db or workspace().archive) as store:
        found = find_answer(store, uin, tabled)
    if output == "json":
        echo_content(answer_json_text(found), nl=False)
    else:
        echo_content(format_answer(found, load_members(workspace().members)), nl=False)
