"""Writing files safely and reproducibly.

Whole or not at all, never over an existing file without `force`, and (for zip-based formats
such as .docx) the same content always as the same bytes.
"""

from __future__ import annotations

import copy
import io
import struct
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.atomic_write import replace_whole
from drafter.errors import ExportError, Location

if TYPE_CHECKING:
    import zipfile  # imported where used: writing a text draft needs no zip

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
        replace_whole(path, payload, mode=0o644)
    except OSError as error:
        raise ExportError(f"cannot write: {error.strerror}", Location(path)) from error


@dataclass(frozen=True)
class Zipped:
    """One file as `zip_entries` zipped it, to be copied into another zip as it is.

    The parts of a .docx that a draft does not change (its styles are most of its size) are
    deflated once, where deflating them for every draft was most of the time spent zipping.
    """

    info: zipfile.ZipInfo
    record: bytes
    """The file's local header and deflated bytes."""


def zipped_files(data: bytes, names: Collection[str]) -> dict[str, Zipped]:
    """The named files of a zip `zip_entries` wrote, as they are stored in it."""
    import zipfile

    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        for info in source.infolist():
            if info.filename in names:
                start = info.header_offset
                name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
                end = start + 30 + name_length + extra_length + info.compress_size
                found[info.filename] = Zipped(info, data[start:end])
    return found


def zip_entries(entries: Mapping[str, bytes | Zipped]) -> bytes:
    """A zip of these files that is the same bytes whenever they are.

    A saved zip stamps every entry with the time of saving, so two saves of one document
    differ: here the entry order, dates and attributes and the compression level are fixed,
    which makes a .docx reproducible like the other formats. `[Content_Types].xml` goes first,
    where Word and other readers expect it. A `Zipped` file is copied as it was stored, giving
    the bytes zipping it afresh would.
    """
    import zipfile

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in sorted(entries, key=lambda name: (name != "[Content_Types].xml", name)):
            entry = entries[name]
            if isinstance(entry, Zipped):
                _copy_zipped(target, output, entry)
                continue
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # otherwise the building machine's OS is recorded
            info.external_attr = 0
            target.writestr(info, entry, compresslevel=6)
    return output.getvalue()


def _copy_zipped(target: zipfile.ZipFile, output: io.BytesIO, entry: Zipped) -> None:
    """Append a stored file as `ZipFile.writestr` appends one, minus the deflating.

    zipfile has no way to add bytes already deflated: this writes the record where the next
    file goes and registers it for the central directory, as writestr does when it closes.
    """
    info = copy.copy(entry.info)
    output.seek(target.start_dir)
    info.header_offset = output.tell()
    output.write(entry.record)
    target.start_dir = output.tell()
    target.filelist.append(info)
    target.NameToInfo[info.filename] = info
