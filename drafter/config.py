"""The workspace: where the fact base, templates and archive live, from `drafter.yaml` or defaults.

Found the way mkdocs finds mkdocs.yml: in the current directory. Command-line options win.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import DrafterError, Location

if TYPE_CHECKING:
    from drafter.facts.yamlread import YamlMap

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

    The file is read as every outside file is (drafter.inputfile): a regular file of bounded
    size, strict UTF-8, with aliases and nesting bounded (drafter.facts.yamlread).

    Raises:
        DrafterError: the file exists but cannot be read, is not valid YAML or has an unknown
            or badly typed setting.
    """
    folder = directory or Path()  # relative, so messages show `facts/...`, not a full path
    path = folder / CONFIG_FILE
    if not (path.exists() or path.is_symlink()):
        return Config()
    # Imported only when there is a file to read: PyYAML slows `drafter --help`.
    from drafter.facts.yamlread import YamlMap, read_yaml
    from drafter.inputfile import read_text

    raw, problems = read_yaml(path, read_text(path, "settings", DrafterError))
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:  # a warning (a control character replaced) need not stop every command
        raise DrafterError(errors[0].message, errors[0].location)
    if raw is None:
        return Config()
    if not isinstance(raw, YamlMap):
        raise DrafterError("expected a mapping of settings", Location(path, 1))
    return replace(Config(), **_settings(raw, folder))


def _settings(raw: YamlMap, folder: Path) -> dict[str, Any]:
    known = {spec.name: spec for spec in fields(Config)}
    settings: dict[str, Any] = {}
    for key, value in raw.items():
        where = raw.where(key)
        if key not in known:
            choices = ", ".join(sorted(known))
            raise DrafterError(f"unknown setting '{key}' (known: {choices})", where)
        settings[key] = _setting(key, value, getattr(Config(), key), where, folder)
    return settings


def _kind(default: Any) -> type:
    return Path if isinstance(default, Path) else type(default)


def _setting(key: str, value: Any, default: Any, where: Location, folder: Path) -> Any:
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
    raise DrafterError(f"setting '{key}' must be {kind}, not {value!r}", where)
