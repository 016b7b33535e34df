"""Reading a draft's Markdown back: corrupted or truncated front matter is a one-line error."""

from pathlib import Path

import pytest

from drafter.draft import parse_markdown, read_draft, write_markdown
from drafter.errors import DraftError

DATA = Path(__file__).parent / "data" / "review"
DRAFT = DATA / "37301-2024.md"
PATH = Path("draft.md")


def corrupted(old: str, new: str) -> str:
    """The test draft's Markdown with its first `old` replaced by `new`."""
    text = DRAFT.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def error_of(text: str) -> str:
    with pytest.raises(DraftError) as caught:
        parse_markdown(text, PATH)
    return str(caught.value)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "  value: police officers 66; special constables 5; police staff 37",
            "  value: 66",
            "facts[11]: 'value' must be text, not 66",
        ),
        ("  period: 2023/24", "  period: 12", "facts[8]: 'period' must be text, not 12"),
        ("- block: responsibility", "- blok: responsibility", "paragraphs[0]: unknown key 'blok'"),
        ("- id: systems.auditing-local", "- id: 12", "facts[0]: 'id' must be text, not 12"),
        (
            "  digest: 14263f9ff4c3",
            "  digest: [1, 2]",
            "facts[0]: 'digest' must be text, not [1, 2]",
        ),
        (
            "  digest: 14263f9ff4c3\n",
            "  digest: 14263f9ff4c3\n  verified: 'no'\n",
            "facts[0]: 'verified' must be true or false, not 'no'",
        ),
        (
            "  - cma.pursue-offenders",
            "  - 7",
            "paragraphs[6]: 'facts' must be a list of text, not [7]",
        ),
        ("  digest: 14263f9ff4c3\n", "", "facts[0]: 'digest' is missing"),
        ("facts:\n- id: systems", "facts:\n- 3\n- id: systems", "facts[0] must be a mapping"),
        ("\nsources:\n", "\nsources: all\nunused:\n", "'sources' must be a list"),
    ],
    ids=[
        "value-number",
        "period-number",
        "unknown-key",
        "id-number",
        "digest-list",
        "verified-text",
        "fact-id-number",
        "missing-digest",
        "record-not-mapping",
        "records-not-list",
    ],
)
def test_corrupted_front_matter_is_a_one_line_error(old: str, new: str, message: str) -> None:
    text = corrupted(old, new)
    error = error_of(text)
    assert error.startswith(f"{PATH}:") and error.endswith(f": corrupted front matter: {message}")
    assert "\n" not in error


def test_the_error_names_the_line_of_the_bad_value() -> None:
    text = corrupted("  value: police officers 66; special", "  value: 66\n  x: special")
    line = line_of(text, "  value: 66")
    assert error_of(text) == (
        f"{PATH}:{line}: corrupted front matter: facts[11]: 'value' must be text, not 66"
    )


def test_front_matter_without_its_closing_line() -> None:
    text = DRAFT.read_text(encoding="utf-8")
    truncated = text[: text.index("\n---\n") + 1]
    assert error_of(truncated) == f"{PATH}:1: front matter has no closing '---'"


def test_a_draft_reads_back_as_it_was_written() -> None:
    draft = read_draft(DRAFT)
    assert parse_markdown(write_markdown(draft), DRAFT) == draft


def test_front_matter_with_nothing_after_it() -> None:
    draft = parse_markdown(write_markdown(read_draft(DRAFT)).split("\n\n", 1)[0], PATH)
    assert (draft.template, draft.paragraphs) == ("police-systems-misuse", ())


def test_a_file_without_front_matter_is_a_draft_without_provenance() -> None:
    draft = parse_markdown("One.\n\nTwo.\n", PATH)
    assert ([p.text for p in draft.paragraphs], draft.has_provenance) == (["One.", "Two."], False)


@pytest.mark.parametrize(
    "path",
    [*sorted((Path(__file__).parent / "golden").glob("*.md")), DRAFT],
    ids=lambda path: path.name,
)
def test_front_matter_is_the_same_text_from_libyaml_as_from_pure_python(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    if not hasattr(yaml, "CSafeDumper"):
        pytest.skip("this PyYAML has no libyaml")
    draft = read_draft(path)
    fast = write_markdown(draft)
    monkeypatch.delattr(yaml, "CSafeDumper")
    assert write_markdown(draft) == fast
