"""Question intake: a question file, Parliament API JSON or plain text in, a Question out.

By suffix, then by content: `.yaml`/`.yml` is a question file (the mapping
`question_to_record` writes, or a list of them); `.json` is a written questions API detail
response `{"value": ...}`, a bare `value`, a list response `{"results": [...]}`, a Members
API index item or a question record; `.txt` or `-` (standard input) is the question's words.
`read_questions` gives each question as an `Intake`, with warnings (e.g. text cut short by
a list response); `load_question` gives just the one question a file holds.
"""

from __future__ import annotations

import difflib
import html
import json
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast, get_args, get_type_hints

from drafter.chars import clean, clean_data
from drafter.errors import Location, Problem, QuestionError
from drafter.facts.yamlread import YamlList, YamlMap, read_yaml
from drafter.htmltext import html_to_text
from drafter.inputfile import MAX_BYTES, decode, read_bytes
from drafter.question import GroupedQuestion, House, Question, split_parts

STDIN = "-"
_SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".txt": "text"}
_YAML_START = re.compile(r"(?:\s*(?:#.*|---)?\n)*\s*(?:- )?[a-z_]+:(?:\s|$)")
"""A question file without a suffix: comments or `---`, then a key like `uin:`."""
LIST_TEXT_LIMIT = 255
"""Where the API's list responses cut question text; they cut answers there and add '...'."""


@dataclass(frozen=True)
class Intake:
    """A question as read, with what the reader should be warned about."""

    question: Question
    warnings: tuple[Problem, ...] = ()
    """Problems of severity `warning`, e.g. question text cut short by a list response."""


def load_question(path: Path) -> Question:
    """Read the one question in a file (`-` for standard input).

    Raises:
        QuestionError: the file cannot be read, is not a question, or holds several.
    """
    return read_question(path).question


def read_question(path: Path) -> Intake:
    """Read the one question in a file, with its warnings."""
    intakes = read_questions(path)
    if len(intakes) != 1:
        message = f"expected one question, found {len(intakes)}"
        raise QuestionError(message, Location(_shown_path(path)))
    return intakes[0]


def read_questions(path: Path) -> list[Intake]:
    """Read every question in a file, each with its warnings."""
    return questions_in(_read_text(path), path)


def questions_in(text: str, path: Path) -> list[Intake]:
    """Every question in `text`, read as the file `path` would be (by its suffix, then content).

    Nothing is read from `path`: it names the text in messages, e.g. an upload's file name.
    """
    location = Location(_shown_path(path))
    text, warnings = clean(text, location)
    kind = _format(path, text)
    if kind == "text":
        intakes = [_text_intake(text, location)]
    elif kind == "json":
        data, changed = clean_data(_parse_json(text, location))
        if changed:
            message = (
                f"replaced characters no document can hold (JSON escapes) in {changed} text(s)"
            )
            warnings.append(Problem(location, message, severity="warning"))
        intakes = _intakes(data, None, location)
    else:
        intakes = _intakes(*_parse_yaml(text, location), location)
    return [replace(intake, warnings=(*warnings, *intake.warnings)) for intake in intakes]


def question_from_text(text: str, origin: str = "<text>") -> Question:
    """A question from its words alone, e.g. pasted from the Parliament website."""
    location = Location(Path(origin))
    return _text_intake(clean(text, location)[0], location).question


def question_from_record(
    record: Mapping[str, object], location: Location, key_lines: Mapping[str, int] | None = None
) -> Question:
    """A question from a question-file mapping (field names of Question, ISO dates).

    Args:
        record: the mapping, as `question_to_record` writes it.
        location: the file (and line) it was read from, for error messages.
        key_lines: the line of each key, where known, so errors can point at it.

    Raises:
        QuestionError: an unknown key, a value of the wrong kind, a bad date, or no text.
    """
    lines = key_lines or {}
    for key in record:
        if key not in _CONVERTERS and key != DERIVED_KEY:
            raise QuestionError(_unknown_key(str(key)), _at(location, lines.get(str(key))))
    given = {key: value for key, value in record.items() if key != DERIVED_KEY}
    return _question(given, location, lines, {})


DERIVED_KEY = "parts"
"""A draft's question record lists its parts; intake splits the text again instead."""


