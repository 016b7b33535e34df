"""Earlier answers bearing on each part of a question, from the archive: where a gap may start.

For a part, the archive's `related` search runs on the part's own words, and each answer
found offers the one sentence that shares most of the part's terms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from drafter.draft import Precedent
from drafter.question import Question, QuestionPart
from drafter.words import question_words

PER_PART = 2
_SENTENCE_END = re.compile(r"(?<=[a-z][.!?])\s*(?=[A-Z])")
"""Where a sentence ends: HTML-derived answers may lack the space (`forces.The`)."""


def precedents_in(db: Path, question: Question) -> Callable[[QuestionPart], tuple[Precedent, ...]]:
    """A finder of the earlier answers in the archive that bear on a part of the question.

    The archive is opened only when a part is looked up (composition asks only for gaps);
    without an archive the finder finds nothing.
    """

    def find(part: QuestionPart) -> tuple[Precedent, ...]:
        if not db.is_file() or not part.words:
            return ()
        from drafter.archive import open_archive, related

        with open_archive(db) as archive:
            answers = related(archive, replace(question, text=part.words), limit=PER_PART)
        return tuple(
            Precedent(
                uin=answer.uin,
                date=(answer.date_answered or answer.date_tabled).isoformat(),
                sentence=bearing_sentence(answer.answer_text, part.words),
            )
            for answer in answers
        )

    return find


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
