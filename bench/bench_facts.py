"""Benchmark the fact base lifecycle at scale: 10,000 facts over 200 files.

Run from the repository root:

    python -m bench.bench_facts                # or: --runs 1 --facts 2000 for a quicker look

It generates a realistic fact base in a temporary folder (half statistics with 3-8 periods,
breakdowns and notes; half lines of 30-60 words; 5 sources per file), and a copy with about
5% of facts changed (figures, texts, review dates). It prints the median wall time of loading
(PyYAML's C parser, then pure Python), `facts check`, `facts stale`, `facts diff` and
`facts add-period`, in process with the cache off. Then, as whole processes taking turns
(`--process-runs` rounds, medians): `facts check --no-cache` against a bare
`yaml.load(..., Loader=yaml.CSafeLoader)` of the same files (target: 1.5 times or less), and
a second, cached `facts check` against `drafter --help` (target: 4 times or less). Each
ratio is the median over rounds of that round's ratio (bench.timing.turn_ratio).
Targets live here, never in unit tests.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from functools import partial
from pathlib import Path

from bench.timing import interleaved_process_samples, median_seconds, turn_ratio
from drafter.cache import caching_off
from drafter.facts import yamlread
from drafter.facts.edit import add_period
from drafter.facts.load import check_fact_base, load_fact_base
from drafter.facts.model import PeriodValue
from drafter.facts.revision import diff_versions
from drafter.facts.stale import find_stale

timed = partial(median_seconds, warm_up=False)
"""No warm-up: every call reads the files afresh, as a user's command does."""

WORDS = (
    "officers staff police data systems access disclosure misconduct forces standards "
    "professional behaviour information policing purpose College Home Office published "
    "statistics dismissal barred list vetting audit training complaints investigation"
).split()
KEYS = ("police officers", "special constables", "police staff", "designated volunteers")
SOURCES_PER_FILE = 5
_LAST_FIGURE = re.compile(r"(\d+)\}")


def words(rng: random.Random, low: int, high: int) -> str:
    """A sentence of `low` to `high` words from the police vocabulary."""
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def source_text(file: int, number: int) -> str:
    """One source mapping in the bundled facts' style."""
    year = 2016 + number
    return (
        f"  - id: source-{file}-{number}\n"
        f"    title: Example statistics {year} to {year + 1}, table {file}\n"
        "    publisher: Example Office\n"
        f"    url: https://www.gov.uk/government/statistics/example-{file}-{number}\n"
        f"    published: {year + 1}-10\n"
        f"    checked: 2025-0{1 + number % 9}-15\n"
        f"    covers: {year}/{(year + 1) % 100:02d}\n"
        "    cadence: annual\n"
    )


def fact_text(rng: random.Random, file: int, number: int) -> str:
    """A line or a statistic, alternately, citing one of the file's sources."""
    head = (
        f"  - id: topic-{file}.fact-{number}\n"
        f"    kind: {'statistic' if number % 2 else 'line'}\n"
        f"    source: source-{file}-{number % SOURCES_PER_FILE}\n"
        f"    review_by: 202{6 + number % 3}-0{1 + number % 9}-28\n"
        f"    topics: [topic {file % 17}, {rng.choice(WORDS)}]\n"
        f"    keywords: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\n"
        "    owner: Example Unit\n"
    )
    if number % 2 == 0:
        return head + f"    text: >-\n      {words(rng, 30, 60)}\n"
    return head + "    unit: people\n    values:\n" + periods(rng, file)


def periods(rng: random.Random, file: int) -> str:
    """Three to eight financial years, each with a two- to four-key breakdown."""
    keys = KEYS[: rng.randint(2, 4)]
    count = rng.randint(3, 8)
    text = ""
    for index in range(count):
        year = 2024 - count + 1 + index
        breakdown = ", ".join(f"{key}: {rng.randint(1, 900)}" for key in keys)
        text += (
            f"      - period: {year}/{(year + 1) % 100:02d}\n"
            f"        breakdown: {{{breakdown}}}\n"
            f"        source: source-{file}-{index % SOURCES_PER_FILE}\n"
        )
        if rng.random() < 0.3:
            text += f"        notes: {words(rng, 8, 20)}\n"
    return text


