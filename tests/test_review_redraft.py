"""redraft_draft: where the new draft goes."""

import shutil
from datetime import date
from pathlib import Path

from drafter.review import redraft_draft
from tests.conftest import ROOT

OLD = ROOT / "tests" / "data" / "review" / "37301-2024.md"
TODAY = date(2026, 11, 25)


def redraft(path: Path, out_dir: Path | None = None) -> Path:
    result = redraft_draft(
        path,
        facts_dir=ROOT / "facts",
        templates_dir=ROOT / "templates",
        today=TODAY,
        out_dir=out_dir,
    )
    return result.path


def test_without_out_dir_the_new_draft_is_dated_beside_the_old(tmp_path: Path) -> None:
    old = tmp_path / "37301.md"
    shutil.copy(OLD, old)
    assert redraft(old) == tmp_path / "37301-2026-11-25.md"
    assert old.read_bytes() == OLD.read_bytes()
    assert (tmp_path / "37301-2026-11-25.md").is_file()


def test_with_out_dir_the_new_draft_is_named_by_its_uin(tmp_path: Path) -> None:
    assert redraft(OLD, tmp_path / "2026") == tmp_path / "2026" / "37301.md"
    assert (tmp_path / "2026" / "37301.md").is_file()
