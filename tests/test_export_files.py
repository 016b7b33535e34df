"""Writing exports to files: format by suffix, all-or-nothing, never over a file without force."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import drafter.export
from drafter.draft import Draft, Paragraph
from drafter.errors import ExportError, Location
from drafter.export import FORMATS, export_all, export_draft, header_rows, house_date, render_draft
from drafter.output import write_atomic
from tests.conftest import ROOT
from tests.export_fixtures import cybercrime_draft


def test_public_api() -> None:
    assert drafter.export.__all__ == [
        "FORMATS",
        "export_all",
        "export_draft",
        "file_stem",
        "header_rows",
        "house_date",
        "provenance_line",
        "render_draft",
    ]
    assert FORMATS == ("md", "html", "docx", "txt")


def test_export_draft_picks_the_format_by_suffix(tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    export_draft(cybercrime_draft(), path)
    assert path.read_bytes() == render_draft(cybercrime_draft(), "txt")


def test_unknown_suffix_is_refused_with_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        export_draft(cybercrime_draft(), Path("draft.pdf"))
    assert str(caught.value) == (
        "cannot export 'draft.pdf': unknown format '.pdf' (choose one of .docx, .html, .md, .txt)"
    )


def test_unknown_format_name_is_refused() -> None:
    with pytest.raises(ExportError) as caught:
        render_draft(cybercrime_draft(), "pdf")
    assert str(caught.value) == "unknown format 'pdf' (choose one of docx, html, md, txt)"


def test_export_draft_will_not_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "37301.md"
    path.write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export_draft(cybercrime_draft(), path)
    assert str(caught.value) == f"{path}: already exists: use --force to overwrite it"
    assert path.read_text(encoding="utf-8") == "mine"
    export_draft(cybercrime_draft(), path, force=True)
    assert path.read_bytes() == render_draft(cybercrime_draft(), "md")


def test_export_all_writes_one_file_per_format_named_by_uin(tmp_path: Path) -> None:
    written = export_all(cybercrime_draft(), tmp_path / "out", FORMATS)
    names = ["37301.md", "37301.html", "37301.docx", "37301.txt"]
    assert written == [tmp_path / "out" / name for name in names]
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == sorted(names)


def test_export_all_names_a_draft_without_uin_draft(tmp_path: Path) -> None:
    draft = Draft({}, "", (Paragraph("Hand written."),))
    assert export_all(draft, tmp_path, ["txt"]) == [tmp_path / "draft.txt"]


def test_export_all_refuses_an_existing_file_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "37301.html").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export_all(cybercrime_draft(), tmp_path, FORMATS)
    assert (
        str(caught.value)
        == f"{tmp_path / '37301.html'}: already exists: use --force to overwrite it"
    )
    assert [path.name for path in tmp_path.iterdir()] == ["37301.html"]


def test_export_all_names_every_existing_file(tmp_path: Path) -> None:
    for name in ("37301.md", "37301.txt"):
        (tmp_path / name).write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export_all(cybercrime_draft(), tmp_path, ["md", "txt"])
    assert str(caught.value) == (
        f"{tmp_path}: already exist: 37301.md, 37301.txt: use --force to overwrite them"
    )


def test_export_all_with_force_overwrites(tmp_path: Path) -> None:
    (tmp_path / "37301.txt").write_text("mine", encoding="utf-8")
    export_all(cybercrime_draft(), tmp_path, ["txt"], force=True)
    assert (tmp_path / "37301.txt").read_bytes() == render_draft(cybercrime_draft(), "txt")


def test_export_all_refuses_an_unknown_format_before_writing(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown format 'pdf'"):
        export_all(cybercrime_draft(), tmp_path, ["md", "pdf"])
    assert list(tmp_path.iterdir()) == []


def test_export_all_into_an_unwritable_folder_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(ExportError) as caught:
            export_all(cybercrime_draft(), folder, FORMATS)
        assert str(caught.value) == f"{folder}: cannot write to this folder: Permission denied"
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_export_all_under_a_file_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export_all(cybercrime_draft(), blocker / "out", FORMATS)
    assert str(caught.value) == f"{blocker / 'out'}: cannot write to this folder: Not a directory"
    assert sorted(tmp_path.iterdir()) == [blocker]


def test_export_all_says_which_files_were_written_when_a_write_fails_midway(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def write_failing_on_html(path: Path, data: bytes | str, *, force: bool = False) -> None:
        if path.suffix == ".html":
            raise ExportError("cannot write: No space left on device", Location(path))
        write_atomic(path, data, force=force)

    monkeypatch.setattr("drafter.export.write_atomic", write_failing_on_html)
    with pytest.raises(ExportError) as caught:
        export_all(cybercrime_draft(), tmp_path, ["md", "html", "txt"])
    assert str(caught.value) == (
        f"{tmp_path / '37301.html'}: cannot write: No space left on device "
        "(already written: 37301.md)"
    )


def test_export_all_refuses_a_folder_in_the_way_even_with_force(tmp_path: Path) -> None:
    (tmp_path / "37301.md").mkdir()
    with pytest.raises(ExportError) as caught:
        export_all(cybercrime_draft(), tmp_path, ["txt", "md"], force=True)
    assert str(caught.value) == (
        f"{tmp_path / '37301.md'}: is a folder, not a file: cannot write the draft here"
    )
    assert [path.name for path in tmp_path.iterdir()] == ["37301.md"]


_DOCX = "from tests.export_fixtures import cybercrime_draft as d; e.render_draft(d(), 'docx')"


@pytest.mark.parametrize(
    ("statement", "loaded", "cache"),
    [
        ("import drafter.export", [], "on"),
        (
            "from tests.export_fixtures import cybercrime_draft as d; e.render_draft(d(), 'html')",
            ["markdown"],
            "on",
        ),
        # The default Word form comes from the cache (the first run puts it there).
        (_DOCX, ["markdown"], "on"),
        (_DOCX, ["docx", "markdown"], "off"),
    ],
    ids=["import", "html", "docx", "docx-no-cache"],
)
def test_heavy_libraries_load_only_for_their_format(
    statement: str, loaded: list[str], cache: str, tmp_path: Path
) -> None:
    code = (
        f"import sys; import drafter.export as e; {statement}; "
        "print(sorted(m for m in ('docx', 'markdown') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path)}
    env["DRAFTER_NO_CACHE"] = "1" if cache == "off" else ""
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
    assert result.stdout == f"{loaded}\n"


def test_header_rows_of_a_named_day_lords_question() -> None:
    draft = cybercrime_draft(question={"uin": "HL1234", "house": "Lords", "named_day": True})
    rows = dict(header_rows(draft))
    assert (rows["House"], rows["Named day"], rows["Date tabled"]) == ("Lords", "Yes", "")


@pytest.mark.parametrize(
    ("value", "text"),
    [("2025-03-11", "11 March 2025"), ("2024-11", "November 2024"), ("2024", "2024"), (None, "")],
    ids=["day", "month", "year", "none"],
)
def test_house_date(value: object, text: str) -> None:
    assert house_date(value) == text
