"""`drafter suggest`: per question part, the blocks composition considered and why it chose.

The same composition `drafter draft` runs, explained: each candidate's fit, the share of the
part's words it covers, the words that matched, its intents, and the verdict on it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date

from drafter.blocks import read_catalogue
from drafter.compose import MIN_COVERAGE, RELATIVE, Candidate, PartChoice, compose
from drafter.facts.model import FactBase
from drafter.question import Question
from drafter.render import TemplateSet
from drafter.select import Suggestion, rank_facts
from drafter.words import question_words


@dataclass(frozen=True)
class Considered:
    """One candidate block for one part, with the verdict on it."""

    block: str
    score: float
    coverage: float
    terms: tuple[str, ...]
    intents: tuple[str, ...]
    agrees: bool
    """True when the block serves the part's intent (its fit is raised for it)."""
    verdict: str
    """`chosen`, or why not: below the threshold, too little of the part covered, ..."""


@dataclass(frozen=True)
class PartReport:
    """What composition made of one part of the question."""

    id: str
    text: str
    intent: str
    chosen: tuple[str, ...]
    gap: str
    """Empty when a block answers the part; else why none does."""
    considered: tuple[Considered, ...]


@dataclass(frozen=True)
class Suggestions:
    """What `drafter suggest` reports."""

    as_of: str
    threshold: float
    parts: tuple[PartReport, ...]
    facts: tuple[Suggestion, ...]
    """The facts nearest the whole question, for `--include`."""


def suggest(
    question: Question,
    base: FactBase,
    templates: TemplateSet,
    *,
    as_of: date,
    threshold: float,
    limit: int = 5,
) -> Suggestions:
    """Compose the question as `draft` would, and report each part's candidates.

    Raises:
        TemplateError: a block declaration is missing or wrong.
    """
    catalogue = read_catalogue(templates, base)
    composition = compose(question, catalogue, base, as_of=as_of, threshold=threshold)
    surface: dict[str, str] = {}
    for word, term in question_words(question.text, question.heading):
        surface.setdefault(term, word)
    return Suggestions(
        as_of.isoformat(),
        threshold,
        tuple(_report(choice, threshold, limit, surface) for choice in composition.choices),
        tuple(rank_facts(question, base)[:limit]),
    )


def _report(
    choice: PartChoice, threshold: float, limit: int, surface: Mapping[str, str]
) -> PartReport:
    best = max((c.score for c in choice.candidates if _fits(c)), default=0.0)
    considered = tuple(
        Considered(
            block=c.block,
            score=c.score,
            coverage=c.coverage,
            terms=tuple(surface.get(term, term) for term in c.terms),
            intents=c.intents,
            agrees=c.agrees,
            verdict=_verdict(c, choice, threshold, best),
        )
        for c in choice.candidates[:limit]
    )
    gap = "" if choice.chosen else (choice.reason or "no block fits the part well enough")
    part = choice.part
    return PartReport(part.label, part.words, part.intent, choice.chosen, gap, considered)


def _fits(candidate: Candidate) -> bool:
    return not candidate.barred and candidate.coverage >= MIN_COVERAGE


def _verdict(candidate: Candidate, choice: PartChoice, threshold: float, best: float) -> str:
    if candidate.block in choice.chosen:
        return "chosen"
    if candidate.barred:
        return f"not allowed: {candidate.barred}"
    if candidate.coverage < MIN_COVERAGE:
        return f"covers {candidate.coverage:.0%} of the part's words (needs {MIN_COVERAGE:.0%})"
    if candidate.score < threshold:
        return f"below the threshold {threshold:.2f}"
    if candidate.score < RELATIVE * best:
        return f"below {RELATIVE:.0%} of the best block's fit"
    return "over the limit of blocks per part"


def format_suggestions(found: Suggestions) -> str:
    """The report as text: a section per part, then the nearest facts."""
    lines = [f"Composed as at {found.as_of}; a block needs a fit of {found.threshold:.2f}."]
    for part in found.parts:
        lines.append(f"Part {part.id} ({part.intent}): {part.text}")
        lines.append(f"  chosen: {', '.join(part.chosen)}" if part.chosen else f"  gap: {part.gap}")
        lines += _rows(part.considered)
    lines.append("Facts (add one with --include):")
    width = max((len(s.id) for s in found.facts), default=0)
    lines += [f"  {s.id:<{width}}  {s.score:6.2f}  {', '.join(s.terms)}" for s in found.facts]
    return "\n".join(lines) + "\n"


def _rows(considered: Sequence[Considered]) -> list[str]:
    if not considered:
        return ["    (no block shares a word with this part)"]
    width = max(len(c.block) for c in considered)
    return [
        f"    {c.block:<{width}}  fit {c.score:5.2f}  covers {c.coverage:4.0%}  "
        f"[{', '.join(c.intents)}]{' agrees' if c.agrees else ''}  {', '.join(c.terms)}: "
        f"{c.verdict}"
        for c in considered
    ]


def suggestions_json(found: Suggestions) -> str:
    """The report as JSON, for scripts."""
    return json.dumps(asdict(found), indent=2) + "\n"
