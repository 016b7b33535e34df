"""The JSON API, for scripts and for the pages' own enhancements.

It takes only `application/json`: a browser form cannot send that to another site's server
without a CORS preflight, which this server never grants, so the API needs no CSRF token.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, request

from drafter.errors import DrafterError
from drafter.web.app import Made, services
from drafter.web.forms import FormError, api_intake, draft_request

blueprint = Blueprint("api", __name__, url_prefix="/api")


@blueprint.post("/draft")
def draft() -> Any:
    """`{text | question_yaml | api_json, type?, template?, as_of?, refer_to?}` to a draft.

    Returns `{front_matter, body, paragraphs, gaps, downloads}`; a malformed body or field is a
    400, another content type a 415, and a question drafter cannot draft a 422, each `{error}`.
    """
    from drafter.web.drafting import make_draft
    from drafter.web.pages_draft import remember
    from drafter.web.present import draft_json

    body = _json_body()
    found = services()
    try:
        asked = draft_request(body, api_intake(body))
        made = Made(make_draft(found.library, asked, found.clock()), asked)
    except FormError as error:
        return {"error": str(error)}, 400
    except DrafterError as error:
        return {"error": str(error), "details": error.details}, 422
    base, _ = found.library.load()
    key, markdown = remember(made)
    return draft_json(made.draft, markdown, base, key)


def _json_body() -> dict[str, Any]:
    """The request's JSON object, or a one-line 415 or 400."""
    if request.mimetype != "application/json":
        abort(415, f"send application/json, not {request.mimetype or 'no content type'}")
    body = request.get_json(silent=True)
    if body is None:
        abort(400, "malformed JSON: the body does not parse")
    if not isinstance(body, dict):
        abort(400, 'expected a JSON object, e.g. {"text": "To ask ..."}')
    return body
