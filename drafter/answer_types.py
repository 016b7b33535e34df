"""Answer types: which templates an answer of each type is built from, and the rules it keeps.

An answer is a *form* (the type's own wording: a holding reply, a cost refusal, a referral),
a *topic* (a substantive template's paragraphs), or a form followed by a topic. A
disproportionate-cost answer must still give what is readily available, and a correction
must give nothing new: both are checked on the finished draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal, Protocol

from drafter.draft import Draft, read_draft
from drafter.errors import ArchiveError, DraftError, Location, QuestionError, TemplateError
from drafter.facts.model import FactBase
from drafter.facts.period import long_date
from drafter.provenance import figures_in, known_figures
from drafter.question import Question
from drafter.templates import AnswerTemplate, BlockSpec

Topic = Literal["required", "optional", "none"]


@dataclass(frozen=True)
class AnswerType:
    """What an answer of one type is made of."""

    name: str
    form: bool
    """True when the type has its own wording: a template of this type must exist."""
    topic: Topic
    """Whether the topic's substantive paragraphs follow the form."""


PART_ANSWERS = frozenset({"substantive", "grouped"})
"""The types that answer the question part by part, so that an unanswered part is a gap."""

TYPES: Mapping[str, AnswerType] = {
    kind.name: kind
    for kind in (
        AnswerType("substantive", form=False, topic="required"),
        AnswerType("grouped", form=False, topic="required"),
        AnswerType("holding", form=True, topic="none"),
        AnswerType("referral", form=True, topic="none"),
        AnswerType("disproportionate-cost", form=True, topic="optional"),
        AnswerType("not-held-centrally", form=True, topic="none"),
        AnswerType("will-write", form=True, topic="none"),
        AnswerType("correction", form=True, topic="required"),
    )
}


class EarlierAnswer(Protocol):
    """An answer already given, as the archive returns it (drafter.archive.ArchivedAnswer)."""

    @property
    def uin(self) -> str:
        """The earlier question's number."""

    @property
    def date_answered(self) -> date | None:
        """When it was answered; a referral needs it."""

    @property
    def date_tabled(self) -> date:
        """When it was tabled: with the UIN, what names it."""

    @property
    def heading(self) -> str:
        """The earlier question's heading."""

    @property
    def answer_text(self) -> str:
        """The earlier answer as plain text."""

    @property
    def url(self) -> str:
        """The earlier question's page on the Parliament website."""

    @property
    def is_draft(self) -> bool:
        """True for drafter's own draft, imported: never given in Parliament."""


COMPOSED = "composed"
"""The template a composed draft records: no fixed plan, its blocks chosen part by part."""


@dataclass(frozen=True)
class Plan:
    """The templates an answer is built from, in order, and whether its topic is composed."""

    answer_type: str
    form: AnswerTemplate | None
    topic: AnswerTemplate | None
    composed: bool = False
    """True when the topic's paragraphs are composed from the question's parts."""

    @property
    def template_id(self) -> str:
        """The id a draft records: the topic's when there is one, so a redraft finds it."""
        if self.topic is None and self.composed and self.answer_type in PART_ANSWERS:
            return COMPOSED
        chosen = self.topic or self.form
        assert chosen is not None, "a plan has a form, a topic or both"
        return chosen.id

    @property
    def blocks(self) -> tuple[BlockSpec, ...]:
        """The form's blocks, then the topic's."""
        return (self.form.blocks if self.form else ()) + (self.topic.blocks if self.topic else ())

    @property
    def form_blocks(self) -> frozenset[str]:
        """Names of the blocks that write the form's own wording."""
        return frozenset(block.name for block in self.form.blocks) if self.form else frozenset()


def plan_answer(
    templates: Mapping[str, AnswerTemplate],
    *,
    answer_type: str | None = None,
    template_id: str | None = None,
) -> Plan:
    """Choose the form and topic templates for an answer.

    `template_id` may name a topic (a substantive template: its fixed plan of blocks) or a
    form; without a topic, the topic's paragraphs are composed from the question's parts.

    Raises:
        TemplateError: unknown type or template, a template of another type, or no form
            template for the type.
    """
    named = _named(templates, None if template_id == COMPOSED else template_id)
    kind = _answer_type(answer_type, named)
    if named and named.type not in ("substantive", kind.name):
        raise TemplateError(f"template '{named.id}' is a {named.type} answer, not {kind.name}")
    form = None
    if kind.name != "substantive":
        form = named if named and named.type == kind.name else _form(templates, kind)
    topic = named if named and named.type == "substantive" else None
    if topic is not None and kind.topic == "none":
        raise TemplateError(f"a {kind.name} answer takes no topic: drop --template {topic.id}")
    return Plan(kind.name, form, topic, composed=topic is None and kind.topic != "none")


