"""`drafter redraft DIR`: every outdated draft in a folder drafted again, in one process.

The fact base and templates are loaded once for the whole folder, and each draft is read
once. Every file the batch will write is known and checked before the first draft is made,
so an existing file (without `force`) stops the batch with nothing written. A draft that
cannot be redrafted (its template gone, a fact it needs removed) is reported in one line and
the others go on; each draft's files are written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from drafter.config import Config
from drafter.draft import Draft
from drafter.errors import DrafterError, ExportError
from drafter.facts.model import FactBase
from drafter.outdated import drafts_in, outdated_uses
from drafter.output import refuse_existing
from drafter.render import TemplateSet
from drafter.review.redraft import (
    MARKDOWN,
    Outputs,
    rebuild,
    redraft_target,
    redraft_targets,
    write_redraft,
)


@dataclass(frozen=True)
class Job:
    """One draft to redraft, and the files its redraft goes to."""

    path: Path
    old: Draft
    targets: tuple[Path, ...]
    reason: str
    """Why it is redrafted: the first fact that overtook it, or `every draft` when asked."""


@dataclass(frozen=True)
class Batch:
    """What a folder's redraft will do, worked out before any draft is made."""

    drafts: int
    """Drafter drafts found in the folder."""
    jobs: tuple[Job, ...]
    refused: tuple[str, ...] = ()
    """One line per draft left out before it began: two drafts whose redrafts share a file."""


@dataclass(frozen=True)
class BatchReport:
    """What a folder's redraft did."""

    drafts: int
    written: tuple[tuple[Path, ...], ...]
    """The files of each draft redrafted, in folder order."""
    failed: tuple[str, ...]
    """One line per draft not redrafted, naming it."""


def plan_batch(
    directory: Path,
    base: FactBase,
    *,
    today: date,
    out_dir: Path | None = None,
    outputs: Outputs = MARKDOWN,
    force: bool = False,
    every: bool = False,
) -> Batch:
    """The outdated drafts in `directory` (all of them with `every`) and where each goes.

    Each goes where `drafter redraft DRAFT` puts it: beside the old draft as
    `<uin>-<today>.md`, or in `out_dir` as `<uin>.md`, keeping the subfolder it was in.

    Raises:
        DraftError: a draft's front matter cannot be read.
        ExportError: a file to be written exists and `force` was not given.
    """
    jobs: list[Job] = []
    refused: list[str] = []
    claimed: dict[Path, Path] = {}
    found = list(drafts_in(directory))
    for path, old in found:
        uses = outdated_uses(path, old, base)
        if not uses and not every:
            continue
        reason = f"{uses[0].fact}: {uses[0].reason}" if uses else "every draft"
        folder = out_dir / path.parent.relative_to(directory) if out_dir else None
        try:
            targets = redraft_targets(redraft_target(path, old, today, folder), outputs)
        except DrafterError as error:
            refused.append(str(error))
            continue
        if targets[0] in claimed:
            refused.append(
                f"{path}: its redraft would be {targets[0]}, as {claimed[targets[0]]}'s is: "
                "redraft it on its own with --out"
            )
            continue
        claimed[targets[0]] = path
        jobs.append(Job(path, old, targets, reason))
    _refuse_existing([target for job in jobs for target in job.targets], force)
    return Batch(len(found), tuple(jobs), tuple(refused))


def _refuse_existing(targets: list[Path], force: bool) -> None:
    existing = [target for target in targets if target.exists()]
    if force or not existing:
        return
    if len(existing) == 1:
        refuse_existing(existing[0], force)
    shown = ", ".join(str(path) for path in existing[:3])
    more = f" and {len(existing) - 3} more" if len(existing) > 3 else ""
    raise ExportError(f"already exist: {shown}{more}: use --force to overwrite them")


def run_batch(
    batch: Batch,
    base: FactBase,
    templates: TemplateSet,
    *,
    today: date,
    config: Config | None = None,
    outputs: Outputs = MARKDOWN,
    force: bool = False,
    done: Callable[[Job], None] | None = None,
) -> BatchReport:
    """Redraft each job of the batch; `done` is called after each, made or not (for progress)."""
    written: list[tuple[Path, ...]] = []
    failed = list(batch.refused)
    for job in batch.jobs:
        try:
            new = rebuild(job.old, job.path, base, templates, today, config)
            write_redraft(new, job.targets, outputs, force=force)
        except DrafterError as error:
            message = str(error)
            failed.append(
                message if message.startswith(str(job.path)) else f"{job.path}: {message}"
            )
        else:
            written.append(job.targets)
        if done is not None:
            done(job)
    return BatchReport(batch.drafts, tuple(written), tuple(failed))
