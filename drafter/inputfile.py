"""Read a file a user gave us: a regular file of bounded size, strict UTF-8, clean characters.

Every reader of outside text (questions, facts, templates, drafts) comes here, so that a
FIFO (which would block for ever), a directory, a device, a broken symlink or a symlink loop,
a huge file or bytes that are not UTF-8 all end in the same one-line error naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from drafter.chars import clean
from drafter.errors import DrafterError, Location, Problem

__all__ = [
    "MAX_BYTES",
    "check_inside",
    "check_regular",
    "decode",
    "read_bytes",
    "read_text",
    "read_text_checked",
]

MAX_BYTES = {
    "question": 1_000_000,
    "fact": 5_000_000,
    "draft": 10_000_000,
    "template": 1_000_000,
    "settings": 100_000,
}
"""The largest file of each kind read: far above any real one, far below what hurts."""

_KINDS = {
    stat.S_ISDIR: "a folder",
    stat.S_ISFIFO: "a named pipe",
    stat.S_ISCHR: "a device",
    stat.S_ISBLK: "a device",
    stat.S_ISSOCK: "a socket",
}


def check_regular(path: Path, error: type[DrafterError] = DrafterError) -> os.stat_result:
    """The file's status, after making sure it is a regular file we can open without waiting.

    Raises:
        error: the path is missing, a broken symlink or loop, or not a regular file.
    """
    try:
        status = path.stat()
    except OSError as problem:
        raise error(_reason(path, problem), Location(path)) from None
    for test, kind in _KINDS.items():
        if test(status.st_mode):
            raise error(f"expected a file, found {kind}", Location(path))
    return status


def check_inside(
    path: Path, folder: Path, what: str, error: type[DrafterError] = DrafterError
) -> None:
    """Make sure the file, its symlinks followed, lies inside `folder` (named `what`).

    Raises:
        error: a symlink leads outside the folder, is broken, or loops.
    """
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        check_regular(path, error)
        raise error("symlink loop", Location(path)) from None
    if not real.is_relative_to(folder.resolve()):
        raise error(f"symlink leads outside {what}, to {real}", Location(path))


def read_bytes(path: Path, kind: str, error: type[DrafterError] = DrafterError) -> bytes:
    """The file's bytes, refusing anything but a regular file no larger than `MAX_BYTES[kind]`."""
    status = check_regular(path, error)
    limit = MAX_BYTES[kind]
    if status.st_size > limit:
        message = f"{kind} file too large: {status.st_size:,} bytes (limit {limit:,})"
        raise error(message, Location(path))
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, open still returns.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as problem:
        raise error(_reason(path, problem), Location(path)) from None
    if len(data) > limit:
        raise error(f"{kind} file too large (limit {limit:,} bytes)", Location(path))
    return data


def decode(data: bytes, path: Path, error: type[DrafterError] = DrafterError) -> str:
    """Strict UTF-8 (a leading byte-order mark dropped), naming the first bad byte's offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        message = f"not UTF-8 text: {problem.reason} at byte offset {problem.start}"
        raise error(message, Location(path)) from None


def read_text_checked(
    path: Path, kind: str, error: type[DrafterError] = DrafterError
) -> tuple[str, list[Problem]]:
    """The file's text under the character policy, with a warning for what it changed."""
    return clean(decode(read_bytes(path, kind, error), path, error), Location(path))


def read_text(path: Path, kind: str, error: type[DrafterError] = DrafterError) -> str:
    """`read_text_checked` for readers that have nowhere to put a warning."""
    return read_text_checked(path, kind, error)[0]


def _reason(path: Path, problem: OSError) -> str:
    if problem.errno == errno.ELOOP:
        return "symlink loop"
    if problem.errno == errno.ENOENT:
        return "broken symlink" if path.is_symlink() else "file not found"
    if problem.errno == errno.EISDIR:
        return "expected a file, found a folder"
    return f"cannot read: {problem.strerror or problem}"
