"""Turning one imported record (API value, longform text or draft) into archive records.

Errors name the field at fault; `ingest` adds the file and the record's place in it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from drafter.archive.record import ArchivedAnswer, FullText
from drafter.draft import Draft
from drafter.errors import ArchiveError
from drafter.htmltext import html_to_text
from drafter.question import GroupedQuestion, House

_HTML_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*)[^<>]*>")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_HOUSES: dict[object, House] = {"Commons": "Commons", "Lords": "Lords", 1: "Commons", 2: "Lords"}


def is_full_text(record: object) -> bool:
    """True for a longform record (`id`, `question_text`, `answer_text`), not an API value."""
    return (
        isinstance(record, dict)
        and "id" in record
        and "uin" not in record
        and ("question_text" in record or "answer_text" in record)
    )


def full_text_from_record(record: dict[str, Any]) -> FullText:
    """Read a longform record; its answer is the API's HTML."""
    api_id = record["id"]
    if not isinstance(api_id, int) or isinstance(api_id, bool):
        raise ArchiveError(f"'id' is not a number: {api_id!r}")
    text, html = _answer(_text(record, "answer_text"))
    return FullText(api_id, _text(record, "question_text"), text, html)


def answer_from_api(record: object, source: str) -> ArchivedAnswer:
    """Read a written questions API value object (detail, list or Members API item)."""
    if not isinstance(record, dict):
        raise ArchiveError(f"expected a question object, found {_kind(record)}")
    for name in ("uin", "questionText"):
        if not record.get(name):
            raise ArchiveError(f"missing '{name}'")
    text, html = _answer(_text(record, "answerText"))
    return ArchivedAnswer(
        uin=_uin(record["uin"]),
        house=_house(record.get("house", "Commons")),
        date_tabled=_required_date(record, "dateTabled"),
        question_text=_text(record, "questionText"),
        heading=_text(record, "heading"),
        date_for_answer=_date(record, "dateForAnswer"),
        date_answered=_date(record, "dateAnswered"),
        asking_member=_member_name(record.get("askingMember")),
        asking_member_id=_integer(record, "askingMemberId"),
        answering_body=_text(record, "answeringBodyName") or _body_name(record),
        answering_member=_member_name(record.get("answeringMember")),
        answering_member_id=_integer(record, "answeringMemberId"),
        answer_text=text,
        answer_html=html,
        is_holding=bool(record.get("answerIsHolding")),
        is_correction=bool(record.get("answerIsCorrection")),
        named_day=bool(record.get("isNamedDay")),
        grouped=_grouped(record),
        source=source,
        api_id=_integer(record, "id"),
    )


def answer_from_draft(draft: Draft, source: str) -> ArchivedAnswer:
    """Read a drafter draft: the question from its front matter, the answer from its paragraphs."""
    question = draft.question
    for name in ("uin", "text", "date_tabled"):
        if not question.get(name):
            raise ArchiveError(f"the draft's question has no '{name}'")
    return ArchivedAnswer(
        uin=_uin(question["uin"]),
        house=_house(question.get("house", "Commons")),
        date_tabled=_required_date(question, "date_tabled"),
        question_text=str(question["text"]).strip(),
        heading=_text(question, "heading"),
        date_for_answer=_date(question, "date_for_answer"),
        date_answered=_date(question, "date_answered") or draft.date,
        asking_member=_text(question, "asking_member"),
        asking_member_id=_integer(question, "asking_member_id"),
        answering_body=_text(question, "answering_body"),
        answering_member=_text(question, "minister") or _text(question, "answering_member"),
        answer_text=_AUTOLINK.sub(r"\1", draft.answer),
        is_holding=draft.answer_type == "holding",
        is_correction=draft.answer_type == "correction",
        named_day=bool(question.get("named_day")),
        grouped=tuple(
            GroupedQuestion(_uin(item.get("uin")), _date(item, "date_tabled"))
            for item in question.get("grouped") or ()
        ),
        origin="draft",
        source=source,
    )


def _answer(text: str) -> tuple[str, str]:
    """(plain text, HTML): list endpoints give plain text, detail responses give HTML."""
    if _HTML_TAG.search(text):
        return html_to_text(text).strip(), text
    return text, ""


def _text(record: dict[str, Any], name: str) -> str:
    value = record.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ArchiveError(f"'{name}' is not text: {value!r}")
    return value.strip()


def _uin(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ArchiveError(f"'uin' is not a question number: {value!r}")
    return str(value).strip()


def _house(value: object) -> House:
    if value not in _HOUSES:
        raise ArchiveError(f"'house' is not Commons or Lords: {value!r}")
    return _HOUSES[value]


def _date(record: dict[str, Any], name: str) -> date | None:
    value = record.get(name)
    if value is None or value == "" or isinstance(value, date):
        return value or None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ArchiveError(f"'{name}' is not a date: {value!r}") from None


def _required_date(record: dict[str, Any], name: str) -> date:
    found = _date(record, name)
    if found is None:
        raise ArchiveError(f"missing '{name}'")
    return found


def _integer(record: dict[str, Any], name: str) -> int | None:
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArchiveError(f"'{name}' is not a number: {value!r}")
    return value


def _member_name(member: object) -> str:
    """A member object's name (only present when the API expanded it)."""
    if not isinstance(member, dict):
        return ""
    name = member.get("name") or member.get("nameDisplayAs") or member.get("listAs") or ""
    return str(name).strip()


def _body_name(record: dict[str, Any]) -> str:
    """The Members API gives the answering body as an object."""
    body = record.get("answeringBody")
    return str(body.get("name") or "").strip() if isinstance(body, dict) else ""


def _grouped(record: dict[str, Any]) -> tuple[GroupedQuestion, ...]:
    """Grouped UINs with their dates, from `groupedQuestionsDates` or bare `groupedQuestions`."""
    dated = record.get("groupedQuestionsDates") or []
    if dated:
        return tuple(
            GroupedQuestion(_uin(item.get("questionUin")), _date(item, "dateTabled"))
            for item in dated
            if isinstance(item, dict)
        )
    return tuple(GroupedQuestion(_uin(uin)) for uin in record.get("groupedQuestions") or [])


def _kind(value: object) -> str:
    names = {list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
