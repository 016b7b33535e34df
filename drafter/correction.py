"""A correction's answer: the original answer as given, with only its wrong figures put right.

The topic's paragraphs are rendered from the fact base as for any answer, then used only to
check the original: an original sentence that reads the same as a rendered one apart from
its figures takes the rendered figures; every other sentence stays exactly as it was given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from drafter.draft import Paragraph
from drafter.errors import DraftError
from drafter.provenance import NUMBER

ORIGINAL_BLOCK = "original"
"""The block recorded for an original paragraph that no rendered paragraph matched."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(‘'\"“])")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Correction:
    """The original answer's paragraphs, corrected, and what was changed or left unchecked."""

    paragraphs: tuple[Paragraph, ...]
    notes: tuple[str, ...]


def correct_original(original: str, rendered: Sequence[Paragraph]) -> Correction:
    """Put right the figures of `original` that the rendered paragraphs state otherwise.

    Raises:
        DraftError: no figure of the original differs from the fact base.
    """
    known = {_shape(sentence): (sentence, p) for p in rendered for sentence in _sentences(p.text)}
    paragraphs: list[Paragraph] = []
    changes: list[str] = []
    unchecked: list[int] = []
    for number, text in enumerate(original_paragraphs(original), start=1):
        sentences, matched = [], []
        for sentence in _sentences(text):
            found = known.get(_shape(sentence))
            if found is None:
                unchecked += [number] if NUMBER.search(_words(sentence)) else []
                sentences.append(sentence)
                continue
            corrected = _with_figures(sentence, NUMBER.findall(found[0]))
            changes += _changes(number, sentence, corrected, found[1])
            sentences.append(corrected)
            matched.append(found[1])
        paragraphs.append(_paragraph(" ".join(sentences), matched))
    if not changes:
        raise DraftError(
            "every figure of the original answer agrees with the fact base: nothing to correct"
        )
    return Correction(tuple(paragraphs), tuple(changes) + _unchecked_note(unchecked))


def original_paragraphs(original: str) -> list[str]:
    """The original answer's paragraphs: apart at blank lines, or at line ends if it has none.

    A question file's folded YAML keeps a paragraph break as a single line end; a draft or
    a text file has blank lines between paragraphs and may wrap lines within them.
    """
    text = original.strip()
    breaks = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else re.compile(r"\n")
    return [" ".join(part.split()) for part in breaks.split(text) if part.strip()]


def _sentences(text: str) -> list[str]:
    return _SENTENCE_END.split(" ".join(text.split()))


def _words(sentence: str) -> str:
    """The sentence without its web addresses, whose digits are not figures."""
    return re.sub(r"<?https?://\S+", " ", sentence)


def _shape(sentence: str) -> str:
    """The sentence with each figure as `#`: two sentences that differ only in figures match."""
    return NUMBER.sub("#", " ".join(sentence.split()))


def _with_figures(sentence: str, figures: list[str]) -> str:
    replacements: Iterator[str] = iter(figures)
    return NUMBER.sub(lambda _: next(replacements), sentence)


def _changes(number: int, old: str, new: str, source: Paragraph) -> list[str]:
    pairs = zip(NUMBER.findall(old), NUMBER.findall(new), strict=True)
    facts = ", ".join(source.facts) or source.block
    return [
        f"Corrected in paragraph {number}: {before} to {after} ({facts})."
        for before, after in pairs
        if before != after
    ]


def _paragraph(text: str, matched: list[Paragraph]) -> Paragraph:
    if not matched:
        return Paragraph(text, ORIGINAL_BLOCK)
    facts = tuple(dict.fromkeys(fact for p in matched for fact in p.facts))
    parts = tuple(dict.fromkeys(part for p in matched for part in p.parts))
    return Paragraph(text, matched[0].block, parts, facts)


def _unchecked_note(paragraphs: list[int]) -> tuple[str, ...]:
    if not paragraphs:
        return ()
    numbers = ", ".join(str(number) for number in dict.fromkeys(paragraphs))
    return (
        f"Figures not checked against the fact base (no fact states them in the same words):"
        f" paragraph(s) {numbers} of the original. Check them by hand.",
    )


def corrected_answer(
    original: str, paragraphs: Sequence[Paragraph], form_blocks: frozenset[str]
) -> tuple[list[Paragraph], list[str]]:
    """The form's paragraphs, then the original answer corrected by the topic's paragraphs.

    Raises:
        DraftError: as `correct_original`.
    """
    topic = [paragraph for paragraph in paragraphs if paragraph.block not in form_blocks]
    result = correct_original(original, topic)
    form = [paragraph for paragraph in paragraphs if paragraph.block in form_blocks]
    return form + list(result.paragraphs), list(result.notes)
