"""The draft page: the form, the draft beside its provenance, gaps, suggestions, downloads."""

from __future__ import annotations

import io
import re

import docx
from click.testing import CliRunner
from flask.testing import FlaskClient

from drafter.cli import cli
from drafter.web.workspace import Workbench
from tests.web.conftest import ROOT, SEED_TEXT, SEED_YAML, csrf, draft_page

GAP_TEXT = SEED_TEXT.replace(
    "identified risks.",
    "identified risks; and what the average salary of a police dog handler was in 2024.",
)


def test_the_form_labels_every_field_and_carries_a_csrf_token(client: FlaskClient) -> None:
    page = client.get("/").text
    for field in ("question", "question_file", "uin", "tabled", "type", "template", "as_of"):
        assert re.search(rf'<label class="govuk-label[^"]*" for="{field}">', page), field
    assert csrf(client)
    assert "/static/govuk/govuk-frontend.min.css" in page
    assert '<main class="govuk-main-wrapper" id="main-content"' in page


def test_a_pasted_question_gives_the_draft_with_sources_beside_each_paragraph(
    client: FlaskClient,
) -> None:
    page = client.get(draft_page(client, question=SEED_TEXT)).text
    assert "The responsibility for auditing the use of police systems lies with each police" in page
    first = page.split('id="paragraph-1"')[1].split('id="paragraph-2"')[0]
    assert "systems.auditing-local" in first
    assert 'href="https://parallelparliament.co.uk/question/139156/police-monitoring"' in first
    assert "Review by 30 June 2027" in first
    statistics = next(chunk for chunk in page.split('id="paragraph-') if "Period: " in chunk)
    assert re.search(r"Period: 20\d\d/\d\d", statistics)
    handling = next(c for c in page.split('id="paragraph-') if "complaints.psd-investigation" in c)
    assert "Unverified" in handling  # the fact base marks it verified: false


def test_an_unanswered_part_is_marked_with_its_closest_facts(client: FlaskClient) -> None:
    page = client.get(draft_page(client, question=GAP_TEXT)).text
    assert "workbench-gap" in page and "[To complete" in page
    assert 'Part 3: see <a class="govuk-link" href="#gaps">what to start from</a>' in page
    gaps = page.split('id="gaps"')[1]
    assert "dog handler" in gaps
    assert "Closest facts" in gaps or "Earlier answers" in gaps


def test_each_part_shows_the_blocks_considered_with_scores_words_and_verdicts(
    client: FlaskClient,
) -> None:
    page = client.get(draft_page(client, question=SEED_TEXT)).text
    suggestions = page.split('id="suggestions"')[1]
    assert suggestions.count("<table") == 4  # parts 1(a)(i), 1(a)(ii), 1(b) and 2
    assert "Chosen" in suggestions
    assert re.search(r'numeric">\d+\.\d\d</td>', suggestions)
    assert "cybercrimes" in suggestions  # the question's own words, not their stems
    assert re.search(
        r"below the threshold|covers \d+% of the part|below \d+% of the best", suggestions
    )
    assert 'id="nearest-facts"' in suggestions


def test_an_uploaded_question_file_downloads_as_the_cli_writes_it(
    client: FlaskClient, bench: Workbench
) -> None:
    upload = (io.BytesIO(SEED_YAML.read_bytes()), "37301.yaml")
    address = draft_page(client, question_file=upload)
    assert "Draft answer to UIN 37301" in client.get(address).text
    markdown = client.get(f"{address}.md")
    assert markdown.headers["Content-Disposition"] == 'attachment; filename="37301.md"'
    folders = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]
    written = CliRunner().invoke(
        cli, ["draft", str(SEED_YAML), "--db", str(bench.archive), *folders]
    )
    assert written.exit_code == 0, written.output
    assert markdown.text == written.stdout