def _named(
    templates: Mapping[str, AnswerTemplate], template_id: str | None
) -> AnswerTemplate | None:
    if template_id is None:
        return None
    if template_id not in templates:
        known = ", ".join(sorted(templates)) or "none"
        raise TemplateError(f"unknown template '{template_id}' (templates: {known})")
    return templates[template_id]


def _answer_type(name: str | None, named: AnswerTemplate | None) -> AnswerType:
    chosen = name or (named.type if named else "substantive")
    if chosen not in TYPES:
        raise TemplateError(f"unknown answer type '{chosen}' (types: {', '.join(TYPES)})")
    return TYPES[chosen]


def _form(templates: Mapping[str, AnswerTemplate], kind: AnswerType) -> AnswerTemplate | None:
    forms = sorted((t for t in templates.values() if t.type == kind.name), key=lambda t: t.id)
    if len(forms) > 1:
        ids = ", ".join(t.id for t in forms)
        raise TemplateError(f"several {kind.name} templates ({ids}): choose one with --template")
    if not forms and kind.form:
        raise TemplateError(f"no template of type '{kind.name}' in the templates folder")
    return forms[0] if forms else None


def require_inputs(
    plan: Plan, question: Question, earlier: EarlierAnswer | None, include: Iterable[str]
) -> None:
    """Stop before drafting when the type lacks what its wording needs.

    Raises:
        QuestionError: grouped without grouped UINs, referral without an earlier answer,
            correction without the original answer or its date.
        DraftError: a correction asked to include facts (it may give no new information).
    """
    kind = plan.answer_type
    if kind == "grouped" and not question.grouped:
        raise QuestionError("a grouped answer needs the other questions' UINs ('grouped')")
    if kind == "referral" and (earlier is None or earlier.date_answered is None):
        raise QuestionError("a referral needs an earlier answer with its date: use --refer-to")
    if kind == "correction":
        if not question.original_answer_text:
            raise QuestionError("a correction needs the original answer: use --original FILE")
        if question.date_answered is None:
            raise QuestionError("a correction needs the original answer's date ('date_answered')")
        if tuple(include):
            raise DraftError("a correction gives no new information: drop --include")


def with_original(question: Question, path: Path) -> Question:
    """The question with the answer a correction corrects, read from a draft or text file.

    Raises:
        DraftError: the file cannot be read.
    """
    return replace(question, original_answer_text=read_draft(path).answer)


def find_earlier(
    db: Path, question: Question, refer_to: str | None, *, include_drafts: bool = False
) -> EarlierAnswer:
    """The earlier answer a referral points to: `UIN[@DATE]` if given, else the closest one.

    Raises:
        ArchiveError: no archive, or the question named is not in it.
        QuestionError: `refer_to` is malformed, names an imported draft (without
            `include_drafts`), or nothing in the archive answers the question.
    """
    from drafter.archive import find_answer, open_archive, related

    named = _question_named(refer_to) if refer_to is not None else None
    if not db.is_file():
        which = f"Question {named[0]}" if named else "the earlier question"
        raise ArchiveError(
            f"no archive here: a referral quotes the earlier answer from it; import Parliament's"
            f" record of {which} first with 'drafter archive import FILE' (the written questions"
            " API's response for it, as examples/archive/ holds for 37301), or give --db",
            Location(db),
        )
    with open_archive(db) as archive:
        if named is not None:
            return _given_answer(find_answer(archive, *named), include_drafts)
        found = related(archive, question, limit=1, include_drafts=include_drafts)
    if not found:
        raise QuestionError(
            f"no earlier answer to this question in {db}: give --refer-to UIN[@DATE]"
        )
    return found[0]


def _given_answer(found: EarlierAnswer, include_drafts: bool) -> EarlierAnswer:
    """The answer named by --refer-to, unless it is only drafter's draft of it."""
    if found.is_draft and not include_drafts:
        raise QuestionError(
            f"the archive holds only drafter's draft of Question {found.uin}, not the answer"
            " given in Parliament: import Parliament's record of it, or add --include-drafts"
            " to refer to the draft"
        )
    return found


