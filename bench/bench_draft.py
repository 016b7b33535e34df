"""Benchmark drafting the seed question: against its import floor, then step by step.

Run from the repository root, after `python -m pip install -e .`:

    python -m bench.bench_draft            # or: --runs 5 for a quicker look
    python -m bench.bench_draft --floor-only

First it compares, in one interleaved run (each turn runs every command once, in a rotating
order, so a busy machine slows them all alike), the whole `drafter draft examples/37301.yaml
--out DIR` (all four formats) with the floor: a bare `python -c "import jinja2, yaml, click,
markdown, docx"`. It prints the medians, wall and CPU, and their ratio against the target
(1.3), with the cache warm (a user's second draft) and with `--no-cache`: the median over
turns of each turn's ratio, steadier on a machine whose speed swings. The same run also
drafts to .md, .html and .txt alone against the floor without python-docx: drafter's own
share, apart from the Word export. Then it prints the median wall and CPU time of each step,
as whole processes and in process. Targets live here, never in unit tests.

Subprocesses may write bytecode (.pyc) as a user's installation does, even where the
environment says PYTHONDONTWRITEBYTECODE: without it every run would compile drafter afresh.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from functools import partial
from pathlib import Path

from bench.timing import interleaved_medians, interleaved_samples, median_wall_and_cpu, turn_ratio
from drafter.build import build_draft
from drafter.export import FORMATS, render_draft
from drafter.facts.load import load_fact_base
from drafter.facts.model import FactBase
from drafter.intake import load_question
from drafter.question import Question
from drafter.render import load_templates

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "37301.yaml"
FLOOR_IMPORTS = "import jinja2, yaml, click, markdown, docx"
TEXT_FLOOR_IMPORTS = "import jinja2, yaml, click, markdown"
"""The floor of a draft without its Word export."""
TEXT_ONLY = "--format md,html,txt"
TARGET = 1.3
"""The whole draft to all four formats, at most this many times its import floor."""
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run_python(*args: str) -> None:
    """A fresh Python process, as a user's command is."""
    subprocess.run(
        [sys.executable, *args],
        check=True,
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_cli(*args: str) -> None:
    """Run drafter as a user would: a fresh Python process."""
    run_python("-m", "drafter", *args)


def compare_with_floor(runs: int) -> None:
    """Print the drafts' and the floors' medians, measured in turn, and their ratios.

    Each ratio is the median over turns of the draft's time over the floor's in that turn.
    """
    with tempfile.TemporaryDirectory() as scratch:
        draft = ("draft", str(SEED), "--out", scratch, "--force")
        samples = interleaved_samples(
            {
                FLOOR_IMPORTS: partial(run_python, "-c", FLOOR_IMPORTS),
                TEXT_FLOOR_IMPORTS: partial(run_python, "-c", TEXT_FLOOR_IMPORTS),
                "draft": partial(run_cli, *draft),
                "draft --no-cache": partial(run_cli, "--no-cache", *draft),
                TEXT_ONLY: partial(run_cli, *draft, "--format", "md,html,txt"),
            },
            runs,
        )
    floors = {imports: samples.pop(imports) for imports in (FLOOR_IMPORTS, TEXT_FLOOR_IMPORTS)}
    for imports, floor in floors.items():
        medians = floor.medians()
        print(f"import floor, python -c {imports!r}")
        print(f"  wall {medians.wall * 1000:7.1f} ms {'':16}CPU {medians.child_cpu * 1000:7.1f} ms")
    for name, times in samples.items():
        if name == TEXT_ONLY:
            floor = floors[TEXT_FLOOR_IMPORTS]
            print(f"drafter draft {TEXT_ONLY}, against the floor without docx")
        else:
            floor = floors[FLOOR_IMPORTS]
            print(f"drafter {name} to md, html, docx and txt")
        medians, ratio = times.medians(), turn_ratio(times, floor)
        verdict = f"target <= {TARGET}: {'met' if max(ratio) <= TARGET else 'NOT met'}"
        print(
            f"  wall {medians.wall * 1000:7.1f} ms = {ratio.wall:.2f} x floor"
            f"   CPU {medians.child_cpu * 1000:7.1f} ms = {ratio.child_cpu:.2f} x floor"
            f"   {verdict if name == 'draft' else '(for comparison: no target)'}"
        )


def steps(runs: int) -> list[tuple[str, float, float]]:
    """(what, median wall, median CPU) of each step: whole processes, then in process."""
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as scratch:
        processes: dict[str, tuple[str, ...]] = {"drafter --help": ("--help",)}
        for fmt in FORMATS:
            out = f"{scratch}/{fmt}"
            processes[f"drafter draft --format {fmt}"] = (
                *("draft", str(SEED), "--out", out, "--format", fmt, "--force"),
            )
        timed = interleaved_medians(
            {name: partial(run_cli, *args) for name, args in processes.items()}, runs
        )
        rows += [(f"{name} (process)", m.wall, m.child_cpu) for name, m in timed.items()]
    base, templates = load_fact_base(ROOT / "facts"), load_templates(ROOT / "templates")
    question = load_question(SEED)
    build = partial(build_draft, question, base, templates, today=date(2026, 11, 25))
    load = partial(load_fact_base, ROOT / "facts")
    rows.append(("load fact base (in process)", *median_wall_and_cpu(load, runs)))
    rows.append(("build draft (in process)", *median_wall_and_cpu(build, runs)))
    first = partial(_build_afresh, question, base)
    rows.append(
        ("load templates and build, as one draft (in process)", *median_wall_and_cpu(first, runs))
    )
    draft = build()
    for fmt in FORMATS:
        render = partial(render_draft, draft, fmt)
        rows.append((f"render {fmt} (in process)", *median_wall_and_cpu(render, runs)))
    return rows


def _build_afresh(question: Question, base: FactBase) -> None:
    """A draft's build as one `drafter draft` makes it: the catalogue from the cache folder."""
    build_draft(question, base, load_templates(ROOT / "templates"), today=date(2026, 11, 25))


def main() -> None:
    """Print the comparison with the floor, then one line per step: wall and CPU medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--floor-only", action="store_true", help="only the ratio to the floor")
    options = parser.parse_args()
    compare_with_floor(options.runs)
    if options.floor_only:
        return
    rows = steps(options.runs)
    width = max(len(name) for name, _, _ in rows)
    print(f"{'step':<{width}}  {'wall':>8}     {'CPU':>8}")
    for name, wall, cpu in rows:
        print(f"{name:<{width}}  {wall * 1000:8.1f} ms  {cpu * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
