"""Earlier answers bearing on each part of a question, from the archive: where a gap may start.

For each part, the archive's `related` search runs on the part's own words, and each answer
found offers the one sentence that shares most of the part's terms.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from drafter.draft import Precedent
from drafter.question import Question
from drafter.words import question_words

PER_PART = 2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def part_precedents(db: Path, question: Question) -> dict[str, tuple[Precedent, ...]]:
    """Earlier answers for each part of the question, by part label; none without an archive.

    Raises:
        ArchiveError: the archive exists but cannot be read.
    """
    if not db.is_file() or not question.parts:
        return {}
    from drafter.archive import open_archive, related

    found: dict[str, tuple[Precedent, ...]] = {}
    with open_archive(db) as archive:
        for part in question.parts:
            asked = replace(question, text=part.words)
            answers = related(archive, asked, limit=PER_PART)
            found[part.label] = tuple(
                Precedent(
                    uin=answer.uin,
                    date=(answer.date_answered or answer.date_tabled).isoformat(),
                    sentence=bearing_sentence(answer.answer_text, part.words),
                )
                for answer in answers
            )
    return found


def bearing_sentence(answer: str, asked: str) -> str:
    """The sentence of an answer that shares most terms with what was asked (first on ties)."""
    wanted = {term for _, term in question_words(asked)}
    sentences = [s.strip() for s in _SENTENCE_END.split(" ".join(answer.split())) if s.strip()]
    if not sentences:
        return ""
    return max(
        sentences,
        key=lambda sentence: len(wanted & {term for _, term in question_words(sentence)}),
    )
