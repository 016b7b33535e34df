"""Tokens for the word diff: words, numbers, links and punctuation marks, never whitespace."""

from __future__ import annotations

import re
from dataclasses import dataclass

PARAGRAPH_BREAK = "\n"
"""The token standing for a paragraph mark; whitespace is never a token, so it cannot clash."""

_TOKEN = re.compile(
    r"""
    https?://[^\s<>]*[^\s<>.,;:!?)\]'"’]   # a link, without the punctuation that follows it
  | \d+(?:[.,/:]\d+)*(?!\w)                # a figure or period as one token: 1,234 2023/24 3.5
  | \w+(?:['’.-]\w+)*                      # a word, keeping inner apostrophes, hyphens, dots
  | [^\w\s]                                # one punctuation mark
    """,
    re.VERBOSE,
)
_SPACED_TOKEN = re.compile(r"(\s*)(" + _TOKEN.pattern + ")", re.VERBOSE)


@dataclass(frozen=True)
class Tokens:
    """One paragraph (or run of paragraphs) as tokens, with the spacing needed to show it."""

    words: tuple[str, ...]
    """What the diff compares."""
    spaced: tuple[bool, ...]
    """Whether whitespace came before each token, so shown text keeps its spacing."""

    def __len__(self) -> int:
        return len(self.words)


def tokenize(text: str) -> Tokens:
    """Split one paragraph's text into tokens; runs of whitespace only mark token boundaries."""
    pairs = _SPACED_TOKEN.findall(text)
    spaced = tuple(bool(space) for space, _ in pairs)
    return Tokens(tuple(word for _, word in pairs), (False, *spaced[1:]) if spaced else ())


def join_paragraphs(paragraphs: list[Tokens]) -> Tokens:
    """Several paragraphs as one token run, with a PARAGRAPH_BREAK token between each two."""
    words: list[str] = []
    spaced: list[bool] = []
    for number, paragraph in enumerate(paragraphs):
        if number:
            words.append(PARAGRAPH_BREAK)
            spaced.append(False)
        words.extend(paragraph.words)
        spaced.extend(paragraph.spaced)
    return Tokens(tuple(words), tuple(spaced))


def is_word(token: str) -> bool:
    """True for a word, figure or link; False for punctuation and paragraph breaks."""
    return token[0].isalnum() or token[0] == "_"
