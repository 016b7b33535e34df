"""`drafter draft` end to end: the seed question through the CLI, and every way it can fail."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter import __version__
from drafter.cli import cli
from tests.conftest import ROOT, WriteTree

SEED_YAML = ROOT / "examples" / "37301.yaml"
SEED_JSON = ROOT / "examples" / "37301.json"
AS_OF_ROOT = ["--facts", str(ROOT / "facts"), "--templates", str(ROOT / "templates")]


def draft(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["draft", *args, *AS_OF_ROOT])
    return result.exit_code, result.stdout, result.stderr


def test_draft_writes_four_formats(runner: CliRunner, tmp_path: Path) -> None:
    code, stdout, stderr = draft(runner, str(SEED_YAML), "--out", str(tmp_path / "drafts"))
    assert (code, stdout) == (0, "")
    names = ["37301.md", "37301.html", "37301.docx", "37301.txt"]
    assert stderr.splitlines() == [f"wrote {tmp_path / 'drafts' / name}" for name in names]
    assert sorted(p.name for p in (tmp_path / "drafts").iterdir()) == sorted(names)


def test_yaml_and_api_json_give_the_same_draft(runner: CliRunner, tmp_path: Path) -> None:
    for source in (SEED_YAML, SEED_JSON):
        assert draft(runner, str(source), "--out", str(tmp_path / source.suffix))[0] == 0
    for made in (tmp_path / ".yaml").iterdir():
        assert made.read_bytes() == (tmp_path / ".json" / made.name).read_bytes(), made.name


def test_same_inputs_same_bytes(runner: CliRunner, tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert draft(runner, str(SEED_YAML), "--out", str(tmp_path / name))[0] == 0
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_existing_draft_is_not_overwritten_without_force(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    out.mkdir()
    (out / "37301.html").write_text("keep me")
    code, stdout, stderr = draft(runner, str(SEED_YAML), "--out", str(out))
    assert (code, stdout) == (1, "")
    assert stderr == f"Error: {out / '37301.html'}: already exists: use --force to overwrite it\n"
    assert sorted(p.name for p in out.iterdir()) == ["37301.html"]
    assert (out / "37301.html").read_text() == "keep me"
    assert draft(runner, str(SEED_YAML), "--out", str(out), "--force")[0] == 0
    assert (out / "37301.html").read_text() != "keep me"


def test_plain_text_question_on_stdin(runner: CliRunner) -> None:
    text = (
        "To ask the Secretary of State for the Home Department, what steps she is taking to "
        "prevent misuse of police systems by officers.\n"
    )
    result = runner.invoke(cli, ["draft", "-", *AS_OF_ROOT], input=text)
    assert result.exit_code == 0, result.stderr
    assert "Standards of Professional Behaviour" in result.stdout


def errors(runner: CliRunner, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(cli, list(args), input=stdin)
    assert result.stdout == ""
    return result.exit_code, result.stderr


def test_missing_question_file(runner: CliRunner, tmp_path: Path) -> None:
    code, stderr = errors(runner, "draft", str(tmp_path / "nope.yaml"), *AS_OF_ROOT)
    assert code == 1
    assert stderr.startswith(f"Error: {tmp_path / 'nope.yaml'}: ")
    assert len(stderr.splitlines()) == 1


def test_invalid_question_yaml_names_the_line(runner: CliRunner, write_tree: WriteTree) -> None:
    root = write_tree({"q.yaml": "uin: '1'\ntext: [broken\n"})
    code, stderr = errors(runner, "draft", str(root / "q.yaml"), *AS_OF_ROOT)
    assert code == 1
    assert stderr.startswith(f"Error: {root / 'q.yaml'}:3")
    assert len(stderr.splitlines()) == 1


def test_question_with_no_text(runner: CliRunner, write_tree: WriteTree) -> None:
    root = write_tree({"q.yaml": "uin: '1'\nheading: Police\n"})
    code, stderr = errors(runner, "draft", str(root / "q.yaml"), *AS_OF_ROOT)
    assert code == 1
    assert "text" in stderr
    assert len(stderr.splitlines()) == 1


def test_json_that_is_not_a_written_question(runner: CliRunner, write_tree: WriteTree) -> None:
    root = write_tree({"q.json": json.dumps({"items": [1, 2]})})
    code, stderr = errors(runner, "draft", str(root / "q.json"), *AS_OF_ROOT)
    assert code == 1
    assert stderr.startswith(f"Error: {root / 'q.json'}")
    assert len(stderr.splitlines()) == 1


def kb_with(write_tree: WriteTree, facts: dict[str, str]) -> list[str]:
    files = {f"facts/{name}": text for name, text in facts.items()}
    root = write_tree(files)
    shutil.copytree(ROOT / "templates", root / "templates")
    return ["--facts", str(root / "facts"), "--templates", str(root / "templates")]


def test_fact_base_problems_stop_the_draft(runner: CliRunner, tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(ROOT / "facts", facts)
    path = sorted(facts.glob("*.yaml"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n  - id: [\n", encoding="utf-8")
    result = runner.invoke(
        cli,
        ["draft", str(SEED_YAML), "--facts", str(facts), "--templates", str(ROOT / "templates")],
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}:")
    assert "invalid YAML" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_unknown_fact_in_template_names_template_line_and_fact(
    runner: CliRunner, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    block = templates / "blocks" / "duties.md.j2"
    block.write_text(block.read_text() + '{{ fact("standards.no-such-fact").text }}\n')
    result = runner.invoke(
        cli,
        ["draft", str(SEED_YAML), "--facts", str(ROOT / "facts"), "--templates", str(templates)],
    )
    assert result.exit_code == 1
    line = len(block.read_text().splitlines())
    assert result.stderr == f"Error: {block}:{line}: unknown fact id 'standards.no-such-fact'\n"


def test_unknown_format_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    code, stderr = errors(
        runner, "draft", str(SEED_YAML), "--out", str(tmp_path), "--format", "pdf"
    )
    assert code == 2
    assert "unknown format 'pdf' (choose from md, html, docx, txt)" in stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output_directory(runner: CliRunner, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, stderr = errors(
        runner, "draft", str(SEED_YAML), "--out", str(locked / "drafts"), *AS_OF_ROOT
    )
    assert code == 1
    assert len(stderr.splitlines()) == 1


def test_output_directory_that_is_a_file(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "drafts"
    blocker.write_text("")
    code, stderr = errors(
        runner, "draft", str(SEED_YAML), "--out", str(blocker / "sub"), *AS_OF_ROOT
    )
    assert code == 1
    assert stderr.startswith(f"Error: {blocker / 'sub'}")
    assert len(stderr.splitlines()) == 1


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys, runpy; sys.argv = ['drafter', '--help']\n"
        "try:\n    runpy.run_module('drafter', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('docx', 'markdown', 'jinja2', 'yaml', 'lxml', 'zipfile',"
        " 'drafter.facts.report', 'drafter.export', 'drafter.draft')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stdout.splitlines()[-1] == "[]"


def test_installed_drafter_runs_as_a_subprocess(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "drafter"
    if not script.exists():
        pytest.skip("drafter is not installed in this environment (pip install -e .)")
    result = subprocess.run(
        [str(script), "draft", str(SEED_YAML), "--out", str(tmp_path), "--format", "md,txt"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "37301.txt").read_text(encoding="utf-8").startswith("The ")
    broken = subprocess.run(
        [str(script), "draft", str(tmp_path / "missing.yaml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert broken.returncode == 1
    assert "Traceback" not in broken.stderr
    assert len(broken.stderr.splitlines()) == 1


def test_dated_draft_carries_the_date_only_when_asked(runner: CliRunner, tmp_path: Path) -> None:
    import docx

    from drafter.draft import read_draft

    plain, dated = tmp_path / "plain", tmp_path / "dated"
    assert draft(runner, str(SEED_YAML), "--out", str(plain), "--format", "md,docx")[0] == 0
    assert (
        draft(runner, str(SEED_YAML), "--out", str(dated), "--format", "md,docx", "--dated")[0] == 0
    )
    assert read_draft(plain / "37301.md").date is None
    stamped = read_draft(dated / "37301.md").date
    assert stamped is not None
    properties = docx.Document(str(dated / "37301.docx")).core_properties
    assert properties.created is not None and properties.created.date() == stamped


def test_word_comments_are_by_the_workspace_author(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx

    (tmp_path / "drafter.yaml").write_text("author: Police Integrity Unit\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert draft(runner, str(SEED_YAML), "--out", "out", "--format", "docx")[0] == 0
    comments = list(docx.Document(str(tmp_path / "out" / "37301.docx")).comments)
    assert comments
    assert {comment.author for comment in comments} == {"Police Integrity Unit"}


def test_the_program_leaves_its_objects_to_the_system_at_exit() -> None:
    """`drafter` collects rarely while it runs and freezes what is left as it exits.

    The collector would otherwise pass over every long-lived object again and again.
    """
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('threshold:', gc.get_threshold()[0]))\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "sys.argv = ['drafter', '--version']\n"
        "from drafter.cli import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"drafter, version {__version__}",
        "frozen at exit: True",
        "threshold: 10000",
    ]
