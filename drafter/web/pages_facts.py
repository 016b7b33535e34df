"""The fact base page: browse and search facts and sources, with what needs attention."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from flask import Blueprint, abort, render_template, request

from drafter.errors import DrafterError
from drafter.web.app import services

if TYPE_CHECKING:
    from drafter.facts.model import Fact, FactBase

blueprint = Blueprint("facts", __name__)
FLAGS = {
    "stale": "Stale",
    "unverified": "Unverified",
    "due": "Due for review",
}
"""The filters the page offers, by the flag they keep."""


@dataclass(frozen=True)
class Row:
    """A fact and its flags, as the page lists it."""

    fact: Fact
    flags: tuple[str, ...]
    """Keys of FLAGS."""
    reasons: tuple[str, ...]
    """Why it is stale, in `facts stale`'s words."""


def fact_rows(base: FactBase) -> list[Row]:
    """Every fact with its flags on the workbench's day (`facts stale` and the review window)."""
    from drafter.facts.stale import find_stale

    found = services()
    today = found.clock()
    config = found.bench.config
    stale: dict[str, list[str]] = {}
    for item in find_stale(base, today, config.source_check_days):
        if item.kind != "source":
            stale.setdefault(item.id, []).append(item.reason)
    horizon = today + timedelta(days=config.review_warning_days)
    rows = []
    for fact in base.facts.values():
        flags = [
            ("stale", fact.id in stale),
            ("unverified", not fact.verified or any(not v.verified for v in fact.values)),
            ("due", today <= fact.review_by <= horizon),
        ]
        rows.append(Row(fact, tuple(n for n, on in flags if on), tuple(stale.get(fact.id, ()))))
    return rows


def _matches(fact: Fact, query: str) -> bool:
    words = query.lower().split()
    haystack = " ".join((fact.id, fact.text, *fact.topics, *fact.keywords, fact.source)).lower()
    return all(word in haystack for word in words)


@blueprint.get("/facts")
def index() -> str:
    """Facts (searched and filtered by flag) and sources, with their flags."""
    from drafter.facts.stale import find_stale
    from drafter.web.pages_candidates import candidates_folder, listed_files

    base, _ = services().library.load()
    query = request.args.get("q", "").strip()
    flag = request.args.get("flag", "")
    every = fact_rows(base)
    rows = [
        row
        for row in every
        if _matches(row.fact, query) and (flag not in FLAGS or flag in row.flags)
    ]
    unchecked = {
        item.id: item.reason
        for item in find_stale(base, services().clock(), services().bench.config.source_check_days)
        if item.kind == "source"
    }
    return render_template(
        "facts.html",
        rows=rows,
        total=len(base.facts),
        query=query,
        flag=flag,
        flags=FLAGS,
        sources=base.sources.values(),
        unchecked=unchecked,
        counts=_counts(every),
        candidates=listed_files(),
        candidates_folder=candidates_folder(),
    )


def _counts(rows: list[Row]) -> Mapping[str, int]:
    return {name: sum(name in row.flags for row in rows) for name in FLAGS}


@blueprint.get("/facts/<fact_id>")
def show(fact_id: str) -> str:
    """One fact: its claim or figures, its source, its flags, and where it is used."""
    from drafter.usage import where_used

    base, _ = services().library.load()
    fact = base.facts.get(fact_id)
    if fact is None:
        abort(404, f"no fact '{fact_id}' in the fact base")
    bench = services().bench
    try:
        drafts = bench.drafts if bench.drafts.is_dir() else None
        uses = where_used(fact_id, bench.facts, bench.templates, drafts)
    except DrafterError as error:
        uses, problem = [], str(error)
    else:
        problem = ""
    row = next(row for row in fact_rows(base) if row.fact.id == fact_id)
    return render_template(
        "fact.html", row=row, fact=fact, base=base, uses=uses, problem=problem, flags=FLAGS
    )
