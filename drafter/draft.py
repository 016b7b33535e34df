"""The Draft: an answer with its provenance; its canonical form is Markdown with front matter.

Every exporter, every review command and the archive read a Draft and nothing else.
"""

from __future__ import annotations

import functools
import re
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args, get_origin, get_type_hints

from drafter.chars import safe_strings
from drafter.errors import DraftError, Location
from drafter.facts.period import published_long
from drafter.inputfile import read_text

SOURCES_HEADING = "## Sources"
GAP_BLOCK = "gap"
"""The `block` of a paragraph that marks a question part no block answers (`Gap`)."""
GAP_MARKER = "[To complete:"
"""How that paragraph begins, so that `drafter check` finds it even after a hand edit."""
FORM_FACT_PREFIX = "pq."
"""Facts whose ids start so word the answer forms (holding, cost refusal...), not a topic."""
_FRONT_MATTER = re.compile(r"\A---\n(?:(.*?)\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
# Paragraphs break at blank lines and lines unwrap at ASCII whitespace only: str.split() and
# `\s` would also take U+0085, U+2028 and U+2029, which are the text's own characters.
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_ASCII_SPACE = re.compile(r"[ \t\r\n]+")
_YAML_BREAKS = frozenset("\x85\u2028\u2029")
"""Characters PyYAML folds to a space in a quoted scalar unless it escapes them."""

if TYPE_CHECKING:
    from yaml import Node


@dataclass(frozen=True)
class FactUse:
    """One fact a draft read, as it stood when the draft was made."""

    id: str
    kind: str
    source: str
    """The source id cited for what was read (the period's edition for a statistic)."""
    digest: str
    """Short sha256 of the fact's content: a changed fact has a changed digest."""
    period: str = ""
    """For a statistic: the period the draft used."""
    value: str = ""
    """Figures used, as rendered, e.g. `police officers 66; police staff 37`."""
    verified: bool = True
    in_force_from: str = ""
    """For a value in force from a date (a policy's, or a line's wording): its `from` (ISO)."""
    in_force_until: str = ""
    """Its `until` (ISO), when the fact base gives one."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the answer and where it came from."""

    text: str
    """Markdown: plain sentences, with links as `<https://...>` autolinks."""
    block: str = ""
    """The template block that wrote it; empty for text written by hand."""
    parts: tuple[str, ...] = ()
    """Labels of the question parts it answers (see `QuestionPart.label`)."""
    facts: tuple[str, ...] = ()
    """Ids of the facts it read, in the order it read them."""

    @property
    def is_gap(self) -> bool:
        """True for the marker of a part that no block answers."""
        return self.block == GAP_BLOCK


@dataclass(frozen=True)
class Precedent:
    """An earlier answer that bears on a question part: where to look when filling a gap."""

    uin: str
    date: str
    """The date it was answered (ISO), or tabled when the archive has no answer date."""
    sentence: str
    """The sentence of that answer that bears most on the part."""


@dataclass(frozen=True)
class Gap:
    """A question part that no block answers: the officer must complete it by hand."""

    part: str
    """The part's label, e.g. `1(b)`."""
    text: str
    """The part's words, with its clause's shared stem."""
    reason: str = ""
    """Why nothing answers it, when that is more than the fact base lacking the facts."""
    closest_facts: tuple[str, ...] = ()
    """Ids of the facts nearest to the part, to start from."""
    earlier_answers: tuple[Precedent, ...] = ()


@dataclass(frozen=True)
class CitedSource:
    """A source as the draft lists it under Sources."""

    id: str
    title: str
    publisher: str
    url: str
    published: str = ""


@dataclass(frozen=True)
class Draft:
    """A draft answer: the question, the paragraphs, and everything that backs them."""

    question: dict[str, Any]
    """The question as `question.question_to_record` writes it (re-read with intake)."""
    template: str
    paragraphs: tuple[Paragraph, ...]
    facts: tuple[FactUse, ...] = ()
    sources: tuple[CitedSource, ...] = ()
    background: tuple[str, ...] = ()
    """Notes for the official and the minister (unverified figures, reviews due); never sent."""
    gaps: tuple[Gap, ...] = ()
    """The question parts left for the officer; each has a marker paragraph in the answer."""
    answer_type: str = "substantive"
    fact_base_digest: str = ""
    drafter_version: str = ""
    as_of: date | None = None
    """The drafting date: facts published or in force by then were used."""
    date: date | None = None
    """Only set when the user asks for a date: same inputs give the same bytes."""
    path: Path | None = field(default=None, compare=False)

    @property
    def has_provenance(self) -> bool:
        """False for a draft written or edited by hand with no front matter left."""
        return bool(self.template)

    @property
    def gives_information(self) -> bool:
        """True when a paragraph states a fact beyond the answer forms' own wording.

        A refusal on grounds of cost must still give what is readily available.
        """
        return any(
            not fact_id.startswith(FORM_FACT_PREFIX)
            for paragraph in self.paragraphs
            for fact_id in paragraph.facts
        )

    @property
    def answer(self) -> str:
        """The answer's Markdown: paragraphs separated by blank lines."""
        return "\n\n".join(paragraph.text for paragraph in self.paragraphs)


def write_markdown(draft: Draft) -> str:
    """The draft as Markdown with YAML front matter: the canonical, diffable form."""
    # Deferred with the other heavy imports (yamlwrite imports PyYAML), for a fast `--help`.
    from drafter import yamlwrite

    draft = safe_strings(draft)
    front = yamlwrite.dump(
        _front_matter(draft),
        _front_matter_dumper(),
        _needs_quotes,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    sources = "\n".join(_source_line(source) for source in draft.sources)
    body = draft.answer + (f"\n\n{SOURCES_HEADING}\n\n{sources}" if sources else "")
    return f"---\n{front}---\n\n{body}\n"


@functools.cache
def _front_matter_dumper() -> type[Any]:
    """A safe dumper that writes text holding U+0085, U+2028 or U+2029 double-quoted.

    PyYAML writes those characters raw in a single-quoted scalar and reads them back as
    spaces; double quotes escape them, so they come back as they went.
    """
    import yaml

    # libyaml's emitter when PyYAML has it: the same text (tests/test_draft.py checks) in a
    # seventh of the time of the pure-Python one.
    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = '"' if _needs_quotes(value) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper


def _needs_quotes(value: str) -> bool:
    """Whether PyYAML would read the text back changed unless it is double-quoted."""
    return not _YAML_BREAKS.isdisjoint(value)


def _source_line(source: CitedSource) -> str:
    published = f", {published_long(source.published)}" if source.published else ""
    return f"- {source.title}, {source.publisher}{published}: <{source.url}>"


def _front_matter(draft: Draft) -> dict[str, Any]:
    return {
        "drafter": draft.drafter_version,
        "template": draft.template,
        "type": draft.answer_type,
        "fact_base": draft.fact_base_digest,
        **({"date": draft.date.isoformat()} if draft.date else {}),
        **({"as_of": draft.as_of.isoformat()} if draft.as_of else {}),
        "question": draft.question,
        "paragraphs": [
            {"block": p.block, "parts": list(p.parts), "facts": list(p.facts)}
            for p in draft.paragraphs
        ],
        "facts": [_compact(vars(use), FactUse) for use in draft.facts],
        "sources": [_compact(vars(source), CitedSource) for source in draft.sources],
        "gaps": [_gap_record(gap) for gap in draft.gaps],
        "background": list(draft.background),
    }


def _gap_record(gap: Gap) -> dict[str, Any]:
    record = _compact(vars(gap), Gap)
    return {
        **record,
        "closest_facts": list(gap.closest_facts),
        "earlier_answers": [vars(answer) for answer in gap.earlier_answers],
    }


def _compact(record: dict[str, Any], cls: type[Any]) -> dict[str, Any]:
    """Drop fields still at their default, so front matter stays short and stable."""
    defaults = {spec.name: spec.default for spec in fields(cls)}
    return {key: value for key, value in record.items() if value != defaults.get(key, object())}


def read_draft(path: Path) -> Draft:
    """Read a drafter `.md` (or any Markdown or text file) back into a Draft.

    A file without front matter reads as a draft without provenance.

    Raises:
        DraftError: the file cannot be read, or its front matter is not a drafter's.
    """
    return parse_markdown(read_text(path, "draft", DraftError), path)


def parse_markdown(text: str, path: Path) -> Draft:
    """Parse a draft's Markdown; see `read_draft`."""
    text = text.replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---\n"):
            raise DraftError("front matter has no closing '---'", Location(path, 1))
        return Draft(
            {}, "", tuple(Paragraph(chunk) for chunk in _split_paragraphs(text)), path=path
        )
    front = _load_front_matter(match[1] or "", path)
    texts = _split_paragraphs(_answer_part(text[match.end() :], bool(front.get("sources"))))
    try:
        return Draft(
            question=dict(front.get("question") or {}),
            template=str(front.get("template") or ""),
            paragraphs=_with_provenance(texts, front.get("paragraphs") or []),
            facts=tuple(FactUse(**use) for use in front.get("facts") or []),
            sources=tuple(CitedSource(**source) for source in front.get("sources") or []),
            background=tuple(str(note) for note in front.get("background") or []),
            gaps=tuple(_gap(record) for record in front.get("gaps") or []),
            answer_type=str(front.get("type") or "substantive"),
            fact_base_digest=str(front.get("fact_base") or ""),
            drafter_version=str(front.get("drafter") or ""),
            date=_as_date(front.get("date")),
            as_of=_as_date(front.get("as_of")),
            path=path,
        )
    except (TypeError, ValueError, AttributeError) as error:
        raise DraftError(
            f"front matter is not a drafter draft's: {error}", Location(path, 1)
        ) from error


def _load_front_matter(text: str, path: Path) -> dict[str, Any]:
    import yaml

    try:
        node, front = _parsed_front_matter(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise DraftError(
            f"corrupted front matter: {problem}", Location(path, _line(mark))
        ) from error
    except RecursionError:  # `[[[[...` thousands deep: PyYAML composes recursively
        raise DraftError("corrupted front matter: nested too deeply", Location(path, 2)) from None
    if not isinstance(front, dict) or node is None:
        raise DraftError("corrupted front matter: expected a mapping", Location(path, 2))
    problem = _shape_problem(front)
    if problem:
        where, message = problem
        raise DraftError(
            f"corrupted front matter: {message}", Location(path, _line(_mark(node, where)))
        )
    return front


def _parsed_front_matter(text: str) -> tuple[Any, Any]:
    """The front matter's node and value; a fault is worded as the Python parser words it."""
    import yaml

    try:
        return _parsed(text, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:  # libyaml words its errors differently
        return _parsed(text, yaml.SafeLoader)


def _parsed(text: str, loader_class: Any) -> tuple[Any, Any]:
    """The front matter's node (for line numbers) and its value, read by `loader_class`.

    libyaml's parser (CSafeLoader), when PyYAML has it, is eight times the Python one's speed,
    and a batch redraft or `drafts outdated` reads every draft in a folder.
    """
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node else None)
    finally:
        loader.dispose()


_RECORDS: dict[str, tuple[type[Any], frozenset[str]]] = {
    "paragraphs": (Paragraph, frozenset({"text"})),  # a paragraph's text is in the body
    "facts": (FactUse, frozenset()),
    "sources": (CitedSource, frozenset()),
    "gaps": (Gap, frozenset()),
}
_KINDS = {
    str: "text",
    bool: "true or false",
    tuple[str, ...]: "a list of text",
    tuple[Precedent, ...]: "a list of earlier answers (uin, date, sentence)",
}


def _shape_problem(front: dict[str, Any]) -> tuple[tuple[str | int, ...], str] | None:
    """Where in the front matter, and what, is the first badly shaped record; None if none is."""
    for key, (cls, derived) in _RECORDS.items():
        records = front.get(key) or []
        if not isinstance(records, list):
            return (key,), f"'{key}' must be a list"
        for index, record in enumerate(records):
            problem = _record_problem(record, cls, derived)
            if problem:
                name, message = problem
                return (key, index, *name), f"{key}[{index}]{message}"
    return None


def _record_problem(
    record: object, cls: type[Any], derived: frozenset[str]
) -> tuple[tuple[str, ...], str] | None:
    """What is wrong with one record, by its dataclass: unknown key, wrong type, missing field."""
    if not isinstance(record, dict):
        return (), " must be a mapping"
    hints, required = _record_shape(cls, derived)
    for name, value in record.items():
        if name not in hints:
            return (name,), f": unknown key {name!r}"
        if not _fits(value, hints[name]):
            return (name,), f": {name!r} must be {_KINDS[hints[name]]}, not {value!r}"
    missing = [name for name in required if name not in record]
    return ((), f": {missing[0]!r} is missing") if missing else None


_Shape = tuple[dict[str, Any], list[str]]
_SHAPES: dict[tuple[type[Any], frozenset[str]], _Shape] = {}


def _record_shape(cls: type[Any], derived: frozenset[str]) -> _Shape:
    """The type of each field a record may hold, and the fields it must: worked out once."""
    if (shape := _SHAPES.get((cls, derived))) is None:
        hints = get_type_hints(cls)
        specs = [spec for spec in fields(cls) if spec.name not in derived]
        required = [spec.name for spec in specs if spec.default is MISSING]
        shape = _SHAPES[cls, derived] = {spec.name: hints[spec.name] for spec in specs}, required
    return shape


def _fits(value: object, kind: Any) -> bool:
    if get_origin(kind) is tuple:  # tuple[X, ...]: a YAML list of X
        item = get_args(kind)[0]
        return isinstance(value, list) and all(_fits(each, item) for each in value)
    if isinstance(kind, type) and is_dataclass(kind):  # a nested record: a gap's earlier answers
        return isinstance(value, dict) and _record_problem(value, kind, frozenset()) is None
    return isinstance(value, kind)


def _mark(node: Node, where: tuple[str | int, ...]) -> Any:
    """The YAML position of the value at `where` (keys and list indexes) in the composed node."""
    import yaml

    for step in where:
        if isinstance(node, yaml.SequenceNode):
            node = node.value[int(step)]
        else:
            node = next(value for key, value in node.value if key.value == str(step))
    return node.start_mark


def _line(mark: Any) -> int:
    return mark.line + 2 if mark else 1  # +1 for 1-based lines, +1 for the opening '---'


def _with_provenance(
    texts: tuple[str, ...], recorded: list[dict[str, Any]]
) -> tuple[Paragraph, ...]:
    """Pair body paragraphs with their provenance; after a hand edit, keep only the text."""
    if len(recorded) != len(texts):
        return tuple(Paragraph(text) for text in texts)
    return tuple(
        Paragraph(
            text,
            block=meta.get("block", ""),
            parts=tuple(meta.get("parts", ())),
            facts=tuple(meta.get("facts", ())),
        )
        for text, meta in zip(texts, recorded, strict=True)
    )


def _gap(record: dict[str, Any]) -> Gap:
    earlier = tuple(Precedent(**item) for item in record.get("earlier_answers", ()))
    return Gap(
        **{
            **record,
            "closest_facts": tuple(record.get("closest_facts", ())),
            "earlier_answers": earlier,
        }
    )


def _answer_part(body: str, has_sources: bool) -> str:
    """The body without the Sources section drafter writes last, when the draft cites any.

    The last heading is the section: a paragraph of the answer that reads `## Sources` must
    not cut off the paragraphs after it.
    """
    end = body.rfind(f"\n{SOURCES_HEADING}\n") if has_sources else -1
    return body[:end] if end >= 0 else body


def _split_paragraphs(text: str) -> tuple[str, ...]:
    chunks = (_ASCII_SPACE.sub(" ", chunk).strip(" ") for chunk in _BLANK_LINE.split(text))
    return tuple(chunk for chunk in chunks if chunk)


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
