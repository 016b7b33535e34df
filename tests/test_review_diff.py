from dataclasses import replace
from pathlib import Path

import pytest

from drafter.draft import Draft, FactUse, Paragraph, read_draft
from drafter.review import diff_drafts
from drafter.review.factdiff import describe
from drafter.review.model import FactChange, SettingChange

DATA = Path(__file__).parent / "data" / "review"
OFFICERS_2023 = FactUse(
    "barred-list.unlawful-access",
    "statistic",
    "barred-list-2023-24",
    "b955dec3124e",
    "2023/24",
    "police officers 66; special constables 5; police staff 37",
    verified=False,
)
OFFICERS_2024 = FactUse(
    "barred-list.unlawful-access",
    "statistic",
    "barred-list-2024-25",
    "b955dec3124e",
    "2024/25",
    "police officers 82",
)
LINE = FactUse("standards.confidentiality", "line", "conduct-regs-2020", "ffc312291aff")


def draft(
    *uses: FactUse, template: str = "police-systems-misuse", digest: str = "sha256:1"
) -> Draft:
    paragraphs = (
        Paragraph("Officers must keep information confidential.", facts=(LINE.id,)),
        Paragraph("In 2023/24 there were 66.", facts=(OFFICERS_2023.id,)),
    )
    return Draft({}, template, paragraphs, facts=uses, fact_base_digest=digest)


def test_the_barred_list_update_is_named_with_both_periods() -> None:
    old = read_draft(DATA / "37301-2024.md")
    new = read_draft(DATA / "37301-2025.md")
    (change,) = diff_drafts(old, new).facts
    assert describe(change) == (
        "barred-list.unlawful-access: police officers 66; special constables 5; police staff 37"
        " (2023/24) -> police officers 82 (2024/25); source barred-list-2023-24 ->"
        " barred-list-2024-25; now verified"
    )
    assert change.paragraphs == (5,)


def test_the_changed_paragraph_names_the_fact_it_reads() -> None:
    result = diff_drafts(read_draft(DATA / "37301-2024.md"), read_draft(DATA / "37301-2025.md"))
    changed = [(p.new, p.facts) for p in result.paragraphs if p.kind != "equal"]
    assert changed == [(5, ("barred-list.unlawful-access",))]


def test_an_added_fact() -> None:
    (change,) = diff_drafts(draft(LINE), draft(LINE, OFFICERS_2024)).facts
    assert (change.kind, describe(change)) == (
        "added",
        "barred-list.unlawful-access: added: police officers 82 (2024/25)",
    )


def test_a_removed_line() -> None:
    (change,) = diff_drafts(draft(LINE), draft()).facts
    assert describe(change) == "standards.confidentiality: removed: line from conduct-regs-2020"
    assert change.paragraphs == (1,)


def test_a_line_whose_content_changed() -> None:
    edited = replace(LINE, digest="0123456789ab")
    (change,) = diff_drafts(draft(LINE), draft(edited)).facts
    assert describe(change) == (
        "standards.confidentiality: content changed (digest ffc312291aff -> 0123456789ab)"
    )


def test_a_changed_source_alone() -> None:
    moved = replace(LINE, source="conduct-regs-2024")
    (change,) = diff_drafts(draft(LINE), draft(moved)).facts
    assert (
        describe(change)
        == "standards.confidentiality: source conduct-regs-2020 -> conduct-regs-2024"
    )


def test_template_and_fact_base_changes_are_settings() -> None:
    result = diff_drafts(draft(LINE), draft(LINE, template="other", digest="sha256:2"))
    assert result.settings == (
        SettingChange("template", "police-systems-misuse", "other"),
        SettingChange("fact base", "sha256:1", "sha256:2"),
    )
    assert not result.identical


def test_identical_drafts() -> None:
    result = diff_drafts(draft(LINE), draft(LINE))
    assert result.identical
    assert (result.facts, result.settings, result.notes) == ((), (), ())


@pytest.mark.parametrize("side", ["old", "new"])
def test_a_side_without_provenance_gives_words_alone_and_says_so(side: str) -> None:
    bare = Draft({}, "", draft(LINE).paragraphs, path=Path("edited.txt"))
    old, new = (bare, draft(OFFICERS_2024)) if side == "old" else (draft(OFFICERS_2024), bare)
    result = diff_drafts(old, new)
    assert result.facts == ()
    assert result.notes == (
        "edited.txt has no provenance (no drafter front matter): comparing the words alone",
    )
    assert result.identical


def test_fact_change_kinds() -> None:
    assert [FactChange("x", None, LINE).kind, FactChange("x", LINE, None).kind] == [
        "added",
        "removed",
    ]
