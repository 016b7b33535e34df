"""Every bundled example question drafts, and its draft passes `drafter check`."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from tests.conftest import ROOT

WORKSPACE = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]
EXAMPLES = [
    ("37301.yaml", "substantive"),
    ("37301.json", "substantive"),
    ("substantive-dismissals.yaml", "substantive"),
    ("grouped-police-databases.yaml", "grouped"),
    ("holding-named-day.yaml", "holding"),
    ("referral-cybercrime.yaml", "referral"),
    ("disproportionate-cost-pnc.yaml", "disproportionate-cost"),
    ("not-held-centrally-social-media.yaml", "not-held-centrally"),
    ("will-write-lords.yaml", "will-write"),
    ("correction-37301.yaml", "correction"),
]


@pytest.fixture
def archive(runner: CliRunner, tmp_path: Path) -> Path:
    db = tmp_path / "archive.sqlite"
    answered = ROOT / "tests" / "data" / "questions" / "37301.json"
    assert runner.invoke(cli, ["archive", "import", str(answered), "--db", str(db)]).exit_code == 0
    return db


def test_every_example_is_listed() -> None:
    bundled = {path.name for path in (ROOT / "examples").glob("*.y*ml")} | {"37301.json"}
    assert bundled == {name for name, _ in EXAMPLES}


@pytest.mark.parametrize(("name", "answer_type"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_example_drafts_and_passes_check(
    runner: CliRunner, tmp_path: Path, archive: Path, name: str, answer_type: str
) -> None:
    out = tmp_path / "drafts"
    args = ["draft", str(ROOT / "examples" / name), "--type", answer_type, "--db", str(archive)]
    drafted = runner.invoke(cli, [*args, "--out", str(out), "--format", "md", *WORKSPACE])
    assert drafted.exit_code == 0, drafted.stderr
    (draft,) = out.glob("*.md")
    checked = runner.invoke(cli, ["check", str(draft), "--facts", str(ROOT / "facts")])
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert "[too-long]" not in checked.stdout + checked.stderr  # within drafter's own limit
