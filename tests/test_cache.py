"""The cache folder (drafter.cache) and what rendering keeps in it (drafter.render_cache)."""

import marshal
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from jinja2.sandbox import SandboxedEnvironment

from drafter import cache
from drafter.cli import cli
from drafter.errors import Location, TemplateError
from drafter.facts.load import load_fact_base
from drafter.render import Recorder, block_fact_lines, make_environment, render_block
from drafter.render_cache import FactCalls, cached_fact_calls
from tests.conftest import ROOT, WriteTree

DATA = Path(__file__).parent / "data"
BASE = load_fact_base(DATA / "kb_minimal")
BLOCK = 'Duty: {{ fact("example.duty").text }}\n'


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache home of this test's own."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def render(templates: Path, name: str = "duty") -> str:
    recorder = Recorder(BASE, date(2026, 1, 1))
    return render_block(make_environment(templates), name, {}, recorder)


def entries(xdg: Path, kind: str) -> list[Path]:
    folder = xdg / "drafter" / kind
    return sorted(folder.iterdir()) if folder.exists() else []


def forbid_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("compiled from source, not taken from the cache")

    monkeypatch.setattr(SandboxedEnvironment, "compile", refuse)


@pytest.fixture
def templates(write_tree: WriteTree) -> Path:
    return write_tree({"templates/blocks/duty.md.j2": BLOCK}) / "templates"


def test_the_folder_is_under_xdg_cache_home(xdg: Path) -> None:
    assert cache.cache_root() == xdg / "drafter"
    assert cache.cache_folder("jinja") == xdg / "drafter" / "jinja"


def test_a_relative_xdg_cache_home_is_ignored_for_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_root() == tmp_path / ".cache" / "drafter"


@pytest.mark.parametrize(("value", "enabled"), [("1", False), ("yes", False), ("0", True)])
def test_drafter_no_cache_in_the_environment_turns_it_off(
    xdg: Path, monkeypatch: pytest.MonkeyPatch, value: str, enabled: bool
) -> None:
    monkeypatch.setenv(cache.NO_CACHE_VARIABLE, value)
    assert (cache.cache_root() is not None) is enabled


def test_caching_off_lasts_only_for_its_block(xdg: Path) -> None:
    with cache.caching_off():
        assert cache.cache_folder("jinja") is None
    assert cache.cache_folder("jinja") == xdg / "drafter" / "jinja"


def test_an_entry_is_written_whole_with_no_temporary_file_left(tmp_path: Path) -> None:
    cache.write_entry(tmp_path / "kind", "key", b"payload")
    cache.write_entry(tmp_path / "kind", "key", b"newer")
    assert cache.read_entry(tmp_path / "kind", "key") == b"newer"
    assert [path.name for path in (tmp_path / "kind").iterdir()] == ["key"]


