"""Question wording: the words that say what a question asks, reduced to comparable terms.

Composition and selection (BM25 over blocks and facts) and the archive (earlier answers to
much the same question) read questions through these functions, so they agree on what a
term is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

ENGLISH_STOP_WORDS = frozenset(
    """
    a about after all also an and any are as at be been being between both but by can could
    did do does during each for from had has have he her his how i if in into is it its may
    might more most much must no not of on or other our over she should since so such than
    that the their them then there these they this those through to under up upon was we
    were what when where whether which while who whom why will with within would you your
    """.split()
)
"""Common English words: never what a question or a search is about."""
STOP_WORDS = ENGLISH_STOP_WORDS | frozenset(
    """
    ask secretary state department minister hon member friend assessment made make
    steps taking taken take plans plan potential merits recent last many
    """.split()
)
"""English stop words, and the words of the PQ formula that every question shares."""

_WORD = re.compile(r"[a-z]+")
_ADDRESSEE = re.compile(
    r"^\s*to ask (?:(?:his|her) majesty's government|the [^,]*,)", re.IGNORECASE
)
"""The formula that opens every question and names who must answer, not what is asked."""
_UNDOUBLE = re.compile(r"([b-df-hj-km-np-rtv-y])\1$")
"""A consonant that -ing or -ed doubled: "vetted" is "vet"."""
_ONE_SYLLABLE_RR = re.compile(r"^[^aeiouy]*[aeiouy]+rr$")
"""Where a doubled r stays: "barred" (the barred list) is not "bars" (wine bars), while
"referred" is still "refer"."""


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Light suffix stripping: plurals and -ied, then -ing and -ed, then a final -e.

    Deliberately weaker than Porter: it only has to make a question's "officers vetted"
    meet a template's "officer vetting", and weak stemming conflates fewer unrelated words.
    """
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "ches", "shes", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if not _ONE_SYLLABLE_RR.match(word):
                word = _UNDOUBLE.sub(r"\1", word)
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """(surface word, term) for each word of the text that is not a stop word or a number."""
    for word in _WORD.findall(text.lower().replace("'", "")):
        if word not in STOP_WORDS and len(word) > 1:
            yield word, stem(word)


def terms(*texts: str) -> list[str]:
    """The terms of some texts, in order, repeats kept (they are term frequencies)."""
    return [term for text in texts for _, term in tokens(text)]


def question_words(text: str, heading: str = "") -> Iterator[tuple[str, str]]:
    """(surface word, term) for the words of a question's heading and text, addressee left out."""
    return tokens(f"{heading}\n{_ADDRESSEE.sub('', text)}")
