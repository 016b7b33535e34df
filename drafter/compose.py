"""Compose: for each part of a question, the blocks that answer it, or a gap. Pure, no I/O.

Every declared block is a candidate for every part. A part's query is its own words (its
clause's stem and its text) at full weight, the other parts of its clause at
`CLAUSE_WEIGHT` and the rest of the question (heading, other clauses) at `CONTEXT_WEIGHT`,
so "what steps ... to mitigate identified risks" is read as being about what the first
clause names. Blocks are documents of their declared `answers` (counted twice) and the
words of the facts they read; BM25 ranks them, and a block that serves the part's intent has
its score multiplied by `INTENT_FACTOR`.

A block's fit is that score divided by what the part's own words weigh (their idf), or by
the weight of one rare word if that is more, so that fits do not depend on how many blocks
there are and a part made only of common words ("police forces") fits nothing well. A part
takes every block whose fit is at least the threshold and at least `RELATIVE` of its best
block's, `MAX_PER_PART` at most, provided the block matches at least `MIN_COVERAGE` of the
weight of the part's own words: "how many officers failed re-vetting" shares "officers" and
"vetting" with a block on vetting reforms, but not "failed", which is the point of the
question. A block can only be chosen when the question uses one of the words it `requires`
and every fact it reads was published by the drafting date. Two blocks that read the same
fact are not both written: the better fit answers the parts of both.

A part that takes no block is a gap. The figures behind the constants are in the README
("Composition") and guarded by tests/test_composition_figures.py.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from drafter.blocks import ROLES, BlockDecl, Catalogue, Thesaurus, available_from, canonical
from drafter.bm25 import Index, Match, build_index, rank
from drafter.facts.model import FactBase
from drafter.facts.period import long_date
from drafter.question import Question, QuestionPart
from drafter.select import fact_text
from drafter.words import question_words, stem, terms

RELATIVE = 0.6
"""A part also takes blocks scoring this share of its best block's score."""
MAX_PER_PART = 5
CLAUSE_WEIGHT = 0.7
"""How much the other parts of a part's clause count in its query, against its own words."""
CONTEXT_WEIGHT = 0.35
"""How much the question's other words (and its heading) count in a part's query."""
MIN_COVERAGE = 0.4
"""The least share of the idf weight of a part's own words that a block must match."""
INTENT_FACTOR = 1.5
"""Score multiplier for a block that serves the part's intent (figures, steps, ...)."""
_FILLER = frozenset(
    stem(word)
    for word in """each year years month months period three five ten twelve number
    figures data information help ensure current currently recent recently identified
    measures action actions put place discussions representations progress since date dates
    january february march april may june july august september october november december
    week weeks day days today""".split()
)
"""Words that say when, how much or what kind of reply is asked (the part's intent says
that), not what about: no block needs to match them."""

_GAP_ROLE = {
    "who": "responsibility",
    "whether": "duties",
    "guidance": "duties",
    "figures": "figures",
    "cost": "figures",
    "assessment": "not-held",
    "steps": "action",
    "when": "action",
}
"""Where a gap's marker stands in the house order: with the paragraphs its intent calls for."""


@dataclass(frozen=True)
class Candidate:
    """One block's fit to one part: its score, the words that matched, and whether it may run."""

    block: str
    score: float
    terms: tuple[str, ...]
    """The part's words that matched, heaviest first."""
    intents: tuple[str, ...]
    agrees: bool
    """True when the block serves the part's intent."""
    coverage: float = 1.0
    """The share of the part's own words' weight (idf) that the block matched."""
    barred: str = ""
    """Why the block may not answer this question, if it may not (date, topic)."""


@dataclass(frozen=True)
class PartChoice:
    """What composition decided for one part."""

    part: QuestionPart
    candidates: tuple[Candidate, ...]
    """Every block that shares a word with the part, best first."""
    chosen: tuple[str, ...]
    reason: str = ""
    """For a gap: why no block was chosen."""

    @property
    def is_gap(self) -> bool:
        """True for a part with words of its own that no block answers."""
        return not self.chosen and bool(self.part.words)


