"""Align two sequences of units (paragraphs, or sentences of a long paragraph) before diffing words.

Equal units pair up through difflib; in a changed stretch, units pair by shared word pairs
(bigrams) in order, and a unit left over beside a pair joins it when most of its words are
there (a paragraph split in two, or two joined). Cost stays near linear in the number of units:
candidates come from an index of rare bigrams plus the units at the same relative position.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain
from typing import TypeVar

Unit = tuple[str, ...]
Features = frozenset[tuple[str, ...]]
Opcode = tuple[str, int, int, int, int]
"""As difflib gives them: tag, then old start and stop, then new start and stop."""
H = TypeVar("H", bound=Hashable)

MATCH_LIMIT = 2_000_000
"""Pairs of equal items difflib may be given at once: it compares each such pair, so a long
run of one repeated word costs the square of its length (20,000 took half a minute)."""

MIN_SIMILARITY = 0.3
"""Below this share of bigrams in common, a changed paragraph reads as deleted and inserted."""
MIN_CONTAINED = 0.5
"""A left-over unit joins a neighbouring pair when this share of its bigrams is in the pair."""
_COMMON = 16
"""A bigram found in more units than this is too common to suggest a pairing."""
_CHOICES = 4
"""Units sharing the most bigrams with a unit that are scored as its possible partners."""


@dataclass(frozen=True)
class Hunk:
    """Units diffed together: `old` and `new` are index ranges; either may be empty."""

    old: range
    new: range
    equal: bool = False


def align_units(old: Sequence[Unit], new: Sequence[Unit]) -> list[Hunk]:
    """Hunks covering both sequences in order; every index appears in exactly one hunk."""
    hunks: list[Hunk] = []
    for tag, i1, i2, j1, j2 in bounded_opcodes(old, new):
        if tag == "equal":
            hunks.extend(
                Hunk(range(i, i + 1), range(j, j + 1), equal=True)
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
        else:
            hunks.extend(_changed_stretch(old, new, range(i1, i2), range(j1, j2)))
    return hunks


def bounded_opcodes(a: Sequence[H], b: Sequence[H]) -> list[Opcode]:
    """Difflib's opcodes from `a` to `b`, at a cost that stays near linear.

    The common start and end are matched first. Should the middle still hold more than
    MATCH_LIMIT pairs of equal items, it becomes one change rather than a long wait: the
    result still turns `a` into `b`, only less finely.
    """
    head = _common_length(zip(a, b, strict=False))
    tail = _common_length(zip(reversed(a[head:]), reversed(b[head:]), strict=False))
    a_stop, b_stop = len(a) - tail, len(b) - tail
    middle: list[Opcode] = []
    if _equal_pairs(a[head:a_stop], b[head:b_stop]) <= MATCH_LIMIT:
        # autojunk=False: the heuristic changes results on inputs over 200 items (CPython #76070).
        matcher = SequenceMatcher(None, a[head:a_stop], b[head:b_stop], autojunk=False)
        middle = [
            (tag, i1 + head, i2 + head, j1 + head, j2 + head)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
    else:  # more equal pairs than the limit: neither side of the middle is empty
        middle = [("replace", head, a_stop, head, b_stop)]
    return [
        *([("equal", 0, head, 0, head)] if head else []),
        *middle,
        *([("equal", a_stop, len(a), b_stop, len(b))] if tail else []),
    ]


def _common_length(pairs: Iterable[tuple[H, H]]) -> int:
    length = 0
    for x, y in pairs:
        if x != y:
            break
        length += 1
    return length


def _equal_pairs(a: Sequence[H], b: Sequence[H]) -> int:
    counts = Counter(b)
    return sum(counts[item] for item in a)


def _features(unit: Unit) -> Features:
    return frozenset(zip(unit, unit[1:], strict=False)) if len(unit) > 1 else frozenset([unit])


def _changed_stretch(
    old: Sequence[Unit], new: Sequence[Unit], olds: range, news: range
) -> list[Hunk]:
    old_features = [_features(old[i]) for i in olds]
    new_features = [_features(new[j]) for j in news]
    pairs = _best_pairs(old_features, new_features)
    groups = _group_around_pairs(pairs, old_features, new_features)
    return [
        Hunk(
            range(olds.start + a.start, olds.start + a.stop),
            range(news.start + b.start, news.start + b.stop),
        )
        for a, b in groups
    ]


def _similarity(a: Features, b: Features) -> float:
    return len(a & b) / max(len(a), len(b), 1)


def _candidates(old: list[Features], new: list[Features]) -> list[tuple[int, int, float]]:
    """Pairs worth considering, ordered by new index then old index."""
    index: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
    for a, features in enumerate(old):
        for feature in features:
            index[feature].append(a)
    found: list[tuple[int, int, float]] = []
    for b, features in enumerate(new):
        postings = (index.get(feature, ()) for feature in features)
        shared = Counter(chain.from_iterable(p for p in postings if len(p) <= _COMMON))
        diagonal = b * len(old) // len(new)
        near = {a for a in range(diagonal - 1, diagonal + 2) if 0 <= a < len(old)}
        best = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:_CHOICES]
        for a in sorted(near.union(a for a, _ in best)):
            score = _similarity(old[a], features)
            if score >= MIN_SIMILARITY:
                found.append((a, b, score))
    return found


def _best_pairs(old: list[Features], new: list[Features]) -> list[tuple[int, int]]:
    """The in-order pairing with the greatest total similarity (a Fenwick tree of prefix maxima)."""
    if not old or not new:
        return []
    candidates = _candidates(old, new)
    tree: list[tuple[float, int]] = [(0.0, -1)] * (len(old) + 1)
    back: list[int] = []
    totals: list[float] = []
    start = 0
    while start < len(candidates):
        stop = start
        while stop < len(candidates) and candidates[stop][1] == candidates[start][1]:
            stop += 1
        # Query the whole group before updating: two pairs may not share a new unit.
        found = [_prefix_max(tree, a) for a, _, _ in candidates[start:stop]]
        for number in range(start, stop):
            total, previous = found[number - start]
            totals.append(total + candidates[number][2])
            back.append(previous)
        for number in range(start, stop):
            _raise(tree, candidates[number][0] + 1, (totals[number], number))
        start = stop
    best = _prefix_max(tree, len(old))[1]
    pairs: list[tuple[int, int]] = []
    while best >= 0:
        pairs.append(candidates[best][:2])
        best = back[best]
    return pairs[::-1]


def _prefix_max(tree: list[tuple[float, int]], count: int) -> tuple[float, int]:
    """The best (total, candidate) among pairs whose old index is below `count`."""
    best = (0.0, -1)
    while count > 0:
        best = max(best, tree[count])
        count -= count & -count
    return best


def _raise(tree: list[tuple[float, int]], position: int, value: tuple[float, int]) -> None:
    while position < len(tree):
        tree[position] = max(tree[position], value)
        position += position & -position


def _group_around_pairs(
    pairs: list[tuple[int, int]], old: list[Features], new: list[Features]
) -> list[tuple[range, range]]:
    """Turn pairs into hunks; left-over units mostly inside a neighbouring pair join its hunk."""
    hunks: list[tuple[range, range]] = []
    a_open = b_open = 0
    previous: tuple[int, int] | None = None
    for pair in [*pairs, None]:
        a_next, b_next = pair or (len(old), len(new))
        a_from, b_from = (previous[0] + 1, previous[1] + 1) if previous else (0, 0)
        a_head, a_tail = _leftovers(
            old, range(a_from, a_next), previous and new[previous[1]], pair and new[pair[1]]
        )
        b_head, b_tail = _leftovers(
            new, range(b_from, b_next), previous and old[previous[0]], pair and old[pair[0]]
        )
        if previous:
            hunks.append((range(a_open, a_head), range(b_open, b_head)))
        hunks.extend((range(a, a + 1), range(b_head, b_head)) for a in range(a_head, a_tail))
        hunks.extend((range(a_tail, a_tail), range(b, b + 1)) for b in range(b_head, b_tail))
        a_open, b_open = a_tail, b_tail
        previous = pair
    return hunks


def _leftovers(
    units: list[Features], span: range, before: Features | None, after: Features | None
) -> tuple[int, int]:
    """Where the left-overs in `span` stop joining the pair before and start joining the next."""
    head = span.start
    while before is not None and head < span.stop and _contained(units[head], before):
        head += 1
    tail = span.stop
    while after is not None and tail > head and _contained(units[tail - 1], after):
        tail -= 1
    return head, tail


def _contained(unit: Features, other: Features) -> bool:
    return len(unit & other) >= MIN_CONTAINED * len(unit)
