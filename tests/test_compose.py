"""Composition: intents, block choice per part, gaps, the drafting date, and their bad inputs."""

import json
import re
import shutil
from datetime import date
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st

from drafter.blocks import read_catalogue
from drafter.build import build_draft
from drafter.cli import cli
from drafter.compose import _uses_any, compose
from drafter.composed import UnansweredError, drafting_date_of
from drafter.draft import Draft, parse_markdown, write_markdown
from drafter.errors import DraftError, TemplateError
from drafter.export import render_draft
from drafter.facts.load import load_fact_base
from drafter.facts.model import FactBase
from drafter.intake import load_question, question_from_text
from drafter.intents import intent_of
from drafter.precedents import bearing_sentence, precedents_in
from drafter.question import Question, QuestionPart, split_parts
from drafter.render import TemplateSet, load_templates
from tests.conftest import ROOT

TODAY = date(2026, 11, 25)
HOME = "To ask the Secretary of State for the Home Department, "
REVETTING = (
    HOME + "how many police officers failed re-vetting in each of the last three years; "
    "and what steps she is taking to strengthen police vetting."
)


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load_fact_base(ROOT / "facts")


@pytest.fixture(scope="module")
def templates() -> TemplateSet:
    return load_templates(ROOT / "templates")


def composed(text: str, base: FactBase, templates: TemplateSet, **options: object) -> Draft:
    return build_draft(question_from_text(text), base, templates, today=TODAY, **options)  # type: ignore[arg-type]


# Intents


@pytest.mark.parametrize(
    ("text", "stem", "intent"),
    [
        ("how many officers were dismissed", "", "figures"),
        ("what proportion of complaints were upheld", "", "figures"),
        ("roles", "what assessment her Department has made of whether there is a", "assessment"),
        ("what steps she is taking to strengthen vetting", "", "steps"),
        ("what plans she has to reform misconduct hearings", "", "steps"),
        ("whether officers must hold vetting clearance", "", "whether"),
        ("what guidance she has issued to forces", "", "guidance"),
        ("who is responsible for auditing police systems", "", "who"),
        ("when the regulations will come into force", "", "when"),
        ("how much the IOPC spent on investigations", "", "cost"),
        ("how many were dismissed", "what steps she is taking and", "figures"),
        ("the police barred list", "", "whether"),
        ("whether her Department has assessed the risk", "", "assessment"),
        ("if she will make an assessment of the effectiveness", "", "assessment"),
        ("if she will take steps to strengthen vetting", "", "steps"),
        ("what mechanisms are in place to track progress", "", "steps"),
    ],
    ids=lambda value: str(value)[:24],
)
def test_each_part_gets_an_intent_from_its_opening_words(text: str, stem: str, intent: str) -> None:
    assert intent_of(text, stem) == intent


def test_split_parts_gives_each_part_its_intent() -> None:
    parts = split_parts(REVETTING)
    assert [(part.label, part.intent) for part in parts] == [("1", "figures"), ("2", "steps")]


# Composition of real-shaped questions


def test_the_seed_composes_from_the_blocks_that_answer_each_part(
    base: FactBase, templates: TemplateSet
) -> None:
    question = question_from_text(
        HOME + "what assessment her Department has made of whether there is a correlation "
        "between the (a) (i) roles and (ii) ranks of police personnel and (b) likelihood of "
        "committing cybercrimes; and what steps her Department is taking to help mitigate "
        "identified risks."
    )
    catalogue = read_catalogue(templates, base)
    composition = compose(question, catalogue, base, as_of=date(2025, 3, 20), threshold=1.0)
    assert tuple((name, composition.labels(at)) for name, at in composition.order) == (
        ("responsibility", ("2",)),
        ("duties", ("2",)),
        ("handling", ("2",)),
        ("published-statistics", ("1(a)(i)", "1(a)(ii)")),
        ("not-held", ("1(a)(i)", "1(a)(ii)", "1(b)")),
        ("computer-misuse", ("2",)),
        ("reforms", ("2",)),
    )


