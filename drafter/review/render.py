"""One entry point to every review output format, so the CLI and library callers share it."""

from __future__ import annotations

from datetime import datetime

from drafter.review import FORMATS
from drafter.review.model import DraftDiff
from drafter.review.render_docx import FIXED_DATE, render_docx
from drafter.review.render_html import render_html
from drafter.review.render_json import render_json
from drafter.review.render_md import render_md
from drafter.review.render_terminal import render_terminal


def render_diff(
    diff: DraftDiff,
    fmt: str,
    *,
    color: bool = False,
    author: str = "drafter",
    date: datetime = FIXED_DATE,
) -> bytes:
    """The diff in one of FORMATS, as bytes ready to write (UTF-8 for the text formats).

    Args:
        diff: what changed.
        fmt: one of FORMATS.
        color: terminal only: ANSI colours instead of `[-...-]{+...+}` markers.
        author: docx only: the author of each tracked change.
        date: docx only: the date of each tracked change and of the document.

    Raises:
        ValueError: an unknown format (the CLI offers only FORMATS).
    """
    if fmt == "docx":
        return render_docx(diff, author=author, date=date)
    if fmt == "terminal":
        return render_terminal(diff, color=color).encode("utf-8")
    text = {"html": render_html, "json": render_json, "md": render_md}.get(fmt)
    if text is None:
        raise ValueError(f"unknown format '{fmt}' (choose one of {', '.join(FORMATS)})")
    return text(diff).encode("utf-8")
