"""drafter: draft answers to UK Parliamentary Written Questions from a fact base of cited facts.

The library the command line is a thin shell over. In four steps:

    base = load_fact_base(Path("facts"))
    draft = build_draft(load_question(Path("q.yaml")), base, load_templates(Path("templates")),
                        today=date.today())
    export_draft(draft, Path("drafts/37301.docx"))
    print(render_diff(diff_drafts(read_draft(old), draft), "terminal").decode())

Names load their modules on first use, so `import drafter` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.lazy import attribute_loader

if TYPE_CHECKING:
    from drafter.build import build_draft
    from drafter.draft import Draft, read_draft, write_markdown
    from drafter.errors import DrafterError, Problem
    from drafter.export import export_all, export_draft, render_draft
    from drafter.facts.load import check_fact_base, load_fact_base
    from drafter.facts.model import Fact, FactBase, Source
    from drafter.intake import load_question
    from drafter.question import Question
    from drafter.render import load_templates
    from drafter.review import check_draft, diff_drafts, render_diff

__version__ = "0.1.0"

_HOMES = {
    "build_draft": "drafter.build",
    "Draft": "drafter.draft",
    "read_draft": "drafter.draft",
    "write_markdown": "drafter.draft",
    "DrafterError": "drafter.errors",
    "Problem": "drafter.errors",
    "export_all": "drafter.export",
    "export_draft": "drafter.export",
    "render_draft": "drafter.export",
    "check_fact_base": "drafter.facts.load",
    "load_fact_base": "drafter.facts.load",
    "Fact": "drafter.facts.model",
    "FactBase": "drafter.facts.model",
    "Source": "drafter.facts.model",
    "load_question": "drafter.intake",
    "Question": "drafter.question",
    "load_templates": "drafter.render",
    "check_draft": "drafter.review",
    "diff_drafts": "drafter.review",
    "render_diff": "drafter.review",
}

__all__ = [
    "__version__",
    "Draft",
    "DrafterError",
    "Fact",
    "FactBase",
    "Problem",
    "Question",
    "Source",
    "build_draft",
    "check_draft",
    "check_fact_base",
    "diff_drafts",
    "export_all",
    "export_draft",
    "load_fact_base",
    "load_question",
    "load_templates",
    "read_draft",
    "render_diff",
    "render_draft",
    "write_markdown",
]


__getattr__ = attribute_loader(__name__, _HOMES)
