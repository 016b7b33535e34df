"""Reading what a form or a JSON body asks for into a DraftRequest, with one-line errors."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from drafter.errors import DrafterError
from drafter.web.drafting import NAMES, DraftRequest, archived_question, read_pasted

if TYPE_CHECKING:
    from drafter.intake import Intake
    from drafter.web.workspace import Library


class FormError(DrafterError):
    """A field the user filled in wrongly; `field` names it, so the page can point at it."""

    def __init__(self, field: str, message: str) -> None:
        """Keep the field's name beside the message."""
        super().__init__(message)
        self.field = field


def parsed_date(values: Mapping[str, object], name: str) -> date | None:
    """An optional ISO date field.

    Raises:
        FormError: the field is not a date.
    """
    text = str(values.get(name) or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FormError(name, f"'{text}' is not a date: use YYYY-MM-DD") from None


def draft_request(values: Mapping[str, object], intake: Intake) -> DraftRequest:
    """How to answer the question: answer type, template, as-of date, earlier answer."""
    return DraftRequest(
        question=intake.question,
        answer_type=str(values.get("type") or "").strip() or None,
        template_id=str(values.get("template") or "").strip() or None,
        as_of=parsed_date(values, "as_of"),
        refer_to=str(values.get("refer_to") or "").strip() or None,
    )


def api_intake(body: Mapping[str, object]) -> Intake:
    """The question in a JSON body: exactly one of `text`, `question_yaml` or `api_json`.

    `api_json` may be the API's response as text or as the parsed object.

    Raises:
        FormError: none or several given, or not text.
    """
    given = [name for name in NAMES if body.get(name)]
    if len(given) != 1:
        raise FormError("text", f"give exactly one of {', '.join(NAMES)}")
    value = body[given[0]]
    if given[0] == "api_json" and isinstance(value, dict | list):
        import json

        value = json.dumps(value)
    if not isinstance(value, str):
        raise FormError(given[0], f"'{given[0]}' must be text")
    return read_pasted(value, given[0])


def form_intake(
    library: Library, values: Mapping[str, str], upload: tuple[str, bytes] | None
) -> Intake:
    """The question in the draft form: pasted, uploaded, or taken from the archive by UIN.

    Raises:
        FormError: none given, or an upload that is not UTF-8 text.
        QuestionError, ArchiveError: the question cannot be read or found.
    """
    from drafter.intake import Intake

    text = values.get("question", "").strip()
    uin = values.get("uin", "").strip()
    if upload is not None:
        name, data = upload
        try:
            return read_pasted(data.decode("utf-8-sig"), name)
        except UnicodeDecodeError:
            raise FormError("question_file", f"{name}: not UTF-8 text") from None
    if text:
        return read_pasted(text)
    if uin:
        return Intake(archived_question(library, uin, parsed_date(values, "tabled")))
    raise FormError("question", "paste a question, upload a question file, or give a UIN")
