"""Harvested candidates on the fact base page: listed with their flags, accepted, rejected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from drafter.facts.load import load_fact_base
from drafter.harvest.files import read_rejections
from drafter.web.app import create_app
from drafter.web.workspace import Workbench
from tests.web.conftest import CODE, FIGURES, TODAY, csrf

PAGE = "/facts/candidates/vetting.yaml"


@pytest.fixture
def candidates(harvested: Workbench) -> Path:
    return harvested.facts / "candidates" / "vetting.yaml"


@pytest.fixture
def web(harvested: Workbench) -> FlaskClient:
    return create_app(harvested, clock=lambda: TODAY).test_client()


def _shown(page: str) -> str:
    """The page's text as a reader sees it: tags gone, spaces squeezed."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def _post(web: FlaskClient, action: str, **fields: str) -> TestResponse:
    return web.post(f"{PAGE}/{action}", data={"csrf_token": csrf(web, PAGE), **fields})


def test_the_fact_base_page_lists_the_candidates_files(web: FlaskClient) -> None:
    page = web.get("/facts").text
    assert f'<a class="govuk-link" href="{PAGE}">vetting.yaml</a>: 2 candidates' in page


def test_a_candidates_file_shows_counts_dates_and_flags(web: FlaskClient) -> None:
    page = _shown(web.get(PAGE).text)
    said = "In 2022/23, 81 officers were dismissed after failing a vetting review."
    assert f"{FIGURES} {said}" in page
    assert "said in 2 answers: first on 16 January 2023, last on 10 February 2025" in page
    assert "Contradiction Answers gave 2 different figures for 2021/22" in page
    assert "answer 2001 of 2023-01-16 gave 66 answer 2002 of 2025-02-10 gave 70" in page
    assert "Wording changed The wording changed: 2 wordings" in page
    assert "Said long ago" not in page  # last said under two years before the workbench's day


def test_accept_moves_a_candidate_into_the_chosen_fact_file(
    web: FlaskClient, harvested: Workbench, candidates: Path
) -> None:
    response = _post(web, "accept", id=CODE, into="vetting.yaml")
    assert response.status_code == 303
    assert response.headers["Location"] == PAGE
    page = web.get(PAGE).text
    assert f"Accepted {CODE} into vetting.yaml." in page
    assert CODE not in page.replace(f"Accepted {CODE}", "")
    assert CODE in load_fact_base(harvested.facts).facts
    assert CODE not in candidates.read_text(encoding="utf-8")
    assert CODE in web.get("/facts").text  # the fact base page reloads the edited base


def test_reject_records_the_rejection(web: FlaskClient, candidates: Path) -> None:
    response = _post(web, "reject", id=FIGURES)
    assert response.status_code == 303
    assert f"Rejected {FIGURES}: harvests into vetting.yaml" in web.get(PAGE).text
    assert [(item.id, item.rejected) for item in read_rejections(candidates)] == [(FIGURES, TODAY)]
    assert FIGURES not in candidates.read_text(encoding="utf-8")


def test_a_candidate_already_in_the_fact_base_is_refused_in_one_line(
    web: FlaskClient, candidates: Path
) -> None:
    before = candidates.read_text(encoding="utf-8")
    assert _post(web, "accept", id=CODE, into="vetting.yaml").status_code == 303
    candidates.write_text(before, encoding="utf-8")  # harvested again, say
    response = _post(web, "accept", id=CODE, into="standards.yaml")
    assert response.status_code == 422
    assert f"fact &#39;{CODE}&#39; is already in the fact base" in response.text
    assert 'href="#candidate-2"' in response.text


def test_a_rejected_candidate_cannot_be_accepted(web: FlaskClient, candidates: Path) -> None:
    before = candidates.read_text(encoding="utf-8")
    _post(web, "reject", id=FIGURES)
    candidates.write_text(before, encoding="utf-8")
    response = _post(web, "accept", id=FIGURES, into="vetting.yaml")
    assert response.status_code == 422
    assert f"Candidate &#39;{FIGURES}&#39; was rejected on 2026-11-25" in response.text


def test_a_target_that_is_not_a_fact_file_is_refused(
    web: FlaskClient, harvested: Workbench, candidates: Path
) -> None:
    (harvested.facts / "notes.yaml").write_text("- a list, not a fact file\n", encoding="utf-8")
    response = _post(web, "accept", id=CODE, into="notes.yaml")
    assert response.status_code == 422
    assert "notes.yaml: not a fact file" in response.text
    assert CODE in candidates.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "into", ["../vetting.yaml", "/etc/passwd", "candidates/vetting.yaml", ""], ids=repr
)
def test_only_the_fact_base_files_are_targets(
    web: FlaskClient, candidates: Path, into: str
) -> None:
    response = _post(web, "accept", id=CODE, into=into)
    assert response.status_code == 422
    assert "is not a fact file of this fact base: choose one" in response.text
    assert 'href="#into-2"' in response.text
    assert CODE in candidates.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "address",
    ["/facts/candidates/..%2Fvetting.yaml", "/facts/candidates/missing.yaml", "/facts/candidates/"],
)
def test_only_listed_candidates_files_are_reachable(web: FlaskClient, address: str) -> None:
    assert web.get(address).status_code == 404


def test_an_unknown_candidate_is_refused_in_one_line(web: FlaskClient) -> None:
    response = _post(web, "reject", id="vetting.nothing")
    assert response.status_code == 422
    assert "Unknown candidate &#39;vetting.nothing&#39;" in response.text


@pytest.mark.parametrize("action", ["accept", "reject"])
def test_accept_and_reject_need_the_session_token(
    web: FlaskClient, candidates: Path, action: str
) -> None:
    response = web.post(f"{PAGE}/{action}", data={"id": CODE, "into": "vetting.yaml"})
    assert response.status_code == 400
    assert CODE in candidates.read_text(encoding="utf-8")


def test_a_broken_candidates_file_is_named_not_fatal(
    web: FlaskClient, harvested: Workbench
) -> None:
    (harvested.facts / "candidates" / "old.yaml").write_text("facts: [\n", encoding="utf-8")
    listing = _shown(web.get("/facts").text)
    assert "candidates/old.yaml:2:1: error: invalid YAML" in listing
    assert "vetting.yaml : 2 candidates" in listing
    page = web.get("/facts/candidates/old.yaml")
    assert page.status_code == 200 and 'id="problem"' in page.text
