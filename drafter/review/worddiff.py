"""The word diff of two answers: paragraphs aligned first, then words inside each aligned hunk.

The result is a list of marked-up paragraphs in which a paragraph mark is itself a token, so a
split or joined paragraph is one inserted or deleted mark, as Word records it. Accepting every
change gives the new text and rejecting every change the old, exactly, by construction.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from drafter.review.align import Hunk, align_units, bounded_opcodes
from drafter.review.model import Kind, ParagraphDiff, ParagraphKind, Span
from drafter.review.tokens import PARAGRAPH_BREAK, Tokens, join_paragraphs, tokenize

Piece = tuple[Kind, str]
"""One token of the marked-up stream, as shown (with the space before it)."""

DIRECT_LIMIT = 3000
"""Hunks with more tokens than this are aligned in chunks before words are diffed."""
_CHUNK = 64
"""About one word in this many ends a chunk, besides the ends of sentences."""
_SENTENCE_ENDS = frozenset({".", "?", "!", PARAGRAPH_BREAK})


@dataclass(frozen=True, slots=True)
class Change:
    """Old and new token ranges: matching tokens, or old ones deleted and new ones inserted."""

    equal: bool
    old: range
    new: range

    @property
    def size(self) -> int:
        """Tokens on the longer side."""
        return max(len(self.old), len(self.new))


def diff_paragraphs(old: Sequence[str], new: Sequence[str]) -> tuple[ParagraphDiff, ...]:
    """Mark up the change from the old paragraphs' text to the new; whitespace is never a change."""
    old_tokens = [tokenize(text) for text in old]
    new_tokens = [tokenize(text) for text in new]
    pieces: list[Piece] = []
    for hunk in align_units([t.words for t in old_tokens], [t.words for t in new_tokens]):
        a = join_paragraphs([old_tokens[i] for i in hunk.old])
        b = join_paragraphs([new_tokens[j] for j in hunk.new])
        changes = [Change(True, range(len(a)), range(len(b)))] if hunk.equal else diff_tokens(a, b)
        pieces.extend(_pieces(a, b, changes))
        pieces.extend(_separator(hunk, len(old), len(new)))
    return _paragraphs(pieces)


def _separator(hunk: Hunk, old_count: int, new_count: int) -> list[Piece]:
    """The paragraph mark after a hunk: kept, inserted or deleted, or none at the very end."""
    old_mark = bool(hunk.old) and hunk.old.stop < old_count
    new_mark = bool(hunk.new) and hunk.new.stop < new_count
    if old_mark and new_mark:
        return [("equal", PARAGRAPH_BREAK)]
    if old_mark or new_mark:
        return [("delete" if old_mark else "insert", PARAGRAPH_BREAK)]
    return []


def diff_tokens(a: Tokens, b: Tokens) -> list[Change]:
    """Matching and changed runs of two token sequences, in order.

    Small islands of equal words between changes are folded into them, so a rewritten
    phrase reads as one change rather than a patchwork.
    """
    if len(a) + len(b) > DIRECT_LIMIT:
        chunked = _by_chunks(a, b)
        if chunked is not None:
            return _fold_islands(chunked, a)
    return _fold_islands(_matched(a, b), a)


def _matched(a: Tokens, b: Tokens) -> list[Change]:
    return [
        Change(tag == "equal", range(i1, i2), range(j1, j2))
        for tag, i1, i2, j1, j2 in bounded_opcodes(a.words, b.words)
    ]


