"""Composition's catalogue and indexes kept in the cache folder (drafter.catalogue_cache)."""

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from drafter.blocks import Catalogue, read_catalogue
from drafter.cli import cli
from drafter.composed import Prepared, prepared
from drafter.errors import TemplateError
from drafter.facts.load import load_fact_base
from drafter.render import load_templates
from tests.conftest import ROOT


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache home of this test's own."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the bundled templates and fact base, to change."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "facts", tmp_path / "facts")
    return tmp_path


def prepare(project: Path) -> Prepared:
    """A fresh preparation: new templates and base objects, so only the disk cache can serve."""
    return prepared(load_templates(project / "templates"), load_fact_base(project / "facts"))


def entries(xdg: Path) -> list[Path]:
    folder = xdg / "drafter" / "catalogue"
    return sorted(folder.iterdir()) if folder.exists() else []


def forbid_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("read the catalogue afresh, not from the cache")

    monkeypatch.setattr("drafter.composed.read_catalogue", refuse)


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The calls to read the catalogue afresh, from here on."""
    calls: list[object] = []

    def counted(*args: Any) -> Catalogue:
        calls.append(args)
        return read_catalogue(*args)

    monkeypatch.setattr("drafter.composed.read_catalogue", counted)
    return calls


def summary(ready: Prepared) -> object:
    """Everything a preparation holds, locations included (blocks compare without them)."""
    blocks = [
        (block, block.location, dict(block.fact_locations))
        for block in ready.catalogue.blocks.values()
    ]
    indexes = [
        (dict(index.frequencies), dict(index.lengths), dict(index.document_frequency))
        for index in (ready.blocks, ready.facts)
    ]
    return blocks, ready.catalogue.thesaurus, indexes


def test_a_second_preparation_comes_from_the_cache_whole(
    xdg: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = summary(prepare(project))
    assert len(entries(xdg)) == 1
    forbid_reading(monkeypatch)
    assert summary(prepare(project)) == first


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("blocks/barred-list.yaml", "answers:", "answers:\n  - how many officers were barred"),
        ("blocks/barred-list.md.j2", "were dismissed", "were dismissed from their forces"),
        ("compose.yaml", "[dismissed, sacked, fired]", "[dismissed, sacked, fired, let go]"),
    ],
    ids=["declaration", "jinja", "compose.yaml"],
)
def test_a_changed_file_gives_a_fresh_catalogue(
    xdg: Path, project: Path, monkeypatch: pytest.MonkeyPatch, name: str, old: str, new: str
) -> None:
    before = prepare(project)
    path = project / "templates" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    calls = count_reads(monkeypatch)
    after = prepare(project)
    assert len(calls) == 1
    assert len(entries(xdg)) == 2
    if name == "compose.yaml":
        assert ("dismissed", "sacked", "fired", "let go") in after.catalogue.thesaurus
    elif name.endswith(".yaml"):
        answers = after.catalogue.blocks["barred-list"].answers
        assert answers[0] == "how many officers were barred"
        assert answers[1:] == before.catalogue.blocks["barred-list"].answers


def test_a_changed_fact_base_gives_a_fresh_catalogue(xdg: Path, project: Path) -> None:
    prepare(project)
    facts = project / "facts" / "barred-list.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    prepare(project)
    assert len(entries(xdg)) == 2


def test_a_corrupted_entry_is_ignored_and_rebuilt(
    xdg: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = summary(prepare(project))
    [entry] = entries(xdg)
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF
    entry.write_bytes(bytes(data))
    calls = count_reads(monkeypatch)
    assert summary(prepare(project)) == first
    assert len(calls) == 1
    assert entry.read_bytes() != bytes(data)  # rewritten whole
    forbid_reading(monkeypatch)
    assert summary(prepare(project)) == first


def test_a_bad_block_raises_on_every_run_and_is_never_stored(xdg: Path, project: Path) -> None:
    prepare(project)
    block = project / "templates" / "blocks" / "barred-list.md.j2"
    block.write_text(
        block.read_text(encoding="utf-8") + '{{ fact("dismissals.vetting-statement").text }}\n'
    )
    for _ in range(2):
        with pytest.raises(TemplateError, match="reads .dismissals.vetting-statement. undeclared"):
            prepare(project)
    assert len(entries(xdg)) == 1


def test_a_fact_the_cached_catalogue_declared_going_missing_is_an_error(
    xdg: Path, project: Path
) -> None:
    prepare(project)
    facts = project / "facts" / "barred-list.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("id: barred-list.scope", "id: barred-list.remit"))
    with pytest.raises(TemplateError, match="barred-list.scope"):
        prepare(project)


@pytest.mark.parametrize(("options", "kept"), [((), 1), (("--no-cache",), 0)], ids=str)
def test_no_cache_writes_no_catalogue(
    xdg: Path, tmp_path: Path, options: tuple[str, ...], kept: int
) -> None:
    result = CliRunner().invoke(
        cli,
        [*options, "draft", str(ROOT / "examples" / "37301.yaml"), "--out", str(tmp_path / "out")],
    )
    assert result.exit_code == 0, result.output
    assert len(entries(xdg)) == kept