@dataclass(frozen=True)
class Composition:
    """The blocks a draft is composed of, each with the parts it answers, and the gaps."""

    choices: tuple[PartChoice, ...]
    order: tuple[tuple[str, tuple[int, ...]], ...]
    """(block name, or "" for a gap, and the positions in `choices` of the parts it answers),
    in the answer's order. Positions, not labels: a question may repeat a label."""
    merged: tuple[tuple[str, str], ...] = ()
    """(block left out, block that answers its parts) where both read the same fact."""

    @property
    def gaps(self) -> list[PartChoice]:
        """The parts no block answers."""
        return [choice for choice in self.choices if choice.is_gap]

    def labels(self, positions: Iterable[int]) -> tuple[str, ...]:
        """The labels of the parts at these positions, each once."""
        return tuple(dict.fromkeys(self.choices[at].part.label for at in positions))


def compose(
    question: Question,
    catalogue: Catalogue,
    base: FactBase,
    *,
    as_of: date,
    threshold: float,
    index: Index | None = None,
) -> Composition:
    """Choose blocks for each part of the question, and order them as a minister's answer.

    `index` is `block_index(catalogue, base)`, made here unless given.
    """
    blocks = catalogue.composable
    index = index or block_index(catalogue, base)
    asked = canonical(f"{question.heading} {question.text}", catalogue.thesaurus)
    barred = {b.name: _barred(b, asked, base, as_of) for b in blocks}
    choices = tuple(
        _choose(part, question, index, blocks, barred, catalogue, threshold)
        if part.words
        else PartChoice(part, (), (), "the part has no words of its own")
        for part in question.parts
    )
    by_name = {b.name: b for b in blocks}
    merged = _merged(choices, by_name)
    return Composition(choices, _order(choices, by_name, dict(merged)), merged)


def block_index(catalogue: Catalogue, base: FactBase) -> Index:
    """The composable blocks ranked by BM25 over their declared questions and facts' words."""
    return build_index({b.name: _document(b, base, catalogue) for b in catalogue.composable})


def _document(block: BlockDecl, base: FactBase, catalogue: Catalogue) -> list[str]:
    facts = " ".join(word for fact_id in block.facts for word in fact_text(base.facts[fact_id]))
    answers = " ".join(block.answers)
    return terms(canonical(f"{answers}\n{answers}\n{facts}", catalogue.thesaurus))


def _barred(block: BlockDecl, asked: str, base: FactBase, as_of: date) -> str:
    """Why a block may not answer this question at all: its topic's words, or its facts' date.

    A required word or phrase matches at the start of a word: `constable` finds
    `constables`, and `barred list` is a phrase, not two words.
    """
    if block.requires and not _uses_any(block.requires, asked):
        return f"the question uses none of the words it needs ({', '.join(block.requires)})"
    first = available_from(block, base)
    if first > as_of:
        return f"its facts were first published on {long_date(first)}, after {long_date(as_of)}"
    return ""


def _uses_any(words: tuple[str, ...], asked: str) -> bool:
    """Whether the text has any of the words at the start of a word, in any case.

    Most blocks' words are nowhere in a question, and a plain search says so without
    compiling a pattern: a word of ASCII found by `re.IGNORECASE` is in the lower-cased
    text, unless the text holds one of the four letters that pattern matches to ASCII ones.
    """
    if _ASCII_TWINS.isdisjoint(asked):
        lowered = asked.lower()
        words = tuple(word for word in words if not word.isascii() or word.lower() in lowered)
        if not words:
            return False
    return _required_words(words).search(asked) is not None


_ASCII_TWINS = frozenset("\u0130\u0131\u017f\u212a")
"""İ, ı, ſ and the Kelvin sign: `re.IGNORECASE` matches them to i, i, s and k."""


