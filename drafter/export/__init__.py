"""Export: a Draft as .md, .html, .docx or .txt; each format's module loads only when asked for.

Exporters read a Draft and nothing else. Python-Markdown and python-docx are imported by the
format modules, never here, so `drafter --help` stays fast.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from drafter.draft import Draft
from drafter.errors import ExportError, Location
from drafter.export_formats import FORMATS
from drafter.facts.period import long_date, published_long
from drafter.names import safe_file_name
from drafter.output import refuse_existing, write_atomic

__all__ = [
    "FORMATS",
    "export_all",
    "export_draft",
    "file_stem",
    "header_rows",
    "house_date",
    "provenance_line",
    "render_draft",
]


def render_draft(
    draft: Draft, fmt: str, *, reference_docx: Path | None = None, author: str = "drafter"
) -> bytes:
    """The draft in one of FORMATS, as the bytes its file holds.

    Args:
        draft: the draft to render.
        fmt: one of FORMATS.
        reference_docx: for docx, a department's .docx whose styles, headers and footers to use.
        author: for docx, who the comments naming each paragraph's sources are from.

    Raises:
        ExportError: unknown format, or an unreadable reference document.
    """
    if fmt == "md":
        from drafter.export.markdown import to_markdown

        return to_markdown(draft).encode("utf-8")
    if fmt == "html":
        from drafter.export.html import to_html

        return to_html(draft).encode("utf-8")
    if fmt == "txt":
        from drafter.export.text import to_text

        return to_text(draft).encode("utf-8")
    if fmt == "docx":
        from drafter.export.docx import to_docx

        return to_docx(draft, reference_docx=reference_docx, author=author)
    raise _unknown_format(fmt)


def export_draft(
    draft: Draft,
    path: Path,
    *,
    force: bool = False,
    reference_docx: Path | None = None,
    author: str = "drafter",
) -> None:
    """Write the draft to `path`, in the format its suffix names, whole or not at all.

    Raises:
        ExportError: unknown suffix, the file exists (without `force`), or it cannot be written.
    """
    fmt = path.suffix.lower().removeprefix(".")
    if fmt not in FORMATS:
        choices = ", ".join(f".{name}" for name in sorted(FORMATS))
        raise ExportError(
            f"cannot export '{path}': unknown format '{path.suffix}' (choose one of {choices})"
        )
    refuse_existing(path, force)
    payload = render_draft(draft, fmt, reference_docx=reference_docx, author=author)
    write_atomic(path, payload, force=force)


def export_all(
    draft: Draft,
    out_dir: Path,
    formats: tuple[str, ...] | list[str],
    *,
    force: bool = False,
    reference_docx: Path | None = None,
    author: str = "drafter",
) -> list[Path]:
    """Write `<uin or 'draft'>.<fmt>` in `out_dir` for each format: all of them or none.

    Every check (unknown format, existing files, a folder that cannot be written) and every
    render happens before the first file is written.

    Returns:
        The paths written, in the order of `formats`.

    Raises:
        ExportError: a check or a render failed (nothing written), or a write failed midway
            (the message names the files already written).
    """
    wanted = list(dict.fromkeys(formats))
    for fmt in wanted:
        if fmt not in FORMATS:
            raise _unknown_format(fmt)
    targets = [out_dir / f"{file_stem(draft)}.{fmt}" for fmt in wanted]
    _refuse_any_existing(targets, out_dir, force)
    _check_writable(out_dir)
    payloads = [
        render_draft(draft, fmt, reference_docx=reference_docx, author=author) for fmt in wanted
    ]
    written: list[Path] = []
    for target, payload in zip(targets, payloads, strict=True):
        try:
            write_atomic(target, payload, force=force)
        except ExportError as error:
            if written:
                names = ", ".join(path.name for path in written)
                message = f"{error.message} (already written: {names})"
                raise ExportError(message, error.location) from error
            raise
        written.append(target)
    return written


def file_stem(draft: Draft) -> str:
    """The draft's file name without suffix: its UIN made safe for a file name, else `draft`."""
    return safe_file_name(str(draft.question.get("uin") or ""))