def _by_chunks(a: Tokens, b: Tokens) -> list[Change] | None:
    """Diff a long hunk chunk by chunk to bound the cost; None when it will not split.

    difflib's matcher slows down with the square of the length when common words recur;
    aligning chunks first keeps each call small.
    """
    a_starts, b_starts = _chunk_starts(a), _chunk_starts(b)
    if len(a_starts) < 3 or len(b_starts) < 3:
        return None
    a_units = [a.words[s:e] for s, e in zip(a_starts, a_starts[1:], strict=False)]
    b_units = [b.words[s:e] for s, e in zip(b_starts, b_starts[1:], strict=False)]
    changes: list[Change] = []
    for hunk in align_units(a_units, b_units):
        a_span = range(a_starts[hunk.old.start], a_starts[hunk.old.stop])
        b_span = range(b_starts[hunk.new.start], b_starts[hunk.new.stop])
        if hunk.equal or not (a_span and b_span):
            changes.append(Change(hunk.equal, a_span, b_span))
            continue
        whole = len(hunk.old) == len(a_units) and len(hunk.new) == len(b_units)
        inner = (_matched if whole else diff_tokens)(_slice(a, a_span), _slice(b, b_span))
        changes.extend(
            Change(
                part.equal,
                range(part.old.start + a_span.start, part.old.stop + a_span.start),
                range(part.new.start + b_span.start, part.new.stop + b_span.start),
            )
            for part in inner
        )
    return changes


def _chunk_starts(tokens: Tokens) -> list[int]:
    """Offsets where chunks start, then the length, so neighbours bound each chunk.

    A chunk ends at the end of a sentence, or after a word whose checksum says so: cuts that
    depend only on the text itself fall at the same words in both drafts (as rsync's do).
    """
    starts = [0]
    starts.extend(i + 1 for i, word in enumerate(tokens.words[:-1]) if _cuts_after(word))
    return [*starts, len(tokens)]


def _cuts_after(word: str) -> bool:
    return word in _SENTENCE_ENDS or zlib.crc32(word.encode("utf-8")) % _CHUNK == 0


def _slice(tokens: Tokens, span: range) -> Tokens:
    return Tokens(tokens.words[span.start : span.stop], tokens.spaced[span.start : span.stop])


def _fold_islands(changes: list[Change], a: Tokens) -> list[Change]:
    """Merge neighbouring changes, and fold in an equal run no longer than those either side.

    This is diff-match-patch's semantic clean-up, counted in tokens. A run holding a
    paragraph mark is never folded: paragraphs keep their shape.
    """
    folded: list[Change] = []
    for change in changes:
        if not (change.old or change.new):
            continue
        if folded and not change.equal and not folded[-1].equal:
            change = _merge(folded.pop(), change)
        folded.append(change)
        while len(folded) >= 3 and _foldable(folded[-3], folded[-2], folded[-1], a):
            last = folded.pop()
            folded.pop()
            folded.append(_merge(folded.pop(), last))
    return folded


def _foldable(before: Change, island: Change, after: Change, a: Tokens) -> bool:
    return (
        island.equal
        and not (before.equal or after.equal)
        and len(island.old) <= min(before.size, after.size)
        and PARAGRAPH_BREAK not in a.words[island.old.start : island.old.stop]
    )


def _merge(first: Change, last: Change) -> Change:
    return Change(
        False, range(first.old.start, last.old.stop), range(first.new.start, last.new.stop)
    )


def _pieces(a: Tokens, b: Tokens, changes: list[Change]) -> list[Piece]:
    """The marked-up token stream of one hunk: for a change, its deletions before insertions."""
    pieces: list[Piece] = []
    for change in changes:
        if change.equal:
            for i, j in zip(change.old, change.new, strict=True):
                pieces.extend(_kept(a, i, b, j, pieces[-1][0] if pieces else "equal"))
        else:
            pieces.extend(_replaced(a, change.old, b, change.new))
    return pieces


def _replaced(a: Tokens, old: range, b: Tokens, new: range) -> list[Piece]:
    """Deleted then inserted tokens; a space before both is kept once, outside the change."""
    deleted: list[Piece] = [("delete", _shown(a, i)) for i in old]
    inserted: list[Piece] = [("insert", _shown(b, j)) for j in new]
    if not (old and new and a.spaced[old.start] and b.spaced[new.start]):
        return [*deleted, *inserted]
    deleted[0] = ("delete", a.words[old.start])
    inserted[0] = ("insert", b.words[new.start])
    return [("equal", " "), *deleted, *inserted]


