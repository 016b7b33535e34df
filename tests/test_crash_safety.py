"""Crash safety: drafter killed with SIGKILL at seeded moments, and imports run concurrently.

Each command runs as a real subprocess in a copy of the workspace. It is killed at a few
moments drawn (with a fixed seed) from the later part of its run, where its writing happens;
each output it touches must then be whole, either as it was before or as a finished run
leaves it, with no stray file but drafter's hidden temporary ones; the archive must pass
SQLite's integrity check and hold all or none of an import.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from drafter.archive import Archive, import_files, open_archive
from drafter.archive.batch import ImportWriter
from drafter.archive.parse import answer_from_api
from drafter.errors import ArchiveError
from drafter.facts.load import load_fact_base
from tests.conftest import HARVEST_ANSWERS, ROOT

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

MOMENTS = 2
"""Kills per command: each is a whole subprocess run, so a few keep the suite fast."""
SEED = 13
EXAMPLE = json.loads((ROOT / "examples" / "37301.json").read_text(encoding="utf-8"))["value"]


def drafter(*args: str) -> list[str]:
    return [sys.executable, "-m", "drafter", *args]


def workspace(tmp_path: Path) -> Path:
    """A copy of the project's fact base and templates, and the example question."""
    root = tmp_path / "work"
    shutil.copytree(ROOT / "facts", root / "facts")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copy(ROOT / "examples" / "37301.yaml", root / "37301.yaml")
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def run(command: list[str], cwd: Path) -> float:
    """Run to the end (it must succeed) and return how long it took."""
    start = time.monotonic()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - start


def kill_after(command: list[str], cwd: Path, delay: float) -> None:
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)  # a no-op if it has already finished
    process.wait()


def moments(duration: float, salt: str) -> list[float]:
    generator = random.Random(f"{SEED}-{salt}")
    return [duration * generator.uniform(0.5, 1.05) for _ in range(MOMENTS)]


def check_old_or_new(folder: Path, old: dict[str, bytes], new: dict[str, bytes]) -> None:
    """Every file is whole, as before or as after; anything else is a hidden temporary file."""
    now = snapshot(folder)
    for name, data in now.items():
        if name in old or name in new:
            assert data in (old.get(name), new.get(name)), f"{name} is neither old nor new"
        else:
            assert Path(name).name.startswith("."), f"stray file {name}"
    for name in old.keys() & new.keys():
        assert name in now, f"{name} vanished"


def crash_test(
    folder: Path, command: list[str], salt: str, reset: Callable[[], None] | None = None
) -> None:
    """Kill the command at the seeded moments; after each, the folder is old or new."""
    old = snapshot(folder)
    duration = run(command, folder)
    new = snapshot(folder)
    assert new != old, "the command changed nothing: the test could not fail"
    for delay in moments(duration, salt):
        for name, data in old.items():
            (folder / name).write_bytes(data)
        if reset:
            reset()
        kill_after(command, folder, delay)
        check_old_or_new(folder, old, new)
        load_fact_base(folder / "facts")


