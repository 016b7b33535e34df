"""Escape sequences that come from content never reach the terminal; piped output stays exact."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from drafter.cli import cli
from tests.conftest import ROOT

CSI = "\x9b"
"""The one-character Control Sequence Introducer: legal in XML, so intake keeps it."""


QUESTION = (
    f"To ask the Secretary of State for the Home Department, what {CSI}2J assessment her "
    "Department has made of whether there is a correlation between the (a) (i) roles and (ii) "
    "ranks of police personnel and (b) likelihood of committing cybercrimes."
)


def run_drafter(arguments: list[str], *, terminal: bool) -> str:
    """Run drafter in the repository with stdout on a pseudo-terminal or a pipe."""
    command = [sys.executable, "-m", "drafter", *arguments]
    if not terminal:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=120, check=True)
        return result.stdout.decode("utf-8")
    primary, secondary = pty.openpty()
    with subprocess.Popen(command, cwd=ROOT, stdout=secondary, stderr=subprocess.PIPE) as process:
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 0
    os.close(primary)
    return b"".join(chunks).decode("utf-8")


def test_content_printed_to_a_terminal_loses_its_escape_sequences() -> None:
    shown = run_drafter(["draft", "--text", QUESTION, "--format", "html"], terminal=True)
    assert "<!DOCTYPE html>" in shown
    assert "what 2J assessment" in shown
    assert CSI not in shown


def test_content_piped_elsewhere_goes_out_byte_for_byte() -> None:
    piped = run_drafter(["draft", "--text", QUESTION, "--format", "html"], terminal=False)
    assert f"what {CSI}2J assessment" in piped


def test_a_yaml_question_holding_a_c1_control_is_a_one_line_error(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "37301.yaml").read_text(encoding="utf-8")
    path = tmp_path / "q.yaml"
    path.write_text(text.replace("what assessment", f"what {CSI}2J assessment"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["draft", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path}:4:63: invalid YAML: U+009B is a control character YAML does not allow\n"
    )


def test_error_messages_drop_escape_sequences_they_quote() -> None:
    result = CliRunner().invoke(
        cli, ["draft", str(ROOT / "examples" / "37301.yaml"), "--exclude", "x\x1b]0;t\x07\x9b2Jy"]
    )
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown fact 'x]0;t2Jy'\n"
