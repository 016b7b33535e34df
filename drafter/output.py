"""Writing files safely: whole or not at all, and never over an existing file without `force`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from drafter.errors import ExportError, Location


def refuse_existing(path: Path, force: bool) -> None:
    """Stop before any work is done when the output exists and `force` was not given.

    Raises:
        ExportError: the file exists.
    """
    if path.exists() and not force:
        raise ExportError("already exists: use --force to overwrite it", Location(path))


def write_atomic(path: Path, data: bytes | str, *, force: bool = False) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    A reader sees the old file or the new one, never half of one; a failure leaves no
    temporary file behind.

    Raises:
        ExportError: the file exists (without `force`) or the folder cannot be written.
    """
    refuse_existing(path, force)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise ExportError(f"cannot write: {error.strerror}", Location(path)) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"cannot write: {error.strerror}", Location(path)) from error