def test_the_word_download_reopens_with_the_answer(client: FlaskClient) -> None:
    address = draft_page(client, question=SEED_TEXT)
    response = client.get(f"{address}.docx")
    assert str(response.mimetype).endswith("wordprocessingml.document")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs)
    assert "The responsibility for auditing the use of police systems" in text
    assert client.get(f"{address}.docx").data == response.data  # kept, and the same bytes
    for fmt, kind in (("html", "text/html"), ("txt", "text/plain")):
        assert client.get(f"{address}.{fmt}").mimetype == kind


def test_a_question_from_the_archive_by_uin_and_date(client: FlaskClient) -> None:
    token = csrf(client)
    recurring = client.post("/draft", data={"csrf_token": token, "uin": "1001"})
    assert recurring.status_code == 422
    assert "UIN 1001 was used for 2 questions" in recurring.text
    fields = {"csrf_token": token, "uin": "1001", "tabled": "2024-03-04"}
    response = client.post("/draft", data=fields)
    # The fact base has nothing on vetting failures: the report names the archived question's part.
    assert response.status_code == 422
    report = response.text.split('id="unanswered-report"')[1].split("</pre>")[0]
    assert "failed vetting checks in 2023" in report


def test_as_of_and_answer_type_are_used(client: FlaskClient) -> None:
    page = client.get(
        draft_page(client, question=SEED_TEXT, type="holding", as_of="2025-03-12")
    ).text
    assert "holding (" in page
    assert "12 March 2025" in page


def test_form_errors_point_at_their_field(client: FlaskClient) -> None:
    token = csrf(client)
    empty = client.post("/draft", data={"csrf_token": token})
    assert empty.status_code == 422
    assert 'href="#question"' in empty.text and "There is a problem" in empty.text
    bad_date = client.post(
        "/draft", data={"csrf_token": token, "question": SEED_TEXT, "as_of": "March"}
    )
    assert bad_date.status_code == 422 and 'href="#as_of"' in bad_date.text
    assert "&#39;March&#39; is not a date" in bad_date.text
    not_question = (io.BytesIO(b"- 1\n- 2\n"), "q.yaml")
    upload = client.post("/draft", data={"csrf_token": token, "question_file": not_question})
    assert upload.status_code == 422 and "q.yaml" in upload.text


def test_a_question_nothing_answers_shows_the_report(client: FlaskClient) -> None:
    question = "To ask the Secretary of State for Education, how many schools have new roofs."
    response = client.post("/draft", data={"csrf_token": csrf(client), "question": question})
    assert response.status_code == 422
    assert 'id="unanswered-report"' in response.text
    assert question in response.text  # the form keeps what was typed


def test_unknown_drafts_and_formats_are_not_found(client: FlaskClient) -> None:
    address = draft_page(client, question=SEED_TEXT)
    assert client.get("/drafts/0123456789abcdef").status_code == 404
    assert client.get(f"{address}.pdf").status_code == 404
    assert client.get("/drafts/..%2F..%2Fetc%2Fpasswd.md").status_code == 404


def test_a_block_composition_left_out_can_be_added(client: FlaskClient) -> None:
    address = draft_page(client, question=SEED_TEXT)
    page = client.get(address).text
    form = page.split('id="add-blocks"')[1].split("</form>")[0]
    assert 'value="dismissal-regulations"' in form
    key = address.rsplit("/", 1)[1]
    fields = {"csrf_token": csrf(client), "block": "dismissal-regulations"}
    response = client.post(f"/drafts/{key}/blocks", data=fields)
    assert response.status_code == 303
    again = client.get(response.headers["Location"]).text
    assert "block <code>dismissal-regulations</code>" in again
    assert (
        client.post(f"/drafts/{key}/blocks", data={"csrf_token": csrf(client)}).status_code == 400
    )
    unknown = {"csrf_token": csrf(client), "block": "no-such-block"}
    assert client.post(f"/drafts/{key}/blocks", data=unknown).status_code == 422
