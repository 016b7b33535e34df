"""Turn one file's raw mappings into Sources and Facts, or a Problem for each bad field.

The field list, which fields are required and their types are read off the data classes in
`drafter.facts.model`, so the schema is stated once.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import MISSING, Field, fields
from datetime import date
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from drafter.errors import Location, Problem
from drafter.facts.model import (
    CADENCES,
    FACT_KINDS,
    Fact,
    InForce,
    Mention,
    PeriodValue,
    Source,
)
from drafter.facts.period import FORMS, parse_period
from drafter.facts.yamlread import YamlList, YamlMap

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
UIN_PATTERN = re.compile(r"^(HL)?\d+$")
MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
Record = Source | Fact | PeriodValue | Mention | InForce
_NESTED = {
    PeriodValue: "a 'period'",
    Mention: "a 'uin' and the date 'answered'",
    InForce: "a 'from' date and a 'source'",
}


class InvalidField(ValueError):
    """One field's value does not fit the schema."""


def parse_file(raw: Any, where: Location) -> tuple[list[Source], list[Fact], list[Problem]]:
    """Read a file's `sources:` and `facts:` lists; a record with a bad field is left out."""
    problems: list[Problem] = []
    if raw is None:
        return [], [], problems
    if not isinstance(raw, YamlMap):
        return [], [], [Problem(where, "expected a mapping with 'sources:' and/or 'facts:' lists")]
    for key in sorted(set(raw) - {"sources", "facts"}):
        hint = _did_you_mean(key, ["sources", "facts"])
        problems.append(Problem(raw.where(key), f"unknown section '{key}'", hint=hint))
    sources = list(_records(raw, "sources", Source, problems))
    facts = list(_records(raw, "facts", Fact, problems))
    return sources, facts, problems


def _records(raw: YamlMap, key: str, cls: type[Record], problems: list[Problem]) -> Iterator[Any]:
    items = raw.get(key)
    if items is None:
        return
    if not isinstance(items, YamlList):
        problems.append(Problem(raw.where(key), f"'{key}' must be a list"))
        return
    for item, location in zip(items, items.item_locations, strict=True):
        if not isinstance(item, YamlMap):
            problems.append(Problem(location, f"each of '{key}' must be a mapping"))
            continue
        yield build_record(cls, item, problems)


def build_record(cls: type[Record], item: YamlMap, problems: list[Problem]) -> Record:
    """Build one Source, Fact, PeriodValue or Mention, adding a Problem for each field that fails.

    A failed field gets a neutral stand-in, so that the record is still checked, on its own
    and against the rest of the base, and every problem is reported in one run;
    `load_fact_base` refuses a base with errors, so no stand-in ever reaches a draft.
    """
    name = _describe(cls, item)
    values: dict[str, Any] = {}
    hints, specs = _schema(cls)
    for key in item:
        if key not in specs:
            hint = _did_you_mean(key, list(specs))
            problems.append(
                Problem(item.where(key), f"{name} has unknown field '{key}'", hint, "warning")
            )
    for key, spec in specs.items():
        required = spec.default is MISSING and spec.default_factory is MISSING
        hint = hints[spec.name]
        if item.get(key) is None:
            if required:
                problems.append(Problem(item.location, f"{name} has no '{key}'"))
                values[spec.name] = _stand_in(hint)
            continue
        try:
            values[spec.name] = _convert(key, hint, item[key], problems)
        except InvalidField as error:
            message = f"period {error}" if key == "period" else f"{name}: '{key}' {error}"
            problems.append(Problem(item.where(key), message))
            if required:
                values[spec.name] = _stand_in(hint)
    return cls(**values, location=item.location)


_SCHEMAS: dict[str, tuple[dict[str, Any], dict[str, Field[Any]]]] = {}


def _schema(cls: type[Record]) -> tuple[dict[str, Any], dict[str, Field[Any]]]:
    """A record class's field types, and its fields by YAML key; once per class, as it is slow.

    A field's YAML key is its name, or its `key` metadata where the name cannot be (`from`).
    """
    if cls.__name__ not in _SCHEMAS:
        specs = {
            spec.metadata.get("key", spec.name): spec
            for spec in fields(cls)
            if spec.name != "location"
        }
        _SCHEMAS[cls.__name__] = (typing.get_type_hints(cls), specs)
    return _SCHEMAS[cls.__name__]


def _stand_in(hint: Any) -> Any:
    if hint is date:
        return date.min
    if typing.get_origin(hint) is typing.Literal:
        return typing.get_args(hint)[0]
    return ""


