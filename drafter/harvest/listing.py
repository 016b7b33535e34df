"""`facts candidates`: each candidate with how often and when it was said, and its flags."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date

from drafter.facts.model import FactBase
from drafter.harvest.flags import Flag, flags
from drafter.harvest.run import answer_count


@dataclass(frozen=True)
class Row:
    """One candidate as a reviewer sees it."""

    id: str
    kind: str
    text: str
    answers: int
    """How many answers said it."""
    first_said: str
    last_said: str
    flags: tuple[Flag, ...]


def candidate_rows(candidates: FactBase, today: date) -> list[Row]:
    """The candidates in file order, each with its flags as of `today`."""
    return [
        Row(
            fact.id,
            fact.kind,
            fact.text,
            answer_count(fact),
            fact.seen_in[0].answered.isoformat() if fact.seen_in else "",
            fact.seen_in[-1].answered.isoformat() if fact.seen_in else "",
            tuple(flags(fact, today)),
        )
        for fact in candidates.facts.values()
    ]


def rows_text(rows: list[Row]) -> str:
    """A block per candidate: id and counts, the wording, then each flag and its details."""
    blocks = []
    for row in rows:
        said = f"said in {row.answers} answer(s), first {row.first_said}, last {row.last_said}"
        lines = [f"{row.id}  ({row.kind}; {said})", f"    {row.text}"]
        for flag in row.flags:
            lines.append(f"    ! {flag.kind}: {flag.message}")
            lines += [f"        {detail}" for detail in flag.details]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def rows_json(rows: list[Row]) -> str:
    """The rows as a JSON list, every field included."""
    return json.dumps([asdict(row) for row in rows], indent=2, ensure_ascii=False) + "\n"
