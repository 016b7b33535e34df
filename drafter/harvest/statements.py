"""Answers into statements: the sentences a department said, with their figures and periods.

An answer's text is what the HTML-to-text reader (`drafter.htmltext`) made of its HTML on
import: paragraphs separated by blank lines. Each paragraph is split into sentences; a
sentence too short to state anything, or one that only points elsewhere ("I refer the hon.
Member..."), is not a statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from drafter.facts.period import MONTHS, parse_period

MIN_WORDS = 6
"""Shorter sentences ("Yes.", "Information is not held.") say nothing a fact base can keep."""
MAX_WORDS = 90
"""Longer runs are tables or lists flattened into one line, not statements."""

_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])"
    # Pasted answers sometimes lose the space: "forces.The College".
    r"|(?<=[a-z]\.)(?=[A-Z][a-z])"
)
_ABBREVIATIONS = re.compile(r"\b(?:hon|Mr|Mrs|Ms|Dr|No|St|e\.g|i\.e|etc|vs|para|cf)\.$", re.I)
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_NUMBER = re.compile(r"(?<![\w/.-])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w/.,-])\d+(?:\.\d+)?(?![\w/])")
_FINANCIAL = re.compile(r"\b(20\d\d)\s*(?:/|-|–|to )\s*(?:20)?(\d\d)\b")
_YEAR_ENDING = re.compile(
    r"\byear (?:ending|to) (?:(\d{1,2}) )?(" + "|".join(MONTHS) + r") (\d{4})\b", re.I
)
_POINTERS = re.compile(
    r"^(?:I refer|I would refer|The hon(?:ourable)?\.? (?:Member|Lady|Gentleman) (?:may|will)"
    r"|Please see|See the answer|This (?:information|data) (?:is|can be) (?:found|available) at)",
    re.I,
)


@dataclass(frozen=True)
class Figure:
    """A figure stated for a period: `In 2023/24, 66 ...` gives period `2023/24`, value 66."""

    period: str
    value: int | float


def sentences(text: str) -> Iterator[str]:
    """The statements of an answer's plain text, in order, white space squeezed."""
    for paragraph in re.split(r"\n\s*\n", text):
        flat = " ".join(paragraph.split())
        if flat.startswith(("- ", "| ")) or " | " in flat:
            continue  # a list item or table row: not a sentence the department would reuse
        for sentence in _split(flat):
            words = sentence.split()
            cut = sentence.endswith(("...", "…"))  # list endpoints cut answers at 255 characters
            if MIN_WORDS <= len(words) <= MAX_WORDS and not cut and not _POINTERS.match(sentence):
                yield sentence


def _split(paragraph: str) -> Iterator[str]:
    """Sentences of a paragraph; a full stop after an abbreviation does not end one."""
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        if _ABBREVIATIONS.search(paragraph[start : match.start()].rstrip('"”’)')):
            continue
        yield paragraph[start : match.start()].strip()
        start = match.end()
    if paragraph[start:].strip():
        yield paragraph[start:].strip()


def words(sentence: str) -> list[str]:
    """The sentence's words, lowercased, with every number written as `#`.

    Figures and years are masked so that one line stated for two years, or with a
    corrected figure, still reads as the same statement.
    """
    return ["#" if token[0].isdigit() else token for token in _WORD.findall(sentence.lower())]


def figure(sentence: str) -> Figure | None:
    """The first figure the sentence gives for a stated period, if it states one."""
    period, spans = _period(sentence)
    if period is None:
        return None
    for match in _NUMBER.finditer(sentence):
        if any(start <= match.start() < end for start, end in spans):
            continue
        text = match.group().replace(",", "")
        number = float(text) if "." in text else int(text)
        if isinstance(number, int) and 1900 <= number <= 2100:
            continue  # a year in a date, not a figure
        return Figure(period, number)
    return None


def _period(sentence: str) -> tuple[str | None, list[tuple[int, int]]]:
    """The period the sentence speaks of, in the fact base's label form, and where it is."""
    if match := _FINANCIAL.search(sentence):
        label = f"{match[1]}/{match[2]}"
        if parse_period(label) is not None:
            return label, [match.span()]
    if match := _YEAR_ENDING.search(sentence):
        month = match[2].capitalize()
        day = match[1] or str(_month_end(month))
        label = f"year ending {int(day)} {month} {match[3]}"
        if parse_period(label) is not None:
            return label, [match.span()]
    return None, []


def _month_end(month: str) -> int:
    return 30 if month in ("April", "June", "September", "November") else 31
