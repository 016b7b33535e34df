"""build_draft(): the one pipeline function, question + fact base + templates -> Draft."""

from __future__ import annotations

import re
from datetime import date, timedelta

from drafter import __version__
from drafter.config import Config
from drafter.draft import CitedSource, Draft, FactUse, Paragraph
from drafter.errors import TemplateError
from drafter.facts.model import FactBase
from drafter.facts.period import long_date
from drafter.question import Question, QuestionPart, question_to_record
from drafter.render import Recorder, TemplateSet, render_block
from drafter.templates import AnswerTemplate, BlockSpec


def build_draft(
    question: Question,
    base: FactBase,
    templates: TemplateSet,
    *,
    template_id: str | None = None,
    today: date,
    as_of: date | None = None,
    config: Config | None = None,
) -> Draft:
    """Draft an answer to the question from the fact base.

    Args:
        question: the question, with its parts.
        base: the loaded fact base.
        templates: the answer templates.
        template_id: which template; by default the only substantive one.
        today: the date review warnings are measured from (only the CLI reads the clock).
        as_of: use statistics published by this date; default the question's answer date
            if Parliament has answered it (so an old answer can be reproduced), else today.
        config: workspace settings (review warning window).

    Raises:
        TemplateError: no such template, or a block fails to render.
    """
    template = choose_template(templates, template_id)
    drafting_date = as_of or question.date_answered or today
    paragraphs: list[Paragraph] = []
    uses: dict[tuple[str, str], FactUse] = {}
    cited: list[str] = []
    context = {"question": question, "member": question.member_form, "as_of": drafting_date}
    for block in template.blocks:
        recorder = Recorder(base, drafting_date)
        text = render_block(templates.environment, block.name, context, recorder)
        if text:
            parts = addressed_parts(block, question.parts)
            paragraphs.append(Paragraph(text, block.name, parts, recorder.fact_ids))
        for key, use in recorder.uses.items():
            uses.setdefault(key, use)
        cited += [source for source in recorder.sources if source not in cited]
    notes = background_notes(base, list(uses.values()), today, config or Config())
    if drafting_date != today:
        notes.insert(0, f"Drafted with the statistics published by {long_date(drafting_date)}.")
    return Draft(
        question=question_to_record(question),
        template=template.id,
        answer_type=template.type,
        paragraphs=tuple(paragraphs),
        facts=tuple(uses.values()),
        sources=tuple(_cited(base, source_id) for source_id in cited),
        background=tuple(notes),
        fact_base_digest=base.digest,
        drafter_version=__version__,
    )


def choose_template(templates: TemplateSet, template_id: str | None) -> AnswerTemplate:
    """The named template, or the only substantive one when none is named."""
    if template_id is not None:
        if template_id not in templates.templates:
            known = ", ".join(sorted(templates.templates)) or "none"
            raise TemplateError(f"unknown template '{template_id}' (templates: {known})")
        return templates.templates[template_id]
    substantive = [t for t in templates.templates.values() if t.type == "substantive"]
    if len(substantive) != 1:
        known = ", ".join(sorted(t.id for t in substantive)) or "none"
        raise TemplateError(f"choose a template with --template (substantive templates: {known})")
    return substantive[0]


def addressed_parts(block: BlockSpec, parts: tuple[QuestionPart, ...]) -> tuple[str, ...]:
    """The labels of the parts whose words include one of the block's terms (`*`: all)."""
    if "*" in block.addresses:
        return tuple(part.label for part in parts)
    return tuple(
        part.label
        for part in parts
        if any(
            re.search(rf"\b{re.escape(term)}", part.text, re.IGNORECASE) for term in block.addresses
        )
    )


def background_notes(base: FactBase, uses: list[FactUse], today: date, config: Config) -> list[str]:
    """What the official and minister should know and the answer must not say."""
    notes: list[str] = []
    horizon = today + timedelta(days=config.review_warning_days)
    for use in uses:
        fact = base.facts[use.id]
        label = f"{use.id} ({use.period})" if use.period else use.id
        if not use.verified:
            notes.append(f"Unverified: {label}. {_verification_note(base, use)}".rstrip())
        if fact.review_by < today:
            notes.append(f"Review overdue since {long_date(fact.review_by)}: {use.id}.")
        elif fact.review_by <= horizon:
            notes.append(f"Review due by {long_date(fact.review_by)}: {use.id}.")
    return notes


def _verification_note(base: FactBase, use: FactUse) -> str:
    fact = base.facts[use.id]
    period_notes = [v.notes for v in fact.values if v.period == use.period and v.notes]
    return (
        period_notes[0] if period_notes else fact.notes
    ) or "Not checked against the primary source."


def _cited(base: FactBase, source_id: str) -> CitedSource:
    source = base.sources[source_id]
    return CitedSource(source.id, source.title, source.publisher, source.url, source.published)
