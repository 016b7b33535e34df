"""The workbench's defences: CSRF, CSP, upload limit, escaping, no paths, loopback by default."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from drafter.cli import cli
from drafter.web.app import create_app
from drafter.web.security import POLICY
from drafter.web.workspace import Workbench
from tests.web.conftest import ROOT, SEED_TEXT, csrf, draft_page


@pytest.mark.parametrize("token", [None, "", "forged"])
def test_a_form_post_without_the_session_token_is_refused(
    client: FlaskClient, token: str | None
) -> None:
    csrf(client)  # the session has a token; the post does not carry it
    fields = {"question": SEED_TEXT} | ({} if token is None else {"csrf_token": token})
    for page in ("/draft", "/review"):
        response = client.post(page, data=fields)
        assert response.status_code == 400
        assert "did not come from this workbench" in response.text


def test_a_token_from_another_session_is_refused(app: Any) -> None:
    with app.test_client() as first, app.test_client() as second:
        token = csrf(first)
        csrf(second)
        response = second.post("/draft", data={"csrf_token": token, "question": SEED_TEXT})
        assert response.status_code == 400


def test_every_response_has_the_content_security_policy(client: FlaskClient) -> None:
    address = draft_page(client, question=SEED_TEXT)
    pages = ["/", address, f"{address}.docx", "/facts", "/archive", "/review", "/nowhere"]
    for page in pages:
        response = client.get(page)
        assert response.headers["Content-Security-Policy"] == POLICY, page
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in POLICY and "'unsafe-inline'" not in POLICY
    api = client.post("/api/draft", data="x", content_type="text/plain")
    assert api.headers["Content-Security-Policy"] == POLICY


def test_pages_run_no_inline_script(client: FlaskClient) -> None:
    page = client.get(draft_page(client, question=SEED_TEXT)).text
    assert "<script>" not in page and " on" + "click=" not in page
    assert '<script type="module" src="/static/workbench.js"></script>' in page


def test_an_upload_over_the_limit_is_refused(bench: Workbench) -> None:
    app = create_app(replace(bench, max_upload=10_000))
    with app.test_client() as client:
        token = csrf(client)
        big = (io.BytesIO(b"text: " + b"x" * 20_000), "q.yaml")
        response = client.post("/draft", data={"csrf_token": token, "question_file": big})
        assert response.status_code == 413
        assert "larger than the workbench accepts (10,000 bytes)" in response.text
        api = client.post("/api/draft", json={"text": "x" * 20_000})
        assert api.status_code == 413 and api.json is not None and "error" in api.json


def test_what_the_user_types_is_escaped(client: FlaskClient) -> None:
    attack = SEED_TEXT + ' <script>alert("x")</script>'
    page = client.get(draft_page(client, question=attack)).text
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    typed = client.post("/draft", data={"csrf_token": csrf(client), "as_of": "<b>x</b>"})
    assert "<b>x</b>" not in typed.text


def test_no_browser_path_reaches_the_file_system(client: FlaskClient, bench: Workbench) -> None:
    token = csrf(client, "/review")
    for name in ("../../facts/sources.yaml", "/etc/passwd", str(bench.drafts / "37301-2024.md")):
        fields = {"csrf_token": token, "old": name, "new": "37301-2025.md"}
        response = client.post("/review", data=fields)
        assert response.status_code == 422
        assert "is not a draft in the drafts folder" in response.text
    assert client.get("/static/../facts/sources.yaml").status_code == 404
    assert client.get("/drafts/..%2Fsecret.md").status_code == 404


def test_an_uploaded_name_cannot_leave_the_temporary_folder(client: FlaskClient) -> None:
    token = csrf(client, "/review")
    old = (io.BytesIO(b"The old answer."), "../../../tmp/evil.txt")
    new = (io.BytesIO(b"The new answer."), "new.txt")
    response = client.post("/review", data={"csrf_token": token, "old_file": old, "new_file": new})
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).text
    assert "Changes from evil.txt to new.txt" in page
    assert not Path("/tmp/evil.txt").exists()


class _Server:
    """Stands in for werkzeug's server: records where it was asked to listen."""

    calls: list[tuple[str, int]] = []
    server_port = 8000

    def __init__(
        self, host: str, port: int, app: object, threaded: bool, request_handler: object
    ) -> None:
        _Server.calls.append((host, port))

    def serve_forever(self) -> None:
        raise KeyboardInterrupt


def test_serve_listens_on_this_machine_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    import werkzeug.serving

    monkeypatch.setattr(werkzeug.serving, "make_server", _Server)
    monkeypatch.chdir(ROOT)
    local = CliRunner().invoke(cli, ["serve"])
    assert local.exit_code == 0, local.output
    assert _Server.calls[-1] == ("127.0.0.1", 8000)
    assert "http://127.0.0.1:8000" in local.stdout and "warning" not in local.stderr
    wide = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "8080"])
    assert _Server.calls[-1] == ("0.0.0.0", 8080)
    assert "warning: serving on 0.0.0.0: the workbench has no login" in wide.stderr


def test_help_does_not_import_the_web_framework() -> None:
    code = (
        "import sys, runpy; sys.argv = ['drafter', '--help']\n"
        "try:\n    runpy.run_module('drafter', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('flask', 'werkzeug', 'drafter.web.app') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stdout.splitlines()[-1] == "[]"


def test_requests_for_another_host_name_are_refused(client: FlaskClient) -> None:
    # A page on another site may rebind its name to 127.0.0.1: its requests name that site.
    for host in ("localhost", "127.0.0.1:8000"):
        assert client.get("/facts", headers={"Host": host}).status_code == 200
    for host in ("evil.example", "evil.example:8000"):
        page = client.get("/facts", headers={"Host": host})
        assert page.status_code == 400 and page.text == f"Host '{host}' is not trusted."
        api = client.post("/api/draft", json={"text": SEED_TEXT}, headers={"Host": host})
        assert api.status_code == 400


def test_serving_on_every_interface_answers_to_any_name() -> None:
    from drafter.web.workspace import trusted_hosts

    assert trusted_hosts("127.0.0.1") == ("127.0.0.1", "localhost")
    assert trusted_hosts("192.168.1.20") == ("192.168.1.20", "127.0.0.1", "localhost")
    assert trusted_hosts("0.0.0.0") == ()


def test_serve_stops_in_one_line_on_a_broken_workspace_or_a_busy_port(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    broken = CliRunner().invoke(cli, ["serve"])
    assert broken.exit_code == 1 and broken.stderr.startswith("Error: ")
    assert len(broken.stderr.splitlines()) == 1, broken.stderr
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        folders = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]
        busy = CliRunner().invoke(cli, ["serve", "--port", port, *folders])
    assert busy.exit_code == 1
    assert f"Port {port} is in use by another program." in busy.stderr
    assert "Traceback" not in busy.output


def test_a_fact_base_broken_while_serving_is_shown_in_one_line(
    tmp_path: Path, bench: Workbench
) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(ROOT / "facts", facts)
    app = create_app(replace(bench, facts=facts))
    with app.test_client() as client:
        assert client.get("/facts").status_code == 200
        (facts / "broken.yaml").write_text("facts: [\n", encoding="utf-8")
        page = client.get("/facts")
        assert page.status_code == 500
        assert "broken.yaml" in page.text and "Traceback" not in page.text
        api = client.post("/api/draft", json={"text": SEED_TEXT})
        assert api.status_code == 422 and api.json is not None  # the API's "cannot draft"
        assert "broken.yaml" in api.json["error"]
