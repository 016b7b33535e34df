"""Benchmark drafting the seed question: start-up, whole-process drafts, in-process renders.

Run from the repository root, after `python -m pip install -e .`:

    python -m bench.bench_draft            # or: --runs 5 for a quicker look

It prints the median wall time of each step. Targets live here, never in unit tests.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import date
from functools import partial
from pathlib import Path

from bench.timing import median_seconds
from drafter.build import build_draft
from drafter.export import FORMATS, render_draft
from drafter.facts.load import load_fact_base
from drafter.intake import load_question
from drafter.render import load_templates

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "37301.yaml"


def run_cli(*args: str) -> None:
    """Run drafter as a user would: a fresh Python process."""
    subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> None:
    """Print one line per measurement: what, median milliseconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
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
