"""A composed answer as build renders it: the chosen blocks, gap markers and their notes.

drafter.compose decides; this module turns its decision into render jobs, marker paragraphs
for the parts no block answers (with the closest facts and earlier answers), and the
background notes that say what was left out.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from drafter.blocks import Catalogue, Thesaurus, read_catalogue
from drafter.bm25 import Index, build_index, rank
from drafter.catalogue_cache import cached_preparation
from drafter.compose import Composition, block_index, compose, part_query
from drafter.draft import GAP_BLOCK, GAP_MARKER, Gap, Precedent
from drafter.errors import DraftError
from drafter.facts.model import FactBase
from drafter.question import Question, QuestionPart
from drafter.render import TemplateSet
from drafter.select import fact_text
from drafter.templates import BlockSpec
from drafter.words import terms

REPLAY_DAYS = 28
"""An unanswered question whose date for answer passed more than this many days ago is an
old question replayed: it is drafted as at that date, not today."""
CLOSEST = 3
"""How many facts and earlier answers a gap names."""

Precedents = Callable[[QuestionPart], Sequence[Precedent]]
"""Earlier answers that bear on a part (drafter.precedents), asked only for a gap's part."""
Job = tuple[BlockSpec, dict[str, Any]]
"""A block to render and what its context adds (an included fact's id, a gap's marker)."""


class UnansweredError(DraftError):
    """No block answers any part of the question; `details` says what came closest."""

    def __init__(self, report: str) -> None:
        """One line for the error; the report, for the CLI to print before it."""
        super().__init__("no block answers any part of this question: nothing to draft")
        self.details = report


@dataclass(frozen=True)
class ComposedAnswer:
    """What composition adds to a draft."""

    jobs: tuple[Job, ...]
    """Blocks to render, each with the parts it answers, and gap markers, in order."""
    gaps: tuple[Gap, ...]
    notes: tuple[str, ...]


def drafting_date_of(question: Question, today: date) -> date:
    """The date a question is drafted as at, unless `--as-of` says otherwise.

    An answered question: its answer date, so an old answer can be reproduced. An unanswered
    one: its date for answer (else its date tabled) when that is more than `REPLAY_DAYS`
    past, as for an old question replayed; else today.
    """
    if question.date_answered:
        return question.date_answered
    due = question.date_for_answer or question.date_tabled
    if due and today - due > timedelta(days=REPLAY_DAYS):
        return due
    return today


@dataclass(frozen=True)
class Prepared:
    """What composing any question needs from one fact base and templates."""

    templates: TemplateSet
    base: FactBase
    catalogue: Catalogue
    blocks: Index
    """The composable blocks, for ranking against each part (drafter.compose)."""
    kept_facts: Callable[[], Index] | None = None
    """The facts' index from the cache, if it kept one."""

    @functools.cached_property
    def facts(self) -> Index:
        """Every fact by its words, for a gap's closest facts: made only when a gap asks."""
        return self.kept_facts() if self.kept_facts else fact_index(self.base)


def fact_index(base: FactBase) -> Index:
    """Every fact of the base by its words."""
    return build_index({f.id: terms(*fact_text(f)) for f in base.facts.values()})


_LAST: list[Prepared] = []
"""The last pair's preparation: a batch redraft or the workbench drafts many questions from
one fact base and templates. It holds the pair, so their identities cannot be reused."""


def prepared(templates: TemplateSet, base: FactBase) -> Prepared:
    """The catalogue and indexes for this fact base and templates, made once for the pair.

    They come from the cache folder when an earlier run made them from the same files.

    Raises:
        TemplateError: a block declaration is missing or wrong (as `read_catalogue`).
    """
    for ready in _LAST:
        if ready.templates is templates and ready.base is base:
            return ready
    kept = cached_preparation(templates, base, lambda: _prepare(templates, base))
    if kept is None:
        catalogue = read_catalogue(templates, base)
        ready = Prepared(templates, base, catalogue, block_index(catalogue, base))
    else:
        ready = Prepared(templates, base, *kept)
    _LAST[:] = [ready]
    return ready


def _prepare(templates: TemplateSet, base: FactBase) -> tuple[Catalogue, Index, Index]:
    catalogue = read_catalogue(templates, base)
    return catalogue, block_index(catalogue, base), fact_index(base)


