"""Writing a file whole: the one way drafter replaces a file, a draft or a cache entry.

A module of its own, and light, since reading a cached fact base writes entries too.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_whole(path: Path, data: bytes, *, mode: int) -> None:
    """Write `data` to a temporary file beside `path`, with this mode, then rename it onto it.

    Drafts and cache entries alike: a reader sees the old file or the new one, never half of
    one, and a failure leaves no temporary file behind.

    Raises:
        OSError: the folder cannot be written.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise
