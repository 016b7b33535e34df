"""`drafter init`: a new team's workspace, from starter text kept here as constants.

The starter fact base, template and question are small, commented, and pass `facts check`
and `drafter draft` as written, so a team can start from them and replace them.
"""

from __future__ import annotations

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

STARTER_FILES = {
    "drafter.yaml": CONFIG,
    "facts/example.yaml": FACTS,
    "templates/example.yaml": TEMPLATE,
    "templates/blocks/example.md.j2": BLOCK,
    "templates/blocks/example.yaml": DECLARATION,
    "templates/compose.yaml": COMPOSE,
    "questions/example.yaml": QUESTION,
}
"""Each starter file's path inside the workspace, and its text."""


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
    for name, text in STARTER_FILES.items():
        path = directory / name
        write_atomic(path, text, force=force)
        written.append(path)
    return written
