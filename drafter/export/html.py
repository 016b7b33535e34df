"""Export to HTML: one standalone page (no external assets) for reading on screen or printing.

The answer's Markdown is template output and goes through Python-Markdown as it is; everything
else on the page (question, table values, notes, source titles, addresses) is data and escaped.
"""

from __future__ import annotations

from html import escape, unescape
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from drafter.chars import safe_strings
from drafter.draft import CitedSource, Draft, Paragraph
from drafter.export import header_rows, house_date, provenance_line
from drafter.export.mdsource import markdown_source, reused_converter, too_much_markup
from drafter.links import allowed_link

__all__ = ["page_title", "to_html"]

_STYLE = """\
body { font: 12pt/1.5 Arial, Helvetica, sans-serif; color: #0b0c0c; max-width: 46em;
       margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.5em; margin: 0 0 0.8em; }
h2 { font-size: 1.15em; margin: 1.6em 0 0.5em; padding-bottom: 0.2em;
     border-bottom: 1px solid #b1b4b6; break-after: avoid; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #b1b4b6; padding: 0.3em 0.6em; text-align: left;
         vertical-align: top; }
th { width: 11em; background: #f3f2f1; }
tr { break-inside: avoid; }
a { color: #1d70b8; overflow-wrap: anywhere; }
.background { background: #fff7e6; border-left: 4px solid #f47738; padding: 0.4em 1em; }
.gap { background: #fff2cc; border: 3px solid #d4351c; padding: 0.2em 1em; margin: 1em 0;
       font-weight: bold; }
.gap strong { display: block; color: #d4351c; text-transform: uppercase; font-size: 0.85em; }
footer { margin-top: 2.5em; padding-top: 0.5em; border-top: 1px solid #b1b4b6;
         font-size: 0.85em; color: #505a5f; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; }
  .sources a::after { content: " <" attr(href) ">"; }
}
"""


def _answer_html(answer: str) -> str:
    """The answer's Markdown as HTML, with any raw HTML in it shown as text, not run.

    Answers are built from fact texts that people type: a stray `<img onerror=...>` in one
    must not become live markup in a page that is sent round a department.
    """
    if too_much_markup(answer):
        return f"<p>{escape(answer)}</p>"
    return reused_converter("html", _safe_converter).convert(markdown_source(answer))


def _safe_converter() -> markdown.Markdown:
    """A converter that reads raw HTML as text and keeps only safe links."""
    converter = markdown.Markdown()
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(_SafeLinks(converter), "safe_links", 0)
    return converter


class _SafeLinks(Treeprocessor):
    """Keep only web and mail links live, and fetch no image: the page stays standalone.

    An image becomes a link to it (or its text alone) so that opening the page loads nothing
    from outside; a `javascript:`, `file:` or `data:` link becomes its text.
    """

    def run(self, root: Element) -> None:
        for element in [item for item in root.iter() if item.tag in ("a", "img")]:
            target = element.get("href" if element.tag == "a" else "src", "")
            if element.tag == "img":
                element.text = element.get("alt") or target
            element.attrib.clear()
            # Python-Markdown hides a mailto autolink's address as placeholder entities.
            if allowed_link(unescape(target.replace(AMP_SUBSTITUTE, "&"))):
                element.tag = "a"
                element.set("href", target)
            else:
                element.tag = "span"


def _paragraph_html(paragraph: Paragraph) -> str:
    """One answer paragraph; a gap's marker stands out as a box the officer cannot miss."""
    if paragraph.is_gap:
        return (
            '<div class="gap" role="note"><strong>To complete before clearance</strong>'
            f"{_answer_html(paragraph.text)}</div>"
        )
    return _answer_html(paragraph.text)


def to_html(draft: Draft) -> str:
    """The draft as a standalone HTML page; the same draft always gives the same bytes."""
    draft = safe_strings(draft)
    title = page_title(draft)
    question = str(draft.question.get("text") or "")
    body = [
        f"<h1>{escape(title)}</h1>",
        *(_header_table(draft) if draft.question else []),
        *(["<h2>Question</h2>", f'<p class="question">{escape(question)}</p>'] if question else []),
        "<h2>Draft answer</h2>",
        '<div class="answer">',
        *map(_paragraph_html, draft.paragraphs),
        "</div>",
        *_background(draft.background),
        *_sources(draft.sources),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en-GB">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>\n{_STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            *body,
            "</main>",
            f"<footer>{escape(provenance_line(draft))}</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def page_title(draft: Draft) -> str:
    """`Draft answer: UIN 37301 Cybercrime`, with what the question record holds of those."""
    uin = str(draft.question.get("uin") or "")
    heading = str(draft.question.get("heading") or "")
    named = " ".join(part for part in (f"UIN {uin}" if uin else "", heading) if part)
    return f"Draft answer: {named}" if named else "Draft answer"


def _header_table(draft: Draft) -> list[str]:
    rows = [
        f'<tr><th scope="row">{escape(label)}</th><td>{escape(value)}</td></tr>'
        for label, value in header_rows(draft)
    ]
    return ['<table class="pq-header">', *rows, "</table>"]


def _background(notes: tuple[str, ...]) -> list[str]:
    if not notes:
        return []
    items = [f"<li>{_note_html(note)}</li>" for note in notes]
    heading = "<h2>Background note (not for publication)</h2>"
    return [heading, '<div class="background">', "<ul>", *items, "</ul>", "</div>"]


def _note_html(note: str) -> str:
    """A background note as HTML: one line as text, or an earlier answer's paragraphs and links."""
    if "\n" not in note and "<http" not in note:
        return escape(note)
    html = _answer_html(note)
    single = html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1
    return html[3:-4] if single else html


def _sources(sources: tuple[CitedSource, ...]) -> list[str]:
    if not sources:
        return []
    return ["<h2>Sources</h2>", '<ol class="sources">', *map(_source_item, sources), "</ol>"]


def _source_item(source: CitedSource) -> str:
    title = escape(source.title)
    # Only web and mail addresses become links: a `javascript:` URL in a fact base must not run.
    if allowed_link(source.url):
        title = f'<a href="{escape(source.url)}">{title}</a>'
    parts = (source.publisher, house_date(source.published))
    details = "".join(f", {escape(part)}" for part in parts if part)
    return f"<li>{title}{details}</li>"
