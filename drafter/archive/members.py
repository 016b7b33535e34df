"""Members' names by their ids: the workspace's members file, for records that carry only ids.

Parliament's list dumps and detail responses give the asking and answering members as ids
(`askingMemberId: 4764`), with names only when the member view is expanded. A PQ team
knows its ministers and the members who ask: `members.yaml` (or `members:` in
drafter.yaml) maps each id to the name to print and search by:

    # MNIS member id: name
    1533: Dame Diana Johnson
    4764: Bell Ribeiro-Addy
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from drafter.errors import DrafterError, Location

Members = Mapping[int, str]


def load_members(path: Path) -> dict[int, str]:
    """The members file's names by id; none when there is no file.

    Raises:
        DrafterError: the file is not YAML, or an entry is not `id: name`, at its line.
    """
    if not path.is_file():
        return {}
    from drafter.facts.yamlread import YamlMap, read_yaml

    raw, problems = read_yaml(path)
    if problems:
        raise DrafterError(problems[0].message, problems[0].location)
    if raw is None:
        return {}
    if not isinstance(raw, YamlMap):
        raise DrafterError("expected a mapping of member ids to names", Location(path, 1))
    return {_member_id(key, raw.where(key)): _name(raw[key], raw.where(key)) for key in raw}


def matching_ids(members: Members, text: str) -> tuple[int, ...]:
    """The ids of the members whose name contains `text`, any case."""
    wanted = " ".join(text.split()).casefold()
    return tuple(sorted(id_ for id_, name in members.items() if wanted in name.casefold()))


def member_name(members: Members, name: str, member_id: int | None) -> str:
    """The name the record gives, else the members file's, else `member <id>`, else ''."""
    if name:
        return name
    if member_id is None:
        return ""
    return members.get(member_id, f"member {member_id}")


def _member_id(key: str, where: Location) -> int:
    if not key.strip().isdigit():
        raise DrafterError(f"member id '{key}' is not a number (ids are MNIS ids)", where)
    return int(key)


def _name(value: object, where: Location) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DrafterError(f"expected a member's name, found {value!r}", where)
    return " ".join(value.split())