def test_the_revetting_question_answers_part_2_and_marks_part_1(
    base: FactBase, templates: TemplateSet
) -> None:
    draft = composed(REVETTING, base, templates)
    assert [(p.block, p.parts) for p in draft.paragraphs] == [("gap", ("1",)), ("vetting", ("2",))]
    assert draft.paragraphs[0].text == (
        "[To complete: part 1, how many police officers failed re-vetting in each of the last "
        "three years. No fact in the fact base answers this. Closest facts: "
        "reforms.vetting-regulations, vetting.code-statutory, vetting.whole-workforce.]"
    )
    assert draft.paragraphs[1].text.startswith("The Police (Vetting) Regulations 2025")
    assert [gap.part for gap in draft.gaps] == ["1"]
    assert draft.template == "composed"


def test_a_block_answering_several_parts_is_written_once(
    base: FactBase, templates: TemplateSet
) -> None:
    draft = composed(
        HOME + "how many (a) police officers, (b) special constables and (c) police staff were "
        "dismissed and placed on the barred list.",
        base,
        templates,
    )
    assert [(p.block, p.parts) for p in draft.paragraphs] == [
        ("barred-list", ("1(a)", "1(b)", "1(c)"))
    ]


def test_repeated_parts_share_one_paragraph(base: FactBase, templates: TemplateSet) -> None:
    draft = composed(
        HOME + "what steps she is taking to strengthen (a) police vetting and (b) police vetting.",
        base,
        templates,
    )
    assert [(p.block, p.parts) for p in draft.paragraphs] == [("vetting", ("1(a)", "1(b)"))]


def test_a_question_of_twenty_parts_drafts_a_paragraph_or_gap_for_each(
    base: FactBase, templates: TemplateSet
) -> None:
    letters = "abcdefghijklmnopqrst"
    items = " and ".join(
        f"({letter}) police vetting in force {n}" for n, letter in enumerate(letters)
    )
    draft = composed(HOME + f"what steps she is taking to strengthen {items}.", base, templates)
    answered = {label for paragraph in draft.paragraphs for label in paragraph.parts}
    assert answered == {f"1({letter})" for letter in letters}


def test_a_part_with_no_words_of_its_own_is_answered_with_its_clause(
    base: FactBase, templates: TemplateSet
) -> None:
    draft = composed(
        HOME + "what steps she is taking to strengthen police vetting (a) and (b).", base, templates
    )
    assert {p.block for p in draft.paragraphs} == {"vetting"}


def test_a_question_no_block_answers_is_not_drafted(base: FactBase, templates: TemplateSet) -> None:
    with pytest.raises(UnansweredError) as raised:
        composed(
            HOME + "what funding she has allocated to police forces in Wales.", base, templates
        )
    assert str(raised.value) == "no block answers any part of this question: nothing to draft"
    assert raised.value.details.splitlines()[0] == (
        "part 1: what funding she has allocated to police forces in Wales"
    )
    assert raised.value.details.splitlines()[1].startswith("  closest facts: ")


def test_other_departments_questions_are_not_drafted(
    base: FactBase, templates: TemplateSet
) -> None:
    rows = yaml.safe_load((ROOT / "tests/data/selection/labelled.yaml").read_text(encoding="utf-8"))
    off_topic = [row for row in rows if row["expected"] == "none"]
    assert len(off_topic) >= 8
    for row in off_topic:
        question = question_from_text(row["text"])
        with pytest.raises(UnansweredError):
            build_draft(question, base, templates, today=TODAY)


def test_include_block_adds_a_block_composition_left_out(
    base: FactBase, templates: TemplateSet
) -> None:
    draft = composed(REVETTING, base, templates, include_blocks=["vetting-file-review"])
    assert [p.block for p in draft.paragraphs] == ["gap", "vetting", "vetting-file-review"]
    assert draft.paragraphs[-1].parts == ()


