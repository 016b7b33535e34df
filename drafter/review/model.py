"""The result of diffing two drafts: what every review renderer reads, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from drafter.draft import FactUse
from drafter.review.tokens import is_word, tokenize

Kind = Literal["equal", "delete", "insert"]
ParagraphKind = Literal["equal", "changed", "inserted", "deleted"]


@dataclass(frozen=True)
class Span:
    """A run of text of one kind inside a paragraph."""

    kind: Kind
    text: str
    """Exactly as shown, including the space before a word that follows another."""


@dataclass(frozen=True)
class ParagraphDiff:
    """One paragraph of the marked-up answer: accept every change to get the new draft's."""

    spans: tuple[Span, ...]
    kind: ParagraphKind = "equal"
    """Unchanged, changed, or wholly inserted or deleted. A paragraph whose only change is
    the mark before a wholly inserted or deleted paragraph counts as unchanged."""
    mark: Kind = "equal"
    """The paragraph mark ending it: inserted where a paragraph was split off or added after
    it, deleted where it was joined to the next or removed."""
    boundary: bool = False
    """True when the mark changed only because a whole paragraph was added or removed after
    it: Word needs the revision, a reader does not."""
    old: int | None = None
    """1-based number of the old paragraph it shows, or None for a wholly new one."""
    new: int | None = None
    """1-based number of the new paragraph it shows, or None for a wholly removed one."""
    moved: bool = False
    """True for a whole paragraph deleted here and inserted, unchanged, elsewhere."""
    facts: tuple[str, ...] = ()
    """Ids of changed facts that this paragraph reads, in either draft."""


@dataclass(frozen=True)
class FactChange:
    """A fact that one draft read and the other did not, or read differently."""

    id: str
    old: FactUse | None
    new: FactUse | None
    paragraphs: tuple[int, ...] = ()
    """Paragraphs (new numbering; old for a removed fact) that read it."""

    @property
    def kind(self) -> Literal["added", "removed", "changed"]:
        """Added or removed from the provenance, or read differently."""
        if self.old is None:
            return "added"
        return "removed" if self.new is None else "changed"


@dataclass(frozen=True)
class SettingChange:
    """A draft-wide setting that differs: the template, the answer type, the fact base."""

    name: str
    old: str
    new: str


@dataclass(frozen=True)
class DraftDiff:
    """Two drafts compared: facts and settings from their provenance, then the words."""

    old_name: str
    new_name: str
    paragraphs: tuple[ParagraphDiff, ...]
    facts: tuple[FactChange, ...] = ()
    settings: tuple[SettingChange, ...] = ()
    notes: tuple[str, ...] = ()
    """Why part of the comparison was not possible, e.g. a side without provenance."""

    @property
    def identical(self) -> bool:
        """True when neither the words nor the provenance differ."""
        return not (self.facts or self.settings) and all(
            paragraph.kind == "equal" for paragraph in self.paragraphs
        )

    def count(self, kind: Kind) -> int:
        """How many words (not punctuation marks) were inserted, or deleted."""
        return sum(
            sum(1 for token in tokenize(span.text).words if is_word(token))
            for paragraph in self.paragraphs
            for span in paragraph.spans
            if span.kind == kind
        )
