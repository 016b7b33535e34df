"""POST /api/draft: JSON in, the draft with provenance and download addresses out."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import ROOT, SEED_TEXT, SEED_YAML


def test_pasted_text_gives_front_matter_body_paragraphs_gaps_and_downloads(
    client: FlaskClient,
) -> None:
    response = client.post("/api/draft", json={"text": SEED_TEXT})
    assert response.status_code == 200
    result = response.json
    assert result is not None
    assert set(result) == {"front_matter", "body", "paragraphs", "gaps", "downloads"}
    assert result["front_matter"]["type"] == "substantive"
    assert result["body"].startswith("The responsibility for auditing")
    first = result["paragraphs"][0]
    assert first["facts"][0]["id"] == "systems.auditing-local"
    assert first["facts"][0]["source"]["url"].startswith("https://")
    assert first["facts"][0]["review_by"] == "2027-06-30"
    assert result["gaps"] == []
    for fmt, address in result["downloads"].items():
        assert address.endswith(f".{fmt}")
        assert client.get(address).status_code == 200
    markdown = client.get(result["downloads"]["md"]).text
    assert markdown.endswith(result["body"])


def test_question_yaml_and_api_json_are_read_as_the_cli_reads_them(client: FlaskClient) -> None:
    from_yaml = client.post("/api/draft", json={"question_yaml": SEED_YAML.read_text()}).json
    api = json.loads((ROOT / "examples" / "37301.json").read_text())
    as_object = client.post("/api/draft", json={"api_json": api}).json
    as_text = client.post("/api/draft", json={"api_json": json.dumps(api)}).json
    assert from_yaml and as_object and as_text
    assert from_yaml["front_matter"]["question"]["uin"] == "37301"
    assert as_object == as_text
    assert as_object["front_matter"]["question"]["uin"] == "37301"


def test_type_and_as_of_are_honoured(client: FlaskClient) -> None:
    body = {"text": SEED_TEXT, "type": "holding", "as_of": "2025-03-12"}
    result = client.post("/api/draft", json=body).json
    assert result is not None
    assert result["front_matter"]["type"] == "holding"
    assert result["front_matter"]["as_of"] == "2025-03-12"


def test_a_gap_is_reported_with_its_part(client: FlaskClient) -> None:
    question = SEED_TEXT.replace(
        "identified risks.", "identified risks; and what a police dog handler was paid in 2024."
    )
    result = client.post("/api/draft", json={"text": question}).json
    assert result is not None
    assert [gap["part"] for gap in result["gaps"]] == ["3"]
    assert any(p["gap"] and "[To complete" in p["text"] for p in result["paragraphs"])


@pytest.mark.parametrize(
    ("data", "content_type", "status", "message"),
    [
        ("text=hello", "application/x-www-form-urlencoded", 415, "send application/json"),
        ("To ask ...", "text/plain", 415, "send application/json, not text/plain"),
        ('{"text": ', "application/json", 400, "malformed JSON"),
        ('["To ask"]', "application/json", 400, "expected a JSON object"),
        ("{}", "application/json", 400, "give exactly one of text, question_yaml, api_json"),
        ('{"text": "a", "api_json": "b"}', "application/json", 400, "give exactly one"),
        ('{"text": 3}', "application/json", 400, "'text' must be text"),
        ('{"text": "x", "as_of": "soon"}', "application/json", 400, "'soon' is not a date"),
    ],
)
def test_bad_requests_get_one_line(
    client: FlaskClient, data: str, content_type: str, status: int, message: str
) -> None:
    response = client.post("/api/draft", data=data, content_type=content_type)
    assert response.status_code == status
    assert response.json is not None
    error = response.json["error"]
    assert message in error and "\n" not in error


def test_a_question_nothing_answers_is_a_422_with_the_report(client: FlaskClient) -> None:
    body = {"text": "To ask the Secretary of State for Education, how many schools have new roofs."}
    response = client.post("/api/draft", json=body)
    assert response.status_code == 422
    assert response.json is not None
    assert "no block answers" in response.json["error"]
    assert "schools" in response.json["details"]


def test_the_api_needs_no_csrf_token_but_only_takes_json(client: FlaskClient) -> None:
    assert client.post("/api/draft", json={"text": SEED_TEXT}).status_code == 200
    form = client.post("/api/draft", data={"text": SEED_TEXT})
    assert form.status_code == 415
