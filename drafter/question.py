"""The written question: its model, as every intake format produces it and every stage reads it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import date
from typing import Literal

from drafter.intents import DEFAULT_INTENT, intent_of

House = Literal["Commons", "Lords"]


@dataclass(frozen=True)
class QuestionPart:
    """One part of a question, split at its (a), (b), (i), (ii) markers or at '; and'."""

    label: str
    """Where the part sits: `1(a)(i)`, `1(a)(ii)`, `1(b)`, `2`: clause number, then markers."""
    text: str
    """The part's own words, e.g. `ranks of police personnel`."""
    stem: str = ""
    """Words shared with its siblings, e.g. `whether there is a correlation between the`."""
    intent: str = field(default=DEFAULT_INTENT, compare=False)
    """What it asks for: one of `drafter.intents.INTENTS`, e.g. `figures`. Derived from the
    text and stem, so it takes no part in comparing parts."""

    @property
    def clause(self) -> str:
        """The number of its clause: `1` for `1(a)(ii)`."""
        return self.label.split("(")[0]

    @property
    def words(self) -> str:
        """The part as a reader takes it: its clause's stem, then its own words."""
        return " ".join(filter(None, [self.stem, self.text]))


@dataclass(frozen=True)
class GroupedQuestion:
    """Another question answered together with this one."""

    uin: str
    date_tabled: date | None = None
    text: str = ""
    """Its wording, when the question file gives it: the Word form shows every grouped text."""


@dataclass(frozen=True)
class Question:
    """A Parliamentary Written Question, with the department's own handling fields."""

    text: str
    """The question as tabled: `To ask the Secretary of State for ..., what ...`."""
    uin: str = ""
    """Unique only per Parliament (Commons) or session (Lords): pair it with `date_tabled`."""
    house: House = "Commons"
    asking_member: str = ""
    asking_member_id: int | None = None
    answering_body: str = ""
    heading: str = ""
    date_tabled: date | None = None
    date_for_answer: date | None = None
    named_day: bool = False
    grouped: tuple[GroupedQuestion, ...] = ()
    # Parliament's record of an answer, when intake reads an answered question.
    answer_text: str = ""
    """The published answer as plain text (HTML converted at intake)."""
    answer_html: str = ""
    date_answered: date | None = None
    answering_member: str = ""
    is_holding: bool = False
    date_holding_answer: date | None = None
    is_correction: bool = False
    date_answer_corrected: date | None = None
    original_answer_text: str = ""
    # The department's fields, which Parliament does not carry.
    minister: str = ""
    """The answering minister, as the answer will be signed."""
    policy_minister: str = ""
    internal_deadline: date | None = None
    transferred_from: str = ""
    transferred_to: str = ""
    parts: tuple[QuestionPart, ...] = field(default=())
    """Derived at intake by `split_parts`; empty only for a question with no text."""

    @property
    def member_form(self) -> str:
        """How the answer addresses the asker: `hon. Member` or `noble Lord`."""
        return "noble Lord" if self.house == "Lords" else "hon. Member"

    @property
    def url(self) -> str:
        """The question's canonical page on questions-statements.parliament.uk, when known."""
        return question_url(self.uin, self.date_tabled) if self.uin and self.date_tabled else ""


def question_url(uin: str, date_tabled: date) -> str:
    """A written question's page: a UIN names a question only with the date it was tabled."""
    return (
        "https://questions-statements.parliament.uk/written-questions/detail/"
        f"{date_tabled.isoformat()}/{uin}"
    )


def question_to_record(question: Question) -> dict[str, object]:
    """The question as plain YAML-ready data, leaving out empty fields and the derived parts.

    This is both the question file format and the `question:` block of a draft's front
    matter, so a draft can be re-drafted from itself.
    """
    record: dict[str, object] = {}
    for name, default in _DEFAULTS.items():
        value = getattr(question, name)
        if value in (default, ()) or name == "parts":
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif name == "grouped":
            value = [_grouped_record(item) for item in value]
        record[name] = value
    return record


def draft_question_record(question: Question) -> dict[str, object]:
    """The `question:` block of a draft's front matter: the record, and its parts as read.

    Intake reads the parts back as derived (it splits the text again), so a draft can still
    be re-drafted from itself.
    """
    parts = [
        {"id": part.label, "text": part.words, "intent": part.intent} for part in question.parts
    ]
    return {**question_to_record(question), "parts": parts}


def _grouped_record(item: GroupedQuestion) -> dict[str, object]:
    record: dict[str, object] = {"uin": item.uin}
    if item.date_tabled:
        record["date_tabled"] = item.date_tabled.isoformat()
    if item.text:
        record["text"] = item.text
    return record


_DEFAULTS: dict[str, object] = {
    spec.name: None if spec.default is MISSING else spec.default for spec in fields(Question)
}


