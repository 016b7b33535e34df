"""Colour and progress only on a terminal, and never colour under NO_COLOR: every command."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from drafter.cli.serve import request_handler
from tests.conftest import ROOT
from tests.terminal import on_a_terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
OLD = ROOT / "tests" / "data" / "review" / "37301-2024.md"
CONTENT = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]
ANSWERS = 1_050
"""Enough answers for the first progress report of an import (1,000) and a harvest (100)."""


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSON Lines file of many answers about vetting, each with its own figure."""
    path = tmp_path_factory.mktemp("answers") / "answers.jsonl"
    rows = (
        {
            "id": 50_000 + number,
            "uin": str(number),
            "house": "Commons",
            "dateTabled": "2024-01-10T00:00:00",
            "dateAnswered": "2024-01-16T00:00:00",
            "questionText": f"To ask the Home Secretary, police vetting question {number}.",
            "answeringBodyName": "Home Office",
            "answeringMember": {"name": "Jane Minister"},
            "answerText": f"<p>In 2022/23, {number} officers failed a vetting review.</p>",
            "heading": "Police: Vetting",
        }
        for number in range(ANSWERS)
    )
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _piped(*args: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "drafter", *(str(arg) for arg in args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def test_archive_import_counts_on_a_terminal_only(answers: Path, tmp_path: Path) -> None:
    shown, _ = on_a_terminal(
        ["archive", "import", answers, "--db", tmp_path / "a"], stream="stderr"
    )
    assert "\rread 1,000 records..." in shown
    piped = _piped("archive", "import", answers, "--db", tmp_path / "b")
    assert piped.returncode == 0 and piped.stderr == ""


def test_harvest_counts_answers_on_a_terminal_only(answers: Path, tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    assert _piped("archive", "import", answers, "--db", db).returncode == 0
    harvest = ["facts", "harvest", "vetting", "--db", db, "--limit", "300"]
    shown, _ = on_a_terminal([*harvest, "--out", tmp_path / "t.yaml"], stream="stderr")
    assert "\rread 100 answers...\rread 200 answers...\rread 300 answers..." in shown
    piped = _piped(*harvest, "--out", tmp_path / "p.yaml")
    assert piped.returncode == 0, piped.stderr
    assert "\r" not in piped.stderr and "answers..." not in piped.stderr
    assert piped.stderr.startswith(f"{tmp_path / 'p.yaml'}: ")


@pytest.mark.parametrize(
    ("env", "coloured"), [({}, True), ({"NO_COLOR": "1"}, False)], ids=["plain", "NO_COLOR"]
)
def test_redraft_colours_its_diff_on_a_terminal_unless_no_color(
    tmp_path: Path, env: dict[str, str], coloured: bool
) -> None:
    shown, _ = on_a_terminal(["redraft", OLD, "--out", tmp_path, *CONTENT], env=env)
    assert ("\x1b[" in shown) is coloured
    assert "2023/24" in shown


def test_redraft_piped_is_plain(tmp_path: Path) -> None:
    piped = _piped("redraft", OLD, "--out", tmp_path, "--color", "auto", *CONTENT)
    assert piped.returncode == 0 and "\x1b[" not in piped.stdout + piped.stderr
    assert "[-2023/24-]{+2024/25+}" in piped.stdout


def test_the_workbench_log_is_plain_off_a_terminal(caplog: pytest.LogCaptureFixture) -> None:
    from werkzeug.serving import WSGIRequestHandler, make_server

    from drafter.web.app import create_app
    from drafter.web.workspace import Workbench

    app = create_app(Workbench(facts=ROOT / "facts", templates=ROOT / "templates"))
    logged = {}
    for handler in (WSGIRequestHandler, request_handler()):
        caplog.clear()
        server = make_server("127.0.0.1", 0, app, request_handler=handler)
        server.timeout = 30
        thread = threading.Thread(target=server.handle_request, daemon=True)
        thread.start()
        with pytest.raises(urllib.error.HTTPError), caplog.at_level(logging.INFO, "werkzeug"):
            urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/nowhere", timeout=30)
        thread.join()
        server.server_close()
        logged[handler] = "\n".join(record.getMessage() for record in caplog.records)
    coloured, plain = logged.values()
    assert "\x1b[33mGET /nowhere" in coloured  # werkzeug's own: why ours is needed
    assert '"GET /nowhere HTTP/1.1" 404' in plain and "\x1b" not in plain