def test_include_block_of_an_unknown_block_is_an_error(
    base: FactBase, templates: TemplateSet
) -> None:
    with pytest.raises(
        DraftError, match=r"--include-block 'vetting-fle': no such block \(did you mean 'vetting"
    ):
        composed(REVETTING, base, templates, include_blocks=["vetting-fle"])


def test_background_lists_gaps_and_blocks_left_out(base: FactBase, templates: TemplateSet) -> None:
    notes = composed(REVETTING, base, templates).background
    assert notes[0].startswith("To complete: part 1 (how many police officers failed")
    assert notes[1].startswith("Also available, not used (add one with --include-block NAME): ")


# The drafting date follows the question


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"date_answered": date(2025, 3, 20), "date_for_answer": date(2025, 3, 13)},
            date(2025, 3, 20),
        ),
        (
            {"date_for_answer": date(2024, 1, 10), "date_tabled": date(2024, 1, 5)},
            date(2024, 1, 10),
        ),
        ({"date_tabled": date(2024, 1, 5)}, date(2024, 1, 5)),
        ({"date_for_answer": date(2026, 11, 20)}, TODAY),
        ({}, TODAY),
    ],
    ids=["answered", "old-unanswered", "old-no-due-date", "recent", "undated"],
)
def test_drafting_date_follows_the_question(fields: dict[str, date], expected: date) -> None:
    assert drafting_date_of(Question(text="x", **fields), TODAY) == expected  # type: ignore[arg-type]


OLD = (
    HOME + "what steps she is taking to strengthen police vetting; and what standards of "
    "professional behaviour police officers must meet."
)


def test_an_old_question_replayed_is_drafted_as_at_its_date_with_its_gap_dated(
    base: FactBase, templates: TemplateSet
) -> None:
    question = Question(
        text=OLD,
        date_tabled=date(2022, 6, 1),
        date_for_answer=date(2022, 6, 6),
        parts=split_parts(OLD),
    )
    draft = build_draft(question, base, templates, today=TODAY)
    assert draft.as_of == date(2022, 6, 6)
    assert [p.block for p in draft.paragraphs] == ["conduct-framework", "gap"]
    assert draft.gaps[0].reason == (
        "the 'vetting' block would answer it, but its facts were first published on "
        "22 April 2025, after 6 June 2022"
    )
    assert draft.paragraphs[1].text.startswith(
        "[To complete: part 1, what steps she is taking to strengthen police vetting. The "
        "'vetting' block would answer it, but its facts were first published on 22 April 2025"
    )


def test_the_same_question_today_answers_both_parts(base: FactBase, templates: TemplateSet) -> None:
    draft = composed(OLD, base, templates)
    assert [p.block for p in draft.paragraphs] == ["conduct-framework", "vetting"]


def test_as_of_overrides_and_is_recorded(base: FactBase, templates: TemplateSet) -> None:
    draft = composed(REVETTING, base, templates, as_of=date(2025, 6, 1))
    assert draft.as_of == date(2025, 6, 1)
    assert "\nas_of: '2025-06-01'\n" in write_markdown(draft)


# The draft records parts, intents and gaps, and reads them back


def test_front_matter_lists_parts_with_intents_and_gaps(
    base: FactBase, templates: TemplateSet
) -> None:
    draft = composed(REVETTING, base, templates)
    front = yaml.safe_load(write_markdown(draft).split("---\n")[1])
    assert front["question"]["parts"] == [
        {
            "id": "1",
            "text": "how many police officers failed re-vetting in each of the last three years",
            "intent": "figures",
        },
        {
            "id": "2",
            "text": "what steps she is taking to strengthen police vetting",
            "intent": "steps",
        },
    ]
    assert front["gaps"] == [
        {
            "part": "1",
            "text": "how many police officers failed re-vetting in each of the last three years",
            "closest_facts": [
                "reforms.vetting-regulations",
                "vetting.code-statutory",
                "vetting.whole-workforce",
            ],
            "earlier_answers": [],
        }
    ]
    again = parse_markdown(write_markdown(draft), Path("d.md"))
    assert (again.gaps, again.as_of) == (draft.gaps, draft.as_of)