def from_archive(
    db: Path,
    question: Question,
    answer_type: str | None,
    refer_to: str | None,
    *,
    include_drafts: bool = False,
) -> tuple[EarlierAnswer | None, list[EarlierAnswer]]:
    """What the archive gives a draft: a referral's earlier answer, or answers to offer.

    A referral gets the answer it refers to; any other answer gets the closest earlier
    answers, offered as referrals in its background note. Imported drafts count only
    with `include_drafts`.

    Raises:
        ArchiveError, QuestionError: as `find_earlier` and `find_related` do.
    """
    if answer_type == "referral":
        return find_earlier(db, question, refer_to, include_drafts=include_drafts), []
    return None, find_related(db, question, include_drafts=include_drafts)


def find_related(
    db: Path, question: Question, limit: int = 3, *, include_drafts: bool = False
) -> list[EarlierAnswer]:
    """Earlier answers to much the same question, closest first; none when there is no archive.

    Raises:
        ArchiveError: the archive exists but cannot be read.
    """
    if not db.is_file():
        return []
    from drafter.archive import open_archive, related

    with open_archive(db) as archive:
        return list(related(archive, question, limit=limit, include_drafts=include_drafts))


def related_notes(earlier: Sequence[EarlierAnswer]) -> list[str]:
    """Background notes offering each earlier answer as a possible referral."""
    return [
        f"Earlier {'draft (not given in Parliament)' if answer.is_draft else 'answer'}: "
        f"UIN {answer.uin}, {answer.heading or 'no heading'}, answered "
        f"{long_date(answer.date_answered) if answer.date_answered else 'on an unknown date'}. "
        f"To refer to it instead: --refer-to {answer.uin}@{answer.date_tabled.isoformat()}"
        for answer in earlier
    ]


def _question_named(refer_to: str) -> tuple[str, date | None]:
    uin, _, tabled = refer_to.partition("@")
    try:
        when = date.fromisoformat(tabled) if tabled else None
    except ValueError:
        when = None
        uin = ""
    if not uin.strip():
        raise QuestionError(f"--refer-to '{refer_to}': expected UIN or UIN@YYYY-MM-DD")
    return uin.strip(), when


def type_notes(plan: Plan, question: Question, earlier: EarlierAnswer | None) -> list[str]:
    """Background notes the type calls for: what was grouped, referred to or corrected."""
    if plan.answer_type == "grouped":
        uins = [question.uin, *(item.uin for item in question.grouped)]
        return [f"One answer to Questions {', '.join(uins)}."]
    if plan.answer_type == "referral" and earlier is not None and earlier.date_answered:
        when = long_date(earlier.date_answered)
        notes = [
            f"Refers to Question {earlier.uin} ({earlier.heading}), answered {when}: "
            f"{earlier.url}. Send the Member a copy.",
            f"Earlier answer:\n\n{_paragraphs(earlier.answer_text)}",
        ]
        if earlier.is_draft:
            notes.insert(1, _DRAFT_REFERRAL)
        return notes
    if plan.answer_type == "correction":
        return [f"Original answer:\n\n{_paragraphs(question.original_answer_text)}"]
    return []


_DRAFT_REFERRAL = (
    "The earlier answer quoted below is drafter's draft, not the answer given in Parliament:"
    " check the answer as given before referring to it."
)


def _paragraphs(text: str) -> str:
    """An answer's paragraphs as Markdown, for a background note the exporters lay out."""
    from drafter.correction import original_paragraphs  # only an earlier answer needs it

    return "\n\n".join(original_paragraphs(text))


def check_answer(draft: Draft, plan: Plan, question: Question, base: FactBase) -> list[str]:
    """Enforce the rules of the draft's type; return notes for the background.

    Raises:
        DraftError: a cost refusal that gives no information, or a correction with a
            figure found neither in the original answer nor in the facts it states.
    """
    if plan.answer_type == "disproportionate-cost" and not draft.gives_information:
        raise DraftError(
            "a disproportionate-cost answer must still give the information that is readily "
            "available: name a substantive template with --template, or add facts with --include"
        )
    if plan.answer_type != "correction":
        return []
    original = figures_in(question.original_answer_text)
    stated = figures_in(
        " ".join(p.text for p in draft.paragraphs if p.block not in plan.form_blocks)
    )
    added = sorted(stated - original - known_figures(draft, base), key=_numeric)
    if added:
        raise DraftError(
            f"the correction adds figures found neither in the original answer nor in its "
            f"facts: {', '.join(added)}"
        )
    return []


def _numeric(figure: str) -> tuple[float, str]:
    leading = re.match(r"\d+(?:\.\d+)?", figure)
    return (float(leading[0]) if leading else 0.0, figure)
