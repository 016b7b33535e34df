"""`drafter redraft`: the same question and template, today's fact base, and what changed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.build import build_draft
from drafter.config import Config
from drafter.draft import Draft
from drafter.errors import DraftError, ExportError, Location
from drafter.facts.load import load_fact_base
from drafter.intake import question_from_record
from drafter.names import safe_file_name
from drafter.output import refuse_existing, write_atomic
from drafter.render import load_templates
from drafter.review.diff import diff_drafts
from drafter.review.model import DraftDiff
from drafter.review.read import read_side

if TYPE_CHECKING:
    from drafter.facts.model import FactBase
    from drafter.question import Question
    from drafter.render import TemplateSet


@dataclass(frozen=True)
class Redraft:
    """The new draft, where it was written, and how it differs from the old one."""

    draft: Draft
    path: Path
    """Its first file: the Markdown draft unless other formats were asked for."""
    diff: DraftDiff
    paths: tuple[Path, ...] = ()
    """Every file written, one per format."""


@dataclass(frozen=True)
class Outputs:
    """What a redraft is written as: its formats, and for Word the styles and comment author."""

    formats: tuple[str, ...] = ("md",)
    """Export formats (drafter.export.FORMATS), in the order written."""
    reference_docx: Path | None = None
    author: str = "drafter"


MARKDOWN = Outputs()
"""What a redraft writes unless told otherwise: the Markdown draft only."""


def redraft_draft(
    path: Path,
    *,
    facts_dir: Path,
    templates_dir: Path,
    today: date,
    out_dir: Path | None = None,
    force: bool = False,
    config: Config | None = None,
    outputs: Outputs = MARKDOWN,
) -> Redraft:
    """Draft the old draft's question again with its template, on today's facts.

    The new draft is written as `<uin>.md` in `out_dir`, or without `out_dir` beside the old
    draft as `<uin>-<today>.md` (the old draft is often `<uin>.md` itself), with the same
    name in each other format asked for; never over an existing file without `force`.

    Raises:
        DraftError: the draft has no front matter to redraft from.
        ExportError: a new file exists and `force` was not given, or cannot be written.
        FactBaseError, TemplateError, QuestionError: as for `drafter draft`.
    """
    old = read_side(path)
    targets = redraft_targets(redraft_target(path, old, today, out_dir), outputs)
    for target in targets:
        refuse_existing(target, force)
    base, templates = load_fact_base(facts_dir), load_templates(templates_dir)
    new = replace(rebuild(old, path, base, templates, today, config), path=targets[0])
    write_redraft(new, targets, outputs, force=force)
    return Redraft(new, targets[0], diff_drafts(old, new), targets)


def redraft_targets(markdown: Path, outputs: Outputs) -> tuple[Path, ...]:
    """The files a redraft is written to: the Markdown target's name in each format."""
    return tuple(markdown.with_suffix(f".{fmt}") for fmt in outputs.formats)


def write_redraft(new: Draft, targets: tuple[Path, ...], outputs: Outputs, *, force: bool) -> None:
    """Render every format first, then write each file atomically.

    Raises:
        ExportError: a render failed (nothing written), or a write failed (the message names
            the files already written).
    """
    from drafter.export import render_draft

    payloads = [
        render_draft(new, fmt, reference_docx=outputs.reference_docx, author=outputs.author)
        for fmt in outputs.formats
    ]
    for done, (target, payload) in enumerate(zip(targets, payloads, strict=True)):
        try:
            write_atomic(target, payload, force=force)
        except ExportError as error:
            if done:
                names = ", ".join(path.name for path in targets[:done])
                raise ExportError(
                    f"{error.message} (already written: {names})", error.location
                ) from error
            raise


def redraft_target(path: Path, old: Draft, today: date, out_dir: Path | None) -> Path:
    """Where the redraft of the draft at `path` goes: `out_dir/<uin>.md`, else `<uin>-<today>.md`.

    Raises:
        DraftError: the draft has no front matter to redraft from.
    """
    name = safe_file_name(_question(old, path).uin or path.stem)
    return out_dir / f"{name}.md" if out_dir else path.with_name(f"{name}-{today}.md")


def rebuild(
    old: Draft,
    path: Path,
    base: FactBase,
    templates: TemplateSet,
    today: date,
    config: Config | None = None,
) -> Draft:
    """The old draft's question drafted again with its template and answer type, on `base`.

    Raises:
        DraftError: the draft has no front matter to redraft from.
        TemplateError, QuestionError: as for `drafter draft`.
    """
    return build_draft(
        _question(old, path),
        base,
        templates,
        template_id=old.template,  # `composed` composes again
        answer_type=old.answer_type,
        today=today,
        as_of=today,
        config=config,
    )


def _question(old: Draft, path: Path) -> Question:
    if not old.has_provenance:
        raise DraftError(
            "no drafter front matter: cannot tell which question and template to redraft",
            Location(path),
        )
    return question_from_record(old.question, Location(path, 1))
