"""The diff as one standalone HTML page: fact table on top, then the answer with its changes."""

from __future__ import annotations

from html import escape

from drafter.chars import safe_strings
from drafter.review.model import DraftDiff, Kind, ParagraphDiff
from drafter.review.summary import PROVENANCE_COLUMNS, heading, provenance_rows, shown, totals

_STYLE = """
body { font: 16px/1.5 Arial, Helvetica, sans-serif; max-width: 50em; margin: 2em auto;
  padding: 0 1em; color: #0b0c0c; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #b1b4b6; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #f3f2f1; }
del { color: #942514; background: #f6d7d2; text-decoration: line-through; }
ins { color: #005a30; background: #cce2d8; text-decoration: underline; }
.answer p { margin: 0 0 1em; padding-left: 0.6em; border-left: 4px solid transparent; }
.answer p.changed, .answer p.inserted, .answer p.deleted { border-left-color: #1d70b8; }
.answer p .where { display: block; font-size: 0.8em; color: #505a5f; }
.note, .totals { color: #505a5f; }
"""


def render_html(diff: DraftDiff) -> str:
    """A page that needs nothing else: inline CSS, no scripts, no external assets."""
    diff = safe_strings(diff)
    title = f"Changes from {diff.old_name} to {diff.new_name}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE}</style></head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        *(f'<p class="note">{escape(note)}</p>' for note in diff.notes),
        *_provenance(diff),
        "<h2>Answer</h2>",
        '<div class="answer">',
        *(_paragraph(paragraph) for paragraph in diff.paragraphs),
        "</div>",
        f'<p class="totals">{escape(totals(diff))}</p>',
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _provenance(diff: DraftDiff) -> list[str]:
    rows = provenance_rows(diff)
    if not rows:
        return []
    header = "<tr>" + "".join(f"<th>{escape(name)}</th>" for name in PROVENANCE_COLUMNS) + "</tr>"
    body = ["<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows]
    return ["<h2>Facts</h2>", "<table>", header, *body, "</table>"]


def _paragraph(paragraph: ParagraphDiff) -> str:
    kind = paragraph.kind
    where = "" if kind == "equal" else f'<span class="where">{escape(heading(paragraph))}</span>'
    body = "".join(_run(kind, text) for kind, text in shown(paragraph)).strip()
    return f'<p class="{kind}">{where}{body}</p>'


def _run(kind: Kind, text: str) -> str:
    if kind == "equal":
        return escape(text)
    tag = "del" if kind == "delete" else "ins"
    return f"<{tag}>{escape(text)}</{tag}>"
