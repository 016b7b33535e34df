"""How well composition answers real questions: the labelled set in tests/data/composition/.

Each question there is a real Home Office written question with its parts labelled by hand,
from the real answer, with the blocks that should answer each part or `gap`. This module
drafts each one as at its answer date and measures the figures the README reports;
tests/test_composition_figures.py guards them with floors. Print them with:

    python -m tests.composition_eval
"""

from __future__ import annotations

import calendar
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from drafter.build import build_draft
from drafter.composed import UnansweredError
from drafter.draft import Draft
from drafter.facts.load import load_fact_base
from drafter.facts.model import FactBase
from drafter.question import Question
from drafter.render import TemplateSet, load_templates

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "composition" / "labelled.yaml"
GAP = "gap"


@dataclass(frozen=True)
class Labelled:
    """One real question, its real answer's length, and the blocks each part should take."""

    question: Question
    answer_words: int
    expected: dict[str, frozenset[str]]
    """Part label to block names; an empty set for a part that is a gap."""
    topic: str


@dataclass
class Figures:
    """The measures of composition on the labelled set."""

    questions: int = 0
    parts: int = 0
    chosen: int = 0
    """Block choices made, over all parts."""
    correct: int = 0
    """Block choices the labels agree with."""
    expected: int = 0
    """Block choices the labels ask for."""
    gap_parts: int = 0
    """Parts the composer left as gaps."""
    answered_right: int = 0
    """Parts given at least one block the labels want for them."""
    labelled_gaps: int = 0
    gaps_agreed: int = 0
    paragraphs: int = 0
    answering: int = 0
    """Paragraphs (gap markers aside) whose block the labels want for a part it answers."""
    refused: int = 0
    """Questions not drafted: every part a gap."""
    off_topic_refused: int = 0
    off_topic: int = 0
    draft_words: list[int] = field(default_factory=list)
    real_words: list[int] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Of the blocks chosen for parts, the share the labels agree with."""
        return self.correct / self.chosen if self.chosen else 1.0

    @property
    def recall(self) -> float:
        """Of the blocks the labels ask for, the share chosen."""
        return self.correct / self.expected if self.expected else 1.0

    @property
    def answering_share(self) -> float:
        """The share of paragraphs that answer a part of the question."""
        return self.answering / self.paragraphs if self.paragraphs else 1.0

    @property
    def answered(self) -> int:
        """Parts given at least one block: not gaps."""
        return self.parts - self.gap_parts

    @property
    def gap_share(self) -> float:
        """The share of parts flagged as gaps."""
        return self.gap_parts / self.parts if self.parts else 0.0

    @property
    def length_ratio(self) -> float:
        """Median of draft words over real answer words, for the questions drafted."""
        ratios = [d / r for d, r in zip(self.draft_words, self.real_words, strict=True) if r]
        return statistics.median(ratios) if ratios else 0.0


def load_labelled(path: Path = LABELLED) -> list[Labelled]:
    """The labelled questions."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [_labelled(row) for row in data["questions"]]


def _labelled(row: dict[str, object]) -> Labelled:
    question = Question(
        text=str(row["text"]),
        uin=str(row.get("uin") or ""),
        heading=str(row.get("heading") or ""),
        answering_body="Home Office",
        date_tabled=_date(row.get("date_tabled")),
        date_answered=_date(row.get("date_answered")) or _month_end(row.get("month_tabled")),
    )
    from drafter.question import split_parts

    question = Question(**{**vars(question), "parts": split_parts(question.text)})
    parts = row["parts"]
    assert isinstance(parts, dict)
    expected = {
        str(label): frozenset() if blocks == GAP else frozenset(blocks)
        for label, blocks in parts.items()
    }
    return Labelled(question, int(str(row["answer_words"])), expected, str(row.get("topic")))


def _month_end(month: object) -> date | None:
    """A record known only by the month it was tabled in is taken as answered by its end."""
    if not month:
        return None
    year, number = (int(piece) for piece in str(month).split("-"))
    return date(year, number, calendar.monthrange(year, number)[1])


def _date(value: object) -> date | None:
    return value if isinstance(value, date) else date.fromisoformat(str(value)) if value else None


@cache
def _workspace() -> tuple[FactBase, TemplateSet]:
    return load_fact_base(ROOT / "facts"), load_templates(ROOT / "templates")


def draft_of(item: Labelled) -> Draft | None:
    """The composed draft, as at the answer date; None when composition refuses it."""
    base, templates = _workspace()
    today = item.question.date_answered or date(2026, 1, 1)
    try:
        return build_draft(item.question, base, templates, today=today)
    except UnansweredError:
        return None


def evaluate(items: Iterable[Labelled]) -> Figures:
    """Measure composition on the labelled questions."""
    figures = Figures()
    for item in items:
        _measure(figures, item, item.expected, draft_of(item))
    return figures


def _measure(
    figures: Figures, item: Labelled, expected: dict[str, frozenset[str]], draft: Draft | None
) -> None:
    figures.questions += 1
    off_topic = item.topic == "off-topic"
    figures.off_topic += off_topic
    chosen: dict[str, set[str]] = {label: set() for label in expected}
    if draft is None:
        figures.refused += 1
        figures.off_topic_refused += off_topic
    else:
        for paragraph in draft.paragraphs:
            if paragraph.is_gap:
                continue
            figures.paragraphs += 1
            figures.answering += any(
                paragraph.block in expected.get(p, ()) for p in paragraph.parts
            )
            for label in paragraph.parts:
                chosen.setdefault(label, set()).add(paragraph.block)
        figures.draft_words.append(_words(draft))
        figures.real_words.append(item.answer_words)
    for label, wanted in expected.items():
        got = chosen.get(label, set())
        figures.parts += 1
        figures.chosen += len(got)
        figures.expected += len(wanted)
        figures.correct += len(got & wanted)
        figures.gap_parts += not got
        figures.answered_right += bool(got & wanted)
        figures.labelled_gaps += not wanted
        figures.gaps_agreed += not got and not wanted


def _words(draft: Draft) -> int:
    return sum(len(p.text.split()) for p in draft.paragraphs if not p.is_gap)


def report(figures: Figures) -> str:
    """The figures as the README shows them."""
    drafted = len(figures.draft_words)
    wanted = figures.parts - figures.labelled_gaps
    return "\n".join(
        [
            f"questions: {figures.questions} ({figures.off_topic} off-topic controls), "
            f"parts: {figures.parts}",
            f"block choice per part: precision {figures.precision:.1%}, "
            f"recall {figures.recall:.1%}",
            f"parts answered: {figures.answered} of {figures.parts}, {figures.answered_right} "
            f"with a block the labels want (they want one for {wanted})",
            f"paragraphs that answer a part: {figures.answering_share:.1%} "
            f"({figures.answering} of {figures.paragraphs})",
            f"parts flagged as gaps: {figures.gap_share:.1%} ({figures.gap_parts}); labelled "
            f"gaps {figures.labelled_gaps}, agreed {figures.gaps_agreed}",
            f"questions not drafted (every part a gap): {figures.refused}, of which off-topic "
            f"{figures.off_topic_refused} of {figures.off_topic}",
            f"draft length: median {_median(figures.draft_words)} words against the real "
            f"answers' {_median(figures.real_words)} ({drafted} drafted); median ratio "
            f"{figures.length_ratio:.2f}",
        ]
    )


def _median(values: list[int]) -> str:
    return f"{statistics.median(values):.0f}" if values else "n/a"


if __name__ == "__main__":
    print(report(evaluate(load_labelled())))  # noqa: T201
