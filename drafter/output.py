"""Writing files safely and reproducibly.

Whole or not at all, never over an existing file without `force`, and (for zip-based formats
such as .docx) the same content always as the same bytes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from drafter.errors import ExportError, Location

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry


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


def reproducible_zip(data: bytes) -> bytes:
    """Rewrite a saved .docx so that the same document always gives the same bytes.

    python-docx stamps every zip entry with the time of saving, so two saves of one document
    differ. Rewriting with a fixed entry order, fixed entry dates and attributes, and a fixed
    compression level makes a draft's .docx reproducible like its other formats.
    `[Content_Types].xml` goes first, where Word and other readers expect it.
    """
    import io
    import zipfile  # here, not at the top: writing a text draft needs neither

    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return zip_entries({name: source.read(name) for name in source.namelist()})


def zip_entries(entries: dict[str, bytes]) -> bytes:
    """A zip of these files that is the same bytes whenever they are (see reproducible_zip)."""
    import io
    import zipfile

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in sorted(entries, key=lambda name: (name != "[Content_Types].xml", name)):
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # otherwise the building machine's OS is recorded
            info.external_attr = 0
            target.writestr(info, entries[name], compresslevel=6)
    return output.getvalue()
