"""A draft as the workbench shows it: each paragraph beside what backs it; and as the API's JSON.

Everything here reads a Draft (and the fact base, for review dates); nothing drafts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from drafter.export import FORMATS

if TYPE_CHECKING:
    from drafter.draft import CitedSource, Draft, FactUse, Paragraph
    from drafter.facts.model import FactBase

MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class Backing:
    """One fact a paragraph states, the source that backs it, and what to watch."""

    use: FactUse
    source: CitedSource | None
    review_by: date | None
    """When the fact must be re-confirmed, from the fact base as it stands."""


@dataclass(frozen=True)
class ParagraphView:
    """A paragraph of the answer and its provenance."""

    paragraph: Paragraph
    backing: tuple[Backing, ...]


def paragraph_views(draft: Draft, base: FactBase | None) -> tuple[ParagraphView, ...]:
    """Each paragraph with the facts it read (every period used) and their sources."""
    sources = {source.id: source for source in draft.sources}
    return tuple(
        ParagraphView(
            paragraph,
            tuple(
                Backing(use, sources.get(use.source), _review_by(base, use.id))
                for fact_id in paragraph.facts
                for use in draft.facts
                if use.id == fact_id
            ),
        )
        for paragraph in draft.paragraphs
    )


def _review_by(base: FactBase | None, fact_id: str) -> date | None:
    fact = base.facts.get(fact_id) if base else None
    return fact.review_by if fact else None


def download_paths(key: str) -> dict[str, str]:
    """The GET address of the draft in each export format."""
    return {fmt: f"/drafts/{key}.{fmt}" for fmt in FORMATS}


def draft_json(draft: Draft, markdown: str, base: FactBase | None, key: str) -> dict[str, Any]:
    """The API's answer: front matter, body, paragraphs with provenance, gaps, downloads.

    `markdown` is the draft as `write_markdown` gives it, made once for its key and for this.
    """
    import yaml

    # The front matter is the lines between the opening '---' and the first line that is '---'.
    front, body = markdown.removeprefix("---\n").split("\n---\n", 1)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where installed
    return {
        "front_matter": _plain(yaml.load(front, Loader=loader)),
        "body": body.lstrip("\n"),
        "paragraphs": [_paragraph_json(view) for view in paragraph_views(draft, base)],
        "gaps": [asdict(gap) for gap in draft.gaps],
        "downloads": download_paths(key),
    }


def _paragraph_json(view: ParagraphView) -> dict[str, Any]:
    paragraph = view.paragraph
    return {
        "text": paragraph.text,
        "block": paragraph.block,
        "parts": list(paragraph.parts),
        "gap": paragraph.is_gap,
        "facts": [
            {
                **asdict(backing.use),
                "review_by": backing.review_by.isoformat() if backing.review_by else None,
                "source": asdict(backing.source) if backing.source else None,
            }
            for backing in view.backing
        ],
    }


def _plain(value: Any) -> Any:
    """YAML's dates as ISO text, so the front matter is JSON."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value
