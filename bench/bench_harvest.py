"""Harvest benchmark: candidate facts from every answer in the archive, time and peak memory.

Run from the repository root, after importing the real corpora (about 10 s, once):

    drafter archive import ../shared/reference/parliament-api/commons-*.jsonl.xz --db /tmp/a.sqlite
    PYTHONPATH=$PWD python bench/bench_harvest.py --db /tmp/a.sqlite

1. Whole corpus: every substantive answer in the archive (on the shared corpus, 23,456 of
   58,173 questions) read row by row, split into statements, grouped and made into
   candidates, then written as a candidates file. Target: 60 s or less.
2. A broad query through `drafter facts harvest` as a real command ("police", no limit).

Each runs in a child process; its peak memory is that child's ru_maxrss (os.wait4).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from drafter.archive import ArchivedAnswer, open_archive
from drafter.archive.store import COLUMNS, answer_from_row
from drafter.harvest import candidates_yaml, harvest_answers

TARGET_SECONDS = 60.0


def all_answers(db: Path) -> Iterator[ArchivedAnswer]:
    """Every answered, substantive question in the archive, one row at a time."""
    with open_archive(db) as archive:
        rows = archive.connection.execute(
            f"SELECT {', '.join(COLUMNS)} FROM questions"
            " WHERE answer_text != '' AND date_answered IS NOT NULL AND NOT is_holding"
            " ORDER BY id"
        )
        for row in rows:
            yield answer_from_row(row)


def whole_corpus(db: Path) -> None:
    """The child's work: harvest everything, write the file, print the counts."""
    start = time.perf_counter()
    found = harvest_answers(all_answers(db), prefix="all")
    harvested = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "all.yaml"
        out.write_text(candidates_yaml(found.candidates, "benchmark"), encoding="utf-8")
        size = out.stat().st_size
    total = time.perf_counter() - start
    repeated = sum(len({m.uin for m in c.fact.seen_in}) > 1 for c in found.candidates)
    print(f"  answers read            {found.answers:>12,}")
    print(f"  statements              {found.statements:>12,}")
    print(
        f"  candidates              {len(found.candidates):>12,}  ({repeated:,} said in 2+ answers)"
    )
    print(f"  harvest (s)             {harvested:>12.1f}")
    print(f"  harvest + write (s)     {total:>12.1f}  (file {size / 1e6:.1f} MB)")


def run_child(args: list[str]) -> tuple[float, int]:
    """Run a command, returning its wall time and peak resident memory in MB."""
    start = time.perf_counter()
    process = subprocess.Popen(args, env={**os.environ, "PYTHONPATH": str(Path.cwd())})
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)}")
    return time.perf_counter() - start, usage.ru_maxrss // 1024


def main() -> None:
    """Parse the options, run both measures in child processes and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="An imported archive.")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        whole_corpus(options.db)
        return
    print("Whole corpus (library, one child process):")
    seconds, peak = run_child([sys.executable, __file__, "--db", str(options.db), "--child"])
    verdict = "within" if seconds <= TARGET_SECONDS else "OVER"
    print(
        f"  wall (s)                {seconds:>12.1f}  ({verdict} the {TARGET_SECONDS:.0f} s target)"
    )
    print(f"  peak memory (MB)        {peak:>12,}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "police.yaml"
        command = [sys.executable, "-m", "drafter", "facts", "harvest", "police"]
        command += ["--limit", "1000000", "--db", str(options.db), "--out", str(out)]
        print('drafter facts harvest "police" --limit 1000000 (real command):')
        seconds, peak = run_child(command)
    print(f"  wall (s)                {seconds:>12.1f}")
    print(f"  peak memory (MB)        {peak:>12,}")


if __name__ == "__main__":
    main()
