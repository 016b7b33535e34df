"""The review, fact base and archive pages."""

from __future__ import annotations

import io
import zipfile

from flask.testing import FlaskClient

from tests.web.conftest import DATA, csrf


def _review(client: FlaskClient, **fields: object) -> str:
    response = client.post("/review", data={"csrf_token": csrf(client, "/review"), **fields})
    assert response.status_code == 303, response.text
    return str(response.headers["Location"])


def test_review_lists_the_drafts_folder(client: FlaskClient) -> None:
    page = client.get("/review").text
    assert '<option value="37301-2024.md"' in page and '<option value="37301-2025.md"' in page


def test_two_drafts_from_the_folder_give_the_redline_and_tracked_changes(
    client: FlaskClient,
) -> None:
    address = _review(client, old="37301-2024.md", new="37301-2025.md")
    page = client.get(address).text
    assert "Changes from 37301-2024.md to 37301-2025.md" in page
    assert "<del>" in page and "<ins>" in page
    assert 'id="fact-changes"' in page
    word = client.get(f"{address}.docx")
    with zipfile.ZipFile(io.BytesIO(word.data)) as archive:
        body = archive.read("word/document.xml").decode()
    assert "<w:ins " in body and "<w:del " in body


def test_uploaded_drafts_are_compared(client: FlaskClient) -> None:
    old = (io.BytesIO((DATA / "review" / "37301-2025.md").read_bytes()), "37301-2025.md")
    new = (io.BytesIO((DATA / "review" / "37301-edited.docx").read_bytes()), "37301-edited.docx")
    page = client.get(_review(client, old_file=old, new_file=new)).text
    assert "Changes from 37301-2025.md to 37301-edited.docx" in page


def test_review_errors_name_the_side(client: FlaskClient) -> None:
    token = csrf(client, "/review")
    missing = client.post("/review", data={"csrf_token": token, "old": "37301-2024.md"})
    assert missing.status_code == 422 and "Choose the new draft, or upload it" in missing.text
    bad = (io.BytesIO(b"%PDF"), "answer.pdf")
    fields = {"csrf_token": token, "old_file": bad, "new": "37301-2025.md"}
    response = client.post("/review", data=fields)
    assert response.status_code == 422 and "answer.pdf: upload a .md, .docx" in response.text


def test_the_fact_base_page_searches_and_filters(client: FlaskClient) -> None:
    everything = client.get("/facts").text
    assert "systems.auditing-local" in everything and 'id="sources"' in everything
    found = client.get("/facts?q=barred").text
    assert "barred-list.unlawful-access" in found and "systems.auditing-local" not in found
    stale = client.get("/facts?flag=stale").text
    rows = stale.split('id="facts"')[1].split("</table>")[0]
    assert "8 facts found" in rows  # on 25 November 2026
    assert rows.count('class="govuk-table__row"') - 1 == rows.count("\n  Stale\n") == 8


def test_a_fact_page_says_where_it_is_used(client: FlaskClient) -> None:
    page = client.get("/facts/systems.auditing-local").text
    assert "block &#39;responsibility&#39;" in page
    assert "37301-2024.md" in page  # a draft in the drafts folder read it
    assert client.get("/facts/no.such-fact").status_code == 404


def test_the_archive_is_searched_with_filters(client: FlaskClient) -> None:
    page = client.get("/archive?q=vetting").text
    assert "Police: Vetting" in page
    narrowed = client.get("/archive?q=vetting&since=2025-01-01").text
    assert narrowed.count('<li class="workbench-paragraph">') < page.count(
        '<li class="workbench-paragraph">'
    )
    bad = client.get("/archive?q=vetting&since=last+year").text
    assert "&#39;last year&#39; is not a date" in bad


def test_an_archived_answer_can_be_referred_to(client: FlaskClient) -> None:
    page = client.get("/archive/1001?tabled=2024-03-04").text
    assert "failed vetting checks in 2023" in page
    assert 'name="refer_to" value="1001@2024-03-04"' in page
    question = (
        "To ask the Secretary of State for the Home Department, how many police officers "
        "failed vetting checks in 2023."
    )
    fields = {"type": "referral", "refer_to": "1001@2024-03-04", "question": question}
    response = client.post("/draft", data={"csrf_token": csrf(client), **fields})
    assert response.status_code == 303, response.text
    draft = client.get(response.headers["Location"]).text
    assert "referral (" in draft
    assert "1001" in draft.split('id="answer"')[1]
    assert client.get("/archive/9999").status_code == 404
