"""`drafter redraft`: the same question and template, today's fact base, and what changed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from drafter.build import build_draft
from drafter.config import Config
from drafter.draft import Draft, write_markdown
from drafter.errors import DraftError, Location
from drafter.facts.load import load_fact_base
from drafter.intake import question_from_record
from drafter.names import safe_file_name
from drafter.output import refuse_existing, write_atomic
from drafter.render import load_templates
from drafter.review.diff import diff_drafts
from drafter.review.model import DraftDiff
from drafter.review.read import read_side


@dataclass(frozen=True)
class Redraft:
    """The new draft, where it was written, and how it differs from the old one."""

    draft: Draft
    path: Path
    diff: DraftDiff


def redraft_draft(
    path: Path,
    *,
    facts_dir: Path,
    templates_dir: Path,
    today: date,
    out_dir: Path | None = None,
    force: bool = False,
    config: Config | None = None,
) -> Redraft:
    """Draft the old draft's question again with its template, on today's facts.

    The new draft is written as `<uin>.md` in `out_dir`, or without `out_dir` beside the old
    draft as `<uin>-<today>.md` (the old draft is often `<uin>.md` itself); never over an
    existing file without `force`.

    Raises:
        DraftError: the draft has no front matter to redraft from.
        ExportError: the new draft's file exists and `force` was not given.
        FactBaseError, TemplateError, QuestionError: as for `drafter draft`.
    """
    old = read_side(path)
    if not old.has_provenance:
        raise DraftError(
            "no drafter front matter: cannot tell which question and template to redraft",
            Location(path),
        )
    question = question_from_record(old.question, Location(path, 1))
    name = safe_file_name(question.uin or path.stem)
    target = out_dir / f"{name}.md" if out_dir else path.with_name(f"{name}-{today}.md")
    refuse_existing(target, force)
    new = build_draft(
        question,
        load_fact_base(facts_dir),
        load_templates(templates_dir),
        template_id=old.template,  # `composed` composes again
        answer_type=old.answer_type,
        today=today,
        as_of=today,
        config=config,
    )
    write_atomic(target, write_markdown(new), force=force)
    new = replace(new, path=target)
    return Redraft(new, target, diff_drafts(old, new))
