"""Benchmark the workbench's draft API: round trips of POST /api/draft for the seed question.

Run from the repository root, after `python -m pip install -e .`:

    python -m bench.bench_web              # or: --runs 20 for a quicker look

It starts `drafter serve` on a free port of this machine as a separate process, as a user
would, and times whole HTTP round trips (request, drafting, JSON back) with the standard
library's client, after one untimed warm-up. It prints the median and the 95th percentile of
each; the target is 300 ms or less at the 95th percentile.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "37301.yaml"
TARGET_P95_MS = 300.0


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value at or above `share` of the values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def post_json(url: str, body: dict[str, object]) -> dict[str, object]:
    """POST the body as JSON; the decoded answer."""
    request = urllib.request.Request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        answer: dict[str, object] = json.load(response)
    return answer


def round_trips(action: Callable[[], object], runs: int) -> list[float]:
    """Wall times of `runs` calls in milliseconds, after one untimed warm-up."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure(url: str, runs: int) -> list[tuple[str, list[float]]]:
    """Time the draft API for the seed (as a question file and as pasted text) and a download."""
    from drafter.intake import load_question

    seed = SEED.read_text(encoding="utf-8")
    pasted = load_question(SEED).text
    draft = post_json(f"{url}/api/draft", {"question_yaml": seed})
    docx = str(dict(draft["downloads"])["docx"])  # type: ignore[call-overload]
    return [
        (
            "POST /api/draft (seed .yaml)",
            round_trips(lambda: post_json(f"{url}/api/draft", {"question_yaml": seed}), runs),
        ),
        (
            "POST /api/draft (pasted text)",
            round_trips(lambda: post_json(f"{url}/api/draft", {"text": pasted}), runs),
        ),
        (
            "GET the .docx download (made once, then kept)",
            round_trips(lambda: urllib.request.urlopen(f"{url}{docx}").read(), runs),
        ),
    ]


@contextmanager
def served() -> Iterator[str]:
    """`drafter serve --port 0` in the repository, for as long as the block runs."""
    command = [sys.executable, "-m", "drafter", "serve", "--port", "0"]
    server = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    with server:  # closes its pipe
        try:
            assert server.stdout is not None
            line = server.stdout.readline()  # drafter workbench: http://127.0.0.1:PORT (...)
            yield line.split()[2]
        finally:
            server.terminate()


def main() -> None:
    """Print one line per measurement: what, median and 95th percentile milliseconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    runs = parser.parse_args().runs
    with served() as url:
        rows = measure(url, runs)
    width = max(len(name) for name, _ in rows)
    for name, times in rows:
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        print(f"{name:<{width}}  median {p50:7.1f} ms  p95 {p95:7.1f} ms")
    p95 = percentile(rows[0][1], 0.95)
    verdict = "met" if p95 <= TARGET_P95_MS else "NOT met"
    print(f"target: p95 of the seed draft <= {TARGET_P95_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
