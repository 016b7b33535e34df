"""Where facts are used: the template blocks that read them, and the drafts that cite them.

It sits above the fact base, templates and drafts, since it reads all three; the fact base
itself knows nothing of templates.

Blocks are read from their Jinja syntax tree (`drafter.render.block_fact_ids`), so a fact id in
a comment or in running text does not count, and every `fact("...")` call does.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Templates and drafts are read by modules imported where they are needed: `facts check`
# without a templates folder needs neither Jinja nor the draft reader.
from drafter.errors import Location, Problem, TemplateError
from drafter.facts.load import check_fact_base, load_fact_base
from drafter.facts.lookup import fact_of
from drafter.facts.model import FactBase


@dataclass(frozen=True)
class Use:
    """One place that reads or cites a fact."""

    location: Location
    what: str
    """e.g. `block 'published-statistics' (templates: police-systems-misuse)`."""


def block_reads(templates_dir: Path) -> dict[str, set[str]]:
    """The fact ids each block in the folder reads, by block name.

    Raises:
        TemplateError: a block has a Jinja syntax error.
    """
    from drafter.render import block_fact_ids, iter_blocks, make_environment

    environment = make_environment(templates_dir)
    return {name: block_fact_ids(environment, name) for name in iter_blocks(environment)}


def where_used(
    fact_id: str, facts_dir: Path, templates_dir: Path | None, drafts_dir: Path | None
) -> list[Use]:
    """The blocks (with the templates that include them) and drafts that use a fact.

    Raises:
        FactBaseError: the fact base cannot be loaded.
        DrafterError: the fact base has no such fact, so "used nowhere" would mislead.
        TemplateError: a template manifest or block cannot be read.
        DraftError: a draft's front matter cannot be read.
    """
    fact_of(load_fact_base(facts_dir), fact_id)
    uses = list(_block_uses(fact_id, templates_dir)) if templates_dir else []
    return uses + (list(_draft_uses(fact_id, drafts_dir)) if drafts_dir else [])


def _block_uses(fact_id: str, templates_dir: Path) -> Iterator[Use]:
    from drafter.templates import read_manifests

    manifests = read_manifests(templates_dir)
    for name, ids in block_reads(templates_dir).items():
        if fact_id in ids:
            users = [t.id for t in manifests.values() if name in (b.name for b in t.blocks)]
            listed = f"templates: {', '.join(users)}" if users else "in no template"
            yield Use(_fact_call(templates_dir, name, fact_id), f"block '{name}' ({listed})")


def _draft_uses(fact_id: str, drafts_dir: Path) -> Iterator[Use]:
    from drafter.draft import read_draft

    for path in sorted(drafts_dir.rglob("*.md")):
        periods = [use.period for use in read_draft(path).facts if use.id == fact_id]
        if periods:
            used = ", ".join(period for period in periods if period)
            yield Use(Location(path), f"draft{f' (used {used})' if used else ''}")


def check_with_templates(facts_dir: Path, templates_dir: Path | None) -> list[Problem]:
    """`facts check`: every problem in the fact base, and blocks reading facts it lacks."""
    base, problems = check_fact_base(facts_dir)
    if base is not None and templates_dir is not None:
        unknown = list(unknown_template_facts(base, templates_dir))
        problems += unknown or list(declaration_problems(base, templates_dir))
    return sorted(problems, key=Problem.sort_key)


def declaration_problems(base: FactBase, templates_dir: Path) -> Iterator[Problem]:
    """Each block whose declaration (templates/blocks/<name>.yaml) composition could not use."""
    from drafter.blocks import check_catalogue
    from drafter.render import load_templates

    try:
        _, problems = check_catalogue(load_templates(templates_dir), base)
    except TemplateError as error:
        problems = [Problem(error.location or Location(templates_dir), error.message)]
    yield from problems


def unknown_template_facts(base: FactBase, templates_dir: Path) -> Iterator[Problem]:
    """Blocks that read a fact id the fact base does not define: `facts check --templates`."""
    try:
        reads = block_reads(templates_dir)
    except TemplateError as error:
        yield Problem(error.location or Location(templates_dir), error.message)
        return
    for name, ids in reads.items():
        for fact_id in sorted(ids - base.facts.keys()):
            close = difflib.get_close_matches(fact_id, list(base.facts), n=1)
            yield Problem(
                _fact_call(templates_dir, name, fact_id),
                f"block '{name}' reads fact '{fact_id}', which is not in the fact base",
                f"did you mean '{close[0]}'?" if close else "",
            )


def _fact_call(templates_dir: Path, name: str, fact_id: str) -> Location:
    """The block file, at the first line quoting the id (the syntax tree found the call)."""
    from drafter.render import block_path

    path = templates_dir / block_path(name)
    lines = path.read_text(encoding="utf-8").splitlines()
    quoted = (f'"{fact_id}"', f"'{fact_id}'")
    found = next((n for n, line in enumerate(lines, 1) if any(q in line for q in quoted)), None)
    return Location(path, found)