def _unknown_format(fmt: str) -> ExportError:
    return ExportError(f"unknown format '{fmt}' (choose one of {', '.join(sorted(FORMATS))})")


def _refuse_any_existing(targets: list[Path], out_dir: Path, force: bool) -> None:
    for path in targets:
        if path.is_dir():
            raise ExportError(
                "is a folder, not a file: cannot write the draft here", Location(path)
            )
    existing = [path for path in targets if path.exists()]
    if len(existing) == 1:
        refuse_existing(existing[0], force)
    elif existing and not force:
        names = ", ".join(path.name for path in existing)
        message = f"already exist: {names}: use --force to overwrite them"
        raise ExportError(message, Location(out_dir))


def _check_writable(folder: Path) -> None:
    """Probe with a real temporary file: permission bits lie for root, ACLs and read-only mounts."""
    base = folder
    while not base.exists() and base != base.parent:
        base = base.parent
    try:
        with tempfile.TemporaryFile(dir=base):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise ExportError(f"cannot write to this folder: {reason}", Location(folder)) from error


def header_rows(draft: Draft) -> tuple[tuple[str, str], ...]:
    """The question's details as (label, value) rows: the header table of the PQ form."""
    record = draft.question
    named_day = ("Yes" if record.get("named_day") else "No") if record else ""
    grouped = _grouped(record.get("grouped"))
    minister = record.get("minister") or record.get("answering_member")
    return (
        ("UIN", str(record.get("uin") or "")),
        # question_to_record leaves out the default house, so a record without one is Commons.
        ("House", str(record.get("house") or ("Commons" if record else ""))),
        ("Asking member", str(record.get("asking_member") or "")),
        ("Answering body", str(record.get("answering_body") or "")),
        # The department's minister, else the one Parliament records as having answered.
        ("Answering minister", str(minister) if minister else TO_COMPLETE),
        ("Date tabled", house_date(record.get("date_tabled"))),
        ("Date for answer", house_date(record.get("date_for_answer"))),
        ("Named day", named_day),
        ("Heading", str(record.get("heading") or "")),
    ) + ((("Grouped with", grouped),) if grouped else ())


TO_COMPLETE = "[to complete]"
"""What a form shows where the question does not say and the PQ team must fill in."""


def grouped_texts(record: Mapping[str, object]) -> list[tuple[str, str]]:
    """(label, text) for each question grouped with this one, its text or `TO_COMPLETE`."""
    items = record.get("grouped")
    return [
        (f"Grouped question UIN {item.get('uin')}", str(item.get("text") or TO_COMPLETE))
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict)
    ]


def _grouped(grouped: object) -> str:
    """Grouped questions as `UIN 37302 (11 March 2025), UIN 37303`; empty when none."""
    items = grouped if isinstance(grouped, list) else []
    return ", ".join(
        f"UIN {item.get('uin')}"
        + (f" ({house_date(item['date_tabled'])})" if item.get("date_tabled") else "")
        for item in items
        if isinstance(item, dict)
    )


def house_date(value: object) -> str:
    """A date in house style: `2025-03-11` as `11 March 2025`, `2024-11` as `November 2024`.

    Dates YAML has already parsed are accepted too; anything else comes back as given.
    """
    if isinstance(value, date):
        return long_date(value)
    return published_long(str(value or ""))


def provenance_line(draft: Draft) -> str:
    """What made the draft, for the foot of the page: template, drafter version, fact base."""
    parts = (
        f"Template {draft.template}" if draft.template else "",
        f"drafter {draft.drafter_version}" if draft.drafter_version else "",
        f"fact base {draft.fact_base_digest}" if draft.fact_base_digest else "",
    )
    return " · ".join(part for part in parts if part) or "Written without drafter provenance"
