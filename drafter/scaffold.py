"""`drafter init`: a new team's workspace, from starter text kept here as constants.

The starter fact base, template and questions are small, commented, and pass `facts check`
and `drafter draft` as written, so a team can start from them and replace them. The answer
forms every department uses (holding, referral, cost refusal, not held centrally, "I will
write", correction) and the PQ-process facts they read come from drafter/starter/, copies of
the bundled templates/ and facts/ files (a test keeps them the same), so every answer type
drafts in a new workspace.
"""

from __future__ import annotations

import json
from pathlib import Path

from drafter.errors import DrafterError, Location
from drafter.output import write_atomic

CONFIG = """\
# drafter settings for this workspace; paths are relative to the folder drafter runs in.
facts: facts
templates: templates
drafts: drafts
# `drafter facts stale` lists a source not checked for this many days.
source_check_days: 365
"""

FACTS = """\
# A fact base file. `sources` are the documents you cite; `facts` are the claims a draft
# may make, each citing a source by id. Run `drafter facts check` after every edit.
sources:
  - id: example-statistics-2025-26
    title: Example applications statistics, year ending 31 March 2026
    publisher: Example Department
    url: https://www.gov.uk/government/statistics/example-applications-2025-26
    published: 2026-07-09
    covers: 2025/26
    # When someone last confirmed the link and the figures: `drafter facts checked ID`.
    checked: 2026-07-13
    # Lets `drafter facts stale` say when the next edition should be out.
    cadence: annual
    next_expected: 2027-07

facts:
  # A line: a statement of policy the department stands behind, in its own words.
  - id: example.policy
    kind: line
    text: >-
      Applications are processed in the order they are received, and every applicant is
      told the outcome in writing.
    source: example-statistics-2025-26
    # After this date the fact must be re-confirmed: `drafter facts set-review ID DATE`.
    review_by: 2027-07-31
    topics: [applications]
    keywords: [process, applications]
  # A statistic keeps its history: a new year is added with `drafter facts add-period`.
  - id: example.applications
    kind: statistic
    unit: applications
    source: example-statistics-2025-26
    review_by: 2027-07-31
    topics: [applications]
    keywords: [how many, number, applications]
    values:
      - period: 2025/26
        value: 1250
        source: example-statistics-2025-26
"""

TEMPLATE = """\
# An answer template: the blocks that write the answer's paragraphs, in order.
id: example
title: Example answer on applications
type: substantive
description: How applications are handled, and how many were received.
topics: [applications]
keywords: [applications]
blocks:
  # Each block is templates/blocks/<name>.md.j2 and writes one paragraph; `addresses`
  # lists words marking the question parts that paragraph answers.
  - name: example
    addresses: [steps, how many, applications]
"""

BLOCK = """\
{#- One paragraph. Facts are read only through fact("id"): each one read is recorded in
    the draft, so every figure can be traced to its source. -#}
{% set latest = fact("example.applications").latest %}
{{ fact("example.policy").text }}
In {{ latest | fy }}, {{ latest.value | number }} applications were received. The figures
are published at {{ latest.source.url | link }}.
"""

DECLARATION = """\
# What the `example` block answers. Without --template, drafter composes each answer from the
# blocks whose declarations fit the question's parts best; a part that none fits is marked
# for you to complete. `drafter suggest` shows the scores.
role: figures          # responsibility, duties, figures, not-held or action: the house order
intents: [figures, steps]
answers:               # questions the paragraph answers, in your own words
  - how many applications were received
  - what steps are being taken to process applications
facts: [example.policy, example.applications]
"""

COMPOSE = """\
# Shared by every block when composing. `requires`: words one of which a question must use
# before any block answers it. `thesaurus`: words that mean the same, first word first.
requires: []
thesaurus:
  - [applications, claims]
"""

QUESTION = """\
# An example written question. Draft an answer to it with:
#   drafter draft questions/example.yaml
# (drafter composes the answer part by part from the blocks that fit: see
# `drafter suggest questions/example.yaml`.)
uin: "1234"
house: Commons
asking_member: Example Member
answering_body: Example Department
heading: Applications
date_tabled: 2026-11-02
date_for_answer: 2026-11-05
text: >-
  To ask the Secretary of State for Example Affairs, what steps her Department is taking to
  process applications; and how many applications were received in the last year.
"""

GROUPED = """\
# A question answered together with another (`--type grouped`): list the others' UINs.
uin: "1236"
house: Commons
asking_member: Another Example MP
answering_body: Example Department
heading: Applications
date_tabled: 2026-11-02
date_for_answer: 2026-11-05
grouped:
  - uin: "1234"
    date_tabled: 2026-11-02
text: >-
  To ask the Secretary of State for Example Affairs, how many applications her Department
  received in the last year.
"""

EARLIER = (
    json.dumps(
        {
            "value": {
                "uin": "987",
                "house": "Commons",
                "askingMemberId": 1,
                "answeringBodyName": "Example Department",
                "heading": "Applications",
                "dateTabled": "2026-09-01T00:00:00",
                "dateAnswered": "2026-09-08T00:00:00",
                "questionText": "To ask the Secretary of State for Example Affairs, how many "
                "applications were received in the last year; and what steps her Department "
                "is taking to process applications.",
                "answerText": "<p>Applications are processed in the order they are received. "
                "In 2025/26, 1,250 applications were received.</p>",
            }
        },
        indent=2,
    )
    + "\n"
)
"""An answer Parliament has published, as its API gives it: import it into the archive
(`drafter archive import questions/earlier-answer.json`) to try `--type referral`."""

CORRECTION = """\
# An answer already given, with a wrong figure (1,150 where the statistics say 1,250).
# `drafter draft questions/correction.yaml --type correction` corrects only that figure.
uin: "987"
house: Commons
asking_member: Example Member
answering_body: Example Department
heading: Applications
date_tabled: 2026-09-01
date_answered: 2026-09-08
text: >-
  To ask the Secretary of State for Example Affairs, how many applications were received in
  the last year; and what steps her Department is taking to process applications.
original_answer_text: >-
  Applications are processed in the order they are received, and every applicant is told the
  outcome in writing. In 2025/26, 1,150 applications were received.
"""

STARTER_FILES = {
    "drafter.yaml": CONFIG,
    "facts/example.yaml": FACTS,
    "templates/example.yaml": TEMPLATE,
    "templates/blocks/example.md.j2": BLOCK,
    "templates/blocks/example.yaml": DECLARATION,
    "templates/compose.yaml": COMPOSE,
    "questions/example.yaml": QUESTION,
    "questions/grouped.yaml": GROUPED,
    "questions/earlier-answer.json": EARLIER,
    "questions/correction.yaml": CORRECTION,
}
"""Each starter file's path inside the workspace, and its text."""

FORMS = Path(__file__).parent / "starter"
"""The answer forms and PQ-process facts, as bundled in templates/ and facts/."""


def starter_forms() -> dict[str, str]:
    """The answer-form files a workspace starts with, by path inside the workspace."""
    return {
        path.relative_to(FORMS).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(FORMS.rglob("*"))
        if path.is_file()
    }


def scaffold(directory: Path, *, force: bool = False) -> list[Path]:
    """Write the starter files into `directory`; return their paths.

    Raises:
        DrafterError: the folder exists and is not empty, and `force` was not given.
    """
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise DrafterError(
            "folder is not empty: use --force to add the starter files", Location(directory)
        )
    written = []
    for name, text in {**STARTER_FILES, **starter_forms()}.items():
        path = directory / name
        write_atomic(path, text, force=force)
        written.append(path)
    return written
