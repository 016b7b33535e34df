"""Export to Word: the PQ form a department sends round for clearance.

A header table, the question, the draft answer with a comment on each fact-bearing paragraph
naming its facts and sources, a background note, the sources as links and a provenance line.
Everything is laid out with named styles, so a department can restyle the form or supply its
own reference .docx. The same draft always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from drafter.chars import safe_strings
from drafter.draft import CitedSource, Draft, FactUse, Paragraph
from drafter.export import grouped_texts, header_rows, house_date, provenance_line
from drafter.export.docx_body import Body, Comments
from drafter.export.docx_body import Paragraph as WordParagraph
from drafter.export.docx_prepared import form_package
from drafter.export.text import inline_blocks
from drafter.lazy import attribute_loader
from drafter.output import Zipped, zip_entries

if TYPE_CHECKING:
    from drafter.export.docx_form import STYLE_NAMES, form_document
    from drafter.export.docx_xml import style_ids

__all__ = ["FORM_TITLE", "STYLE_NAMES", "form_document", "style_ids", "to_docx"]

# The form built with python-docx, for the review .docx and the tests; loaded when used.
__getattr__ = attribute_loader(
    __name__,
    {
        "STYLE_NAMES": "drafter.export.docx_form",
        "form_document": "drafter.export.docx_form",
        "style_ids": "drafter.export.docx_xml",
    },
)

FORM_TITLE = "Parliamentary Question: draft answer"
_UNDATED = date(2000, 1, 1)
"""The timestamp of an undated draft: fixed, so the file is reproducible."""
_PROPERTY_LIMIT = 255  # characters in a core property, as python-docx enforces
_MM = 36000  # EMU


def to_docx(draft: Draft, *, reference_docx: Path | None = None, author: str = "drafter") -> bytes:
    """The draft as a .docx PQ form.

    Args:
        draft: the draft to export.
        reference_docx: a department's .docx to start from: its styles, page setup, headers
            and footers are kept, its body is replaced; our named styles are added if missing.
        author: the author of the comments on fact-bearing paragraphs.

    Raises:
        ExportError: the reference document cannot be read as a .docx.
    """
    draft, author = safe_strings((draft, author))
    package = _package(reference_docx)
    when = datetime.combine(draft.date or _UNDATED, time(), tzinfo=UTC)
    form = _Form(Body(), package)
    comments = Comments(package.open_comments, author, when)
    _write_form(form, comments, draft)
    entries = package.entries(
        form.body.xml(), comments.xml(), _core_texts(draft), when, _custom_properties(draft)
    )
    return zip_entries(entries)


class _Package(Protocol):
    """Where a draft's form goes: the default form's parts, or python-docx's document."""

    style_ids: dict[str, str]
    usable_width: int

    def relate(self, url: str) -> str: ...

    def open_comments(self) -> int: ...

    def entries(
        self, body: str, comments: str, core: dict[str, str], when: datetime, custom: dict[str, str]
    ) -> dict[str, bytes | Zipped]: ...


def _package(reference_docx: Path | None) -> _Package:
    """The default form without python-docx while the cache holds it; else python-docx's."""
    package = form_package() if reference_docx is None else None
    if package is not None:
        return package
    from drafter.export.docx_document import DocumentPackage
    from drafter.export.docx_form import form_document

    return DocumentPackage(form_document(reference_docx))


@dataclass(frozen=True)
class _Form:
    """The body being written, and the package that holds its styles and links."""

    body: Body
    package: _Package

    def add(self, text: str, style: str) -> WordParagraph:
        return self.body.paragraph(self.package.style_ids[style], text)

    def link(self, paragraph: WordParagraph, text: str, url: str, **emphasis: bool) -> None:
        r_id = self.package.relate(url)
        paragraph.link(r_id, text, self.package.style_ids["Hyperlink"], **emphasis)


def _write_form(form: _Form, comments: Comments, draft: Draft) -> None:
    form.add(FORM_TITLE, "PQ Title")
    if draft.question:
        _add_table(form, header_rows(draft), (45 * _MM,))
    if question := str(draft.question.get("text") or ""):
        form.add("Question", "PQ Heading")
        form.add(question, "PQ Question")
        for label, text in grouped_texts(draft.question):
            form.add(label, "PQ Label")
            form.add(text, "PQ Question")
    form.add("Draft answer", "PQ Heading")
    for paragraph in draft.paragraphs:
        gap = paragraph.is_gap
        added = _add_markdown(form, paragraph.text, "PQ Gap" if gap else "PQ Answer", gap=gap)
        if paragraph.facts or gap:
            comments.add(added, _comment_text(paragraph, draft))
    if draft.background:
        form.add("Background note (not for publication)", "PQ Heading")
        for note in draft.background:
            for part in note.split("\n\n"):
                _add_markdown(form, part, "PQ Background")
    if draft.sources:
        form.add("Sources", "PQ Heading")
        for source in draft.sources:
            _add_source(form, source)
    form.add("Clearance", "PQ Heading")
    _add_table(form, CLEARANCE, (60 * _MM, 55 * _MM), header=True)
    form.add(provenance_line(draft), "PQ Footer")


