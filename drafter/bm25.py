"""Okapi BM25 over a small in-memory collection: the ranking behind `select`. Pure, no I/O.

Implemented here rather than with SQLite FTS5's `bm25()` because selection must explain
itself: `suggest` shows which terms matched and how much each one weighed, and FTS5 returns
only the total. It also lets both sides share our tokeniser (light suffix stripping, a PQ
stop list) instead of FTS5's porter or unicode61, and the collections are tens of documents,
so an index in a dict costs nothing.

    score(D, Q) = sum over distinct terms t of Q found in D of
                  idf(t) * tf(t, D) * (k1 + 1) / (tf(t, D) + k1 * (1 - b + b * |D| / avgdl))
    idf(t)      = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5))

The `1 +` inside the logarithm is Lucene's form of the Robertson-Sparck Jones weight: it
keeps a term found in most documents slightly positive instead of negative.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

K1 = 1.2
B = 0.75


@dataclass(frozen=True)
class Match:
    """One document's score for a query and what each matched term contributed."""

    key: str
    score: float
    contributions: tuple[tuple[str, float], ...]
    """(term, weight) for each query term found in the document, heaviest first."""


@dataclass(frozen=True)
class Index:
    """Term frequencies and lengths of a collection of tokenised documents."""

    frequencies: Mapping[str, Counter[str]]
    lengths: Mapping[str, int]
    document_frequency: Counter[str]

    @property
    def average_length(self) -> float:
        """Mean document length in tokens (1 for an empty collection, to avoid dividing by 0)."""
        total = sum(self.lengths.values())
        return total / len(self.lengths) if total else 1.0

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term in this collection."""
        size, having = len(self.lengths), self.document_frequency[term]
        return math.log(1 + (size - having + 0.5) / (having + 0.5))


def build_index(documents: Mapping[str, Sequence[str]]) -> Index:
    """Index documents given as {key: tokens}."""
    return index_of({key: Counter(tokens) for key, tokens in documents.items()})


def index_of(frequencies: Mapping[str, Counter[str]]) -> Index:
    """Index documents given as {key: term frequencies}, as an index kept in a cache holds them."""
    having: Counter[str] = Counter()
    for counts in frequencies.values():
        having.update(counts.keys())
    lengths = {key: counts.total() for key, counts in frequencies.items()}
    return Index(frequencies, lengths, having)


def rank(
    index: Index,
    query: Iterable[str],
    *,
    weights: Mapping[str, float] | None = None,
    k1: float = K1,
    b: float = B,
) -> list[Match]:
    """Every document that shares a term with the query, best first (ties by key).

    `weights` scales each query term's contribution (default 1): composition weighs a
    question part's own words above the rest of the question's.
    """
    scale = weights or {}
    # Each term's weight once, not once a document; terms no document holds match nothing.
    weighted = [
        (term, scale.get(term, 1.0) * index.idf(term))
        for term in dict.fromkeys(query)
        if index.document_frequency[term]
    ]
    average = index.average_length
    matches = []
    for key, counts in index.frequencies.items():
        norm = k1 * (1 - b + b * index.lengths[key] / average)
        contributions = [
            (term, weight * counts[term] * (k1 + 1) / (counts[term] + norm))
            for term, weight in weighted
            if term in counts
        ]
        if contributions:
            contributions.sort(key=lambda item: (-item[1], item[0]))
            total = sum(weight for _, weight in contributions)
            matches.append(Match(key, total, tuple(contributions)))
    return sorted(matches, key=lambda match: (-match.score, match.key))