def composed_answer(
    question: Question,
    base: FactBase,
    templates: TemplateSet,
    *,
    as_of: date,
    threshold: float,
    include_blocks: Sequence[str] = (),
    precedents: Precedents | None = None,
    gaps: bool = True,
) -> ComposedAnswer:
    """Compose the answer's topic paragraphs; with `gaps`, mark each part nothing answers.

    Raises:
        TemplateError: a block declaration is missing or wrong.
        DraftError: an unknown `include_blocks` name.
        UnansweredError: with `gaps`, no part of the question is answered.
    """
    ready = prepared(templates, base)
    catalogue, facts = ready.catalogue, ready.facts
    composition = compose(
        question, catalogue, base, as_of=as_of, threshold=threshold, index=ready.blocks
    )
    found = {
        position: Gap(
            part=choice.part.label,
            text=choice.part.words,
            reason=choice.reason,
            closest_facts=closest_facts(choice.part, question, facts, catalogue.thesaurus),
            earlier_answers=tuple(precedents(choice.part))[:CLOSEST] if precedents else (),
        )
        for position, choice in enumerate(composition.choices)
        if choice.is_gap
    }
    if gaps and not any(name for name, _ in composition.order):
        raise UnansweredError(unanswered_report(found.values()))
    jobs: list[Job] = []
    for name, positions in composition.order:
        labels = composition.labels(positions)
        if name:
            jobs.append((BlockSpec(name, parts=labels), {}))
        elif gaps:
            marker = gap_marker(found[positions[0]])
            jobs.append((BlockSpec(GAP_BLOCK, parts=labels), {"marker": marker}))
    jobs += _included(include_blocks, catalogue, composition)
    shown = tuple(found.values()) if gaps else ()
    return ComposedAnswer(tuple(jobs), shown, tuple(_notes(composition, shown)))


def _included(names: Sequence[str], catalogue: Catalogue, composition: Composition) -> list[Job]:
    used = {name for name, _ in composition.order}
    jobs: list[Job] = []
    for name in names:
        block = catalogue.blocks.get(name)
        if block is None or not block.composable:
            close = difflib.get_close_matches(name, [b.name for b in catalogue.composable], n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise DraftError(f"--include-block '{name}': no such block{hint}")
        if name not in used:
            jobs.append((BlockSpec(name, parts=()), {}))
    return jobs


def closest_facts(
    part: QuestionPart, question: Question, facts: Index, thesaurus: Thesaurus = ()
) -> tuple[str, ...]:
    """The facts nearest a part's words: where an officer filling its gap might start."""
    query, weights = part_query(part, question, thesaurus)
    return tuple(match.key for match in rank(facts, query, weights=weights)[:CLOSEST])


def gap_marker(gap: Gap) -> str:
    """The paragraph that stands where a part is unanswered, for the officer to complete."""
    why = (
        (gap.reason[0].upper() + gap.reason[1:])
        if gap.reason
        else ("No fact in the fact base answers this")
    )
    closest = ", ".join(gap.closest_facts) or "none"
    earlier = "; ".join(f"UIN {answer.uin} ({answer.date})" for answer in gap.earlier_answers)
    return (
        f"{GAP_MARKER} part {gap.part}, {gap.text}. {why}. Closest facts: {closest}"
        + (f"; earlier answers: {earlier}" if earlier else "")
        + ".]"
    )


def unanswered_report(gaps: Iterable[Gap]) -> str:
    """Per part: what it asks, why nothing answers it, the closest facts and earlier answers."""
    lines = []
    for gap in gaps:
        lines.append(f"part {gap.part}: {gap.text}")
        if gap.reason:
            lines.append(f"  {gap.reason}")
        lines.append(f"  closest facts: {', '.join(gap.closest_facts) or 'none'}")
        for answer in gap.earlier_answers:
            lines.append(f"  earlier answer: UIN {answer.uin} ({answer.date}): {answer.sentence}")
    return "\n".join(lines)


def _notes(composition: Composition, gaps: Sequence[Gap]) -> list[str]:
    notes = [
        f"To complete: part {gap.part} ({gap.text}) has no answer in the fact base; "
        "its marker paragraph must be replaced before clearance."
        for gap in gaps
    ]
    notes += [
        f"Part {choice.part.label} has no words of its own: nothing was written for it."
        for choice in composition.choices
        if not choice.part.words
    ]
    notes += [
        f"Left out the '{dropped}' paragraph: it repeats a fact of the '{kept}' paragraph, "
        "which answers its parts."
        for dropped, kept in composition.merged
    ]
    used = {name for name, _ in composition.order} | {name for name, _ in composition.merged}
    unused = sorted(
        {
            c.block: c.score
            for choice in composition.choices
            for c in choice.candidates
            if c.block not in used and not c.barred
        }.items(),
        key=lambda item: (-item[1], item[0]),
    )
    if unused:
        names = ", ".join(name for name, _ in unused[:5])
        notes.append(f"Also available, not used (add one with --include-block NAME): {names}.")
    return notes
