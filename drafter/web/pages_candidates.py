"""Harvested candidates on the fact base page: read them, accept them into a fact file, reject them.

Candidates files live in the fact base's `candidates/` folder, where `drafter facts harvest
--out facts/candidates/NAME.yaml` writes them. Accepting and rejecting go through the same
library functions as `drafter facts accept` and `drafter facts reject`. The browser names a
candidates file and a target fact file; each name is only ever looked up among the files
listed here, never joined to a path.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from drafter.errors import DrafterError
from drafter.web.app import services
from drafter.web.forms import FormError

blueprint = Blueprint("candidates", __name__)
FOLDER = "candidates"
"""The fact base's subfolder of candidates files; the base reads its top level only, not these."""
_EDITING = threading.Lock()
"""One accept or reject at a time: each rewrites the candidates file it reads."""


@dataclass(frozen=True)
class CandidatesFile:
    """A candidates file as the fact base page lists it: its candidates, or why it is unreadable."""

    name: str
    count: int
    problem: str = ""


def candidates_folder() -> Path:
    """Where the workspace keeps its candidates files."""
    return services().bench.facts / FOLDER


def candidate_files() -> list[str]:
    """The candidates files' names, sorted; symbolic links are not offered."""
    folder = candidates_folder()
    if not folder.is_dir():
        return []
    return sorted(
        path.name
        for path in folder.glob("*.yaml")
        if path.is_file() and not path.is_symlink() and not path.name.startswith(".")
    )


def listed_files() -> list[CandidatesFile]:
    """Every candidates file with how many candidates it holds, for the fact base page."""
    from drafter.harvest.files import read_candidates

    listed = []
    for name in candidate_files():
        try:
            count = len(read_candidates(candidates_folder() / name).facts)
        except DrafterError as error:
            listed.append(CandidatesFile(name, 0, str(error)))
        else:
            listed.append(CandidatesFile(name, count))
    return listed


def _candidates_path(name: str) -> Path:
    if name not in candidate_files():
        abort(404, f"no candidates file '{name}' in the fact base's {FOLDER}/ folder")
    return candidates_folder() / name


def _targets(name: str) -> list[tuple[str, bool]]:
    """The fact files candidates may go into, each with whether it exists yet.

    Every file of the fact base, and a new one named after the candidates file.
    """
    from drafter.facts.load import fact_files

    existing = [path.name for path in fact_files(services().bench.facts)]
    offered = [(file, True) for file in existing]
    return offered if name in existing else [*offered, (name, False)]


@blueprint.get("/facts/candidates/<name>")
def show(name: str) -> str:
    """One candidates file: each candidate with its counts and flags, and what to do with it."""
    return _page(name)


@blueprint.post("/facts/candidates/<name>/accept")
def accept(name: str) -> Any:
    """Move one candidate into the chosen fact file, then show the file's remaining candidates."""
    from drafter.harvest.review import accept as accept_candidates

    path = _candidates_path(name)
    fact_id = request.form.get("id", "")
    into = request.form.get("into", "")
    try:
        if into not in dict(_targets(name)):
            raise FormError("into", f"'{into}' is not a fact file of this fact base: choose one")
        with _EDITING:
            edit = accept_candidates(path, [fact_id], services().bench.facts / into)
    except DrafterError as error:
        return _page(name, error, fact_id), 422
    flash(f"Accepted {fact_id} into {edit.path.name}.")
    return redirect(url_for("candidates.show", name=name), code=303)


@blueprint.post("/facts/candidates/<name>/reject")
def reject(name: str) -> Any:
    """Record one candidate as rejected, so later harvests into this file leave it out."""
    from drafter.harvest.review import reject as reject_candidates

    path = _candidates_path(name)
    fact_id = request.form.get("id", "")
    try:
        with _EDITING:
            reject_candidates(path, [fact_id], services().clock())
    except DrafterError as error:
        return _page(name, error, fact_id), 422
    flash(f"Rejected {fact_id}: harvests into {name} will leave it out.")
    return redirect(url_for("candidates.show", name=name), code=303)


def _page(name: str, error: DrafterError | None = None, failed: str = "") -> str:
    from drafter.harvest.files import read_candidates
    from drafter.harvest.listing import candidate_rows

    path = _candidates_path(name)
    try:
        rows = candidate_rows(read_candidates(path), services().clock())
        problem = ""
    except DrafterError as unreadable:
        rows, problem = [], str(unreadable)
    numbers = {row.id: number for number, row in enumerate(rows, start=1)}
    field = "into" if isinstance(error, FormError) else "candidate"
    if error and error.location and error.location.path == path:
        error = DrafterError(error.message)  # the page names its file: no server path shown
    return render_template(
        "candidates.html",
        name=name,
        rows=rows,
        problem=problem,
        targets=_targets(name),
        chosen=request.form.get("into") or name,
        error=error,
        error_field=f"{field}-{numbers[failed]}" if failed in numbers else "candidates",
    )
