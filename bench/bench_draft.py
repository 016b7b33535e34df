"""Benchmark drafting the seed question: against its import floor, then step by step.

Run from the repository root, after `python -m pip install -e .`:

    python -m bench.bench_draft            # or: --runs 5 for a quicker look
    python -m bench.bench_draft --floor-only

First it compares, in one interleaved run, the whole `drafter draft examples/37301.yaml
--out DIR` (all four formats) with the floor: a bare `python -c "import jinja2, yaml, click,
markdown, docx"`. It prints both medians and their ratio against the target (1.3), with
the cache warm (a user's second draft) and with `--no-cache`. Then it prints the median wall
time of each step. Targets live here, never in unit tests.

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

from bench.timing import interleaved_medians, median_seconds
from drafter.build import build_draft
from drafter.export import FORMATS, render_draft
from drafter.facts.load import load_fact_base
from drafter.intake import load_question
from drafter.render import load_templates

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "37301.yaml"
FLOOR_IMPORTS = "import jinja2, yaml, click, markdown, docx"
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
    """Print the draft's and the floor's medians, measured in turn, and their ratio."""
    with tempfile.TemporaryDirectory() as scratch:
        draft = ("draft", str(SEED), "--out", scratch, "--force")
        medians = interleaved_medians(
            {
                "floor": partial(run_python, "-c", FLOOR_IMPORTS),
                "draft": partial(run_cli, *draft),
                "draft --no-cache": partial(run_cli, "--no-cache", *draft),
            },
            runs,
        )
    floor = medians.pop("floor")
    print(f"import floor, python -c {FLOOR_IMPORTS!r}")
    print(
        f"  wall {floor.wall * 1000:7.1f} ms                 CPU {floor.child_cpu * 1000:7.1f} ms"
    )
    for name, seconds in medians.items():
        print(f"drafter {name} to md, html, docx and txt")
        wall, cpu = seconds.wall / floor.wall, seconds.child_cpu / floor.child_cpu
        print(
            f"  wall {seconds.wall * 1000:7.1f} ms = {wall:.2f} x floor"
            f"   CPU {seconds.child_cpu * 1000:7.1f} ms = {cpu:.2f} x floor"
            f"   target <= {TARGET}: {'met' if max(wall, cpu) <= TARGET else 'NOT met'}"
        )


def main() -> None:
    """Print one line per measurement: what, median milliseconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--floor-only", action="store_true", help="only the ratio to the floor")
    options = parser.parse_args()
    runs = options.runs
    compare_with_floor(runs)
    if options.floor_only:
        return
    rows: list[tuple[str, float]] = [
        ("drafter --help (process)", median_seconds(lambda: run_cli("--help"), runs))
    ]
    with tempfile.TemporaryDirectory() as scratch:
        for fmt in FORMATS:
            args = ("draft", str(SEED), "--out", f"{scratch}/{fmt}", "--format", fmt, "--force")
            seconds = median_seconds(partial(run_cli, *args), runs)
            rows.append((f"drafter draft --format {fmt} (process)", seconds))
    base, templates = load_fact_base(ROOT / "facts"), load_templates(ROOT / "templates")
    question = load_question(SEED)
    build = partial(build_draft, question, base, templates, today=date(2026, 11, 25))
    rows.append(
        (
            "load fact base (in process)",
            median_seconds(partial(load_fact_base, ROOT / "facts"), runs),
        )
    )
    rows.append(("build draft (in process)", median_seconds(build, runs)))
    draft = build()
    for fmt in FORMATS:
        rows.append(
            (f"render {fmt} (in process)", median_seconds(partial(render_draft, draft, fmt), runs))
        )
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