def test_a_gap_record_of_the_wrong_shape_names_its_line(
    base: FactBase, templates: TemplateSet
) -> None:
    text = write_markdown(composed(REVETTING, base, templates))
    broken = text.replace("  earlier_answers: []", "  earlier_answers: [{uin: 1}]")
    with pytest.raises(
        DraftError, match=r"gaps\[0\]: 'earlier_answers' must be a list of earlier answers"
    ):
        parse_markdown(broken, Path("d.md"))


def test_earlier_answers_go_into_the_gap(base: FactBase, templates: TemplateSet) -> None:
    from drafter.draft import Precedent

    earlier = (Precedent("12345", "2024-05-01", "Vetting figures are not held centrally."),)
    asked: list[str] = []

    def precedents(part: QuestionPart) -> tuple[Precedent, ...]:
        asked.append(part.label)
        return earlier

    draft = composed(REVETTING, base, templates, precedents=precedents)
    assert asked == ["1"]  # only the gap's part is looked up
    assert draft.gaps[0].earlier_answers == earlier
    assert draft.paragraphs[0].text.endswith("; earlier answers: UIN 12345 (2024-05-01).]")


# What a gap looks like in each format


def test_a_gap_is_plain_text_in_txt_and_a_box_in_html(
    base: FactBase, templates: TemplateSet
) -> None:
    draft = composed(REVETTING, base, templates)
    assert render_draft(draft, "txt").decode().startswith("[To complete: part 1, how many")
    html = render_draft(draft, "html").decode()
    assert '<div class="gap" role="note"><strong>To complete before clearance</strong>' in html


def test_a_gap_is_highlighted_with_a_comment_in_word(
    base: FactBase, templates: TemplateSet, tmp_path: Path
) -> None:
    path = tmp_path / "d.docx"
    path.write_bytes(render_draft(composed(REVETTING, base, templates), "docx"))
    document = docx.Document(str(path))
    gap = next(p for p in document.paragraphs if p.text.startswith("[To complete"))
    assert gap.style is not None and gap.style.name == "PQ Gap"
    assert {run.font.highlight_color for run in gap.runs if run.text} == {7}  # yellow
    comments = [c.text for c in document.comments]
    assert any(
        c.startswith("To complete before clearance: drafter could not answer part 1")
        for c in comments
    )


# Bad declarations and settings


def copied_templates(tmp_path: Path) -> Path:
    target = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", target)
    return target


def test_a_block_declaring_a_fact_the_base_lacks_names_the_block_and_line(
    base: FactBase, tmp_path: Path
) -> None:
    folder = copied_templates(tmp_path)
    declaration = folder / "blocks" / "computer-misuse.yaml"
    declaration.write_text(
        declaration.read_text().replace(
            "[cma.pursue-offenders]", "[cma.pursue-offenders, cma.nope]"
        )
    )
    templates = load_templates(folder)
    with pytest.raises(TemplateError) as raised:
        read_catalogue(templates, base)
    assert str(raised.value) == (
        f"{declaration}:7:31: block 'computer-misuse' declares unknown fact 'cma.nope'"
    )


def test_a_block_without_a_declaration_is_named(base: FactBase, tmp_path: Path) -> None:
    folder = copied_templates(tmp_path)
    (folder / "blocks" / "vetting.yaml").unlink()
    with pytest.raises(TemplateError, match=r"vetting.md.j2: block 'vetting' has no declaration"):
        read_catalogue(load_templates(folder), base)


def test_an_unknown_intent_is_named(base: FactBase, tmp_path: Path) -> None:
    folder = copied_templates(tmp_path)
    declaration = folder / "blocks" / "vetting.yaml"
    declaration.write_text(
        declaration.read_text().replace("intents: [steps, whether]", "intents: [steps, wishes]")
    )
    with pytest.raises(
        TemplateError, match=r"vetting.yaml:3:10: block 'vetting': unknown intent 'wishes'"
    ):
        read_catalogue(load_templates(folder), base)


