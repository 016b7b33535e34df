"""Drafts the browser names or sends, read by the same readers as the CLI's files.

A name is only ever looked up among the files listed in the workspace's drafts folder; an
upload is written to a private temporary folder under a safe name, read, and removed.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DraftError

if TYPE_CHECKING:
    from drafter.draft import Draft

SUFFIXES = (".md", ".docx", ".html", ".htm", ".txt")
"""What `read_side` reads: a drafter draft, its Word or HTML export, or plain text."""


def draft_files(folder: Path) -> list[str]:
    """The drafts under the folder, as paths relative to it, sorted."""
    if not folder.is_dir():
        return []
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.suffix.lower() in SUFFIXES
    )


def listed_draft(folder: Path, name: str) -> Draft:
    """The draft of that listed name; any other name is refused, never looked up.

    Raises:
        DraftError: not a listed draft, or unreadable.
    """
    from drafter.review import read_side

    if name not in draft_files(folder):
        raise DraftError(f"'{name}' is not a draft in the drafts folder")
    return replace(read_side(folder / name), path=Path(name))


def uploaded_draft(name: str, data: bytes) -> Draft:
    """An uploaded draft, read as a file of its name would be; messages name the upload.

    Raises:
        DraftError: a suffix `read_side` does not read, or a file that is not what it says.
    """
    from drafter.review import read_side

    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name.replace("\\", "/")).name).strip(".-")
    if Path(safe).suffix.lower() not in SUFFIXES:
        raise DraftError(f"{name}: upload a .md, .docx, .html or .txt draft")
    with tempfile.TemporaryDirectory(prefix="drafter-upload-") as folder:
        path = Path(folder) / safe
        path.write_bytes(data)
        try:
            draft = read_side(path)
        except DraftError as error:
            raise DraftError(f"{safe}: {error.message}") from None  # not the temporary path
    return replace(draft, path=Path(safe))
