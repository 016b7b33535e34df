"""How archive results read on a terminal and as JSON: the words `drafter archive` prints."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from drafter.archive.members import Members, member_name
from drafter.archive.record import ArchivedAnswer, is_truncated
from drafter.archive.search import SearchHit

if TYPE_CHECKING:
    # Only named in annotations: the import pipeline is not loaded to show search results.
    from drafter.archive.ingest import ImportReport

DRAFT_STATUS = "drafter's draft, not the answer given in Parliament"
CUT_SHORT = (
    "the list endpoint gives only the answer's first 255 characters ('...'): import the"
    " detail response or a longform file for the whole answer"
)


def format_report(report: ImportReport) -> str:
    """One line saying what an import did and how many questions the archive now holds."""
    files = _count(report.files, "file")
    text = (
        f"Imported {files}: {_count(report.questions, 'question')} ({report.added:,} added, "
        f"{report.updated:,} updated, {report.unchanged:,} unchanged)"
    )
    if report.full_texts:
        missing = report.full_texts - report.matched
        text += (
            f", {_count(report.full_texts, 'full text')} ({report.matched:,} matched a question,"
            f" {missing:,} not in the archive)"
        )
    return f"{text}; the archive holds {_count(report.total, 'question')}."


def format_hits(hits: Sequence[SearchHit]) -> str:
    """Each hit as four lines (date, UIN, heading; house, body, answer; snippet; URL)."""
    blocks = []
    for hit in hits:
        answer = hit.answer
        about = filter(None, (answer.house, answer.answering_body, _status(answer)))
        blocks.append(
            f"{answer.date_tabled}  {answer.uin}  {answer.heading}\n"
            f"    {' · '.join(about)}\n"
            f"    {' '.join(hit.snippet.split())}\n"
            f"    {answer.url}\n"
        )
    return "\n".join(blocks)


def scattered_note(hits: Sequence[SearchHit]) -> str:
    """A warning when no hit has the words close together, so the matches may be chance."""
    if not hits or any(hit.close for hit in hits):
        return ""
    return "note: no question has these words close together; each of these has them apart"


def format_answer(answer: ArchivedAnswer, members: Members | None = None) -> str:
    """The whole record: its details, one per line, then the question and the answer.

    Members are named from the record, else from the members file, else by their ids.
    """
    members = members or {}
    answered_by = "Drafted for" if answer.is_draft else "Answered by"
    details = {
        "UIN": answer.uin,
        "House": answer.house,
        "Heading": answer.heading,
        "Tabled": answer.date_tabled.isoformat(),
        "For answer": _dated(answer.date_for_answer, "named day" if answer.named_day else ""),
        "Asked by": member_name(members, answer.asking_member, answer.asking_member_id),
        "Answering body": answer.answering_body,
        answered_by: member_name(members, answer.answering_member, answer.answering_member_id),
        "Answered": _status(answer).removeprefix("answered ") if answer.answer_text else "",
        "Grouped with": ", ".join(_grouped(answer)),
        "Cut short": CUT_SHORT if is_truncated(answer.answer_text) else "",
        "Source": answer.source,
        "URL": answer.url,
    }
    lines = [f"{name}: {value}" for name, value in details.items() if value]
    answer_text = answer.answer_text or "(not answered)"
    label = "Draft answer" if answer.is_draft else "Answer"
    return "\n".join(lines) + f"\n\nQuestion:\n{answer.question_text}\n\n{label}:\n{answer_text}\n"


def hits_json(hits: Sequence[SearchHit]) -> str:
    """The hits as a JSON list: each record's fields, its snippet, score and URL."""
    return _dump(
        [
            {
                **answer_json(hit.answer),
                "snippet": hit.snippet,
                "score": hit.score,
                "close": hit.close,
            }
            for hit in hits
        ]
    )


def answer_json_text(answer: ArchivedAnswer) -> str:
    """The whole record as a JSON object."""
    return _dump(answer_json(answer))


def answer_json(answer: ArchivedAnswer) -> dict[str, Any]:
    """One record as JSON-ready data: ISO dates, grouped questions as objects, and its URL."""
    record: dict[str, Any] = {}
    for name, value in vars(answer).items():
        if name == "grouped":
            value = [{"uin": item.uin, "date_tabled": _iso(item.date_tabled)} for item in value]
        record[name] = _iso(value) if isinstance(value, date) else value
    return {**record, "url": answer.url}


def _status(answer: ArchivedAnswer) -> str:
    if answer.is_draft:
        return DRAFT_STATUS
    if not answer.answer_text:
        return "not answered"
    kind = "holding answer" if answer.is_holding else "answered"
    correction = " (corrected)" if answer.is_correction else ""
    return f"{kind} {_iso(answer.date_answered) or '(date unknown)'}{correction}"


def _dated(day: date | None, note: str) -> str:
    if day is None:
        return ""
    return f"{day.isoformat()} ({note})" if note else day.isoformat()


def _grouped(answer: ArchivedAnswer) -> list[str]:
    return [
        f"{item.uin} (tabled {item.date_tabled})" if item.date_tabled else item.uin
        for item in answer.grouped
    ]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