def _describe(cls: type[Record], item: YamlMap) -> str:
    if cls is PeriodValue:
        return f"period '{item.get('period')}'"
    if cls is Mention:
        return f"seen_in answer '{item.get('uin')}'"
    if cls is InForce:
        return f"value from '{item.get('from')}'"
    kind = cls.__name__.lower()
    return f"{kind} '{item['id']}'" if isinstance(item.get("id"), str) else f"a {kind}"


def _convert(name: str, hint: Any, value: Any, problems: list[Problem]) -> Any:
    special = _FIELD_RULES.get(name)
    converted = _by_type(hint, value, problems)
    if special is not None:
        special(converted)
    return converted


def _by_type(hint: Any, value: Any, problems: list[Problem]) -> Any:
    origin = typing.get_origin(hint)
    if hint is str:
        if isinstance(value, date):
            return value.isoformat()
        if not isinstance(value, str):
            raise InvalidField(f"must be text, not {value!r}")
        return value.strip()
    if hint is bool:
        if not isinstance(value, bool):
            raise InvalidField(f"must be true or false, not {value!r}")
        return value
    if hint is date or hint == (date | None):
        return _as_date(value)
    if origin is typing.Literal:
        return _one_of(value, FACT_KINDS)
    if origin is tuple:
        return _tuple(typing.get_args(hint)[0], value, problems)
    if origin is Mapping:
        return _breakdown(value)
    return _number(value)


def _tuple(item_type: Any, value: Any, problems: list[Problem]) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise InvalidField(f"must be a list, not {value!r}")
    if item_type in _NESTED:
        if not all(isinstance(item, YamlMap) for item in value):
            raise InvalidField(f"items must be mappings with {_NESTED[item_type]}")
        built = [build_record(item_type, item, problems) for item in value]
        # A period whose label failed is reported already; the rest still get order checks.
        return tuple(
            value
            for value in built
            if not isinstance(value, PeriodValue) or parse_period(value.period) is not None
        )
    if not all(isinstance(item, str) and item.strip() for item in value):
        raise InvalidField("must be a list of words")
    return tuple(item.strip() for item in value)


def _as_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InvalidField(f"must be an ISO date (YYYY-MM-DD), not {value!r}") from None


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidField(f"must be a number, not {value!r}")
    return value


def _breakdown(value: Any) -> Mapping[str, int | float]:
    if not isinstance(value, dict) or not value:
        raise InvalidField("must be a mapping of category to number")
    return MappingProxyType({str(key): _number(number) for key, number in value.items()})


def _one_of(value: Any, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise InvalidField(f"must be one of {', '.join(choices)}, not {value!r}")
    return str(value)


def _check_id(value: str) -> None:
    if not ID_PATTERN.match(value):
        raise InvalidField(f"'{value}' must be lowercase letters and digits joined by '.' or '-'")


def _check_url(value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc:
        raise InvalidField(f"is not a web address: {value!r}")
    if parts.netloc.endswith("safelinks.protection.outlook.com"):
        raise InvalidField("is a mail-security redirect: give the real address it wraps")


def _check_month_or_date(value: str) -> None:
    if MONTH_PATTERN.match(value):
        return
    _as_date(value)


def _check_period(value: str) -> None:
    if parse_period(value) is None:
        raise InvalidField(f"'{value}' is not a recognised form ({', '.join(FORMS)})")


def _check_uin(value: str) -> None:
    if not UIN_PATTERN.match(value):
        raise InvalidField(f"'{value}' is not a UIN (digits, after 'HL' for the Lords)")


def _check_cadence(value: str) -> None:
    _one_of(value, CADENCES)


_FIELD_RULES: dict[str, Callable[[Any], None]] = {
    "id": _check_id,
    "url": _check_url,
    "published": _check_month_or_date,
    "next_expected": _check_month_or_date,
    "period": _check_period,
    "cadence": _check_cadence,
    "uin": _check_uin,
}


def cited_ids(raw: Any) -> set[str]:
    """Source ids a file's facts cite, read from the raw YAML so every citation counts."""
    facts = raw.get("facts") if isinstance(raw, YamlMap) else None
    cited: set[str] = set()
    for fact in facts if isinstance(facts, list) else []:
        if not isinstance(fact, dict):
            continue
        for record in (fact, *_mappings(fact.get("values")), *_mappings(fact.get("in_force"))):
            # Only citations given: a period that cites none rests on its fact's source.
            if record.get("source") is not None:
                cited.add(str(record["source"]).strip())  # as the records hold it
    return cited


def _mappings(items: Any) -> list[dict[str, Any]]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f"did you mean '{close[0]}'?" if close else ""
