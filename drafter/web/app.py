"""The workbench app: its pages, API, static files, GOV.UK Frontend macros and defences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app, render_template, request
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from werkzeug.exceptions import HTTPException, SecurityError

from drafter.errors import DrafterError
from drafter.web import filters
from drafter.web.security import protect
from drafter.web.store import Store
from drafter.web.workspace import Library, Workbench

if TYPE_CHECKING:
    from drafter.draft import Draft
    from drafter.review import DraftDiff
    from drafter.suggest import Suggestions
    from drafter.web.drafting import DraftRequest

SERVICE_NAME = "drafter workbench"


@dataclass(frozen=True)
class Made:
    """A draft the workbench made, with the per-part suggestions and intake warnings behind it."""

    draft: Draft
    request: DraftRequest
    suggestions: Suggestions | None = None
    warnings: tuple[str, ...] = ()
    addable: tuple[str, ...] = ()
    """Blocks the officer may add to a composed draft: those it does not use."""


@dataclass
class Services:
    """What every request reads: the workspace, its library, and what was made this session."""

    bench: Workbench
    clock: Callable[[], date] = date.today
    library: Library = field(init=False)
    drafts: Store[Made] = field(default_factory=Store)
    reviews: Store[DraftDiff] = field(default_factory=Store)
    files: Store[bytes] = field(default_factory=Store)
    """Downloads already rendered, by the content key of the draft and format."""

    def __post_init__(self) -> None:
        self.library = Library(self.bench)


def services() -> Services:
    """The running app's services."""
    found: Services = current_app.extensions["drafter"]
    return found


def create_app(bench: Workbench, clock: Callable[[], date] = date.today) -> Flask:
    """The workbench for a workspace; `clock` gives the drafting day (tests fix it)."""
    from drafter.web import (
        api,
        pages_archive,
        pages_candidates,
        pages_draft,
        pages_facts,
        pages_review,
    )

    app = Flask(__name__)
    app.extensions["drafter"] = Services(bench, clock)
    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("drafter.web"),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    app.jinja_env.autoescape = True  # every template, whatever its name
    app.jinja_env.globals["service_name"] = SERVICE_NAME
    protect(app, bench.max_upload, bench.hosts)
    filters.install(app, bench.config.review_warning_days)
    for module in (pages_draft, pages_review, pages_facts, pages_candidates, pages_archive, api):
        app.register_blueprint(module.blueprint)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(DrafterError, _workspace_error)
    return app


def _workspace_error(error: DrafterError) -> Any:
    """A fact base or template folder broken while the workbench runs: its one-line message."""
    if request.blueprint == "api":
        return {"error": str(error)}, 500
    page = render_template("error.html", title="The workspace has a problem", message=str(error))
    return page, 500


def _http_error(error: HTTPException) -> Any:
    """A refused request as one line: JSON for the API, a page for the browser."""
    message = error.description or error.name
    if isinstance(error, SecurityError):  # a Host not trusted: no page can be addressed
        return message, error.code, {"Content-Type": "text/plain; charset=utf-8"}
    if error.code == 413:
        limit = services().bench.max_upload
        message = f"the request is larger than the workbench accepts ({limit:,} bytes)"
    if request.blueprint == "api":
        return {"error": message}, error.code
    return render_template("error.html", title=error.name, message=message), error.code
