"""The archive page: search past answers with filters, read one, and refer to it in a draft."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from drafter.errors import DrafterError
from drafter.web.app import services
from drafter.web.forms import parsed_date

blueprint = Blueprint("archive", __name__)
FILTERS = ("body", "house", "member", "since", "until")


@blueprint.get("/archive")
def index() -> str:
    """The search form, and the answers matching its words within its filters."""
    from drafter.archive import SearchFilters, count_questions, open_archive, search

    args = {name: request.args.get(name, "").strip() for name in ("q", *FILTERS)}
    hits, held, error = [], 0, None
    try:
        filters = SearchFilters(
            body=args["body"],
            house=args["house"],
            member=args["member"],
            since=parsed_date(args, "since"),
            until=parsed_date(args, "until"),
        )
        with open_archive(services().bench.archive) as archive:
            held = count_questions(archive)
            hits = search(archive, args["q"], filters) if args["q"] else []
    except DrafterError as problem:
        error = problem
    return render_template("archive.html", args=args, hits=hits, held=held, error=error)


@blueprint.get("/archive/<uin>")
def show(uin: str) -> tuple[str, int]:
    """One archived question and answer, with a form to refer to it from a new draft."""
    from drafter.archive import find_answers, open_archive

    try:
        tabled = parsed_date(request.args, "tabled")
        with open_archive(services().bench.archive) as archive:
            found = find_answers(archive, uin, tabled)
    except DrafterError as problem:
        return render_template("error.html", title="Not found", message=str(problem)), 404
    if not found:
        message = f"no question {uin} in the archive"
        return render_template("error.html", title="Not found", message=message), 404
    return render_template("answer.html", answers=found), 200
