"""diff_drafts: two Drafts in, one DraftDiff out (facts and settings, then words)."""

from __future__ import annotations

from dataclasses import replace

from drafter.draft import Draft
from drafter.export.text import plain_text
from drafter.review.factdiff import diff_facts, diff_settings
from drafter.review.model import DraftDiff, FactChange, ParagraphDiff
from drafter.review.worddiff import diff_paragraphs


def diff_drafts(old: Draft, new: Draft) -> DraftDiff:
    """Compare two drafts; without provenance on a side, compare the words alone and say so."""
    paragraphs = diff_paragraphs(
        [plain_text(p.text) for p in old.paragraphs], [plain_text(p.text) for p in new.paragraphs]
    )
    names = _name(old, "old"), _name(new, "new")
    missing = [
        name for name, draft in zip(names, (old, new), strict=True) if not draft.has_provenance
    ]
    if missing:
        notes = tuple(
            f"{name} has no provenance (no drafter front matter): comparing the words alone"
            for name in missing
        )
        return DraftDiff(*names, paragraphs, notes=notes)
    facts = diff_facts(old, new)
    return DraftDiff(
        *names,
        _name_facts(paragraphs, facts, old, new),
        facts=facts,
        settings=diff_settings(old, new),
    )


def _name(draft: Draft, fallback: str) -> str:
    return str(draft.path) if draft.path else fallback


def _name_facts(
    paragraphs: tuple[ParagraphDiff, ...], facts: tuple[FactChange, ...], old: Draft, new: Draft
) -> tuple[ParagraphDiff, ...]:
    """Note on each marked-up paragraph which changed facts it reads, in either draft."""
    changed = {change.id for change in facts}
    named: list[ParagraphDiff] = []
    for paragraph in paragraphs:
        reads: list[str] = []
        if paragraph.old is not None:
            reads.extend(old.paragraphs[paragraph.old - 1].facts)
        if paragraph.new is not None:
            reads.extend(new.paragraphs[paragraph.new - 1].facts)
        ids = tuple(dict.fromkeys(fact for fact in reads if fact in changed))
        named.append(replace(paragraph, facts=ids) if ids else paragraph)
    return tuple(named)
