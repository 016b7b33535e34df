"""What the workbench serves: the workspace's folders, and its fact base and templates, kept loaded.

The fact base and templates are loaded on the first request and again only when a file under
their folders changes, so an officer who edits a fact sees it on the next draft, and a draft
costs the drafting, not the loading.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.config import Config

if TYPE_CHECKING:
    from drafter.facts.model import FactBase
    from drafter.render import TemplateSet

LOCAL_HOST = "127.0.0.1"
"""The address the workbench listens on unless told otherwise: this machine only."""
LOCAL_NAMES = (LOCAL_HOST, "localhost")
"""The names a browser on this machine uses for it; other Host headers are refused."""
MAX_UPLOAD = 2 * 1024 * 1024
"""The largest request body the workbench accepts, in bytes: a question or a draft is far less."""


@dataclass(frozen=True)
class Workbench:
    """The folders the workbench reads; nothing outside them is reachable from the browser."""

    config: Config = field(default_factory=Config)
    facts: Path = Path("facts")
    templates: Path = Path("templates")
    archive: Path = Path("archive.sqlite")
    drafts: Path = Path("drafts")
    max_upload: int = MAX_UPLOAD
    hosts: tuple[str, ...] = LOCAL_NAMES
    """Host names requests may be addressed to, against DNS rebinding; empty: any."""


class Library:
    """The workbench's fact base and templates, reloaded when their files change."""

    def __init__(self, bench: Workbench) -> None:
        self.bench = bench
        self._lock = threading.Lock()
        self._stamp: tuple[tuple[str, int, int], ...] | None = None
        self._loaded: tuple[FactBase, TemplateSet] | None = None

    def load(self) -> tuple[FactBase, TemplateSet]:
        """The fact base and templates as their files now stand.

        Raises:
            FactBaseError, TemplateError: as `load_fact_base` and `load_templates` do.
        """
        from drafter.facts.load import load_fact_base
        from drafter.render import load_templates

        stamp = _stamp(self.bench.facts) + _stamp(self.bench.templates)
        with self._lock:
            if self._loaded is None or stamp != self._stamp:
                base = load_fact_base(self.bench.facts)
                self._loaded = (base, load_templates(self.bench.templates))
                self._stamp = stamp
            return self._loaded


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file under the folder with its modification time and size."""
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)


def trusted_hosts(host: str) -> tuple[str, ...]:
    """The names a server listening on `host` answers to: all of them for every interface."""
    if host in {"0.0.0.0", "::", ""}:
        return ()
    return tuple(dict.fromkeys((host, *LOCAL_NAMES)))


def host_warning(host: str) -> str:
    """What to tell the user who serves beyond this machine; empty for the loopback address."""
    if host in {LOCAL_HOST, "localhost", "::1"}:
        return ""
    return (
        f"warning: serving on {host}: the workbench has no login, so anyone who can reach "
        "this address can read the fact base and draft with it"
    )
