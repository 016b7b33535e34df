"""Property tests for the readers: questions (YAML, API JSON, text) and the fact base loader.

Whatever the bytes, a reader gives a value or one of drafter's own errors, and what it gives
holds only characters every writer can store (the character policy of drafter.chars).
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from drafter.errors import DrafterError, QuestionError
from drafter.facts.load import check_fact_base, load_fact_base
from drafter.intake import Intake, questions_in, read_questions
from tests.hostile_text import intake_text, one_line, raw_text

# What the character policy removes: any of it left in a reader's output is a defect.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def assert_clean(value: object) -> None:
    """Every string in the value (however nested) holds only characters XML can hold."""
    if isinstance(value, str):
        assert not XML_ILLEGAL.search(value), repr(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            assert_clean(key)
            assert_clean(item)
    elif isinstance(value, list | tuple):
        for item in value:
            assert_clean(item)
    elif hasattr(value, "__dataclass_fields__"):
        assert_clean(list(vars(value).values()))


def read_or_refuse(text: str, name: str) -> list[Intake]:
    """The questions in `text`, read as file `name`; [] when drafter refuses it properly."""
    try:
        intakes = questions_in(text, Path(name))
    except QuestionError as error:
        assert error.location is not None and error.location.path == Path(name)
        assert "\n" not in str(error).strip()
        return []
    for intake in intakes:
        assert_clean(intake.question)
        assert intake.question.text  # parts may be none: `,,,` asks nothing (drafting says so)
    return intakes


# Questions as plain text --------------------------------------------------------------------


@given(raw_text())
@example("To ask \x0b\x0c (a) x\ud800")
@example("," * 5000)
def test_any_text_reads_as_a_question_or_a_one_line_error(text: str) -> None:
    intakes = read_or_refuse(text, "q.txt")
    if one_line(text.replace("\x0b", " ").replace("\x0c", " ")):
        assert len(intakes) == 1 or not one_line(XML_ILLEGAL.sub("", text))


@given(raw_text())
def test_any_bytes_in_a_question_file(text: str) -> None:
    # Lone surrogates encode as invalid UTF-8: what a damaged file holds.
    data = text.encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "q"
        path.write_bytes(data)
        try:
            intakes = read_questions(path)
        except QuestionError as error:
            assert error.location is not None and error.location.path == path
            return
    for intake in intakes:
        assert_clean(intake.question)


# Questions as YAML records --------------------------------------------------------------------

dates = st.one_of(st.dates(date(1990, 1, 1), date(2040, 12, 31)), st.text(max_size=12))
question_record = st.fixed_dictionaries(
    {"text": raw_text(1)},
    optional={
        "uin": st.one_of(st.integers(0, 10**6), raw_text(0, 2)),
        "heading": raw_text(0, 6),
        "house": st.sampled_from(["Commons", "Lords", "commons", ""]),
        "asking_member": raw_text(0, 4),
        "answering_body": raw_text(0, 4),
        "date_tabled": dates,
        "date_for_answer": dates,
        "named_day": st.one_of(st.booleans(), st.just("yes")),
        "grouped": st.lists(st.one_of(st.integers(1, 99999), st.text(max_size=5)), max_size=3),
    },
)


def dump_yaml(data: object, unicode: bool) -> str | None:
    """The YAML a user (or another program) might write; None where PyYAML cannot write it."""
    try:
        return yaml.safe_dump(data, allow_unicode=unicode, sort_keys=False)
    except yaml.YAMLError:
        return None


@given(st.one_of(question_record, st.lists(question_record, max_size=3)), st.booleans())
@example({"text": "To ask \x01 whether \ufffe (a) x \x0b"}, False)
def test_any_question_record_in_yaml(data: Any, unicode: bool) -> None:
    text = dump_yaml(data, unicode)
    if text is not None:
        read_or_refuse(text, "q.yaml")


@given(raw_text(0, 80))
def test_any_text_read_as_yaml(text: str) -> None:
    read_or_refuse(text, "q.yaml")


# Questions as Parliament API JSON ----------------------------------------------------------------

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), raw_text(0, 3)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(raw_text(0, 1), inner, max_size=4)
    ),
    max_leaves=12,
)
api_value = st.fixed_dictionaries(
    {"uin": st.one_of(st.integers(1, 10**6), raw_text(1, 2)), "questionText": raw_text(1)},
    optional={
        "heading": raw_text(0, 6),
        "house": st.one_of(st.sampled_from(["Commons", "Lords"]), st.integers(0, 3)),
        "askingMember": st.one_of(st.none(), st.fixed_dictionaries({"name": raw_text(0, 3)})),
        "answeringBodyName": raw_text(0, 4),
        "dateTabled": st.one_of(st.just("2025-03-11T00:00:00"), st.text(max_size=20)),
        "dateAnswered": st.one_of(st.none(), st.just("2025-03-20T00:00:00")),
        "answerText": st.one_of(st.none(), raw_text(0, 30).map(lambda t: f"<p>{t}</p>")),
        "isNamedDay": st.one_of(st.booleans(), st.none(), st.just(1)),
        "groupedQuestions": st.lists(st.one_of(st.integers(1, 99999), raw_text(0, 1)), max_size=3),
        "extra": json_values,
    },
)
api_document = st.one_of(
    api_value,
    st.builds(lambda value: {"value": value}, api_value),
    st.builds(lambda values: {"results": [{"value": v} for v in values]}, st.lists(api_value)),
    json_values,
)


@given(api_document, st.booleans())
@example({"value": {"uin": "1", "questionText": "To ask \ud800 (a) x \udfff"}}, True)
def test_any_api_json(document: Any, ascii_only: bool) -> None:
    try:
        text = json.dumps(document, ensure_ascii=ascii_only)
    except ValueError:
        return  # NaN and friends: json.dumps writes them, but allow_nan is on by default
    read_or_refuse(text, "q.json")


# The fact base -----------------------------------------------------------------------------------

slug = st.from_regex(r"[a-z][a-z0-9]{0,8}(\.[a-z0-9]{1,6}){0,2}", fullmatch=True)
source_record = st.fixed_dictionaries(
    {
        "id": slug,
        "title": intake_text(1, 8).map(one_line).filter(bool),
        "publisher": intake_text(1, 3).map(one_line).filter(bool),
        "url": st.sampled_from(["https://www.gov.uk/x", "https://example.org/a?b=c&d"]),
        "published": st.sampled_from(["2024-11", "2025-03-20"]),
    }
)
line_fact = st.fixed_dictionaries(
    {
        "id": slug,
        "kind": st.just("line"),
        "text": intake_text(1, 30).map(one_line).filter(bool),
        "review_by": st.dates(date(2020, 1, 1), date(2030, 1, 1)),
        "topics": st.lists(
            st.sampled_from(["police", "misconduct", "vetting"]),
            min_size=1,
            max_size=2,
            unique=True,
        ),
    }
)


@st.composite
def fact_file(draw: st.DrawFn) -> dict[str, Any]:
    """A valid fact file: sources, and line facts each citing one of them."""
    sources = draw(st.lists(source_record, min_size=1, max_size=3, unique_by=lambda s: s["id"]))
    facts = draw(st.lists(line_fact, min_size=1, max_size=4, unique_by=lambda f: f["id"]))
    ids = [source["id"] for source in sources]
    for fact in facts:
        fact["source"] = draw(st.sampled_from(ids))
    used = {fact["source"] for fact in facts}
    return {"sources": [s for s in sources if s["id"] in used], "facts": facts}


@given(fact_file(), st.booleans())
def test_a_valid_fact_file_loads_with_its_words(data: dict[str, Any], unicode: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "f.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=unicode), encoding="utf-8"
        )
        base = load_fact_base(Path(folder))
    for record in data["facts"]:
        assert base.facts[record["id"]].text == record["text"]
    for record in data["sources"]:
        assert base.sources[record["id"]].title == record["title"]


@st.composite
def broken_fact_file(draw: st.DrawFn) -> bytes:
    """A valid fact file with hostile text spliced in, bytes cut out, or lines shuffled."""
    text = yaml.safe_dump(draw(fact_file()), allow_unicode=True)
    data = text.encode("utf-8")
    where = draw(st.integers(0, len(data)))
    damage = draw(st.sampled_from(["insert", "cut", "shuffle", "escape"]))
    if damage == "insert":
        junk = draw(raw_text(1, 4)).encode("utf-8", "surrogatepass")
        return data[:where] + junk + data[where:]
    if damage == "cut":
        return data[:where] + data[where + draw(st.integers(1, 40)) :]
    if damage == "escape":  # a double-quoted YAML escape for a character no document can hold
        escape = draw(st.sampled_from(["\\x01", "\\x0b", "\\uFFFE", "\\ud800", "\\0"]))
        return data.replace(b"text: ", f'text: "{escape}" #'.encode(), 1)
    lines = data.splitlines(keepends=True)
    return b"".join(draw(st.permutations(lines)))


@given(broken_fact_file())
@example(b'facts:\n- id: a\n  kind: line\n  text: "x\\x01y"\n')
def test_a_broken_fact_file_is_an_error_with_its_place(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.yaml"
        path.write_bytes(data)
        base, problems = check_fact_base(Path(folder))
        try:
            load_fact_base(Path(folder))
        except DrafterError as error:
            assert str(error)
    for problem in problems:
        assert problem.location.path == path, str(problem)
        assert "\n" not in problem.message
        # file:line, or for bytes that are not text, the byte offset
        assert problem.location.line or "byte offset" in problem.message, str(problem)
    if base is not None:
        assert_clean([*base.facts.values(), *base.sources.values()])