def question_from_api(value: Mapping[str, object], location: Location) -> Question:
    """A question from a written questions API `value` object (or a Members API item)."""
    return _api_question(value, location, "")


def api_question_fields(value: Mapping[str, object], location: Location) -> dict[str, Any]:
    """The fields (all but the parts) of the question `question_from_api` reads.

    No Question is made: for readers that keep their own record of tens of thousands.

    Raises:
        QuestionError: as `question_from_api`.
    """
    return {**_DEFAULTS, **_api_fields(value, location, "")}


def _shown_path(path: Path) -> Path:
    return Path("<stdin>") if str(path) == STDIN else path


def _read_text(path: Path) -> str:
    if str(path) != STDIN:
        return decode(read_bytes(path, "question", QuestionError), path, QuestionError)
    text = sys.stdin.read(MAX_BYTES["question"] + 1)
    if len(text) > MAX_BYTES["question"]:
        message = f"question too long (limit {MAX_BYTES['question']:,} characters)"
        raise QuestionError(message, Location(_shown_path(path)))
    return text


def _format(path: Path, text: str) -> str:
    if path.suffix.lower() in _SUFFIXES:
        return _SUFFIXES[path.suffix.lower()]
    if text.lstrip()[:1] in {"{", "["}:
        return "json"
    return "yaml" if _YAML_START.match(text) else "text"


def _parse_json(text: str, location: Location) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = Location(location.path, error.lineno, error.colno)
        raise QuestionError(f"invalid JSON: {error.msg}", where) from None
    except RecursionError:
        raise QuestionError("invalid JSON: nested too deeply", location) from None


def _parse_yaml(text: str, location: Location) -> tuple[object, list[dict[str, int]]]:
    """The document, and the line of each key of each question mapping in it."""
    data, problems = read_yaml(location.path, text)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        raise QuestionError(errors[0].message, errors[0].location)
    items = data if isinstance(data, YamlList) else [data]
    lines = [
        {key: where.line or 0 for key, where in item.value_locations.items()}
        if isinstance(item, YamlMap)
        else {}
        for item in items
    ]
    return data, lines


def _intakes(data: object, lines: list[dict[str, int]] | None, location: Location) -> list[Intake]:
    """Every question in a parsed document; `lines` is None for JSON, which has no lines."""
    if isinstance(data, Mapping) and isinstance(data.get("results"), list):
        items, name = data["results"], "results[{}]"
    else:
        items, name = (data, "item[{}]") if isinstance(data, list) else ([data], "question")
    key_lines = lines if lines and len(lines) == len(items) else [{} for _ in items]
    return [
        _item_intake(item, location, name.format(index), key_lines[index], lines is not None)
        for index, item in enumerate(items)
    ]


def _item_intake(
    item: object, location: Location, where: str, key_lines: Mapping[str, int], from_yaml: bool
) -> Intake:
    """One question, by its shape: an API response or object, or a question record.

    Any YAML mapping is read as a question record, so that a mistyped key is reported
    as such; a JSON object must have `text` to be one.
    """
    if isinstance(item, Mapping) and isinstance(item.get("value"), Mapping):
        return _api_intake(item["value"], location, where)
    if isinstance(item, Mapping) and "questionText" in item:
        return _api_intake(item, location, where)
    if isinstance(item, Mapping) and (from_yaml or "text" in item):
        question = question_from_record(item, location, key_lines)
        where_text = _at(location, key_lines.get("text"))
        return Intake(question, _cut_short(question, where_text, api=False))
    raise QuestionError(
        "not a written question: expected a written questions API response ('value' or "
        "'results'), an API question object ('questionText') or a question record ('text')",
        location,
    )


def _text_intake(text: str, location: Location) -> Intake:
    if not text.strip():
        raise QuestionError("question has no text", location)
    question = _question({"text": text}, location, {}, {})
    return Intake(question, _cut_short(question, location, api=False))


# Parliament's camelCase names for the Question fields they map to one for one.
_API_FIELDS = {
    "uin": "uin",
    "askingMemberId": "asking_member_id",
    "dateTabled": "date_tabled",
    "dateForAnswer": "date_for_answer",
    "questionText": "text",
    "answeringBodyName": "answering_body",
    "heading": "heading",
    "isNamedDay": "named_day",
    "answerText": "answer_html",
    "dateAnswered": "date_answered",
    "answerIsHolding": "is_holding",
    "dateHoldingAnswer": "date_holding_answer",
    "answerIsCorrection": "is_correction",
    "dateAnswerCorrected": "date_answer_corrected",
}
_HOUSE_NUMBERS = {1: "Commons", 2: "Lords"}
"""The Members API gives the house as a number."""


