"""The written question: its model, as every intake format produces it and every stage reads it."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from typing import Literal

House = Literal["Commons", "Lords"]


@dataclass(frozen=True)
class QuestionPart:
    """One part of a question, split at its (a), (b), (i), (ii) markers or at '; and'."""

    label: str
    """Where the part sits: `1(a)(i)`, `1(a)(ii)`, `1(b)`, `2`: clause number, then markers."""
    text: str
    """The part's own words, e.g. `ranks of police personnel`."""
    stem: str = ""
    """Words shared with its siblings, e.g. `whether there is a correlation between the`."""


@dataclass(frozen=True)
class GroupedQuestion:
    """Another question answered together with this one."""

    uin: str
    date_tabled: date | None = None


@dataclass(frozen=True)
class Question:
    """A Parliamentary Written Question, with the department's own handling fields."""

    text: str
    """The question as tabled: `To ask the Secretary of State for ..., what ...`."""
    uin: str = ""
    """Unique only per Parliament (Commons) or session (Lords): pair it with `date_tabled`."""
    house: House = "Commons"
    asking_member: str = ""
    asking_member_id: int | None = None
    answering_body: str = ""
    heading: str = ""
    date_tabled: date | None = None
    date_for_answer: date | None = None
    named_day: bool = False
    grouped: tuple[GroupedQuestion, ...] = ()
    # Parliament's record of an answer, when intake reads an answered question.
    answer_text: str = ""
    """The published answer as plain text (HTML converted at intake)."""
    answer_html: str = ""
    date_answered: date | None = None
    answering_member: str = ""
    is_holding: bool = False
    date_holding_answer: date | None = None
    is_correction: bool = False
    date_answer_corrected: date | None = None
    original_answer_text: str = ""
    # The department's fields, which Parliament does not carry.
    minister: str = ""
    """The answering minister, as the answer will be signed."""
    policy_minister: str = ""
    internal_deadline: date | None = None
    transferred_from: str = ""
    transferred_to: str = ""
    parts: tuple[QuestionPart, ...] = field(default=())
    """Derived at intake by `split_parts`; empty only for a question with no text."""

    @property
    def member_form(self) -> str:
        """How the answer addresses the asker: `hon. Member` or `noble Lord`."""
        return "noble Lord" if self.house == "Lords" else "hon. Member"

    @property
    def url(self) -> str:
        """The question's canonical page on questions-statements.parliament.uk, when known."""
        if not (self.uin and self.date_tabled):
            return ""
        return (
            "https://questions-statements.parliament.uk/written-questions/detail/"
            f"{self.date_tabled.isoformat()}/{self.uin}"
        )


def question_to_record(question: Question) -> dict[str, object]:
    """The question as plain YAML-ready data, leaving out empty fields and the derived parts.

    This is both the question file format and the `question:` block of a draft's front
    matter, so a draft can be re-drafted from itself.
    """
    record: dict[str, object] = {}
    for name, default in _DEFAULTS.items():
        value = getattr(question, name)
        if value in (default, ()) or name == "parts":
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif name == "grouped":
            value = [_grouped_record(item) for item in value]
        record[name] = value
    return record


def _grouped_record(item: GroupedQuestion) -> dict[str, object]:
    record: dict[str, object] = {"uin": item.uin}
    if item.date_tabled:
        record["date_tabled"] = item.date_tabled.isoformat()
    return record


_DEFAULTS: dict[str, object] = {
    spec.name: None if spec.default is MISSING else spec.default for spec in fields(Question)
}
