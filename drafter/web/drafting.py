"""The draft the workbench asks for: the same library calls as `drafter draft`, from a request.

A question arrives as pasted text, a question file's or an API response's text, or a UIN and
date from the archive; it is read by the same intake as the CLI's files (nothing here touches
the file system but the workspace's archive).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from drafter.errors import QuestionError
from drafter.intake import Intake, questions_in
from drafter.question import Question

if TYPE_CHECKING:
    from drafter.draft import Draft
    from drafter.suggest import Suggestions
    from drafter.web.workspace import Library

NAMES = {"text": "question.txt", "question_yaml": "question.yaml", "api_json": "question.json"}
"""How each kind of pasted question is read: by the suffix a file of it would have."""


@dataclass(frozen=True)
class DraftRequest:
    """What the officer asked for: a question, and how to answer it."""

    question: Question
    answer_type: str | None = None
    """None: composed part by part (a substantive answer), as `drafter draft` does."""
    template_id: str | None = None
    as_of: date | None = None
    refer_to: str | None = None
    """`UIN[@DATE]` of the earlier answer a referral points to."""
    include_blocks: tuple[str, ...] = ()
    """Blocks to add to a composed answer that composition left out."""


def read_pasted(text: str, kind: str = "text") -> Intake:
    """The one question in text of a kind in NAMES, or an uploaded file's (kind: its name).

    Raises:
        QuestionError: not a question, or several.
    """
    name = NAMES.get(kind) or PurePosixPath(kind.replace("\\", "/")).name or "question.txt"
    intakes = questions_in(text, Path(name))
    if len(intakes) != 1:
        raise QuestionError(f"{name}: expected one question, found {len(intakes)}")
    return intakes[0]


def archived_question(library: Library, uin: str, tabled: date | None) -> Question:
    """A question from the workspace's archive, by UIN (and date tabled, when the UIN recurs).

    Raises:
        ArchiveError: no archive, or no such question.
    """
    from drafter.archive import find_answer, open_archive
    from drafter.archive.parse import question_of

    with open_archive(library.bench.archive) as archive:
        return question_of(find_answer(archive, uin, tabled))


def make_draft(library: Library, request: DraftRequest, today: date) -> Draft:
    """The draft `drafter draft` would write for the request.

    Raises:
        DrafterError: as `build_draft` and the archive look-ups do (UnansweredError included).
    """
    from drafter.answer_types import from_archive
    from drafter.build import build_draft
    from drafter.precedents import precedents_in

    base, templates = library.load()
    bench = library.bench
    answer_type = request.answer_type or ("referral" if request.refer_to else None)
    earlier, related = from_archive(bench.archive, request.question, answer_type, request.refer_to)
    return build_draft(
        request.question,
        base,
        templates,
        template_id=request.template_id,
        answer_type=answer_type,
        earlier=earlier,
        related=related,
        include_blocks=request.include_blocks,
        precedents=precedents_in(bench.archive, request.question),
        today=today,
        as_of=request.as_of,
        config=bench.config,
    )


def part_suggestions(library: Library, question: Question, as_of: date) -> Suggestions:
    """What `drafter suggest` reports: each part's candidate blocks and the verdict on each."""
    from drafter.suggest import suggest

    base, templates = library.load()
    threshold = library.bench.config.compose_threshold
    return suggest(question, base, templates, as_of=as_of, threshold=threshold)


def addable_blocks(library: Library, draft: Draft) -> tuple[str, ...]:
    """The composable blocks a draft does not use, which `include_blocks` may add."""
    from drafter.blocks import read_catalogue

    base, templates = library.load()
    catalogue = read_catalogue(templates, base)
    used = {paragraph.block for paragraph in draft.paragraphs}
    return tuple(sorted(block.name for block in catalogue.composable if block.name not in used))
