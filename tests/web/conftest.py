"""A workbench over the repository's fact base and templates, with an archive and two drafts."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from drafter.archive import import_files, open_archive
from drafter.web.app import create_app
from drafter.web.workspace import Workbench

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SEED_YAML = ROOT / "examples" / "37301.yaml"
SEED_TEXT = (
    "To ask the Secretary of State for the Home Department, what assessment her Department has "
    "made of whether there is a correlation between the (a) (i) roles and (ii) ranks of police "
    "personnel and (b) likelihood of committing cybercrimes; and what steps her Department is "
    "taking to help mitigate identified risks."
)
TODAY = date(2026, 11, 25)


@pytest.fixture
def bench(tmp_path: Path) -> Workbench:
    """The repository's facts and templates; an archive of the test answers; two drafts."""
    archive = tmp_path / "archive.sqlite"
    with open_archive(archive, create=True) as opened:
        import_files(opened, [DATA / "archive" / "questions.jsonl"])
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for name in ("37301-2024.md", "37301-2025.md"):
        shutil.copy(DATA / "review" / name, drafts / name)
    return Workbench(
        facts=ROOT / "facts", templates=ROOT / "templates", archive=archive, drafts=drafts
    )


FIGURES = "vetting.officers-dismissed-failing-vetting-review-6128a7"
CODE = "vetting.vetting-code-practice-sets-out-bba8ea"
"""The two candidates harvested from the test answers about vetting."""


@pytest.fixture
def harvested(bench: Workbench, tmp_path: Path, harvest_db: Path) -> Workbench:
    """The bench with its own copy of the fact base, holding candidates/vetting.yaml."""
    from drafter.harvest import candidates_yaml, harvest_archive

    facts = tmp_path / "facts"
    shutil.copytree(ROOT / "facts", facts)
    with open_archive(harvest_db) as opened:
        found = harvest_archive(opened, "vetting", prefix="vetting")
    text = candidates_yaml(found.candidates, "Harvested for the tests.")
    (facts / "candidates").mkdir()
    (facts / "candidates" / "vetting.yaml").write_text(text, encoding="utf-8")
    return replace(bench, facts=facts)


@pytest.fixture
def app(bench: Workbench) -> Flask:
    return create_app(bench, clock=lambda: TODAY)


@pytest.fixture
def client(app: Flask) -> Iterator[FlaskClient]:
    with app.test_client() as client:
        yield client


def csrf(client: FlaskClient, page: str = "/") -> str:
    """The session's CSRF token, as a form on the page carries it."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found, f"no CSRF field on {page}"
    return found[1]


def draft_page(client: FlaskClient, **fields: object) -> str:
    """Post the draft form and follow it to the draft's page; return that page's address."""
    response = client.post("/draft", data={"csrf_token": csrf(client), **fields})
    assert response.status_code == 303, response.text
    return str(response.headers["Location"])