def test_writers_at_the_same_time_leave_one_whole_entry(tmp_path: Path) -> None:
    payloads = [bytes([n]) * 200_000 for n in range(8)]
    seen: list[bytes | None] = []

    def write(payload: bytes) -> None:
        for _ in range(5):
            cache.write_entry(tmp_path, "key", payload)
            seen.append(cache.read_entry(tmp_path, "key"))

    threads = [threading.Thread(target=write, args=(payload,)) for payload in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(found in payloads for found in seen)
    assert cache.read_entry(tmp_path, "key") in payloads
    assert [path.name for path in tmp_path.iterdir()] == ["key"]


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    cache.write_entry(blocked / "kind", "key", b"payload")
    assert cache.read_entry(blocked / "kind", "key") is None


def test_content_keys_differ_for_different_inputs_and_splits() -> None:
    assert cache.content_key("ab", "c") != cache.content_key("a", "bc")
    assert cache.content_key("a", b"b") == cache.content_key("a", "b")


def test_a_compiled_block_is_taken_from_the_cache(
    xdg: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = render(templates)
    assert len(entries(xdg, "jinja")) == 1
    forbid_compiling(monkeypatch)
    assert render(templates) == first == "Duty: Officers must keep information confidential."


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"garbage",
        b"\x00" * 16 + b"\xe3",
        None,
        b"\x00" * 16 + marshal.dumps(42),
        b"\x00" * 16 + marshal.dumps(compile("", "elsewhere", "exec")),
    ],
    ids=["empty", "garbage", "unmarshallable", "truncated", "not-code", "foreign-code"],
)
def test_a_damaged_compiled_entry_is_ignored_and_rewritten(
    xdg: Path, templates: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes | None
) -> None:
    """`None` stands for the entry cut short."""
    render(templates)
    [entry] = entries(xdg, "jinja")
    whole = entry.read_bytes()
    entry.write_bytes(whole[: len(whole) // 2] if damage is None else damage)
    assert render(templates) == "Duty: Officers must keep information confidential."
    assert entry.read_bytes() == whole
    forbid_compiling(monkeypatch)
    assert render(templates) == "Duty: Officers must keep information confidential."


def test_an_edited_block_is_compiled_afresh(xdg: Path, templates: Path) -> None:
    render(templates)
    (templates / "blocks" / "duty.md.j2").write_text("Edited: {{ 1 + 1 }}\n", encoding="utf-8")
    assert render(templates) == "Edited: 2"
    assert len(entries(xdg, "jinja")) == 2


def test_the_same_block_elsewhere_reports_its_own_file(xdg: Path, write_tree: WriteTree) -> None:
    broken = "First line.\n{{ missing }}\n"
    root = write_tree({"a/blocks/duty.md.j2": broken, "b/blocks/duty.md.j2": broken})
    for folder in ("a", "b"):
        with pytest.raises(TemplateError) as raised:
            render(root / folder)
        assert raised.value.location == Location(root / folder / "blocks" / "duty.md.j2", 2)


def test_with_caching_off_nothing_is_written(
    xdg: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.NO_CACHE_VARIABLE, "1")
    assert render(templates) == "Duty: Officers must keep information confidential."
    assert block_fact_lines(make_environment(templates), "duty") == {
        "example.duty": Location(templates / "blocks" / "duty.md.j2", 1)
    }
    assert not xdg.exists()


def parse_once(calls: FactCalls) -> Callable[[str, str], FactCalls]:
    """A parser that answers once, then fails: a second answer must come from the cache."""
    answers = [calls]

    def parse(_source: str, _filename: str) -> FactCalls:
        if not answers:
            raise AssertionError("parsed again, not taken from the cache")
        return answers.pop()

    return parse


CALLS: FactCalls = (("example.duty", Location(Path("/t/duty.md.j2"), 3)),)


def test_the_facts_a_block_reads_are_taken_from_the_cache(xdg: Path) -> None:
    parse = parse_once(CALLS)
    assert cached_fact_calls("source", "/t/duty.md.j2", parse) == CALLS
    assert cached_fact_calls("source", "/t/duty.md.j2", parse) == CALLS


@pytest.mark.parametrize(
    "damage", [b"{not json", b'{"a": 1}', b'[["id"]]', b"[[1, 2]]", b'[["id", "3"]]']
)
def test_a_damaged_fact_calls_entry_is_parsed_afresh(xdg: Path, damage: bytes) -> None:
    cached_fact_calls("source", "/t/duty.md.j2", parse_once(CALLS))
    [entry] = entries(xdg, "facts-read")
    entry.write_bytes(damage)
    assert cached_fact_calls("source", "/t/duty.md.j2", parse_once(CALLS)) == CALLS


def test_a_changed_source_is_parsed_afresh(xdg: Path) -> None:
    cached_fact_calls("source", "/t/duty.md.j2", parse_once(CALLS))
    other: FactCalls = (("example.other", Location(Path("/t/duty.md.j2"), 1)),)
    assert cached_fact_calls("edited", "/t/duty.md.j2", parse_once(other)) == other


def test_no_cache_option_drafts_the_same_bytes_and_writes_no_cache(
    xdg: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    seed = str(ROOT / "examples" / "37301.yaml")
    runner = CliRunner()
    off = runner.invoke(cli, ["--no-cache", "draft", seed, "--out", str(tmp_path / "off")])
    assert off.exit_code == 0, off.output
    assert not xdg.exists()
    on = runner.invoke(cli, ["draft", seed, "--out", str(tmp_path / "on")])
    assert on.exit_code == 0, on.output
    assert entries(xdg, "jinja") and entries(xdg, "facts-read")
    for fmt in ("md", "html", "docx", "txt"):
        name = f"37301.{fmt}"
        assert (tmp_path / "off" / name).read_bytes() == (tmp_path / "on" / name).read_bytes()


def test_drafts_run_side_by_side_on_an_empty_cache_agree(xdg: Path, tmp_path: Path) -> None:
    seed = str(ROOT / "examples" / "37301.yaml")
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "drafter", "draft", seed, "--out", str(tmp_path / str(n))],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(3)
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr
    for fmt in ("md", "html", "docx", "txt"):
        outputs = {(tmp_path / str(n) / f"37301.{fmt}").read_bytes() for n in range(3)}
        assert len(outputs) == 1
    assert entries(xdg, "jinja")


def test_the_prepared_word_form_is_kept_and_a_damaged_one_rebuilt(
    xdg: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    seed = str(ROOT / "examples" / "37301.yaml")
    runner = CliRunner()

    def word(out: str, *options: str) -> bytes:
        args = [*options, "draft", seed, "--out", str(tmp_path / out), "--format", "docx"]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        return (tmp_path / out / "37301.docx").read_bytes()

    built = word("built", "--no-cache")
    assert word("first") == built
    [entry] = entries(xdg, "docx")
    kept = entry.read_bytes()
    assert word("kept") == built
    entry.write_bytes(kept[:-100])
    assert word("rebuilt") == built
    assert entry.read_bytes() == kept
