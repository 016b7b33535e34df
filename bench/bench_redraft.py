"""Benchmark batch redrafting: `drafter redraft DIR` over a folder of outdated drafts.

Run from the repository root, after `python -m pip install -e .`:

    python -m bench.bench_redraft                 # 200 drafts; --drafts N, --runs N, --profile

It makes a folder of drafts (each example question drafted, then copied under new UINs with
its facts' digests changed, so that every draft is outdated) and measures, each figure the
median of `--runs` runs (3 by default):

1. in process, `plan_batch` and `run_batch` to .md, and to .md and .docx, in turn;
2. the whole command, `drafter redraft DIR --format md,docx` (and `--format md`, run in turn
   with it, for drafter's share apart from the Word export), start-up included;
3. where the CPU time of one draft to .md and .docx goes, stage by stage (--profile adds
   the functions that take the most).

One process uses one core, so drafts per CPU second here are per core. Target: 50 or more
to .md and .docx. Targets live here, never in unit tests.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from drafter.build import build_draft
from drafter.draft import write_markdown
from drafter.errors import DrafterError
from drafter.facts.load import load_fact_base
from drafter.facts.model import FactBase
from drafter.intake import load_question
from drafter.render import TemplateSet, load_templates
from drafter.review.batch import plan_batch, run_batch
from drafter.review.redraft import Outputs

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)
TARGET = 50.0
"""Drafts per second per core, to .md and .docx."""
BOTH = Outputs(("md", "docx"))
WHOLE = "drafter redraft DIR --format md,docx (process)"
"""The figure the target is for."""


def make_drafts(folder: Path, count: int, base: FactBase, templates: TemplateSet) -> int:
    """Write `count` outdated drafts into the folder, cycling through the example questions."""
    texts = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        try:
            draft = build_draft(load_question(path), base, templates, today=TODAY)
        except DrafterError:
            continue  # a correction without its original, say: not a draft to redraft
        texts.append(re.sub(r"(\bdigest: )[0-9a-f]+", r"\g<1>aaaaaaaaaaaa", write_markdown(draft)))
    for number in range(count):
        text = re.sub(
            r"(?m)^  uin: .*$", f"  uin: B{number:05d}", texts[number % len(texts)], count=1
        )
        (folder / f"{number:05d}.md").write_text(text, encoding="utf-8")
    return len(texts)


def in_process(folder: Path, base: FactBase, templates: TemplateSet, outputs: Outputs) -> float:
    """Drafts per CPU second for one batch into a fresh folder, the fact base already loaded."""
    with tempfile.TemporaryDirectory() as out:
        start = time.process_time()
        batch = plan_batch(folder, base, today=TODAY, out_dir=Path(out), outputs=outputs)
        report = run_batch(batch, base, templates, today=TODAY, outputs=outputs)
        seconds = time.process_time() - start
    assert not report.failed, report.failed[:3]
    return len(report.written) / seconds


def whole_command(folder: Path, count: int, formats: str) -> float:
    """Drafts per CPU second of `drafter redraft DIR --format FORMATS`, start-up included."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "drafter", "redraft", str(folder), "--out", out]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([*command, "--format", formats], check=True, cwd=ROOT, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return count / cpu


def median_rates(rates: dict[str, Callable[[], float]], runs: int) -> dict[str, float]:
    """The median of each rate, measured in turn `runs` times (a busy machine slows all alike)."""
    found: dict[str, list[float]] = {name: [] for name in rates}
    for _ in range(runs):
        for name, rate in rates.items():
            found[name].append(rate())
    return {name: statistics.median(values) for name, values in found.items()}


def stages(
    folder: Path, base: FactBase, templates: TemplateSet, runs: int
) -> list[tuple[str, float]]:
    """Median CPU milliseconds per draft in each stage of a redraft to .md and .docx."""
    from drafter.export import render_draft
    from drafter.review.redraft import rebuild

    batch = plan_batch(folder, base, today=TODAY, out_dir=Path("unused"), outputs=BOTH)
    jobs = batch.jobs
    built = [rebuild(job.old, job.path, base, templates, TODAY) for job in jobs]
    steps: list[tuple[str, Callable[[], object]]] = [
        (
            "read and plan (front matter, outdated check)",
            lambda: plan_batch(folder, base, today=TODAY),
        ),
        (
            "build (compose and render the answer)",
            lambda: [rebuild(job.old, job.path, base, templates, TODAY) for job in jobs],
        ),
        ("Markdown (front matter dump)", lambda: [render_draft(new, "md") for new in built]),
        ("Word (.docx)", lambda: [render_draft(new, "docx") for new in built]),
    ]
    times: dict[str, list[float]] = {label: [] for label, _ in steps}
    for _ in range(runs):
        for label, step in steps:
            start = time.process_time()
            step()
            times[label].append((time.process_time() - start) * 1000 / len(jobs))
    return [(label, statistics.median(values)) for label, values in times.items()]


def profile(folder: Path, base: FactBase, templates: TemplateSet) -> None:
    """The functions taking the most time in a batch to .md and .docx (cumulative)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(in_process, folder, base, templates, BOTH)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


def main() -> None:
    """Print drafts per second against the target, and the time per draft by stage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3, help="Runs of each figure (median).")
    parser.add_argument("--profile", action="store_true", help="Also print a cProfile table.")
    args = parser.parse_args()
    base, templates = load_fact_base(ROOT / "facts"), load_templates(ROOT / "templates")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        kinds = make_drafts(folder, args.drafts, base, templates)
        print(f"{args.drafts} outdated drafts of {kinds} example questions; medians of {args.runs}")
        in_process(folder, base, templates, Outputs())  # warm: imports, Jinja compiles
        rates = median_rates(
            {
                "in process to .md": partial(in_process, folder, base, templates, Outputs()),
                "in process to .md and .docx": partial(in_process, folder, base, templates, BOTH),
                "drafter redraft DIR --format md (process)": partial(
                    whole_command, folder, args.drafts, "md"
                ),
                WHOLE: partial(whole_command, folder, args.drafts, "md,docx"),
            },
            args.runs,
        )
        for label, rate in rates.items():
            verdict = f" ({'meets' if rate >= TARGET else 'misses'} the target of {TARGET:.0f})"
            print(
                f"{label:<46} {rate:7.1f} drafts per CPU second{verdict if label == WHOLE else ''}"
            )
        print("CPU per draft, by stage:")
        for label, milliseconds in stages(folder, base, templates, args.runs):
            print(f"  {label:<46} {milliseconds:6.2f} ms")
        if args.profile:
            profile(folder, base, templates)


if __name__ == "__main__":
    main()
