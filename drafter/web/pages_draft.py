"""The draft page: ask for a question, show the draft beside its provenance, serve downloads."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from drafter.errors import DrafterError
from drafter.web.app import Made, services
from drafter.web.drafting import DraftRequest
from drafter.web.forms import FormError, draft_request, form_intake

blueprint = Blueprint("draft", __name__)


@blueprint.get("/")
def form() -> str:
    """The empty draft form."""
    return _form_page({})


@blueprint.post("/draft")
def make() -> Any:
    """Draft the question the form gives; on success, go to the draft's own page."""
    values = request.form.to_dict()
    try:
        made = _made(values)
    except DrafterError as error:
        return _form_page(values, error), 422
    key, _ = remember(made)
    return redirect(url_for("draft.show", key=key), code=303)


def _made(values: dict[str, str]) -> Made:
    found = services()
    upload = request.files.get("question_file")
    given = (upload.filename or "question", upload.read()) if upload and upload.filename else None
    intake = form_intake(found.library, values, given)
    return _drafted(draft_request(values, intake), tuple(str(w) for w in intake.warnings))


def _drafted(asked: DraftRequest, warnings: tuple[str, ...] = ()) -> Made:
    """The draft for the request, with the per-part suggestions when it is composed."""
    from drafter.web.drafting import addable_blocks, make_draft, part_suggestions

    found = services()
    draft = make_draft(found.library, asked, found.clock())
    if asked.template_id is not None:  # a fixed template: nothing was composed
        return Made(draft, asked, warnings=warnings)
    as_of = draft.as_of or found.clock()  # a draft records no date when it is the clock's
    suggestions = part_suggestions(found.library, asked.question, as_of)
    return Made(draft, asked, suggestions, warnings, addable_blocks(found.library, draft))


@blueprint.post("/drafts/<key>/blocks")
def add_blocks(key: str) -> Any:
    """Draft the same question again with the blocks the officer ticked added."""
    made = _found(key)
    chosen = tuple(request.form.getlist("block"))
    if not chosen:
        abort(400, "tick at least one paragraph to add")
    asked = replace(made.request, include_blocks=made.request.include_blocks + chosen)
    try:
        again = _drafted(asked, made.warnings)
    except DrafterError as error:
        abort(422, str(error))
    new_key, _ = remember(again)
    return redirect(url_for("draft.show", key=new_key), code=303)


def remember(made: Made) -> tuple[str, str]:
    """Keep a made draft under its content key; return the key and the draft's Markdown."""
    from drafter.draft import write_markdown
    from drafter.web.store import content_key

    markdown = write_markdown(made.draft)
    return services().drafts.put(content_key(markdown), made), markdown


@blueprint.get("/drafts/<key>")
def show(key: str) -> str:
    """A draft made this session, each paragraph beside the facts and sources behind it."""
    from drafter.web.present import download_paths, paragraph_views

    made = _found(key)
    base, _ = services().library.load()
    return render_template(
        "draft.html",
        made=made,
        draft=made.draft,
        views=paragraph_views(made.draft, base),
        facts=base.facts,
        downloads=download_paths(key),
        key=key,
        as_of=made.draft.as_of or services().clock(),
    )


@blueprint.get("/drafts/<key>.<fmt>")
def download(key: str, fmt: str) -> Response:
    """The draft as a file to save: .md, .html, .docx or .txt."""
    from drafter.export import FORMATS, file_stem, render_draft
    from drafter.web.present import MEDIA_TYPES
    from drafter.web.store import content_key

    made = _found(key)
    if fmt not in FORMATS:
        abort(404, f"no such format '{fmt}' (choose one of {', '.join(FORMATS)})")
    files, file_key = services().files, content_key(key, fmt)
    data = files.get(file_key)
    if data is None:  # a Word file takes a tenth of a second to make: make it once
        data = render_draft(made.draft, fmt, author=services().bench.config.author)
        files.put(file_key, data)
    response = Response(data, mimetype=MEDIA_TYPES[fmt])
    name = f"{file_stem(made.draft)}.{fmt}"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _found(key: str) -> Made:
    made = services().drafts.get(key)
    if made is None:
        abort(404, "no such draft: drafts are kept until the workbench stops; draft it again")
    return made


def _form_page(values: dict[str, str], error: DrafterError | None = None) -> str:
    from drafter.answer_types import TYPES

    _, templates = services().library.load()
    return render_template(
        "draft_form.html",
        values=values,
        error=error,
        error_field=error.field if isinstance(error, FormError) else "question",
        report=error.details if error else "",
        types=list(TYPES),
        templates=sorted(templates.templates.values(), key=lambda template: template.id),
    )