def test_draft_force_killed_leaves_each_file_old_or_new(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    out = folder / "out"
    out.mkdir()
    for fmt in ("md", "html", "docx", "txt"):
        (out / f"37301.{fmt}").write_bytes(b"an earlier draft\n")
    command = drafter("draft", "37301.yaml", "--out", "out", "--force")
    crash_test(folder, command, "draft")


def test_facts_add_period_killed_leaves_the_file_old_or_new(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    command = drafter(
        "facts", "add-period", "barred-list.unlawful-access", "2030/31",
        "--value", "police officers=90", "--source", "barred-list-2024-25", "--allow-partial",
    )  # fmt: skip
    crash_test(folder, command, "add-period")


@pytest.mark.parametrize(
    "args",
    [
        ("set-review", "barred-list.unlawful-access", "2031-01-31"),
        ("checked", "barred-list-series", "--on", "2030-06-01"),
    ],
    ids=["set-review", "checked"],
)
def test_fact_edits_killed_leave_the_file_old_or_new(tmp_path: Path, args: tuple[str]) -> None:
    folder = workspace(tmp_path)
    crash_test(folder, drafter("facts", *args), args[0])


def test_facts_accept_killed_leaves_both_files_old_or_new(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    archive = folder / "archive.sqlite"
    run(drafter("archive", "import", str(HARVEST_ANSWERS), "--db", str(archive)), folder)
    harvest = ["harvest", "vetting", "--body", "home", "--db", str(archive)]
    run(drafter("facts", *harvest, "--out", "cands.yaml"), folder)
    archive.unlink()
    code = "cands.vetting-code-practice-sets-out-bba8ea"
    crash_test(
        folder,
        drafter("facts", "accept", "cands.yaml", code, "--into", "facts/vetting.yaml"),
        "accept",
    )


# The archive ------------------------------------------------------------------------------------


def dump(path: Path, first_uin: int, count: int) -> Path:
    """`count` API records (UINs from `first_uin`) as JSON Lines."""
    lines = (
        json.dumps({**EXAMPLE, "uin": str(first_uin + n), "id": first_uin + n}) + "\n"
        for n in range(count)
    )
    path.write_text("".join(lines), encoding="utf-8")
    return path


def questions(database: Path) -> set[str]:
    """The UINs in the archive, after SQLite's integrity check (which rolls back a hot journal)."""
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return {uin for (uin,) in connection.execute("SELECT uin FROM questions")}
    finally:
        connection.close()


def test_archive_import_killed_holds_all_or_none(tmp_path: Path) -> None:
    database = tmp_path / "archive.sqlite"
    run(
        drafter("archive", "import", str(dump(tmp_path / "a.jsonl", 1, 50)), "--db", str(database)),
        tmp_path,
    )
    before = database.read_bytes()
    records = dump(tmp_path / "b.jsonl", 1000, 300)
    command = drafter("archive", "import", str(records), "--db", str(database))
    duration = run(command, tmp_path)
    old, new = (
        set(map(str, range(1, 51))),
        set(map(str, range(1, 51))) | set(map(str, range(1000, 1300))),
    )
    assert questions(database) == new
    for delay in moments(duration, "archive"):
        database.write_bytes(before)
        for journal in tmp_path.glob("archive.sqlite-*"):
            journal.unlink()
        kill_after(command, tmp_path, delay)
        assert questions(database) in (old, new)


@pytest.mark.parametrize(
    ("runs", "fresh"), [(2, False), (4, True)], ids=["2-on-existing", "4-on-new"]
)
def test_concurrent_imports_lose_nothing(tmp_path: Path, runs: int, fresh: bool) -> None:
    database = tmp_path / "archive.sqlite"
    if not fresh:
        run(
            drafter(
                "archive", "import", str(dump(tmp_path / "seed.jsonl", 1, 5)), "--db", str(database)
            ),
            tmp_path,
        )
    dumps = [dump(tmp_path / f"{n}.jsonl", 10_000 * (n + 1), 150) for n in range(runs)]

    def one(path: Path) -> subprocess.CompletedProcess[str]:
        command = drafter("archive", "import", str(path), "--db", str(database))
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)

    with ThreadPoolExecutor(runs) as pool:
        results = list(pool.map(one, dumps))
    expected = set(map(str, range(1, 6))) if not fresh else set()
    for path, result in zip(dumps, results, strict=True):
        if result.returncode == 0:
            first = 10_000 * (int(path.stem) + 1)
            expected |= set(map(str, range(first, first + 150)))
        else:
            assert result.returncode == 1
            assert result.stderr.count("\n") == 1 and "locked" in result.stderr, result.stderr
    assert questions(database) == expected
    assert [path.name for path in tmp_path.glob("archive.sqlite*")] == ["archive.sqlite"]


def test_an_import_that_waits_too_long_fails_in_one_line_and_changes_nothing(
    tmp_path: Path,
) -> None:
    database = tmp_path / "archive.sqlite"
    seed = dump(tmp_path / "seed.jsonl", 1, 5)
    run(drafter("archive", "import", str(seed), "--db", str(database)), tmp_path)
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, busy for longer than the busy timeout
    try:
        command = drafter("archive", "import", str(dump(tmp_path / "b.jsonl", 100, 5)))
        result = subprocess.run(
            [*command, "--db", str(database)], cwd=tmp_path, capture_output=True, text=True
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: {database}: archive is locked by another process (waited 2s):"
        " try again when it has finished\n"
    )
    assert questions(database) == set(map(str, range(1, 6)))


def test_a_first_import_that_times_out_keeps_the_archive_another_is_filling(
    tmp_path: Path,
) -> None:
    # Seen with four concurrent first imports: one gave up waiting for the lock and removed
    # the new file while another was filling it; that import then "succeeded" into nothing.
    database = tmp_path / "archive.sqlite"
    mine = dump(tmp_path / "mine.jsonl", 100, 3)
    assert not database.exists()
    with pytest.raises(ArchiveError, match="locked"):
        with open_archive(database, create=True, timeout=0.2) as archive:
            writer = sqlite3.connect(database, isolation_level=None)
            writer.execute("BEGIN IMMEDIATE")  # another process's import, not yet committed
            other = ImportWriter(Archive(database, writer))
            other.add_question(answer_from_api(EXAMPLE, database))
            other.finish()
            import_files(archive, [mine])
    writer.execute("COMMIT")
    writer.close()
    assert questions(database) == {"37301"}
