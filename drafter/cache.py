"""Where drafter keeps what it can always rebuild: the user's cache folder, unless turned off.

The folder is `$XDG_CACHE_HOME/drafter`, else `~/.cache/drafter`; deleting it at any time is
safe. `--no-cache`, or the environment variable `DRAFTER_NO_CACHE=1`, turns it off.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NO_CACHE_ENV = "DRAFTER_NO_CACHE"
"""Set to anything but empty or 0, this turns the cache off, as `--no-cache` does."""

_switch = {"off": False}
"""Process-wide rather than a context variable, so that the web server's threads obey it."""


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off or there is no home folder to put it in."""
    if _switch["off"] or os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not Path(base).is_absolute():  # the XDG spec says to ignore a relative path
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no password entry
            return None
    return Path(base) / "drafter"


@contextmanager
def cache_off() -> Iterator[None]:
    """Within this block `cache_dir()` is None: nothing is read from or written to the cache."""
    was_off, _switch["off"] = _switch["off"], True
    try:
        yield
    finally:
        _switch["off"] = was_off