_API_LABELS = {name: key for key, name in _API_FIELDS.items()}


def _api_intake(value: Mapping[str, Any], location: Location, where: str) -> Intake:
    question = _api_question(value, location, where)
    return Intake(question, _cut_short(question, location, api=True, raw=value))


def _api_question(value: Mapping[str, Any], location: Location, where: str) -> Question:
    return _new_question(_api_fields(value, location, where))


def _api_fields(value: Mapping[str, Any], location: Location, where: str) -> dict[str, Any]:
    for required in ("uin", "questionText"):
        if value.get(required) in (None, ""):
            raise QuestionError(f"{where or 'question'} has no '{required}'", location)
    record = {name: value[key] for key, name in _API_FIELDS.items() if value.get(key) is not None}
    record.update(_api_extras(value))
    return _fields(record, location, {}, _API_LABELS)


def _api_extras(value: Mapping[str, Any]) -> dict[str, object]:
    """The fields Parliament shapes differently: objects, numbered houses, grouped lists."""
    extras: dict[str, object] = {
        "asking_member": _member_name(value.get("askingMember")),
        "answering_member": _member_name(value.get("answeringMember")),
        "house": _api_house(value.get("house")),
        "grouped": _api_grouped(value),
        "original_answer_text": _text_of(value.get("originalAnswerText")),
    }
    body = value.get("answeringBody")
    if not value.get("answeringBodyName") and isinstance(body, Mapping):
        extras["answering_body"] = body.get("name") or ""
    return {name: item for name, item in extras.items() if item not in (None, "", [])}


def _text_of(html: str | None) -> str:
    return html_to_text(html) if html else ""  # most answers have no original to convert


def _api_house(house: object) -> object:
    return _HOUSE_NUMBERS.get(house, house) if isinstance(house, int) else house


def _member_name(member: object) -> str:
    if not isinstance(member, Mapping):
        return ""
    names = (member.get(key) for key in ("name", "nameDisplayAs", "listAs", "nameListAs"))
    return next((name for name in names if isinstance(name, str) and name), "")


def _api_grouped(value: Mapping[str, Any]) -> list[dict[str, object]]:
    dates = {
        str(item.get("questionUin")): item.get("dateTabled")
        for item in value.get("groupedQuestionsDates") or []
        if isinstance(item, Mapping)
    }
    uins = [str(uin) for uin in value.get("groupedQuestions") or []]
    uins += [uin for uin in dates if uin not in uins]
    return [{"uin": uin, "date_tabled": dates.get(uin)} for uin in uins]


def _question(
    record: Mapping[str, Any],
    location: Location,
    key_lines: Mapping[str, int],
    labels: Mapping[str, str],
) -> Question:
    return _new_question(_fields(record, location, key_lines, labels))


def _new_question(values: Mapping[str, Any]) -> Question:
    return Question(**values, parts=split_parts(values["text"]))


def _fields(
    record: Mapping[str, Any],
    location: Location,
    key_lines: Mapping[str, int],
    labels: Mapping[str, str],
) -> dict[str, Any]:
    """Convert and check each field (null means not given); `labels`: the source's names."""
    text_label = labels.get("text", "text")
    if "text" not in record:
        start = min(key_lines.values(), default=None)  # a mapping starts at its first key
        raise QuestionError(f"question has no '{text_label}'", _at(location, start))
    values: dict[str, Any] = {"text": ""}
    for name, raw in record.items():
        if type(raw) is _READY.get(name):  # the converter would return it as it is
            values[name] = raw
        elif raw is not None:
            where = _at(location, key_lines.get(name))
            values[name] = _CONVERTERS[name](raw, labels.get(name, name), where)
    values["text"] = " ".join(html.unescape(values["text"]).split())
    if not values["text"]:
        message = f"question has no text ('{text_label}' is empty)"
        raise QuestionError(message, _at(location, key_lines.get("text")))
    if values.get("answer_html") and "answer_text" not in values:
        values["answer_text"] = html_to_text(values["answer_html"])
    return values


