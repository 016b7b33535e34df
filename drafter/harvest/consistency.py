"""Is a draft consistent with what Parliament was told? Earlier answers that disagree with it.

For each statistic a draft states, an earlier answer's sentence giving a figure for the same
period and stating much what the draft's sentence states (`SAME_SUBJECT`) must give one of
the draft's figures; for each line said in earlier answers
(`seen_in`), a later answer saying much the same thing (the harvest's near-duplicate test)
in other words means the department has since moved its line. Each disagreement is a
background note starting `EARLIER_ANSWER`, which `drafter check` reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.draft import Draft, FactUse
from drafter.facts.model import Fact, FactBase
from drafter.facts.period import long_date, parse_period
from drafter.harvest.group import THRESHOLD, jaccard, shingles
from drafter.harvest.statements import figure, sentences, words
from drafter.words import STOP_WORDS, stem

if TYPE_CHECKING:
    from drafter.archive import Archive, ArchivedAnswer

EARLIER_ANSWER = "Earlier answer disagrees:"
"""How a disagreement's background note starts; `drafter check` looks for it."""
MIN_SHARED = 2
SAME_SUBJECT = 0.6
"""An earlier sentence is about what the draft's sentence states when it holds at least this
share (and at least `MIN_SHARED`) of the draft sentence's words, stop words and figures aside."""
SEARCH_LIMIT = 50
_NOT_SUBJECT = STOP_WORDS | {"year", "ending", "march", "in", "to"}
_NOTE = re.compile(rf"^{re.escape(EARLIER_ANSWER)} ([a-z0-9.-]+): (.*)$")


def with_earlier_answers(draft: Draft, base: FactBase, db: Path) -> Draft:
    """The draft with a background note for each earlier answer that disagrees with it.

    No archive, no notes: a draft can be made before any answers are imported.
    """
    if not db.is_file():
        return draft
    from drafter.archive import open_archive  # only a draft with an archive needs it

    with open_archive(db) as archive:
        notes = [note for use in draft.facts for note in _disagreements(archive, draft, base, use)]
    return replace(draft, background=draft.background + tuple(notes)) if notes else draft


def parse_note(note: str) -> tuple[str, str] | None:
    """A disagreement note's fact id and what was found, or None for any other note."""
    match = _NOTE.match(note)
    return (match[1], match[2]) if match else None


def _disagreements(archive: Archive, draft: Draft, base: FactBase, use: FactUse) -> list[str]:
    fact = base.facts.get(use.id)
    if fact is None:
        return []
    if fact.kind == "statistic" and use.period:
        found = _other_figures(archive, fact, use.period, draft)
    elif fact.seen_in:
        found = _moved_line(archive, fact, draft.as_of)
    else:
        found = []
    return [f"{EARLIER_ANSWER} {fact.id}: {text}" for text in dict.fromkeys(found)]


def _other_figures(archive: Archive, fact: Fact, period: str, draft: Draft) -> list[str]:
    """Earlier answers stating what the draft states for `period`, with a figure it lacks."""
    wanted = parse_period(period)
    value = next((item for item in fact.values if item.parsed == wanted), None)
    if wanted is None or value is None:
        return []
    ours = {number for number in (value.value, *value.breakdown.values()) if number is not None}
    statements = [
        _content(sentence)
        for paragraph in draft.paragraphs
        if fact.id in paragraph.facts
        for sentence in sentences(paragraph.text)
        if (stated := figure(sentence)) and parse_period(stated.period) == wanted
    ]
    subject = sorted({word for words_ in statements for word in words_}, key=lambda w: -len(w))
    if not subject:
        return []
    found = []
    # The period is not a search term: archive search checks words by their letters, so a
    # figure or year in the query matches nothing. The sentence test below checks the period.
    for answer, sentence in _sentences(archive, " ".join(subject[:2]), subject[:3], draft.as_of):
        stated = figure(sentence)
        if stated is None or parse_period(stated.period) != wanted or stated.value in ours:
            continue
        if any(_same_subject(mine, _content(sentence)) for mine in statements):
            found.append(
                f"answer {answer.uin} of {long_date(answer.date_answered or answer.date_tabled)}"
                f" gave {stated.value:,} for {period}, where this draft states "
                f"{', '.join(f'{number:,}' for number in sorted(ours))}"
            )
    return found


def _content(sentence: str) -> set[str]:
    """A sentence's subject: its words less stop words, figures and period words."""
    return {stem(word) for word in words(sentence) if word != "#" and word not in _NOT_SUBJECT}


def _same_subject(mine: set[str], theirs: set[str]) -> bool:
    """True when `theirs` holds at least `SAME_SUBJECT` of the draft sentence's subject words."""
    shared = len(mine & theirs)
    return shared >= MIN_SHARED and shared >= SAME_SUBJECT * len(mine)


def _moved_line(archive: Archive, fact: Fact, until: date | None) -> list[str]:
    """Later answers saying much the same as the fact's latest wording, in other words."""
    latest = fact.seen_in[-1]
    mine = shingles(words(latest.said or fact.text))
    found = []
    for answer, sentence in _sentences(archive, _distinctive(fact.text), [], until):
        later = answer.date_answered and answer.date_answered > latest.answered
        theirs = shingles(words(sentence))
        if later and theirs != mine and jaccard(mine, theirs) >= THRESHOLD:
            found.append(
                f"the line has since changed: answer {answer.uin} of "
                f'{long_date(answer.date_answered or answer.date_tabled)} said "{sentence}"'
            )
    return found


def _sentences(
    archive: Archive, query: str, subject: list[str], until: date | None
) -> Iterator[tuple[ArchivedAnswer, str]]:
    """Sentences of answers matching `query` (and any subject word), answered by `until`."""
    from drafter.archive import SearchFilters, search

    queries = [f"{query} {word}" for word in subject] or [query]
    seen: set[tuple[str, str, date]] = set()
    for text in queries:
        for hit in search(archive, text, SearchFilters(until=until), limit=SEARCH_LIMIT):
            answer = hit.answer
            answered = answer.date_answered
            earlier = answered is not None and (until is None or answered <= until)
            # A drafter draft in the archive was never said to Parliament.
            if answer.key in seen or not earlier or answer.is_holding or answer.is_draft:
                continue
            seen.add(answer.key)
            for sentence in sentences(answer.answer_text):
                yield answer, sentence


def _distinctive(text: str) -> str:
    """Up to five of a line's longest words: enough for the search to find its restatements."""
    content = [word for word in words(text) if word != "#" and word not in STOP_WORDS]
    return " ".join(sorted(set(content), key=lambda word: (-len(word), word))[:5]) or text
