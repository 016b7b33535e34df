"""An archived question and its answer, and how two copies of the same question combine.

The archive meets each question several times: in a list dump (texts cut at about 255
characters), in a detail response (full HTML), in a longform file (full texts by internal
id), and in drafter's own drafts. `merge_answers` decides what survives, so that importing
in any order gives the same record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from drafter.question import GroupedQuestion, House, question_url

Origin = Literal["parliament", "draft"]

TRUNCATED_LENGTH = 260
"""List endpoints cut answers at 255 characters and add '...': anything this short may be cut."""

_ANSWER_FIELDS = (
    "answer_text",
    "answer_html",
    "date_answered",
    "answering_member",
    "answering_member_id",
    "is_holding",
    "is_correction",
)


@dataclass(frozen=True)
class ArchivedAnswer:
    """A written question as the archive holds it, with its answer when it has one."""

    uin: str
    house: House
    date_tabled: date
    """With `house` and `uin`, the question's identity: UINs restart each Parliament."""
    question_text: str
    heading: str = ""
    date_for_answer: date | None = None
    date_answered: date | None = None
    asking_member: str = ""
    """The member's name when the source gives it (API records often give only the id)."""
    asking_member_id: int | None = None
    answering_body: str = ""
    answering_member: str = ""
    answering_member_id: int | None = None
    answer_text: str = ""
    """The answer as plain text (HTML converted on import)."""
    answer_html: str = ""
    is_holding: bool = False
    is_correction: bool = False
    named_day: bool = False
    grouped: tuple[GroupedQuestion, ...] = ()
    origin: Origin = "parliament"
    """Where the answer comes from: Parliament's record, or drafter's own draft (which was
    never given in Parliament, so is not offered as a referral unless asked for)."""
    source: str = ""
    """The file it was imported from."""
    api_id: int | None = None
    """The written questions API's internal id, which longform files are keyed by."""

    @property
    def key(self) -> tuple[str, str, date]:
        """House, UIN and date tabled: unique across Parliaments and sessions."""
        return (self.house, self.uin, self.date_tabled)

    @property
    def is_draft(self) -> bool:
        """True when the answer is drafter's draft, not the answer given in Parliament."""
        return self.origin == "draft"

    @property
    def url(self) -> str:
        """The question's canonical page on questions-statements.parliament.uk."""
        return question_url(self.uin, self.date_tabled)


@dataclass(frozen=True)
class FullText:
    """A longform record: the whole question and answer for an API internal id."""

    api_id: int
    question_text: str
    answer_text: str
    answer_html: str


_JOINED = re.compile(r"(?<=[a-z0-9)][.?!])(?=[A-Z][a-z])")


def unjoined(text: str) -> str:
    """A list endpoint's plain text with its paragraphs apart again.

    The list endpoints drop the answer's `</p><p>` with nothing in its place, so one
    paragraph's last sentence runs into the next one's first ("vetting.The").
    """
    return _JOINED.sub("\n\n", text)


def is_truncated(text: str) -> bool:
    """True for text a list endpoint cut short: about 255 characters ending in '...'."""
    return len(text) <= TRUNCATED_LENGTH and text.endswith("...")


def fuller_text(old: str, new: str) -> bool:
    """True when `new` should replace `old`: a whole text beats a cut one, then longer wins."""
    if not new or not old:
        return bool(new)
    if is_truncated(old) != is_truncated(new):
        return is_truncated(old)
    return len(new) >= len(old)


def merge_answers(old: ArchivedAnswer, new: ArchivedAnswer) -> ArchivedAnswer:
    """Combine two records of the same question; the result keeps `old`'s source if unchanged.

    A draft never overwrites Parliament's record. Otherwise the later answer wins (a
    substantive answer replaces a holding one, whatever the import order), a whole text
    beats one cut at 255 characters, and empty fields never erase known ones.
    """
    if old.origin == "parliament" and new.origin == "draft":
        return old
    if old.origin == "draft" and new.origin == "parliament":
        # Parliament's answer replaces the draft's wholesale, however long the draft was.
        answer = {name: getattr(new, name) for name in _ANSWER_FIELDS}
        old = replace(old, **answer, origin=new.origin, source=new.source)
    merged = replace(
        new,
        heading=new.heading or old.heading,
        asking_member=new.asking_member or old.asking_member,
        asking_member_id=_first(new.asking_member_id, old.asking_member_id),
        answering_body=new.answering_body or old.answering_body,
        date_for_answer=new.date_for_answer or old.date_for_answer,
        api_id=_first(new.api_id, old.api_id),
        grouped=new.grouped or old.grouped,
        question_text=new.question_text
        if len(new.question_text) >= len(old.question_text)
        else old.question_text,
    )
    if not _newer_answer(old, new):
        merged = replace(merged, **{name: getattr(old, name) for name in _ANSWER_FIELDS})
    if old.answering_member_id == new.answering_member_id:
        # Detail responses give only the member's id; the Members API also gives the name.
        name = merged.answering_member or new.answering_member or old.answering_member
        merged = replace(merged, answering_member=name)
    unchanged = replace(merged, source=old.source, origin=old.origin) == old
    return old if unchanged else merged


def with_full_text(old: ArchivedAnswer, full: FullText) -> ArchivedAnswer:
    """The record completed by a longform file's texts, where they are fuller."""
    fuller: dict[str, Any] = {}
    if len(full.question_text) > len(old.question_text):
        fuller["question_text"] = full.question_text
    if fuller_text(old.answer_text, full.answer_text):
        fuller.update(answer_text=full.answer_text, answer_html=full.answer_html)
    return replace(old, **fuller) if fuller else old


def _newer_answer(old: ArchivedAnswer, new: ArchivedAnswer) -> bool:
    """True when `new`'s answer should replace `old`'s."""
    if not new.answer_text or not old.answer_text:
        return bool(new.answer_text)
    if old.date_answered and new.date_answered and old.date_answered != new.date_answered:
        return new.date_answered > old.date_answered
    if old.is_holding != new.is_holding:
        return old.is_holding
    return fuller_text(old.answer_text, new.answer_text)


def _first(*values: int | None) -> int | None:
    return next((value for value in values if value is not None), None)