CLEARANCE = (
    ("Role", "Name", "Date"),
    ("Drafted by", "", ""),
    ("Policy lead", "", ""),
    ("Cleared by (Deputy Director)", "", ""),
    ("Minister's office", "", ""),
)
"""The clearance rows a PQ team fills in by hand as the draft goes round."""


def _add_table(
    form: _Form, rows: Sequence[Sequence[str]], widths: Sequence[int], *, header: bool = False
) -> None:
    """A table of labels (the first column, and the first row if `header`) and values.

    The last column takes the rest of the page's width.
    """
    ids = form.package.style_ids
    label, value = ids["PQ Label"], ids["PQ Value"]
    styles = [
        [label if column == 0 or (header and number == 0) else value for column in range(len(row))]
        for number, row in enumerate(rows)
    ]
    usable = form.package.usable_width
    form.body.table(rows, (*widths, usable - sum(widths)), styles, ids.get("Table Grid", ""))


def _add_markdown(
    form: _Form, text: str, style: str = "PQ Answer", *, gap: bool = False
) -> WordParagraph:
    """Add one paragraph, its Markdown links as real links, its emphasis as runs.

    A gap's own runs are highlighted, so that it cannot be missed in clearance.
    """
    paragraph = form.add("", style)
    blocks = inline_blocks(text)
    # A comment spans runs that are direct children of the paragraph: bracket a paragraph
    # that starts or ends with a link with empty runs, so that a comment covers all of it.
    if blocks and blocks[0][0].href:
        paragraph.run("", highlight=gap)
    for index, block in enumerate(blocks):
        if index:
            paragraph.line_break(highlight=gap)
        for segment in block:
            emphasis = {"bold": segment.bold, "italic": segment.italic}
            if segment.href:
                form.link(paragraph, segment.text, segment.href, **emphasis)
            else:
                paragraph.run(segment.text, properties=True, highlight=gap, **emphasis)
    if blocks and blocks[-1][-1].href:
        paragraph.run("", highlight=gap)
    return paragraph


def _comment_text(paragraph: Paragraph, draft: Draft) -> str:
    """One line per fact the paragraph read: its id, source, and for a statistic its period.

    A gap's comment says instead what must be done before clearance.
    """
    if paragraph.is_gap:
        return (
            f"To complete before clearance: drafter could not answer part "
            f"{', '.join(paragraph.parts)} from the fact base (the paragraph says why). "
            "Replace it with the answer, or say that the information is not held."
        )
    uses = {use.id: use for use in draft.facts}
    sources = {source.id: source for source in draft.sources}
    return "\n".join(_fact_line(fact_id, uses.get(fact_id), sources) for fact_id in paragraph.facts)


def _fact_line(fact_id: str, use: FactUse | None, sources: dict[str, CitedSource]) -> str:
    if use is None:
        return f"{fact_id} — not listed among the draft's facts"
    source = sources.get(use.source)
    cited = f"{source.title} ({source.publisher})" if source else use.source
    line = f"{fact_id} — {cited}"
    if use.period:
        line += f", {use.period}"
    if use.value:
        line += f": {use.value}"
    return line if use.verified else f"{line} [NOT VERIFIED]"


def _add_source(form: _Form, source: CitedSource) -> None:
    paragraph = form.add("", "PQ Source")
    if source.url.startswith(("https://", "http://")):
        form.link(paragraph, source.title, source.url)
    else:
        paragraph.run(source.title)
    parts = (source.publisher, house_date(source.published))
    details = "".join(f", {part}" for part in parts if part)
    if details:
        paragraph.run(details)


def _core_texts(draft: Draft) -> dict[str, str]:
    """The core properties a draft sets as text, by python-docx's names (see CORE_TEXTS)."""
    record = draft.question
    uin, heading = str(record.get("uin") or ""), str(record.get("heading") or "")
    title = ": ".join(part for part in (f"UIN {uin}" if uin else "", heading) if part)
    keywords = (heading, str(record.get("answering_body") or ""), draft.template)
    return {
        "title": _fit(title or "Draft answer"),
        "subject": _fit(str(record.get("text") or "")),
        "keywords": _fit("; ".join(word for word in keywords if word)),
        "comments": _fit(provenance_line(draft)),
        "content_status": "Draft",
        "author": "drafter",
        "last_modified_by": "drafter",
    }


def _custom_properties(draft: Draft) -> dict[str, str]:
    custom = {
        "UIN": str(draft.question.get("uin") or ""),
        "Template": draft.template,
        "FactBaseDigest": draft.fact_base_digest,
        "DrafterVersion": draft.drafter_version,
    }
    return {name: value for name, value in custom.items() if value}


def _fit(text: str) -> str:
    """Shorten to what a core property holds, at a word boundary, marking the cut with `…`."""
    if len(text) <= _PROPERTY_LIMIT:
        return text
    return text[: _PROPERTY_LIMIT - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
