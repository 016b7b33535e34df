"""Turning one imported record (API value, longform text or draft) into an archive record.

Intake (`drafter.intake`) owns the mapping of Parliament's shapes and of question records
onto a Question; this module adds what the archive keeps beyond it (the API's internal id,
the answering member's id, the source file) and reads longform full texts, which intake
does not know. Errors name the field at fault; `ingest` adds the file and the record.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from drafter.archive.record import ArchivedAnswer, FullText, Origin, unjoined
from drafter.draft import Draft
from drafter.errors import ArchiveError, Location
from drafter.htmltext import html_to_text
from drafter.intake import api_question_fields, question_from_record
from drafter.question import Question, split_parts

_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")


def is_full_text(record: object) -> bool:
    """True for a longform record (`id`, `question_text`, `answer_text`), not an API value."""
    return (
        isinstance(record, Mapping)
        and "id" in record
        and "uin" not in record
        and ("question_text" in record or "answer_text" in record)
    )


@dataclass(frozen=True)
class Longform:
    """A longform record as read: its answer not yet turned into text.

    Most longform texts belong to questions the archive does not hold, so the HTML is
    converted only for those that find their question (`full_text`).
    """

    api_id: int
    question_text: str
    answer: str
    """The API's HTML, or plain text."""

    def full_text(self) -> FullText:
        """The texts to complete a question with: the answer as plain text and as HTML."""
        html = self.answer if _HTML_TAG.search(self.answer) else ""
        text = html_to_text(html).strip() if html else self.answer
        return FullText(self.api_id, self.question_text, text, html)


def longform_from_record(record: Mapping[str, Any]) -> Longform:
    """Read a longform record (`id`, `question_text`, `answer_text` as HTML)."""
    api_id = _number(record, "id")
    if api_id is None:
        raise ArchiveError("'id' is missing")
    question = " ".join(_text(record, "question_text").split())
    return Longform(api_id, question, _text(record, "answer_text"))


def answer_from_api(record: object, source: Path) -> ArchivedAnswer:
    """Read a written questions API value object (detail, list or Members API item).

    Raises:
        ArchiveError: not an object, or no date tabled.
        QuestionError: intake's findings (no `uin` or `questionText`, a bad value).
    """
    if not isinstance(record, Mapping):
        raise ArchiveError(f"expected a question object, found {_kind(record)}")
    return _answer(
        api_question_fields(record, Location(source)),
        source,
        api_id=_number(record, "id"),
        answering_member_id=_number(record, "answeringMemberId"),
    )


def answer_from_draft(draft: Draft, source: Path) -> ArchivedAnswer:
    """Read a drafter draft: the question from its front matter, the answer from its paragraphs.

    Raises:
        ArchiveError: the question has no UIN or date tabled.
        QuestionError: the front matter's question is not a question record.
    """
    question = question_from_record(draft.question, Location(source))
    answer = _answer(vars(question), source, origin="draft")
    return replace(
        answer,
        answer_text=_AUTOLINK.sub(r"\1", draft.answer),
        answer_html="",
        date_answered=question.date_answered or draft.date,
        answering_member=question.minister or question.answering_member,
        is_holding=draft.answer_type == "holding",
        is_correction=draft.answer_type == "correction",
    )


def _answer(
    question: Mapping[str, Any],
    source: Path,
    *,
    origin: Origin = "parliament",
    api_id: int | None = None,
    answering_member_id: int | None = None,
) -> ArchivedAnswer:
    """The archive's record of a question read by intake, given as its fields.

    The API's ids, which intake drops, come separately.

    Raises:
        ArchiveError: no UIN or no date tabled, which with the house identify a question.
    """
    uin, tabled = question["uin"], question["date_tabled"]
    if not uin or tabled is None:
        missing = "UIN" if not uin else "date tabled"
        raise ArchiveError(f"question has no {missing}: the archive needs its UIN and date tabled")
    html = question["answer_html"] if _HTML_TAG.search(question["answer_html"]) else ""
    text = question["answer_text"].strip()
    return ArchivedAnswer(
        uin=uin.strip().upper(),
        house=question["house"],
        date_tabled=tabled,
        question_text=question["text"],
        heading=question["heading"],
        date_for_answer=question["date_for_answer"],
        date_answered=question["date_answered"],
        asking_member=question["asking_member"],
        asking_member_id=question["asking_member_id"],
        answering_body=question["answering_body"],
        answering_member=question["answering_member"],
        answering_member_id=answering_member_id,
        # List responses give plain text where detail responses give HTML.
        answer_text=text if html else unjoined(text),
        answer_html=html,
        is_holding=question["is_holding"],
        is_correction=question["is_correction"],
        named_day=question["named_day"],
        grouped=question["grouped"],
        origin=origin,
        source=str(source),
        api_id=api_id,
    )


def _text(record: Mapping[str, Any], name: str) -> str:
    value = record.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ArchiveError(f"'{name}' is not text: {value!r}")
    return value.strip()


def _number(record: Mapping[str, Any], name: str) -> int | None:
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArchiveError(f"'{name}' is not a number: {value!r}")
    return value


def _kind(value: object) -> str:
    names = {list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def question_of(answer: ArchivedAnswer) -> Question:
    """The archived question as intake would have read it, to draft it again."""
    shared = {spec.name for spec in fields(Question)} & {spec.name for spec in fields(answer)}
    values = {name: getattr(answer, name) for name in shared}
    return Question(text=answer.question_text, **values, parts=split_parts(answer.question_text))