def generate(directory: Path, facts: int, files: int, seed: int = 2025) -> None:
    """Write `facts` facts spread evenly over `files` fact files."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    per_file = facts // files
    for file in range(files):
        sources = "".join(source_text(file, number) for number in range(SOURCES_PER_FILE))
        body = "".join(fact_text(rng, file, number) for number in range(per_file))
        text = f"# Generated fact file {file}.\nsources:\n{sources}\nfacts:\n{body}"
        (directory / f"topic-{file:03d}.yaml").write_text(text, encoding="utf-8")


def change(directory: Path, share: float = 0.035, seed: int = 7) -> None:
    """Change about `share` of the facts: figures, texts, review dates and removals."""
    rng = random.Random(seed)
    for path in sorted(directory.glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for at, line in enumerate(lines):
            if line.startswith("        breakdown:") and rng.random() < share / 4:
                lines[at] = _LAST_FIGURE.sub(lambda match: f"{int(match[1]) + 1}}}", line)
            elif line.startswith("      ") and line[6:7].isupper() and rng.random() < share:
                lines[at] = line.replace("police", "policing")
            elif line.startswith("    review_by:") and rng.random() < share / 2:
                lines[at] = "    review_by: 2030-01-31\n"
        path.write_text("".join(lines), encoding="utf-8")


def pure_python_load(directory: Path) -> object:
    """Load with PyYAML's pure-Python parser, as on a machine without libyaml."""
    c_loader = yamlread._Loader
    yamlread._Loader = yamlread.PurePythonLoader
    try:
        return load_fact_base(directory)
    finally:
        yamlread._Loader = c_loader


def measure(base_dir: Path, changed_dir: Path, runs: int) -> list[tuple[str, float]]:
    """Each measurement's name and median seconds."""
    on = date(2026, 1, 31)
    edit_dir = base_dir.parent / "edit"
    shutil.copytree(base_dir, edit_dir)
    figures = PeriodValue("2025/26", 1, source="source-0-1")
    statistic = "topic-0.fact-1"
    return [
        ("load (C parser)", timed(lambda: load_fact_base(base_dir), runs)),
        ("load (pure Python parser)", timed(lambda: pure_python_load(base_dir), 1)),
        ("facts check", timed(lambda: check_fact_base(base_dir), runs)),
        (
            "facts stale (load + find)",
            timed(lambda: find_stale(load_fact_base(base_dir), on, 365), runs),
        ),
        (
            "facts diff (two loads + compare)",
            timed(lambda: diff_versions(str(base_dir), None, changed_dir), runs),
        ),
        (
            "facts add-period (load + re-load to validate)",
            timed(
                lambda: add_period(edit_dir, statistic, figures, replace=True, allow_partial=True),
                runs,
            ),
        ),
    ]


BARE_LOAD = """
import sys
from pathlib import Path
import yaml
data = [
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    for path in sorted(Path(sys.argv[1]).glob("*.yaml"))
]
"""
"""The floor for a cold `facts check`: PyYAML's C loader, each file kept, nothing else."""


def process_figures(base_dir: Path, runs: int) -> None:
    """Print cold and warm `facts check` against their floors, as whole processes."""
    scratch = base_dir.parent
    drafter = [sys.executable, "-m", "drafter"]
    check = [*drafter, "facts", "check", "--facts", str(base_dir)]
    commands = {
        "bare CSafeLoader load": [sys.executable, "-c", BARE_LOAD, str(base_dir)],
        "facts check --no-cache (cold)": [*drafter, "--no-cache", *check[3:]],
        "drafter --help": [*drafter, "--help"],
        "facts check (warm: second run, cached)": check,
    }
    # Run where there is no drafter.yaml or templates folder, with a cache of its own.
    env = {**os.environ, "XDG_CACHE_HOME": str(scratch / "cache")}
    subprocess.run(check, check=True, capture_output=True, cwd=scratch, env=env)  # fills it
    samples = interleaved_process_samples(commands, runs, cwd=scratch, env=env)
    print(f"whole processes, medians of {runs} rounds taking turns:   wall        cpu")
    for name, times in samples.items():
        wall, cpu = times.medians()
        print(f"{name:48} {wall:7.2f} s  {cpu:7.2f} s")
    for slow, floor, target in (
        ("facts check --no-cache (cold)", "bare CSafeLoader load", 1.5),
        ("facts check (warm: second run, cached)", "drafter --help", 4.0),
    ):
        wall, cpu = turn_ratio(samples[slow], samples[floor])
        ratio = f"{wall:.2f} (cpu {cpu:.2f}), target {target} or less"
        print(f"{slow.split(' (')[0] + ' / ' + floor:48} {ratio}")


def main() -> None:
    """Generate the two fact bases, then print one line per measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--process-runs", type=int, default=7)
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=200)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base_dir, changed_dir = Path(scratch) / "base", Path(scratch) / "changed"
        generate(base_dir, options.facts, options.files)
        shutil.copytree(base_dir, changed_dir)
        change(changed_dir)
        size = sum(path.stat().st_size for path in base_dir.glob("*.yaml"))
        diff = diff_versions(str(base_dir), None, changed_dir)
        print(f"{options.facts} facts in {options.files} files, {size / 1e6:.1f} MB; ", end="")
        print(f"the changed copy differs in {len(diff.items)} facts and sources")
        with caching_off():
            for name, seconds in measure(base_dir, changed_dir, options.runs):
                print(f"{name:48} {seconds:7.2f} s")
        process_figures(base_dir, options.process_runs)


if __name__ == "__main__":
    main()
