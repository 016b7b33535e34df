"""The review page: two drafts, from the drafts folder or uploaded, give a redline and a .docx."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from drafter.errors import DrafterError
from drafter.web.app import services
from drafter.web.forms import FormError
from drafter.web.uploads import draft_files, listed_draft, uploaded_draft

blueprint = Blueprint("review", __name__)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@blueprint.get("/review")
def form() -> str:
    """Choose or upload the two drafts."""
    return _form_page({})


@blueprint.post("/review")
def compare() -> Any:
    """Compare the two drafts; on success, go to the redline page."""
    from drafter.review import diff_drafts
    from drafter.web.store import content_key

    values = request.form.to_dict()
    try:
        old, new = _side("old", values), _side("new", values)
    except DrafterError as error:
        return _form_page(values, error), 422
    diff = diff_drafts(old, new)
    key = content_key(str(old.path), old.answer, str(new.path), new.answer, repr(diff.facts))
    services().reviews.put(key, diff)
    return redirect(url_for("review.show", key=key), code=303)


def _side(side: str, values: dict[str, str]) -> Any:
    upload = request.files.get(f"{side}_file")
    if upload and upload.filename:
        return uploaded_draft(upload.filename, upload.read())
    if values.get(side):
        return listed_draft(services().bench.drafts, values[side])
    raise FormError(side, f"choose the {side} draft, or upload it")


@blueprint.get("/reviews/<key>")
def show(key: str) -> str:
    """The redline: facts and settings that changed, then the answer with its changes."""
    from drafter.review.summary import PROVENANCE_COLUMNS, heading, provenance_rows, shown, totals

    diff = _found(key)
    return render_template(
        "review.html",
        diff=diff,
        key=key,
        columns=PROVENANCE_COLUMNS,
        rows=provenance_rows(diff),
        heading=heading,
        shown=shown,
        totals=totals(diff),
    )


@blueprint.get("/reviews/<key>.docx")
def download(key: str) -> Response:
    """The changes as Word tracked changes."""
    from drafter.review import render_diff

    data = render_diff(_found(key), "docx", author=services().bench.config.author)
    response = Response(data, mimetype=DOCX)
    response.headers["Content-Disposition"] = 'attachment; filename="review.docx"'
    return response


def _found(key: str) -> Any:
    diff = services().reviews.get(key)
    if diff is None:
        abort(404, "no such review: reviews are kept until the workbench stops; compare again")
    return diff


def _form_page(values: dict[str, str], error: DrafterError | None = None) -> str:
    return render_template(
        "review_form.html",
        values=values,
        error=error,
        error_field=error.field if isinstance(error, FormError) else "old",
        files=draft_files(services().bench.drafts),
        folder=services().bench.drafts,
    )
