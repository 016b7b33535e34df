"""Near-duplicate grouping: which statements, across answers, say the same thing.

Each statement becomes the set of its word bigrams (shingles, figures masked as `#`). Two
statements are near duplicates when the Jaccard similarity of their sets, shared bigrams
over all bigrams, is at least `THRESHOLD`; groups are the connected components of that
relation. The join does not compare every pair: it uses prefix filtering (Chaudhuri, Ganti
and Kaushik 2006; Bayardo, Ma and Srikant 2007): with bigrams ordered rarest first, two sets
that reach the threshold must share a bigram among the first `n - ceil(t * n) + 1` of each, so
only sets sharing such a rare bigram are compared. The result is exact, not an estimate.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

THRESHOLD = 0.5
"""Least Jaccard similarity of two statements' word-bigram sets for them to be grouped.

At 0.5 a ten-word sentence stays in its group when one word changes (9 of 11 bigrams
shared: 0.64) or two do (6 of 13: 0.46 falls out only when they are far apart), while two
different sentences that share a stock phrase ("the Government is committed to") do not.
"""

Shingles = frozenset[tuple[str, str]]


def shingles(words: Sequence[str]) -> Shingles:
    """A statement's word bigrams; a one-word statement is its own single shingle."""
    if len(words) < 2:
        return frozenset({(words[0] if words else "", "")})
    return frozenset(zip(words, words[1:], strict=False))


def jaccard(first: Shingles, second: Shingles) -> float:
    """Shared shingles over all shingles; 1.0 for two empty sets."""
    union = len(first | second)
    return len(first & second) / union if union else 1.0


def group(sets: Sequence[Shingles], threshold: float = THRESHOLD) -> list[list[int]]:
    """Indexes of `sets` in groups of near duplicates, each sorted, groups by first index."""
    distinct: dict[Shingles, list[int]] = defaultdict(list)
    for index, shingle_set in enumerate(sets):
        distinct[shingle_set].append(index)
    uniques = list(distinct)
    parent = list(range(len(uniques)))
    for first, second in _similar_pairs(uniques, threshold):
        _union(parent, first, second)
    members: dict[int, list[int]] = defaultdict(list)
    for position, unique in enumerate(uniques):
        members[_root(parent, position)] += distinct[unique]
    return sorted((sorted(indexes) for indexes in members.values()), key=lambda found: found[0])


def _similar_pairs(uniques: list[Shingles], threshold: float) -> list[tuple[int, int]]:
    """Pairs of distinct sets at least `threshold` similar, found by prefix filtering."""
    frequency = Counter(shingle for unique in uniques for shingle in unique)
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    pairs = []
    order = sorted(range(len(uniques)), key=lambda position: len(uniques[position]))
    for position in order:
        current = uniques[position]
        ranked = sorted(current, key=lambda shingle: (frequency[shingle], shingle))
        prefix = ranked[: len(ranked) - math.ceil(threshold * len(ranked)) + 1]
        seen: set[int] = set()
        for shingle in prefix:
            for other in index[shingle]:
                if other not in seen:
                    seen.add(other)
                    if jaccard(current, uniques[other]) >= threshold:
                        pairs.append((other, position))
            index[shingle].append(position)
    return pairs


def _root(parent: list[int], node: int) -> int:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def _union(parent: list[int], first: int, second: int) -> None:
    parent[_root(parent, first)] = _root(parent, second)