def test_a_threshold_that_is_not_a_number_is_one_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "drafter.yaml").write_text("compose_threshold: high\n")
    monkeypatch.chdir(tmp_path)
    result = run(runner, "draft", "--text", REVETTING)
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: drafter.yaml:1:20: setting 'compose_threshold' must be a number, 0 or more, "
        "not 'high'\n",
    )


def test_a_threshold_no_block_reaches_leaves_nothing_to_draft(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "drafter.yaml").write_text("compose_threshold: 50\n")
    monkeypatch.chdir(tmp_path)
    result = run(runner, "draft", "--text", REVETTING)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: no block answers any part of this question: nothing to draft\n"
    )


# The command line


def run(runner: CliRunner, *args: str, stdin: str | None = None):  # noqa: ANN201
    common = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]
    return runner.invoke(cli, [*args, *common], input=stdin)


def test_draft_of_an_unanswerable_question_prints_the_report_and_exits_1(runner: CliRunner) -> None:
    result = run(runner, "draft", "--text", HOME + "how many police officers there are in Gwent.")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "part 1: how many police officers there are in Gwent"
    assert lines[-1] == "Error: no block answers any part of this question: nothing to draft"
    assert result.stdout == ""


def test_suggest_shows_each_parts_candidates_and_verdicts(runner: CliRunner) -> None:
    result = run(runner, "suggest", "--text", REVETTING, "--as-of", "2026-11-25")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Composed as at 2026-11-25; a block needs a fit of 0.60.",
        "Part 1 (figures): how many police officers failed re-vetting in each of the last "
        "three years",
        "  gap: no block fits the part well enough",
    ]
    assert "  chosen: vetting" in lines
    vetting = next(
        line for line in lines if line.strip().startswith("vetting ") and "chosen" in line
    )
    assert "[steps, whether] agrees" in vetting
    assert {"vetting", "strengthen"} <= set(vetting.split(": ")[0].replace(",", " ").split())


def test_suggest_json_from_standard_input(runner: CliRunner) -> None:
    result = run(
        runner, "suggest", "-", "--format", "json", "--as-of", "2026-11-25", stdin=REVETTING
    )
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert [(p["id"], p["intent"], p["chosen"]) for p in found["parts"]] == [
        ("1", "figures", []),
        ("2", "steps", ["vetting"]),
    ]
    first = found["parts"][0]["considered"][0]
    assert set(first) == {"block", "score", "coverage", "terms", "intents", "agrees", "verdict"}
    assert first["verdict"].startswith("covers ")


def test_check_fails_a_draft_with_an_open_gap(runner: CliRunner, tmp_path: Path) -> None:
    drafted = run(runner, "draft", "--text", REVETTING, "--out", str(tmp_path), "--format", "md")
    assert drafted.exit_code == 0, drafted.stderr
    result = runner.invoke(cli, ["check", str(tmp_path / "draft.md")])
    assert result.exit_code == 1
    assert "error [open-gap]: part 1 is still to complete" in result.stdout + result.stderr


def test_each_part_finds_the_earlier_answers_that_bear_on_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "archive.sqlite"
    seed = ROOT / "tests" / "data" / "questions" / "37301.json"
    assert runner.invoke(cli, ["archive", "import", str(seed), "--db", str(db)]).exit_code == 0
    question = load_question(ROOT / "examples" / "referral-cybercrime.yaml")
    found = precedents_in(db, question)(question.parts[0])
    assert [answer.uin for answer in found] == ["37301"]
    assert found[0].date == "2025-03-20"
    assert "cybercrime" in found[0].sentence


def test_no_archive_gives_no_earlier_answers(tmp_path: Path) -> None:
    question = question_from_text(REVETTING)
    assert precedents_in(tmp_path / "none.sqlite", question)(question.parts[0]) == ()


