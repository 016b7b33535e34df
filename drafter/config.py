"""The workspace: where the fact base, templates and archive live, from `drafter.yaml` or defaults.

Found the way mkdocs finds mkdocs.yml: in the current directory. Command-line options win.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, Location

CONFIG_FILE = "drafter.yaml"


def outside_workspace(option: str) -> str:
    """What to do when a workspace folder is missing: the end of its error message."""
    return (
        "drafter works in a workspace folder (facts/, templates/, drafter.yaml): cd into one,"
        f" start one with 'drafter init DIR', or give {option} DIR"
    )


@dataclass(frozen=True)
class Config:
    """Settings for one workspace; relative paths are relative to the workspace folder."""

    facts: Path = Path("facts")
    templates: Path = Path("templates")
    archive: Path = Path("archive.sqlite")
    members: Path = Path("members.yaml")
    """Members' names by id, for archive records that give only ids (drafter.archive.members)."""
    drafts: Path = Path("drafts")
    source_check_days: int = 365
    """A source not checked for this many days is reported by `facts stale`."""
    review_warning_days: int = 60
    """Facts due for review within this many days are flagged in the background note."""
    max_words: int = 500
    """`check` warns when an answer is longer than this."""
    department: str = ""
    """The answering body this workspace answers for, as Parliament names it (`Home Office`):
    a topic forced with --template on a question to another one is drafted with a warning."""
    author: str = "drafter"
    """Author of the Word comments on a draft and of the tracked changes in a review."""
    compose_threshold: float = 0.6
    """The least score with which a block answers a question part (see drafter.compose)."""


def load_config(directory: Path | None = None) -> Config:
    """Read `drafter.yaml` from the directory (default: the current one), or use the defaults.

    Raises:
        DrafterError: the file exists but is not valid YAML or has an unknown setting.
    """
    folder = directory or Path()  # relative, so messages show `facts/...`, not a full path
    path = folder / CONFIG_FILE
    if not path.is_file():
        return Config()
    import yaml  # only when there is a file to read: keeps `drafter --help` fast

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DrafterError(
            f"invalid YAML: {getattr(error, 'problem', None) or error}",
            Location(path, mark.line + 1 if mark else None),
        ) from error
    if not isinstance(raw, dict):
        raise DrafterError("expected a mapping of settings", Location(path, 1))
    return replace(Config(), **_settings(raw, path, folder))


def _settings(raw: dict[str, Any], path: Path, folder: Path) -> dict[str, Any]:
    known = {spec.name: spec for spec in fields(Config)}
    settings: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            choices = ", ".join(sorted(known))
            raise DrafterError(f"unknown setting '{key}' (known: {choices})", Location(path))
        settings[key] = _setting(key, value, getattr(Config(), key), path, folder)
    return settings


def _kind(default: Any) -> type:
    return Path if isinstance(default, Path) else type(default)


def _setting(key: str, value: Any, default: Any, path: Path, folder: Path) -> Any:
    """One setting, of the same kind as its default, or an error naming it."""
    if isinstance(default, Path) and isinstance(value, str) and value.strip():
        return folder / value
    if isinstance(default, int) and isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(default, str) and not isinstance(default, Path) and isinstance(value, str):
        return value
    if (
        isinstance(default, float)
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        if value >= 0:
            return float(value)
    kind = {Path: "a folder", int: "a whole number", str: "text", float: "a number, 0 or more"}[
        _kind(default)
    ]
    raise DrafterError(f"setting '{key}' must be {kind}, not {value!r}", Location(path))
