"""File names made from what the outside world says: a UIN, a heading, a front-matter value.

Every name drafter takes from input to build a path goes through `safe_file_name`, so a UIN
of `../../x`, `/etc/cron.d/x`, `CON` or one with a newline in it never writes outside the
folder the user chose.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_NAME", "safe_file_name"]

MAX_NAME = 100
"""Characters kept of a name: far below any file system's limit, with room for a suffix."""

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Names Windows reserves for devices, with or without a suffix: `CON.md` opens the console.
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?")


def safe_file_name(text: str, fallback: str = "draft") -> str:
    """A file name of letters, digits, `.`, `_` and `-` only, never hidden, never reserved.

    Runs of anything else (path separators, spaces, newlines, accents after decomposition)
    become one `-`; leading and trailing dots and dashes go, so `..` leaves nothing and gives
    `fallback`.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = _UNSAFE.sub("-", ascii_text)[:MAX_NAME].strip(".-")
    if not name:
        return fallback
    return f"{name}_" if _RESERVED.fullmatch(name) else name
