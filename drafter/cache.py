"""The user's cache folder: what drafter derives from its inputs and keeps between runs.

Compiled Jinja blocks, the facts each block reads and the empty Word form live here, and
anything else that is slow to derive and cheap to keep. Every entry is named by a digest
of everything it was derived from, so a changed input simply misses; entries are written
whole (a temporary file renamed into place), so runs at the same time never see half of
one; an entry that cannot be read or does not check out is ignored and derived afresh,
never trusted. Losing the folder loses nothing but time.

The folder is `$XDG_CACHE_HOME/drafter`, else `~/.cache/drafter`. `drafter --no-cache`, or
`DRAFTER_NO_CACHE=1` in the environment, turns caching off: nothing is read or written.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from drafter import __version__
from drafter.atomic_write import replace_whole

NO_CACHE_VARIABLE = "DRAFTER_NO_CACHE"
"""Set to anything but empty or `0`, caching is off, as with `drafter --no-cache`."""

_switched_off = False
_CHECK = 16
"""Bytes of SHA-256 before a checked entry: a damaged entry fails the check, and is rebuilt."""


@contextlib.contextmanager
def caching_off() -> Iterator[None]:
    """Neither read nor write the cache inside the block (what `drafter --no-cache` does)."""
    global _switched_off
    before, _switched_off = _switched_off, True
    try:
        yield
    finally:
        _switched_off = before


def cache_enabled() -> bool:
    """Whether entries may be read and written: not switched off, here or by the environment."""
    return not _switched_off and os.environ.get(NO_CACHE_VARIABLE, "") in ("", "0")


def cache_root() -> Path | None:
    """The user's drafter cache folder, or None when caching is off or there is no home."""
    if not cache_enabled():
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():  # the XDG spec says to ignore a relative path
        return Path(xdg) / "drafter"
    try:
        return Path.home() / ".cache" / "drafter"
    except RuntimeError:  # no home directory to be found
        return None


def cache_folder(kind: str) -> Path | None:
    """The folder for one kind of entry (e.g. `jinja`), or None when caching is off."""
    root = cache_root()
    return root / kind if root else None


def content_key(*parts: str | bytes) -> str:
    """A file name for an entry: the digest of everything it was derived from, in order."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))  # so ("ab", "c") differs from ("a", "bc")
        digest.update(data)
    return digest.hexdigest()


@functools.cache
def code_digest(*modules: str) -> str:
    """A digest of drafter's version and the source of these modules (paths under drafter/).

    Part of an entry's key where drafter's own code decides what the entry holds: a changed
    module is a new reader, and never meets an entry that the old one wrote.
    """
    digest = hashlib.sha256(__version__.encode())
    home = Path(__file__).resolve().parent
    for name in modules:
        try:
            digest.update(name.encode() + b"\0" + (home / name).read_bytes())
        except OSError as error:  # not installed as files: the version has to do
            digest.update(str(error.errno).encode())
    return digest.hexdigest()[:32]


def read_entry(folder: Path, key: str) -> bytes | None:
    """The entry's bytes, or None if it is missing or unreadable."""
    try:
        return (folder / key).read_bytes()
    except OSError:
        return None


def read_checked(folder: Path, key: str) -> bytes | None:
    """An entry `write_checked` stored, or None if it is missing or fails its digest."""
    data = read_entry(folder, key)
    if data is None or hashlib.sha256(data[_CHECK:]).digest()[:_CHECK] != data[:_CHECK]:
        return None
    return data[_CHECK:]


def write_checked(folder: Path, key: str, payload: bytes) -> None:
    """Store an entry with a digest of its bytes, for entries that must be whole to be used."""
    write_entry(folder, key, hashlib.sha256(payload).digest()[:_CHECK] + payload)


def write_entry(folder: Path, key: str, data: bytes) -> None:
    """Store an entry whole, or not at all: a cache that cannot be written only costs time."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        replace_whole(folder / key, data, mode=0o600)
    except OSError:
        pass  # a cache that cannot be written only costs time