def test_the_sentence_that_bears_most_on_the_part_is_chosen() -> None:
    answer = "Forces audit their systems. Vetting data is not held centrally. Thank you."
    assert bearing_sentence(answer, "how many officers failed vetting") == (
        "Vetting data is not held centrally."
    )


def test_facts_check_reports_a_broken_declaration(runner: CliRunner, tmp_path: Path) -> None:
    folder = copied_templates(tmp_path)
    declaration = folder / "blocks" / "vetting.yaml"
    declaration.write_text(declaration.read_text().replace("role: action", "role: acting"))
    result = runner.invoke(
        cli, ["facts", "check", "--facts", str(ROOT / "facts"), "--templates", str(folder)]
    )
    assert result.exit_code == 1
    assert f"{declaration}:2:7: error: block 'vetting': unknown role 'acting'" in result.stderr


def test_a_repeated_label_keeps_both_parts(base: FactBase, templates: TemplateSet) -> None:
    draft = composed(
        HOME + "what steps she is taking to strengthen (a) police vetting and (b) police "
        "vetting appeals and (b) swimming pool funding.",
        base,
        templates,
    )
    assert [(p.block, p.parts) for p in draft.paragraphs] == [
        ("vetting", ("1(a)", "1(b)")),
        ("gap", ("1(b)",)),
    ]
    assert draft.paragraphs[1].text.startswith("[To complete: part 1(b), what steps she is")
    assert "swimming pool funding" in draft.paragraphs[1].text


def test_a_part_without_words_gets_no_marker_but_a_note(
    base: FactBase, templates: TemplateSet
) -> None:
    draft = composed(
        HOME + "what steps she is taking to strengthen police vetting; and (a).", base, templates
    )
    assert [p.block for p in draft.paragraphs] == ["vetting"]
    assert "Part 2(a) has no words of its own: nothing was written for it." in draft.background


def test_excluding_every_answering_paragraph_is_refused(
    base: FactBase, templates: TemplateSet
) -> None:
    with pytest.raises(DraftError, match="--exclude left no paragraph that answers any part"):
        composed(REVETTING, base, templates, exclude=["reforms.vetting-regulations"])


def test_include_block_needs_a_composed_answer(base: FactBase, templates: TemplateSet) -> None:
    with pytest.raises(DraftError, match=r"not composed \(a substantive answer with --template\)"):
        composed(
            REVETTING,
            base,
            templates,
            template_id="police-dismissals",
            include_blocks=["vetting"],
        )


def test_blocks_stating_the_same_fact_are_written_once(
    base: FactBase, templates: TemplateSet
) -> None:
    draft = composed(
        HOME + "what the most common reasons were for dismissing police officers; and how many "
        "officers were dismissed for unlawful access to or disclosure of information.",
        base,
        templates,
    )
    blocks = [p.block for p in draft.paragraphs]
    assert not {"dismissal-reasons", "not-held"} <= set(blocks)
    assert any(note.startswith("Left out the '") for note in draft.background)


def test_a_required_phrase_is_matched_as_a_phrase(base: FactBase, templates: TemplateSet) -> None:
    question = (
        "To ask the Secretary of State for Justice, how many prison officers were dismissed for "
        "misconduct; and whether she will publish a list of those barred from working in prisons."
    )
    with pytest.raises(UnansweredError):
        composed(question, base, templates)


@example(words=["s"], asked="ſ")  # each letter that re.IGNORECASE matches to an ASCII one
@example(words=["kin"], asked="\u212aın")
@example(words=["i"], asked="İ")
@given(
    words=st.lists(st.text(alphabet="skiSKI -é", min_size=1, max_size=3), min_size=1, max_size=3),
    asked=st.text(alphabet="skiSKI ſKİıé-", max_size=12),
)
def test_a_required_word_is_found_as_by_a_case_blind_pattern(words: list[str], asked: str) -> None:
    """The quick search that skips compiling (compose._uses_any) agrees with the regex."""
    expected = any(re.search(rf"\b{re.escape(word)}", asked, re.IGNORECASE) for word in words)
    assert _uses_any(tuple(words), asked) is expected