def _kept(a: Tokens, i: int, b: Tokens, j: int, before: Kind) -> list[Piece]:
    """A kept token, spaced as in the new text.

    Next to a change (a paragraph mark added or removed, say) the space before it may differ
    too; that is marked, so that rejecting every change restores the old text exactly.
    """
    word = b.words[j]
    if before != "equal" and a.spaced[i] != b.spaced[j]:
        return [("delete" if a.spaced[i] else "insert", " "), ("equal", word)]
    return [("equal", _shown(b, j))]


def _shown(tokens: Tokens, index: int) -> str:
    return " " + tokens.words[index] if tokens.spaced[index] else tokens.words[index]


def _paragraphs(pieces: list[Piece]) -> tuple[ParagraphDiff, ...]:
    """Cut the stream at paragraph marks and merge runs of one kind into spans."""
    paragraphs: list[ParagraphDiff] = []
    runs: list[tuple[Kind, list[str]]] = []
    old_number = new_number = 1
    for kind, text in pieces:
        if text != PARAGRAPH_BREAK:
            if runs and runs[-1][0] == kind:
                runs[-1][1].append(text)
            else:
                runs.append((kind, [text]))
            continue
        paragraphs.append(_paragraph(_spans(runs), kind, old_number, new_number))
        old_number += kind != "insert"
        new_number += kind != "delete"
        runs = []
    if pieces:
        paragraphs.append(_paragraph(_spans(runs), "equal", old_number, new_number))
    return _mark_moves(_name_kinds(paragraphs))


def _spans(runs: list[tuple[Kind, list[str]]]) -> list[Span]:
    return [Span(kind, "".join(texts)) for kind, texts in runs]


def _paragraph(spans: list[Span], mark: Kind, old: int, new: int) -> ParagraphDiff:
    kinds = _text_kinds(spans)
    return ParagraphDiff(
        tuple(spans),
        mark=mark,
        old=old if kinds & {"equal", "delete"} or mark == "delete" else None,
        new=new if kinds & {"equal", "insert"} or mark == "insert" else None,
    )


def _text_kinds(spans: Sequence[Span]) -> set[Kind]:
    return {span.kind for span in spans if span.text.strip()}


_WHOLE: dict[Kind, ParagraphKind] = {"insert": "inserted", "delete": "deleted"}


def _name_kinds(paragraphs: list[ParagraphDiff]) -> list[ParagraphDiff]:
    """Say what happened to each paragraph, now that its neighbours are known."""
    named: list[ParagraphDiff] = []
    for paragraph, after in zip(paragraphs, [*paragraphs[1:], None], strict=False):
        kinds = _text_kinds(paragraph.spans)
        following = _text_kinds(after.spans) if after else set()
        boundary = paragraph.mark != "equal" and following == {paragraph.mark}
        kind: ParagraphKind = "changed"
        if len(kinds) == 1 and kinds != {"equal"}:
            kind = _WHOLE[kinds.pop()]
        elif kinds <= {"equal"} and (paragraph.mark == "equal" or boundary):
            kind = "equal"
        named.append(replace(paragraph, kind=kind, boundary=boundary))
    return named


def _mark_moves(paragraphs: list[ParagraphDiff]) -> tuple[ParagraphDiff, ...]:
    """Flag a whole paragraph deleted in one place and inserted unchanged in another."""
    texts = {kind: _whole_texts(paragraphs, kind) for kind in ("inserted", "deleted")}
    moved = texts["inserted"] & texts["deleted"]
    return tuple(
        replace(paragraph, moved=True)
        if paragraph.kind in texts and _text(paragraph) in moved
        else paragraph
        for paragraph in paragraphs
    )


def _whole_texts(paragraphs: list[ParagraphDiff], kind: str) -> set[str]:
    return {_text(p) for p in paragraphs if p.kind == kind}


def _text(paragraph: ParagraphDiff) -> str:
    return " ".join("".join(span.text for span in paragraph.spans).split())
