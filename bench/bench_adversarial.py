"""Benchmark adversarial input: what a user could paste, at 10 KB, 100 KB and 1 MB.

Run from the repository root:

    python -m bench.bench_adversarial            # or: --sizes 10000 100000 for a quicker look

Each input once was super-linear: a run of `, ` in a question (a regular expression retried
from every start), thousands of `(a) x;` parts (recursion), a run of `[` in the Markdown step,
a long run of one repeated word in the word diff, and a template looping over `range`. It
prints the seconds each takes at each size, and how much longer ten times the input takes
(target: 30 times or less; near-linear is about ten). Targets live here, never in unit tests.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from tempfile import TemporaryDirectory

from bench.timing import median_seconds
from drafter.draft import Draft, Paragraph
from drafter.errors import TemplateError
from drafter.export.html import to_html
from drafter.export.text import plain_text
from drafter.facts.model import FactBase
from drafter.question import split_parts
from drafter.render import Recorder, make_environment, render_block
from drafter.review.worddiff import diff_paragraphs
from drafter.sandbox import MAX_RANGE

SIZES = (10_000, 100_000, 1_000_000)
GROWTH_TARGET = 30.0
"""How much longer ten times the input may take: near-linear is about 10, quadratic 100."""
PREAMBLE = "To ask the Secretary of State for the Home Department, what "


def commas(size: int) -> None:
    split_parts(PREAMBLE + ", " * (size // 2) + "figures are held.")


def parts(size: int) -> None:
    split_parts(PREAMBLE + "(a) x; " * (size // 7))


def clauses(size: int) -> None:
    split_parts(PREAMBLE + "(a) roles and (b) ranks; and " * (size // 29))


def brackets_text(size: int) -> None:
    plain_text("[" * size)


def brackets_html(size: int) -> None:
    to_html(Draft({}, "", (Paragraph("[" * (size // 2) + "a](" * (size // 6)),)))


def repeated_words(size: int) -> None:
    run = "police " * (size // 14)
    diff_paragraphs([run + "end"], ["new " + run + "end of it"])


def repeated_paragraphs(size: int) -> None:
    same = ["The same paragraph."] * (size // 20)
    diff_paragraphs(same, ["A new one.", *same])


def template_loop(size: int, folder: Path) -> None:
    """A block of two nested loops of `size` // 10 turns each, until the sandbox stops it."""
    turns = min(size // 10, MAX_RANGE)
    block = folder / "blocks" / "loop.md.j2"
    block.parent.mkdir(exist_ok=True)
    loops = f"{{% for i in range({turns}) %}}{{% for j in range({turns}) %}}x{{% endfor %}}"
    block.write_text(loops + "{% endfor %}", encoding="utf-8")
    recorder = Recorder(FactBase(folder, {}, {}, ""), date(2025, 3, 11))
    try:
        render_block(make_environment(folder), "loop", {}, recorder)
    except TemplateError:
        pass


INPUTS: dict[str, Callable[[int], None]] = {
    "question: run of ', '": commas,
    "question: '(a) x;' parts": parts,
    "question: clauses of parts": clauses,
    "markdown: run of '[' (text)": brackets_text,
    "markdown: '[' and '[a](' (html)": brackets_html,
    "word diff: one word repeated": repeated_words,
    "word diff: paragraph repeated": repeated_paragraphs,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    arguments = parser.parse_args()
    header = "".join(f"{size:>12,} B" for size in arguments.sizes)
    print(f"{'input':<34}{header}   per tenfold (target {GROWTH_TARGET:g} or less)")
    with TemporaryDirectory() as folder:
        loop: Callable[[int], None] = partial(template_loop, folder=Path(folder))
        for name, action in {**INPUTS, "template: nested range loops": loop}.items():
            times = [
                median_seconds(partial(action, size), 1, warm_up=False) for size in arguments.sizes
            ]
            row = "".join(f"{seconds:>12.3f} s" for seconds in times)
            print(f"{name:<34}{row}   {growth(arguments.sizes, times)}", flush=True)


def growth(sizes: list[int], times: list[float]) -> str:
    """How much longer the two largest inputs took, per tenfold size, against the target."""
    if len(sizes) < 2 or min(times[-2:]) <= 0 or sizes[-1] <= sizes[-2]:
        return "(needs two sizes)"
    per_tenfold = (times[-1] / times[-2]) ** (1 / math.log10(sizes[-1] / sizes[-2]))
    return f"{per_tenfold:5.1f}x: {'met' if per_tenfold <= GROWTH_TARGET else 'NOT met'}"


if __name__ == "__main__":
    main()