@functools.lru_cache(maxsize=256)
def _required_words(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words at the start of a word: one pattern for each list, made once."""
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})", re.IGNORECASE)


def part_query(
    part: QuestionPart, question: Question, thesaurus: Thesaurus = ()
) -> tuple[list[str], dict[str, float]]:
    """A part's query terms and their weights.

    Its own words weigh 1; the other parts of its clause `CLAUSE_WEIGHT`, because a clause's
    parts share what it asks ("how many (a) officers and (b) staff were dismissed" asks about
    dismissals in (a) too); the rest of the question `CONTEXT_WEIGHT`. Words that only say
    when or how much are left out (`_FILLER`).
    """
    siblings = " ".join(p.text for p in question.parts if p is not part and p.clause == part.clause)
    others = " ".join(p.words for p in question.parts if p.clause != part.clause)
    weights: dict[str, float] = {}
    for text, weight in (
        (f"{question.heading} {others}", CONTEXT_WEIGHT),
        (siblings, CLAUSE_WEIGHT),
        (part.words, 1.0),
    ):
        for _, term in question_words(canonical(text, thesaurus)):
            if term not in _FILLER:
                weights[term] = max(weight, weights.get(term, 0.0))
    return list(weights), weights


def _choose(
    part: QuestionPart,
    question: Question,
    index: Index,
    blocks: Sequence[BlockDecl],
    barred: Mapping[str, str],
    catalogue: Catalogue,
    threshold: float,
) -> PartChoice:
    query, weights = part_query(part, question, catalogue.thesaurus)
    own = {term: index.idf(term) for term, weight in weights.items() if weight == 1.0}
    floor = _rare_idf(index)
    by_name = {block.name: block for block in blocks}
    candidates = sorted(
        (
            _candidate(match, part, by_name[match.key], barred[match.key], own, floor)
            for match in rank(index, query, weights=weights)
        ),
        key=lambda c: (-c.score, c.block),
    )
    fit = [c for c in candidates if not c.barred and c.coverage >= MIN_COVERAGE]
    best = fit[0].score if fit else 0.0
    chosen = tuple(c.block for c in fit if c.score >= threshold and c.score >= RELATIVE * best)[
        :MAX_PER_PART
    ]
    reason = "" if chosen else _gap_reason(candidates, threshold)
    return PartChoice(part, tuple(candidates), chosen, reason)


def _rare_idf(index: Index) -> float:
    """The idf of a word found in one block: the least a part's own words are taken to weigh."""
    return math.log(1 + max(len(index.lengths) - 0.5, 0.0) / 1.5)


def _candidate(
    match: Match,
    part: QuestionPart,
    block: BlockDecl,
    barred: str,
    own: Mapping[str, float],
    floor: float,
) -> Candidate:
    agrees = part.intent in block.intents
    matched = tuple(term for term, _ in match.contributions)
    mass = sum(own.values())
    fit = match.score * (INTENT_FACTOR if agrees else 1.0) / max(mass, floor)
    return Candidate(
        block=block.name,
        score=round(fit, 3),
        terms=matched,
        intents=block.intents,
        agrees=agrees,
        coverage=round(sum(own.get(term, 0.0) for term in matched) / mass, 3) if mass else 0.0,
        barred=barred,
    )


def _gap_reason(candidates: Sequence[Candidate], threshold: float) -> str:
    """Why a part is a gap: a block that would have answered it but may not, else no fit."""
    for candidate in candidates:
        if candidate.barred and candidate.score >= threshold and candidate.coverage >= MIN_COVERAGE:
            return f"the '{candidate.block}' block would answer it, but {candidate.barred}"
    return ""


def _merged(
    choices: Sequence[PartChoice], blocks: Mapping[str, BlockDecl]
) -> tuple[tuple[str, str], ...]:
    """Chosen blocks that read a fact a better-fitting chosen block reads.

    The same sentence must not be written twice, so the better block answers for both.
    """
    best: dict[str, float] = {}
    for choice in choices:
        for candidate in choice.candidates:
            if candidate.block in choice.chosen:
                best[candidate.block] = max(best.get(candidate.block, 0.0), candidate.score)
    kept: list[str] = []
    merged: list[tuple[str, str]] = []
    for name in sorted(best, key=lambda name: (-best[name], name)):
        shared = [k for k in kept if set(blocks[k].facts) & set(blocks[name].facts)]
        if shared:
            merged.append((name, shared[0]))
        else:
            kept.append(name)
    return tuple(merged)


def _order(
    choices: Sequence[PartChoice], blocks: Mapping[str, BlockDecl], merged: Mapping[str, str]
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Blocks once each with every part they answer, and gaps, in the house order of roles.

    Within a role, paragraphs follow the parts they first answer, then the better fit first.
    """
    parts: dict[str, list[int]] = {}
    keys: dict[str, tuple[int, int, float, str]] = {}
    scores = {c.block: c.score for choice in choices for c in reversed(choice.candidates)}
    for position, choice in enumerate(choices):
        if choice.is_gap:
            role = ROLES.index(_GAP_ROLE[choice.part.intent])
            keys[f"gap:{position}"] = (role, position, 0, "")
            parts[f"gap:{position}"] = [position]
        for name in dict.fromkeys(merged.get(name, name) for name in choice.chosen):
            parts.setdefault(name, []).append(position)
            keys.setdefault(name, (ROLES.index(blocks[name].role), position, -scores[name], name))
    return tuple(
        ("" if key.startswith("gap:") else key, tuple(parts[key]))
        for key in sorted(keys, key=keys.__getitem__)
    )