# Splitting a question into parts. A question reads "To ask <minister>, <clause>; and
# <clause>.", and a clause lists its alternatives with (a), (b) ... markers, nested with
# (i), (ii) ... and sometimes (A), (B) ...: the parts an answer must cover.

_MARKER_RUN = re.compile(
    r"(?<!\S)(?:\((?:[a-zA-Z]|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))\))+(?=\s|$|[,;:.])"
)
"""A run of markers like `(a)` or `(a)(i)`, standing alone: not `20(2)(a)` or `(PSDs)`."""
_MARKER = re.compile(r"\(([a-zA-Z]+)\)")
_BOUNDARY = re.compile(r";\s*(?:and,?\s+)?(?:\(if so\),?\s*)?")
"""Where one clause ends and the next begins: `; `, `; and `, `; and (if so) `."""
_JOINERS = ("and/or", "and", "or")
"""Words that join a part to the next, dropped from the end of a part with `,` and `;`."""
_TOKEN = re.compile(r"\S+\s*")
_PREAMBLE_WORDS = frozenset({"the", "for", "of", "and", "on", "behalf", "hon.", "right"})
"""Lower-case words found inside `To ask the Secretary of State for ...`."""
_QUESTION_WORDS = frozenset(
    {"what", "how", "whether", "if", "when", "which", "who", "why", "where", "for", "with"}
    | {"further", "pursuant", "in", "to", "will", "does", "is", "has", "are"}
)
"""Capitalised words that begin the question after the comma, as in `..., What steps`."""

_MAX_DEPTH = 6
"""Nesting levels a clause may have: (a), (i), (A) and restarted lists, with room to spare.
A marker deeper than this reads as words: each level repeats its stem, so depth costs."""

_MarkerKind = Literal["letter", "roman", "upper"]
_FIRST_MARKERS: dict[_MarkerKind, str] = {"letter": "a", "roman": "i", "upper": "A"}


@dataclass(frozen=True)
class _Marker:
    name: str
    """The marker without brackets: `a`, `ii`, `B`."""
    kind: _MarkerKind
    start: int
    end: int
    depth: int = 0
    """Nesting level within its clause: the order its kind first appears there."""


def split_parts(text: str) -> tuple[QuestionPart, ...]:
    """Split a question into its parts at `; and` between clauses and at (a), (i) markers.

    Parts are the leaves of the nesting: for `... between the (a) (i) roles and (ii) ranks
    of police personnel and (b) likelihood ...; and what steps ...` they are `1(a)(i)`,
    `1(a)(ii)`, `1(b)` and `2`. A part's stem is the words its clause shares before the
    first marker, then the words of any enclosing marker (`(b) diagnosis of (i) ...`).
    Nesting follows the order in which each kind of marker first appears in the clause.
    """
    body = _question_body(text)
    spans = _clause_spans(body, _markers(body))
    clauses = filter(None, (_clean(body[start:end]) for start, end in spans))
    return tuple(
        part for number, clause in enumerate(clauses, 1) for part in _clause_parts(clause, number)
    )


def _question_body(text: str) -> str:
    """The question without its `To ask ...,` preamble, its full stop or extra spaces."""
    body = " ".join(text.split())
    start = 0
    while after := _preamble_end(body, start):  # some repeat `To ask ...,` by mistake
        start = after
    body = body[start:]
    if body.endswith((".", "?")) and not body.endswith(".."):
        body = body[:-1]
    return body


def _preamble_end(text: str, at: int = 0) -> int:
    """Where the question proper starts after `To ask the Secretary of State for ...,`.

    Department names may hold commas (`Environment, Food and Rural Affairs,`) and Lords
    questions have none (`To ask His Majesty's Government what ...`), so read word by word.
    """
    if not text.startswith("To ask ", at):
        return 0
    after_comma = False
    for count, token in enumerate(_TOKEN.finditer(text, at + len("To ask "))):
        word = token.group().strip()
        if count > 25:
            break
        if _starts_question(word, after_comma):
            return token.start()
        after_comma = word.endswith((",", ";"))
    return 0


def _starts_question(word: str, after_comma: bool) -> bool:
    capitalised = word[0].isupper()
    if after_comma:
        return not capitalised or word.lower().rstrip(",") in _QUESTION_WORDS
    return not capitalised and word.rstrip(",;") not in _PREAMBLE_WORDS


def _markers(text: str) -> list[_Marker]:
    """Every marker in the text; `(i)` after `(h)` is a letter, elsewhere a numeral."""
    markers: list[_Marker] = []
    previous_letter = ""
    brackets = _Brackets(text)
    for run in _MARKER_RUN.finditer(text):
        if brackets.depth(run.start()):
            continue
        for match in _MARKER.finditer(run.group()):
            name = match.group(1)
            kind = _marker_kind(name, previous_letter)
            previous_letter = name if kind == "letter" else previous_letter
            start = run.start() + match.start()
            markers.append(_Marker(name, kind, start, start + len(match.group())))
    return markers


