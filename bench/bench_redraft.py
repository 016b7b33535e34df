"""Benchmark batch redrafting: `drafter redraft DIR` over a folder of outdated drafts.

Run from the repository root, after `python -m pip install -e .`:

    python -m bench.bench_redraft                 # 200 drafts; --drafts N, --profile

It makes a folder of drafts (each example question drafted, then copied under new UINs with
its facts' digests changed, so that every draft is outdated) and measures:

1. in process, `plan_batch` and `run_batch` to .md, and to .md and .docx;
2. the whole command, `drafter redraft DIR --format md,docx`, start-up included;
3. where the time of one draft to .md and .docx goes, stage by stage (--profile adds
   the functions that take the most).

One process uses one core, so drafts per second here are per core. Target: 50 or more to
.md and .docx. Targets live here, never in unit tests.
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
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


def whole_command(folder: Path, count: int) -> tuple[float, float]:
    """Drafts per CPU second and per wall second of `drafter redraft DIR --format md,docx`."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "drafter", "redraft", str(folder), "--out", out]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([*command, "--format", "md,docx"], check=True, cwd=ROOT, capture_output=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return count / cpu, count / wall


def stages(folder: Path, base: FactBase, templates: TemplateSet) -> list[tuple[str, float]]:
    """CPU milliseconds per draft in each stage of a redraft to .md and .docx."""
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
    rows = []
    for label, step in steps:
        start = time.process_time()
        step()
        rows.append((label, (time.process_time() - start) * 1000 / len(jobs)))
    return rows


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
    parser.add_argument("--profile", action="store_true", help="Also print a cProfile table.")
    args = parser.parse_args()
    base, templates = load_fact_base(ROOT / "facts"), load_templates(ROOT / "templates")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        kinds = make_drafts(folder, args.drafts, base, templates)
        print(f"{args.drafts} outdated drafts of {kinds} example questions")
        in_process(folder, base, templates, Outputs())  # warm: imports, Jinja compiles
        for label, outputs in (("to .md", Outputs()), ("to .md and .docx", BOTH)):
            rate = in_process(folder, base, templates, outputs)
            print(f"in process {label:<38} {rate:7.1f} drafts per CPU second")
        per_cpu, per_wall = whole_command(folder, args.drafts)
        verdict = "meets" if per_cpu >= TARGET else "misses"
        print(
            f"drafter redraft DIR --format md,docx (process) {per_cpu:7.1f} drafts per CPU second"
            f" ({verdict} the target of {TARGET:.0f}); {per_wall:.1f} per wall second"
        )
        print("CPU per draft, by stage:")
        for label, milliseconds in stages(folder, base, templates):
            print(f"  {label:<46} {milliseconds:6.2f} ms")
        if args.profile:
            profile(folder, base, templates)


if __name__ == "__main__":
    main()
