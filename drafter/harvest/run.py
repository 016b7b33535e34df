"""Harvest: earlier answers matching a query, into candidate facts, one per group of statements.

answers (archive search) -> statements (sentences) -> groups (near duplicates)
    -> candidates (facts citing their answers), less those already rejected
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from drafter.archive import Archive, ArchivedAnswer, SearchFilters, count_questions, search
from drafter.errors import DrafterError, Location
from drafter.facts.model import Fact
from drafter.harvest.candidate import Candidate, Said, Statement, build_candidate
from drafter.harvest.group import THRESHOLD, group, jaccard, shingles
from drafter.harvest.statements import sentences, words

ALL_ANSWERS = 1_000_000
"""The `limit` that means no limit: more questions than Parliament has answered in decades."""


NO_FILTERS = SearchFilters()
PROGRESS_EVERY = 100
"""How many answers pass between two calls of a harvest's `progress`."""


class HarvestError(DrafterError):
    """A harvest found nothing to propose, or cannot run."""


@dataclass(frozen=True)
class Harvest:
    """What a harvest found, and what it left out."""

    candidates: tuple[Candidate, ...]
    answers: int
    """Answers read (substantive ones: holding answers say nothing to keep)."""
    statements: int
    rejected: int
    """Groups left out because a reviewer rejected them before."""


def harvest_archive(
    archive: Archive,
    query: str,
    filters: SearchFilters = NO_FILTERS,
    *,
    prefix: str,
    limit: int = ALL_ANSWERS,
    rejected: Sequence[str] = (),
    min_answers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Harvest:
    """Candidate facts from the answers best matching `query` (the archive's full-text search).

    `progress`, if given, is called as `harvest_answers` calls it.

    Raises:
        HarvestError: the archive holds no questions yet, or no answered question matches.
    """
    if not count_questions(archive):
        raise HarvestError(
            "the archive holds no questions: import answers with 'drafter archive import'",
            Location(archive.path),
        )
    hits = search(archive, query, filters, limit=limit)
    answers = [hit.answer for hit in hits if _substantive(hit.answer)]
    if not answers:
        raise HarvestError(f"no answered question matches {query!r}: nothing to harvest")
    return harvest_answers(
        answers, prefix=prefix, rejected=rejected, min_answers=min_answers, progress=progress
    )


def harvest_answers(
    answers: Iterable[ArchivedAnswer],
    *,
    prefix: str,
    rejected: Sequence[str] = (),
    min_answers: int = 1,
    threshold: float = THRESHOLD,
    progress: Callable[[int], None] | None = None,
) -> Harvest:
    """Candidate facts from `answers`, most often said first; ties by most recently said.

    `progress`, if given, is called with the number of answers read so far, every
    PROGRESS_EVERY answers.
    """
    statements: list[Statement] = []
    count = 0
    for answer in answers:
        count += 1
        statements += _statements(answer)
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
    sets = [shingles(words(statement.text)) for statement in statements]
    refused = [shingles(words(text)) for text in rejected]
    candidates, skipped = [], 0
    for indexes in group(sets, threshold):
        if any(jaccard(sets[i], old) >= threshold for i in indexes for old in refused):
            skipped += 1
            continue
        candidate = build_candidate([statements[i] for i in indexes], prefix)
        if answer_count(candidate.fact) >= min_answers:
            candidates.append(candidate)
    candidates.sort(key=_rank)
    return Harvest(tuple(candidates), count, len(statements), skipped)


def _rank(candidate: Candidate) -> tuple[int, int, str]:
    last = candidate.fact.seen_in[-1].answered
    return (-answer_count(candidate.fact), -last.toordinal(), candidate.fact.id)


def answer_count(fact: Fact) -> int:
    """How many answers said a harvested fact (an answer may say it in two wordings)."""
    return len({(mention.uin, mention.answered) for mention in fact.seen_in})


def _substantive(answer: ArchivedAnswer) -> bool:
    return bool(answer.answer_text) and answer.date_answered is not None and not answer.is_holding


def _statements(answer: ArchivedAnswer) -> Iterator[Statement]:
    if not _substantive(answer) or answer.date_answered is None:
        return
    said = Said(
        uin=answer.uin,
        house=answer.house,
        tabled=answer.date_tabled,
        answered=answer.date_answered,
        member=answer.answering_member,
        heading=answer.heading,
        url=answer.url,
    )
    for text in sentences(answer.answer_text):
        yield Statement(text, said)