class _Brackets:
    """How many brackets, round or square, are open at points taken in order along a text.

    Counting from where the last question stopped keeps a question of thousands of parts
    linear: counting from the start each time made it quadratic.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._at = 0
        self._open = 0

    def depth(self, at: int) -> int:
        """Brackets open at `at`, which is no earlier than the last point asked about."""
        text, start = self._text, self._at
        self._open += text.count("(", start, at) + text.count("[", start, at)
        self._open -= text.count(")", start, at) + text.count("]", start, at)
        self._at = at
        return self._open


def _marker_kind(name: str, previous_letter: str) -> _MarkerKind:
    if name.isupper():
        return "upper"
    follows = bool(previous_letter) and ord(name[0]) == ord(previous_letter) + 1
    if len(name) == 1 and (name not in "ivx" or follows):
        return "letter"
    return "roman"


def _clause_spans(body: str, markers: list[_Marker]) -> list[tuple[int, int]]:
    """Spans of the clauses, split at top-level semicolons.

    A semicolon inside brackets, or one that only separates items of a list already
    running in the clause (`(a) 2021/22; (b) 2022/23`), does not end the clause.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    brackets = _Brackets(body)
    kind_at = {marker.start: marker.kind for marker in markers}
    kinds: set[_MarkerKind] = set()  # of the markers so far in the current clause
    pending = iter(markers)
    upcoming = next(pending, None)
    for boundary in _BOUNDARY.finditer(body):
        while upcoming is not None and upcoming.start < boundary.end():
            kinds.add(upcoming.kind)
            upcoming = next(pending, None)
        inside = brackets.depth(boundary.start()) > 0
        if inside or kind_at.get(boundary.end()) in kinds:
            continue
        spans.append((start, boundary.start()))
        start = boundary.end()
        kinds = set()
    spans.append((start, len(body)))
    return spans


def _clause_parts(clause: str, number: int) -> Iterator[QuestionPart]:
    markers = _nested(_markers(clause))
    if not markers:
        yield QuestionPart(str(number), clause, intent=intent_of(clause))
        return
    texts = [_clean(clause[m.end : n.start]) for m, n in zip(markers, markers[1:], strict=False)]
    texts.append(_clean(clause[markers[-1].end :]))
    stem = _clean(clause[: markers[0].start])
    yield from _leaves(list(zip(markers, texts, strict=True)), str(number), stem)


def _nested(markers: list[_Marker]) -> list[_Marker]:
    """Give each marker its depth: kinds nest in the order they first appear.

    A list that starts again, as in `(a) cash and (b) banking in (a) Gosport and (b)
    England`, nests one level deeper, so that every label stays unique.
    """
    levels: dict[tuple[_MarkerKind, int], int] = {}
    restarts: dict[_MarkerKind, int] = {}
    nested: list[_Marker] = []
    for marker in markers:
        if marker.name == _FIRST_MARKERS[marker.kind] and marker.kind in restarts:
            restarts[marker.kind] += 1
        level = (marker.kind, restarts.setdefault(marker.kind, 0))
        depth = levels.setdefault(level, len(levels))
        if depth < _MAX_DEPTH:
            nested.append(replace(marker, depth=depth))
    return nested


def _leaves(items: list[tuple[_Marker, str]], label: str, stem: str) -> Iterator[QuestionPart]:
    """The parts under one level of markers; a marker with markers inside lends them its words."""
    top = items[0][0].depth
    heads = [index for index, (marker, _) in enumerate(items) if marker.depth <= top]
    for head, end in zip(heads, [*heads[1:], len(items)], strict=True):
        marker, text = items[head]
        head_label = f"{label}({marker.name})"
        if end - head > 1:
            yield from _leaves(
                items[head + 1 : end], head_label, " ".join(filter(None, [stem, text]))
            )
        else:
            yield QuestionPart(head_label, text, stem, intent_of(text, stem))


def _clean(text: str) -> str:
    """Words without the joining `and`, `or`, commas and spaces around them.

    Read from the end, a character at a time: a regular expression anchored at the end
    retried from every start, quadratic on a pasted run of `, , , ...`.
    """
    end = len(text)
    while end:
        if text[end - 1].isspace() or text[end - 1] in ",;":
            end -= 1
            continue
        joiner = next((word for word in _JOINERS if _ends_with_word(text, end, word)), "")
        if not joiner:
            break
        end -= len(joiner)
    return text[:end].strip()


def _ends_with_word(text: str, end: int, word: str) -> bool:
    """Whether `text[:end]` ends with `word` standing as a word of its own."""
    start = end - len(word)
    if start < 0 or not text.startswith(word, start):
        return False
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")
