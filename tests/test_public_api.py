"""The public API is fixed in `drafter.__all__`: every name resolves, and importing is light."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import drafter
from tests.conftest import ROOT


def test_public_names() -> None:
    assert set(drafter.__all__) == {
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
    }


@pytest.mark.parametrize("name", drafter.__all__)
def test_each_public_name_resolves(name: str) -> None:
    assert getattr(drafter, name) is not None


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        drafter.nope  # noqa: B018


def test_import_is_light() -> None:
    heavy = "('yaml', 'jinja2', 'docx', 'markdown')"
    code = f"import sys, drafter; print(sorted(m for m in {heavy} if m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "[]"


def test_the_docstring_example_runs(tmp_path: Path) -> None:
    base = drafter.load_fact_base(ROOT / "facts")
    question = drafter.load_question(ROOT / "examples" / "37301.yaml")
    templates = drafter.load_templates(ROOT / "templates")
    draft = drafter.build_draft(question, base, templates, today=date(2026, 11, 25))
    drafter.export_draft(draft, tmp_path / "37301.md")
    drafter.export_draft(draft, tmp_path / "37301.docx")
    again = drafter.read_draft(tmp_path / "37301.md")
    assert again.paragraphs == draft.paragraphs
    shown = drafter.render_diff(drafter.diff_drafts(again, draft), "terminal")
    assert shown.decode() == "no differences\n"
