"""Answer types, --include and --exclude: the CLI on the examples, and build_draft."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from drafter.answer_types import TYPES
from drafter.build import build_draft
from drafter.cli import cli
from drafter.draft import Draft, Paragraph
from drafter.errors import DraftError, QuestionError
from drafter.facts.load import load_fact_base
from drafter.intake import load_question
from drafter.question import Question
from drafter.render import load_templates
from drafter.templates import ANSWER_TYPES
from tests.conftest import ROOT, WriteTree

EXAMPLES = ROOT / "examples"
WORKSPACE = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]
TODAY = date(2026, 11, 25)
TYPES_LIST = (
    "substantive, grouped, holding, referral, disproportionate-cost, not-held-centrally, "
    "will-write, correction"
)


def draft(runner: CliRunner, example: str, *args: str) -> Result:
    return runner.invoke(cli, ["draft", str(EXAMPLES / example), *args, *WORKSPACE])


def front(result: Result) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(result.stdout.split("---\n")[1])
    return loaded


def answer(result: Result) -> list[str]:
    body = result.stdout.split("\n---\n", 1)[1].split("\n## Sources\n")[0]
    return [paragraph for paragraph in body.strip().split("\n\n")]


def test_every_manifest_type_has_an_answer_type() -> None:
    assert tuple(TYPES) == ANSWER_TYPES


def test_unknown_type_is_a_one_line_error_listing_the_types(runner: CliRunner) -> None:
    result = draft(runner, "holding-named-day.yaml", "--type", "holdin")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: unknown answer type 'holdin' (types: {TYPES_LIST})\n"


@pytest.mark.parametrize(
    ("example", "answer_type", "text"),
    [
        (
            "holding-named-day.yaml",
            "holding",
            "I shall let the hon. Member have a reply as soon as possible.",
        ),
        (
            "will-write-lords.yaml",
            "will-write",
            "I will write to the noble Lord, and a copy of my letter will be placed in the "
            "Library of the House.",
        ),
        (
            "not-held-centrally-social-media.yaml",
            "not-held-centrally",
            "The information requested is not held centrally.",
        ),
    ],
    ids=["holding", "will-write-lords", "not-held-centrally"],
)
def test_short_forms_are_one_paragraph_in_the_house_form(
    runner: CliRunner, example: str, answer_type: str, text: str
) -> None:
    result = draft(runner, example, "--type", answer_type)
    assert result.exit_code == 0, result.stderr
    assert answer(result) == [text]
    assert (front(result)["template"], front(result)["type"]) == (answer_type, answer_type)


def test_holding_in_the_lords_addresses_the_noble_lord(runner: CliRunner) -> None:
    result = draft(runner, "will-write-lords.yaml", "--type", "holding")
    assert answer(result) == ["I shall let the noble Lord have a reply as soon as possible."]


def test_naming_a_form_template_implies_its_type(runner: CliRunner) -> None:
    result = draft(runner, "holding-named-day.yaml", "--template", "holding")
    assert front(result)["type"] == "holding"


def test_a_form_without_a_topic_refuses_a_topic_template(runner: CliRunner) -> None:
    result = draft(
        runner, "holding-named-day.yaml", "--type", "holding", "--template", "police-dismissals"
    )
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: a holding answer takes no topic: drop --template police-dismissals\n",
    )


def test_a_template_of_another_type_is_refused(runner: CliRunner) -> None:
    result = draft(
        runner, "holding-named-day.yaml", "--type", "will-write", "--template", "holding"
    )
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: template 'holding' is a holding answer, not will-write\n",
    )


# Disproportionate cost: the threshold from the fact base, and the readily available facts


def test_cost_refusal_states_the_threshold_then_what_is_available(runner: CliRunner) -> None:
    result = draft(runner, "disproportionate-cost-pnc.yaml", "--type", "disproportionate-cost")
    assert result.exit_code == 0, result.stderr
    paragraphs = answer(result)
    assert paragraphs[0] == (
        "The information requested could be obtained only at disproportionate cost. The "
        "disproportionate cost threshold is currently £850. The information that is readily "
        "available is set out below."
    )
    assert len(paragraphs) > 1
    assert front(result)["template"] == "disproportionate-cost"  # its topic composed
    assert front(result)["paragraphs"][0]["facts"] == [
        "pq.disproportionate-cost-threshold",
        "pq.disproportionate-cost",
        "pq.readily-available",
    ]


def test_cost_refusal_with_nothing_available_is_refused(runner: CliRunner) -> None:
    result = draft(
        runner, "not-held-centrally-social-media.yaml", "--type", "disproportionate-cost"
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: a disproportionate-cost answer must still give the information that is readily "
        "available: name a substantive template with --template, or add facts with --include\n"
    )


def test_cost_refusal_may_give_an_included_fact_instead(runner: CliRunner) -> None:
    result = draft(
        runner,
        "not-held-centrally-social-media.yaml",
        "--type",
        "disproportionate-cost",
        "--include",
        "misconduct-statistics.bulletin",
    )
    assert result.exit_code == 0, result.stderr
    assert [p["block"] for p in front(result)["paragraphs"]] == [
        "disproportionate-cost",
        "included-fact",
    ]


def test_cost_rule_reads_a_draft_back_from_its_provenance() -> None:
    form = Paragraph("Cost.", "disproportionate-cost", (), ("pq.disproportionate-cost",))
    figures = Paragraph("Figures.", "figures", (), ("barred-list.dismissals",))
    assert not Draft({}, "t", (form,), answer_type="disproportionate-cost").gives_information
    assert Draft({}, "t", (form, figures), answer_type="disproportionate-cost").gives_information


# Grouped: one answer, every UIN in the front matter


def test_grouped_answer_lists_every_uin(runner: CliRunner) -> None:
    result = draft(runner, "grouped-police-databases.yaml", "--type", "grouped")
    assert result.exit_code == 0, result.stderr
    assert front(result)["type"] == "grouped"
    assert [item["uin"] for item in front(result)["question"]["grouped"]] == ["90202", "90203"]
    assert front(result)["background"][0] == "One answer to Questions 90201, 90202, 90203."


def test_grouped_answer_is_the_substantive_answer(runner: CliRunner) -> None:
    grouped = draft(runner, "grouped-police-databases.yaml", "--type", "grouped")
    single = draft(runner, "grouped-police-databases.yaml")
    assert answer(grouped) == answer(single)


def test_grouped_needs_grouped_questions(runner: CliRunner) -> None:
    result = draft(runner, "37301.yaml", "--type", "grouped")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: a grouped answer needs the other questions' UINs ('grouped')\n",
    )


# Referral: the earlier answer comes from the archive


@dataclass(frozen=True)
class Earlier:
    uin: str = "37301"
    date_tabled: date = date(2025, 3, 11)
    date_answered: date | None = date(2025, 3, 20)
    heading: str = "Cybercrime"
    is_draft: bool = False
    answer_text: str = "Each force audits the use of its own systems."
    url: str = (
        "https://questions-statements.parliament.uk/written-questions/detail/2025-03-11/37301"
    )


def build(example: str, **options) -> Draft:
    return build_draft(
        load_question(EXAMPLES / example),
        load_fact_base(ROOT / "facts"),
        load_templates(ROOT / "templates"),
        today=TODAY,
        **options,
    )


def test_referral_cites_the_earlier_answer_and_notes_its_text() -> None:
    result = build("referral-cybercrime.yaml", answer_type="referral", earlier=Earlier())
    assert result.answer == (
        "I refer the hon. Member to the answer given on 20 March 2025 to Question 37301."
    )
    assert result.background[:2] == (
        "Refers to Question 37301 (Cybercrime), answered 20 March 2025: "
        f"{Earlier.url}. Send the Member a copy.",
        "Earlier answer:\n\nEach force audits the use of its own systems.",
    )


def test_referral_without_an_earlier_answer_is_refused() -> None:
    with pytest.raises(QuestionError) as caught:
        build("referral-cybercrime.yaml", answer_type="referral")
    assert str(caught.value) == ("a referral needs an earlier answer with its date: use --refer-to")


@pytest.fixture
def archive(runner: CliRunner, tmp_path: Path) -> Path:
    """An archive holding the answered seed question, 37301."""
    db = tmp_path / "archive.sqlite"
    seed = ROOT / "tests" / "data" / "questions" / "37301.json"
    assert runner.invoke(cli, ["archive", "import", str(seed), "--db", str(db)]).exit_code == 0
    return db


def test_referral_finds_the_closest_earlier_answer(runner: CliRunner, archive: Path) -> None:
    result = draft(runner, "referral-cybercrime.yaml", "--type", "referral", "--db", str(archive))
    assert result.exit_code == 0, result.stderr
    assert answer(result) == [
        "I refer the hon. Member to the answer given on 20 March 2025 to Question 37301."
    ]
    assert front(result)["sources"][-1] == {
        "id": "written-answer-37301-2025-03-11",
        "title": "Written answer to Question 37301: Cybercrime",
        "publisher": "UK Parliament, written questions and answers",
        "url": "https://questions-statements.parliament.uk/written-questions/detail/2025-03-11/37301",
        "published": "2025-03-20",
    }
    notes = front(result)["background"]
    assert notes[0] == (
        "Refers to Question 37301 (Cybercrime), answered 20 March 2025: "
        "https://questions-statements.parliament.uk/written-questions/detail/2025-03-11/37301. "
        "Send the Member a copy."
    )
    assert notes[1].startswith("Earlier answer:\n\nEach police force is responsible for auditing")


def test_refer_to_names_the_earlier_question(runner: CliRunner, archive: Path) -> None:
    result = draft(
        runner, "referral-cybercrime.yaml", "--refer-to", "37301@2025-03-11", "--db", str(archive)
    )
    assert result.exit_code == 0, result.stderr
    assert front(result)["type"] == "referral"
    assert answer(result) == [
        "I refer the hon. Member to the answer given on 20 March 2025 to Question 37301."
    ]


@pytest.mark.parametrize(
    ("example", "args", "message"),
    [
        (
            "not-held-centrally-social-media.yaml",
            ["--type", "referral"],
            "no earlier answer to this question in {db}: give --refer-to UIN[@DATE]",
        ),
        (
            "referral-cybercrime.yaml",
            ["--refer-to", "99999"],
            "{db}: no question 99999 in the archive",
        ),
        (
            "referral-cybercrime.yaml",
            ["--refer-to", "37301@11/03/2025"],
            "--refer-to '37301@11/03/2025': expected UIN or UIN@YYYY-MM-DD",
        ),
    ],
    ids=["nothing-related", "unknown-uin", "bad-date"],
)
def test_referral_without_an_earlier_answer_fails_in_one_line(
    runner: CliRunner, archive: Path, example: str, args: list[str], message: str
) -> None:
    result = draft(runner, example, *args, "--db", str(archive))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {message.format(db=archive)}\n"


# Correction: free-standing, nothing new


def test_correction_names_the_answer_and_notes_the_changed_figures(runner: CliRunner) -> None:
    result = draft(runner, "correction-37301.yaml", "--type", "correction")
    assert result.exit_code == 0, result.stderr
    assert answer(result)[0] == (
        "An error has been identified in the answer given on 20 March 2025 to Question 37301. "
        "The correct answer should have been:"
    )
    assert "dismissal of 66 police officers" in result.stdout
    assert any(
        note.startswith("Corrected in paragraph 5: 56 to 66 (barred-list.unlawful-access")
        for note in front(result)["background"]
    )


def test_correction_changes_only_the_wrong_figure(runner: CliRunner) -> None:
    original = load_question(EXAMPLES / "correction-37301.yaml").original_answer_text
    result = draft(runner, "correction-37301.yaml", "--type", "correction")
    given = [" ".join(paragraph.split()) for paragraph in original.split("\n")]
    assert answer(result)[1:] == [
        paragraph.replace("dismissal of 56 police", "dismissal of 66 police") for paragraph in given
    ]
    assert [p["block"] for p in front(result)["paragraphs"]][4:6] == [
        "published-statistics",
        "not-held",
    ]


def test_a_correction_with_nothing_wrong_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    original = load_question(EXAMPLES / "correction-37301.yaml").original_answer_text
    right = tmp_path / "original.txt"
    right.write_text(original.replace("56 police", "66 police"), encoding="utf-8")
    result = draft(runner, "37301.yaml", "--type", "correction", "--original", str(right))
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: every figure of the original answer agrees with the fact base: nothing to"
        " correct\n",
    )


def test_correction_reads_the_original_from_a_file(runner: CliRunner, tmp_path: Path) -> None:
    original = tmp_path / "original.txt"
    given = load_question(EXAMPLES / "correction-37301.yaml").original_answer_text
    # A text file holds its paragraphs apart with blank lines.
    original.write_text(given.replace("\n", "\n\n"), encoding="utf-8")
    from_file = draft(runner, "37301.yaml", "--type", "correction", "--original", str(original))
    assert from_file.exit_code == 0, from_file.stderr
    assert answer(from_file) == answer(
        draft(runner, "correction-37301.yaml", "--type", "correction")
    )


def test_correction_needs_the_original_answer(runner: CliRunner) -> None:
    result = draft(runner, "37301.yaml", "--type", "correction")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: a correction needs the original answer: use --original FILE\n",
    )


def test_correction_may_not_include_facts(runner: CliRunner) -> None:
    result = draft(
        runner, "correction-37301.yaml", "--type", "correction", "--include", "cma.offences"
    )
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: a correction gives no new information: drop --include\n",
    )


def test_correction_with_a_figure_from_nowhere_is_refused(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "templates/correction.yaml": "id: correction\ntitle: C\ntype: correction\n"
            "blocks: [lead]\n",
            "templates/topic.yaml": "id: topic\ntitle: T\ntype: substantive\nblocks: [body]\n",
            "templates/blocks/lead.md.j2": "Correction.\n",
            "templates/blocks/body.md.j2": '{{ fact("example.duty").text }} In all, 12 officers.\n',
        }
    )
    question = Question(
        text="To ask ..., what duty officers have.",
        uin="5",
        date_answered=date(2025, 1, 6),
        original_answer_text="Officers must keep information confidential. In all, 10 officers.",
    )
    with pytest.raises(DraftError) as caught:
        build_draft(
            question,
            load_fact_base(ROOT / "tests" / "data" / "kb_minimal"),
            load_templates(root / "templates"),
            template_id="topic",
            answer_type="correction",
            today=TODAY,
        )
    assert str(caught.value) == (
        "the correction adds figures found neither in the original answer nor in its facts: 12"
    )


# --include and --exclude


def test_include_states_a_statistic_with_its_period_and_source(runner: CliRunner) -> None:
    result = draft(
        runner,
        "not-held-centrally-social-media.yaml",
        "--type",
        "not-held-centrally",
        "--include",
        "barred-list.reasons-recorded",
    )
    assert result.exit_code == 0, result.stderr
    assert answer(result)[1] == (
        "In the year ending 31 March 2025, the figure was 1,149 reasons. They are published at "
        "<https://www.college.police.uk/ethics/barred-list/police-dismissals-2024-2025>."
    )
    assert front(result)["paragraphs"][1] == {
        "block": "included-fact",
        "parts": [],
        "facts": ["barred-list.reasons-recorded"],
    }
    assert {"id": "barred-list.reasons-recorded", "period": "2024/25"}.items() <= next(
        use for use in front(result)["facts"] if use["id"] == "barred-list.reasons-recorded"
    ).items()
    assert (
        "Added at the drafter's request: barred-list.reasons-recorded. "
        "Check its paragraph's wording."
    ) in front(result)["background"]


def test_include_states_a_line_as_written(runner: CliRunner) -> None:
    result = draft(
        runner, "holding-named-day.yaml", "--type", "will-write", "--include", "barred-list.scope"
    )
    base = load_fact_base(ROOT / "facts")
    assert answer(result)[1] == base.facts["barred-list.scope"].text


def test_exclude_drops_the_paragraphs_that_read_a_fact(runner: CliRunner) -> None:
    whole = draft(runner, "37301.yaml")
    result = draft(runner, "37301.yaml", "--exclude", "barred-list.unlawful-access")
    assert result.exit_code == 0, result.stderr
    blocks = [p["block"] for p in front(whole)["paragraphs"]]
    assert [p["block"] for p in front(result)["paragraphs"]] == [
        block for block in blocks if block != "not-held"
    ]
    assert "barred-list.unlawful-access" not in [use["id"] for use in front(result)["facts"]]
    assert (
        "Left out the 'not-held' paragraph: it states barred-list.unlawful-access."
        in front(result)["background"]
    )


def test_unknown_fact_suggests_the_closest(runner: CliRunner) -> None:
    result = draft(runner, "37301.yaml", "--exclude", "barred-list.unlawful-acess")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: unknown fact 'barred-list.unlawful-acess' "
        "(did you mean 'barred-list.unlawful-access'?)\n",
    )


def test_excluding_a_fact_no_paragraph_reads_is_an_error(runner: CliRunner) -> None:
    result = draft(runner, "37301.yaml", "--exclude", "cma.maximum-penalties")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: --exclude 'cma.maximum-penalties': no paragraph of this answer reads it\n",
    )


def test_a_fact_cannot_be_both_included_and_excluded(runner: CliRunner) -> None:
    result = draft(runner, "37301.yaml", "--include", "cma.offences", "--exclude", "cma.offences")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: fact 'cma.offences' is both included and excluded\n",
    )


# Every example drafts with its own type

EXAMPLE_TYPES = [
    ("substantive-dismissals.yaml", "substantive"),
    ("grouped-police-databases.yaml", "grouped"),
    ("holding-named-day.yaml", "holding"),
    ("will-write-lords.yaml", "will-write"),
    ("not-held-centrally-social-media.yaml", "not-held-centrally"),
    ("disproportionate-cost-pnc.yaml", "disproportionate-cost"),
    ("correction-37301.yaml", "correction"),
    ("referral-cybercrime.yaml", "referral"),
]


@pytest.mark.parametrize(
    ("example", "answer_type"), EXAMPLE_TYPES, ids=[t for _, t in EXAMPLE_TYPES]
)
def test_each_example_drafts_as_its_type(
    runner: CliRunner, archive: Path, example: str, answer_type: str
) -> None:
    result = draft(runner, example, "--type", answer_type, "--db", str(archive))
    assert result.exit_code == 0, result.stderr
    assert front(result)["type"] == answer_type


def test_the_original_answer_reads_as_paragraphs_with_links_in_word_and_html(
    runner: CliRunner, tmp_path: Path
) -> None:
    import docx

    made = draft(runner, "correction-37301.yaml", "--type", "correction", "--out", str(tmp_path))
    assert made.exit_code == 0, made.stderr
    document = docx.Document(str(tmp_path / "37301.docx"))
    notes = [
        p for p in document.paragraphs if p.style is not None and p.style.name == "PQ Background"
    ]
    texts = [p.text for p in notes]
    start = texts.index("Original answer:")
    assert texts[start + 1].startswith("The responsibility for auditing the use of police systems")
    assert texts[start + 7].startswith("The Government is determined to disrupt")
    links = [link.url for p in notes for link in p.hyperlinks]
    assert "https://www.college.police.uk/article/barred-list" in links
    assert not any("<https://" in text for text in texts)
    html = (tmp_path / "37301.html").read_text(encoding="utf-8")
    background = html[html.index('<div class="background">') :]
    assert '<a href="https://www.college.police.uk/article/barred-list">' in background
    assert "&lt;https://" not in background
    assert background.count("<p>") == 8
