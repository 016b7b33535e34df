"""build_draft(): the one pipeline function, question + fact base + templates -> Draft."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from drafter import __version__
from drafter.answer_types import (
    PART_ANSWERS,
    EarlierAnswer,
    Plan,
    check_answer,
    plan_answer,
    related_notes,
    require_inputs,
    type_notes,
)
from drafter.composed import ComposedAnswer, Job, Precedents, composed_answer, drafting_date_of
from drafter.config import Config
from drafter.draft import GAP_BLOCK, CitedSource, Draft, FactUse, Paragraph
from drafter.errors import DraftError
from drafter.facts.lookup import in_force_note
from drafter.facts.model import FactBase
from drafter.facts.period import long_date
from drafter.facts.stale import overdue_edition
from drafter.fit import forced_topic_notes
from drafter.question import Question, QuestionPart, draft_question_record
from drafter.render import Recorder, TemplateSet, block_fact_ids, render_block
from drafter.templates import BlockSpec

INCLUDED_BLOCK = "included-fact"
"""The block that states a fact added with --include (templates/blocks/included-fact.md.j2)."""


def build_draft(
    question: Question,
    base: FactBase,
    templates: TemplateSet,
    *,
    template_id: str | None = None,
    answer_type: str | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    earlier: EarlierAnswer | None = None,
    related: Sequence[EarlierAnswer] = (),
    include_blocks: Sequence[str] = (),
    precedents: Precedents | None = None,
    today: date,
    as_of: date | None = None,
    dated: bool = False,
    config: Config | None = None,
) -> Draft:
    """Draft an answer to the question from the fact base.

    Args:
        question: the question, with its parts.
        base: the loaded fact base.
        templates: the answer templates.
        template_id: a substantive template (a fixed plan of blocks) or a form; without a
            substantive template the answer is composed part by part (drafter.compose).
        answer_type: one of `answer_types.TYPES`; by default the named template's type,
            else substantive.
        include: facts to state in paragraphs of their own, after the template's.
        exclude: facts whose paragraphs are left out.
        earlier: for a referral, the answer referred to (from the archive).
        related: earlier answers to much the same question, offered in the background
            note as possible referrals.
        include_blocks: blocks to add to a composed answer that composition left out.
        precedents: finds the earlier answers that bear on a part, for its gap.
        today: the clock's date, from which `drafting_date_of` works, and the date
            `dated` stamps (only the CLI reads the clock).
        as_of: use facts published by this date; default `drafting_date_of` the question.
        dated: stamp the draft with `today` (front matter, Word properties); off by
            default, so that the same inputs give the same bytes on any day.
        config: workspace settings (review warning window).

    Raises:
        TemplateError: no such template or type, or a block fails to render.
        QuestionError: the question lacks what the answer type needs.
        DraftError: unknown --include/--exclude facts, or the draft breaks its type's rules.
        UnansweredError: no block answers any part of the question.
    """
    plan = plan_answer(templates.templates, answer_type=answer_type, template_id=template_id)
    require_inputs(plan, question, earlier, include)
    settings = config or Config()
    drafting_date = as_of or drafting_date_of(question, today)
    composed = _composed(
        plan, question, base, templates, drafting_date, settings, include_blocks, precedents
    )
    jobs, notes = _jobs(plan, templates, base, include, exclude, composed)
    context = {
        "question": question,
        "member": question.member_form,
        "as_of": drafting_date,
        "earlier": earlier,
    }
    paragraphs, uses, cited = _render(jobs, templates, base, question, context)
    if composed and composed.gaps and all(paragraph.is_gap for paragraph in paragraphs):
        raise DraftError("--exclude left no paragraph that answers any part of the question")
    if plan.answer_type == "correction":
        from drafter.correction import corrected_answer  # a correction's own module, for it alone

        original = question.original_answer_text
        paragraphs, corrected = corrected_answer(original, paragraphs, plan.form_blocks)
        notes += corrected
    notes += type_notes(plan, question, earlier)
    if template_id is not None:
        notes += forced_topic_notes(question, plan.topic, settings.department)
    if drafting_date != today:
        notes.append(f"Drafted as at {long_date(drafting_date)}, with the facts published by then.")
    notes += composed.notes if composed else []
    notes += background_notes(base, list(uses), drafting_date, settings)
    notes += related_notes(related)
    result = Draft(
        question=draft_question_record(question),
        template=plan.template_id,
        answer_type=plan.answer_type,
        paragraphs=tuple(paragraphs),
        gaps=composed.gaps if composed else (),
        # The clock's date is recorded only when asked for (`dated`): same inputs, same bytes.
        as_of=drafting_date if as_of or dated or drafting_date != today else None,
        facts=tuple(uses),
        sources=tuple(_cited(base, source_id) for source_id in cited) + _answer_cited(earlier),
        background=tuple(notes),
        fact_base_digest=base.digest,
        drafter_version=__version__,
        date=today if dated else None,
    )
    checked = check_answer(result, plan, question, base)
    return replace(result, background=result.background + tuple(checked)) if checked else result


def _composed(
    plan: Plan,
    question: Question,
    base: FactBase,
    templates: TemplateSet,
    drafting_date: date,
    settings: Config,
    include_blocks: Sequence[str],
    precedents: Precedents | None,
) -> ComposedAnswer | None:
    """The composed topic paragraphs, when the plan composes them."""
    if not plan.composed:
        if include_blocks:
            raise DraftError(
                "--include-block adds to a composed answer, and this one is not composed "
                f"(a {plan.answer_type} answer{' with --template' if plan.topic else ''})"
            )
        return None
    return composed_answer(
        question,
        base,
        templates,
        as_of=drafting_date,
        threshold=settings.compose_threshold,
        include_blocks=include_blocks,
        precedents=precedents,
        gaps=plan.answer_type in PART_ANSWERS,
    )


def _jobs(
    plan: Plan,
    templates: TemplateSet,
    base: FactBase,
    include: Sequence[str],
    exclude: Sequence[str],
    composed: ComposedAnswer | None,
) -> tuple[list[Job], list[str]]:
    """The blocks to render, after --exclude and with --include; and notes saying so."""
    for fact_id in (*include, *exclude):
        _known_fact(base, fact_id)
    if both := sorted(set(include) & set(exclude)):
        raise DraftError(f"fact '{both[0]}' is both included and excluded")
    jobs: list[Job] = []
    notes: list[str] = []
    planned: list[Job] = [(block, {}) for block in plan.blocks]
    planned += composed.jobs if composed else ()
    reads = {  # only --exclude asks what each block reads, and finding out parses each block
        block.name: block_fact_ids(templates.environment, block.name)
        for block, _ in planned
        if block.name != GAP_BLOCK and exclude
    }
    for fact_id in exclude:
        if not any(fact_id in ids for ids in reads.values()):
            raise DraftError(f"--exclude '{fact_id}': no paragraph of this answer reads it")
    for block, extra in planned:
        dropped = sorted(reads.get(block.name, set()) & set(exclude))
        if dropped:
            notes.append(f"Left out the '{block.name}' paragraph: it states {', '.join(dropped)}.")
        else:
            jobs.append((block, extra))
    for fact_id in include:
        if base.facts[fact_id].kind == "policy":
            raise DraftError(
                f"--include '{fact_id}': a policy value has no wording of its own; "
                f'a block states it with fact("{fact_id}").in_force'
            )
        addresses = tuple(word.lower() for word in base.facts[fact_id].keywords)
        jobs.append((BlockSpec(INCLUDED_BLOCK, addresses), {"included": fact_id}))
        notes.append(f"Added at the drafter's request: {fact_id}. Check its paragraph's wording.")
    return jobs, notes


def _known_fact(base: FactBase, fact_id: str) -> None:
    if fact_id not in base.facts:
        close = difflib.get_close_matches(fact_id, list(base.facts), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise DraftError(f"unknown fact '{fact_id}'{hint}")


def _render(
    jobs: list[Job],
    templates: TemplateSet,
    base: FactBase,
    question: Question,
    context: dict[str, Any],
) -> tuple[list[Paragraph], list[FactUse], list[str]]:
    """Render each block: its paragraph, and the facts and sources it read."""
    paragraphs: list[Paragraph] = []
    uses: dict[tuple[str, str], FactUse] = {}
    cited: list[str] = []
    for block, extra in jobs:
        if block.name == GAP_BLOCK:
            paragraphs.append(Paragraph(str(extra["marker"]), GAP_BLOCK, block.parts or ()))
            continue
        recorder = Recorder(base, context["as_of"])
        text = render_block(templates.environment, block.name, {**context, **extra}, recorder)
        if text:
            parts = addressed_parts(block, question.parts)
            paragraphs.append(Paragraph(text, block.name, parts, recorder.fact_ids))
        for key, use in recorder.uses.items():
            uses.setdefault(key, use)
        cited += [source for source in recorder.sources if source not in cited]
    return paragraphs, list(uses.values()), cited


def addressed_parts(block: BlockSpec, parts: tuple[QuestionPart, ...]) -> tuple[str, ...]:
    """The labels of the parts a block answers, clause by clause (`*`: every part).

    A block answers every part of a clause whose words (its stem and all its parts) include
    one of the block's terms. A clause is the unit because its parts share their meaning:
    in "how many (a) officers and (b) staff were dismissed", a paragraph on dismissals
    answers both (a) and (b).
    """
    if "*" in block.addresses:
        return tuple(part.label for part in parts)
    if block.parts is not None:  # composed: the parts it was chosen for
        return block.parts
    patterns = [re.compile(rf"\b{re.escape(term)}", re.IGNORECASE) for term in block.addresses]
    clauses: dict[str, list[QuestionPart]] = {}
    for part in parts:
        clauses.setdefault(part.label.split("(")[0], []).append(part)
    answered = {
        part.label
        for members in clauses.values()
        if any(p.search(" ".join([members[0].stem, *(m.text for m in members)])) for p in patterns)
        for part in members
    }
    return tuple(part.label for part in parts if part.label in answered)


def background_notes(base: FactBase, uses: list[FactUse], on: date, config: Config) -> list[str]:
    """What the official and minister should know and the answer must not say.

    Reviews are measured at the drafting date, not the clock, so a draft depends only on its
    inputs; `drafter check` measures them again on the day it runs.
    """
    notes: list[str] = []
    horizon = on + timedelta(days=config.review_warning_days)
    for use in uses:
        fact = base.facts[use.id]
        label = f"{use.id} ({use.period})" if use.period else use.id
        if not use.verified:
            notes.append(f"Unverified: {label}. {_verification_note(base, use, on)}".rstrip())
        if late := overdue_edition(base, use.id, use.period, on):
            notes.append(f"Next edition overdue: {late.describe()}. Check whether it is out.")
        if fact.review_by < on:
            notes.append(f"Review overdue since {long_date(fact.review_by)}: {use.id}.")
        elif fact.review_by <= horizon:
            notes.append(f"Review due by {long_date(fact.review_by)}: {use.id}.")
    return notes


def _verification_note(base: FactBase, use: FactUse, on: date) -> str:
    fact = base.facts[use.id]
    if use.in_force_from:
        return in_force_note(fact, on) or fact.notes
    period_notes = [v.notes for v in fact.values if v.period == use.period and v.notes]
    return (
        period_notes[0] if period_notes else fact.notes
    ) or "Not checked against the primary source."


def _answer_cited(earlier: EarlierAnswer | None) -> tuple[CitedSource, ...]:
    """A referral rests on the earlier answer: it is cited like any other source."""
    if earlier is None:
        return ()
    answered = earlier.date_answered.isoformat() if earlier.date_answered else ""
    return (
        CitedSource(
            id=f"written-answer-{earlier.uin.lower()}-{earlier.date_tabled.isoformat()}",
            title=f"Written answer to Question {earlier.uin}: {earlier.heading}",
            publisher="UK Parliament, written questions and answers",
            url=earlier.url,
            published=answered,
        ),
    )


def _cited(base: FactBase, source_id: str) -> CitedSource:
    source = base.sources[source_id]
    return CitedSource(source.id, source.title, source.publisher, source.url, source.published)