def _cut_short(
    question: Question, location: Location, *, api: bool, raw: Mapping[str, Any] | None = None
) -> tuple[Problem, ...]:
    """Warn about text a list response cut short, which only the detail response has in full."""
    raw = raw or {}
    text = str(raw.get("questionText") or question.text)
    answer = str(raw.get("answerText") or "")
    cut_text = text.rstrip().endswith(("...", "…")) or (
        api and len(text) == LIST_TEXT_LIMIT and not text.rstrip().endswith((".", "?"))
    )
    source = question.url or "the written questions API detail endpoint"
    name = f"question {question.uin}" if question.uin else "question"
    warnings = []
    if cut_text:
        warnings.append(f"{name}: the question text looks cut short; get it in full from {source}")
    if answer.rstrip().endswith("..."):
        warnings.append(f"{name}: the answer text looks cut short; get it in full from {source}")
    return tuple(Problem(location, message, severity="warning") for message in warnings)


def _at(location: Location, line: int | None) -> Location:
    return Location(location.path, line) if line else location


def _unknown_key(key: str) -> str:
    close = difflib.get_close_matches(key, list(_CONVERTERS), n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(_CONVERTERS)}"
    return f"unknown key '{key}' ({hint})"


# Converting the values of a record, one converter per field type of Question.

Converter = Callable[[Any, str, Location], Any]


def _as_text(value: object, label: str, where: Location) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # `uin: 37301` in YAML is a number
    raise QuestionError(f"'{label}' must be text, not {value!r}", where)


def _as_flag(value: object, label: str, where: Location) -> bool:
    if isinstance(value, bool):
        return value
    raise QuestionError(f"'{label}' must be true or false, not {value!r}", where)


def _as_number(value: object, label: str, where: Location) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise QuestionError(f"'{label}' must be a whole number, not {value!r}", where)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?")


def _as_date(value: object, label: str, where: Location) -> date | None:
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise QuestionError(f"bad date {value!r} for '{label}' (expected YYYY-MM-DD)", where)


_HOUSES = get_args(House)


def _as_house(value: object, label: str, where: Location) -> House:
    if isinstance(value, str) and value in _HOUSES:
        return cast(House, value)
    raise QuestionError(f"unknown house {value!r} for '{label}' (expected Commons or Lords)", where)


def _as_grouped(value: object, label: str, where: Location) -> tuple[GroupedQuestion, ...]:
    if not isinstance(value, list):
        raise QuestionError(f"'{label}' must be a list of {{uin, date_tabled, text}}", where)
    return tuple(_grouped_item(item, label, where) for item in value)


def _grouped_item(item: object, label: str, where: Location) -> GroupedQuestion:
    if isinstance(item, str | int) and not isinstance(item, bool):
        return GroupedQuestion(str(item))
    keys = {"uin", "date_tabled", "text"}
    if not isinstance(item, Mapping) or not item.get("uin") or set(item) - keys:
        raise QuestionError(
            f"'{label}' must be a list of {{uin, date_tabled, text}}, not {item!r}", where
        )
    tabled = item.get("date_tabled")
    return GroupedQuestion(
        _as_text(item["uin"], f"{label}: uin", where),
        None if tabled is None else _as_date(tabled, f"{label}: date_tabled", where),
        " ".join(_as_text(item.get("text") or "", f"{label}: text", where).split()),
    )


_BY_TYPE: dict[object, Converter] = {
    str: _as_text,
    bool: _as_flag,
    int | None: _as_number,
    date | None: _as_date,
    House: _as_house,
    tuple[GroupedQuestion, ...]: _as_grouped,
}
_HINTS = get_type_hints(Question)
_CONVERTERS: dict[str, Converter] = {
    spec.name: _BY_TYPE[_HINTS[spec.name]] for spec in fields(Question) if spec.name != "parts"
}
"""The keys of a question record, each with the converter for its field's type."""
_READY_TYPES: dict[object, type] = {str: str, bool: bool, int | None: int}
_READY = {name: _READY_TYPES[hint] for name, hint in _HINTS.items() if hint in _READY_TYPES}
"""The fields whose converter returns a value of this exact type unchanged."""
_DEFAULTS = {
    spec.name: spec.default
    for spec in fields(Question)
    if spec.default is not MISSING and spec.name != DERIVED_KEY
}
"""Each field's value when a record does not give it."""
