"""Running drafter as a real process with one of its outputs on a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence

from tests.conftest import ROOT


def on_a_terminal(
    args: Sequence[object], *, stream: str = "stdout", env: Mapping[str, str] | None = None
) -> tuple[str, str]:
    """Run `drafter ARGS` with `stream` (stdout or stderr) on a terminal, the other to a file.

    NO_COLOR is taken out of the environment unless `env` sets it. Returns what the terminal
    showed, then what the other stream wrote.
    """
    main, secondary = pty.openpty()
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("NO_COLOR", None)
    environment.update(env or {})
    command = [sys.executable, "-m", "drafter", *(str(arg) for arg in args)]
    with tempfile.TemporaryFile() as other:
        streams = {"stdout": secondary, "stderr": other}
        if stream == "stderr":
            streams = {"stdout": other, "stderr": secondary}
        with subprocess.Popen(command, **streams, env=environment, cwd=ROOT) as process:  # type: ignore[call-overload]
            os.close(secondary)
            shown = _read_all(main)
            process.wait(timeout=120)
        os.close(main)
        other.seek(0)
        return shown.decode("utf-8"), other.read().decode("utf-8")


def _read_all(terminal: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:  # the process closed the terminal (EIO on Linux)
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)
