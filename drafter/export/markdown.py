"""Export to Markdown: the canonical form of a draft, front matter and all (drafter.draft)."""

from __future__ import annotations

from drafter.draft import write_markdown as to_markdown

__all__ = ["to_markdown"]
