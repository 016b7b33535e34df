from datetime import date
from pathlib import Path

import pytest

from drafter.build import build_draft
from drafter.draft import FactUse, Paragraph
from drafter.errors import TemplateError
from drafter.facts.load import load_fact_base
from drafter.question import Question, QuestionPart
from drafter.render import load_templates
from tests.conftest import WriteTree

DATA = Path(__file__).parent / "data"
QUESTION = Question(
    text="To ask ..., what steps are taken; and what number were dismissed.",
    uin="1",
    parts=(
        QuestionPart("1", "what steps are taken"),
        QuestionPart("2", "what number were dismissed"),
    ),
)


def build(
    as_of: date | None = None,
    templates: Path = DATA / "templates_minimal",
    template_id: str = "example",
):
    return build_draft(
        QUESTION,
        load_fact_base(DATA / "kb_minimal"),
        load_templates(templates),
        template_id=template_id,
        today=date(2026, 11, 25),
        as_of=as_of,
    )


def test_each_paragraph_records_its_block_parts_and_facts() -> None:
    draft = build()
    assert draft.paragraphs == (
        Paragraph(
            "Officers must keep information confidential.", "duty", ("1",), ("example.duty",)
        ),
        Paragraph(
            "In 2023/24, 1,066 police officers and 37 police staff were dismissed (year ending "
            "31 March 2024); see <https://www.example.org/series/2024>.",
            "figures",
            ("2",),
            ("example.dismissals",),
        ),
    )


def test_facts_used_carry_period_value_source_and_digest() -> None:
    base = load_fact_base(DATA / "kb_minimal")
    assert build().facts == (
        FactUse("example.duty", "line", "series", base.facts["example.duty"].digest()),
        FactUse(
            "example.dismissals",
            "statistic",
            "edition-2024",
            base.facts["example.dismissals"].digest(),
            period="2023/24",
            value="police officers 1,066; police staff 37",
            verified=False,
        ),
    )
    assert [source.id for source in build().sources] == ["series", "edition-2024"]


def test_as_of_picks_the_latest_period_published_by_then() -> None:
    draft = build(as_of=date(2024, 3, 1))
    assert draft.facts[1].period == "2022/23"
    assert draft.paragraphs[1].text.startswith("In 2022/23, 40 police officers and 10 police staff")
    assert draft.background[0] == "Drafted as at 1 March 2024, with the facts published by then."


OVERDUE = (
    "Next edition overdue: 'example.dismissals' gives 2023/24 from 'edition-2024' (published"
    " 2024-11), but the next edition was expected by 2026-10-01 (next_expected of 'series') and"
    " is not in the fact base. Check whether it is out."
)


def test_background_flags_unverified_figures_reviews_due_and_editions_overdue() -> None:
    assert build().background == (
        "Unverified: example.dismissals (2023/24). Staff figure only seen in a news report.",
        OVERDUE,
        "Review due by 31 December 2026: example.dismissals.",
    )


def test_an_edition_is_overdue_only_after_the_date_the_series_gives() -> None:
    assert OVERDUE in build(as_of=date(2026, 10, 2)).background
    assert OVERDUE not in build(as_of=date(2026, 10, 1)).background


def test_no_period_published_by_as_of_is_an_error_naming_the_block() -> None:
    with pytest.raises(TemplateError) as caught:
        build(as_of=date(2020, 1, 1))
    assert str(caught.value) == (
        f"{DATA / 'templates_minimal' / 'blocks' / 'figures.md.j2'}:1: "
        "fact 'example.dismissals' has no period published by 2020-01-01"
    )


def templates_with(write_tree: WriteTree, block: str) -> Path:
    root = write_tree(
        {
            "templates/t.yaml": "id: t\ntitle: T\ntype: substantive\nblocks: [b]\n",
            "templates/blocks/b.md.j2": block,
        }
    )
    return root / "templates"


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ('First line.\n{{ fact("no.such-fact").text }}\n', ":2: unknown fact id 'no.such-fact'"),
        ("{{ missing_variable }}\n", ":1: 'missing_variable' is undefined"),
        (
            "{# a comment #}\n\n{% if %}\n",
            ":3: syntax error: Expected an expression, got 'end of statement block'",
        ),
        (
            '{{ fact("example.duty").sourse }}\n',
            ":1: 'Fact' has no field 'sourse' "
            "(fields: id, kind, text, unit, source, latest, period(), in_force)",
        ),
        (
            '{{ fact("example.dismissals").latest["special constables"] }}\n',
            ":1: fact 'example.dismissals' period '2023/24' has no figure for 'special constables' "
            "(has: police officers, police staff)",
        ),
        ("{{ ''.__class__ }}\n", ":1: access to attribute '__class__' of 'str' object is unsafe."),
        (
            '{# line 1 #}\n{{ fact("example.duty") | fy }}\n',
            ":2: expected a period, such as fact(...).latest, not Fact",
        ),
    ],
    ids=[
        "unknown-fact",
        "undefined",
        "syntax",
        "bad-field",
        "missing-breakdown",
        "sandbox",
        "filter",
    ],
)
def test_template_errors_name_file_and_line(
    write_tree: WriteTree, block: str, message: str
) -> None:
    templates = templates_with(write_tree, block)
    with pytest.raises(TemplateError) as caught:
        build(templates=templates, template_id="t")
    assert str(caught.value) == f"{templates / 'blocks' / 'b.md.j2'}{message}"


def test_loader_is_confined_to_the_templates_folder(write_tree: WriteTree) -> None:
    templates = templates_with(write_tree, '{% include "../../secret.txt" %}\n')
    (templates.parent / "secret.txt").write_text("secret")
    with pytest.raises(TemplateError, match="template not found: ../../secret.txt"):
        build(templates=templates, template_id="t")


def test_unknown_template_id_lists_the_known_ones() -> None:
    with pytest.raises(TemplateError, match=r"unknown template 'nope' \(templates: example\)"):
        build_draft(
            QUESTION,
            load_fact_base(DATA / "kb_minimal"),
            load_templates(DATA / "templates_minimal"),
            template_id="nope",
            today=date(2026, 11, 25),
        )


def test_block_addresses_must_be_a_list(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "templates/t.yaml": "id: t\ntitle: T\ntype: substantive\n"
            "blocks:\n  - name: b\n    addresses: steps\n",
            "templates/blocks/b.md.j2": "Text.\n",
        }
    )
    with pytest.raises(TemplateError) as caught:
        load_templates(root / "templates")
    assert str(caught.value) == (
        f"{root / 'templates' / 't.yaml'}:6:16: block 'b': 'addresses' must be a list of words"
    )
