"""Timing shared by the benchmarks: medians of repeated runs, in process or as whole processes."""

from __future__ import annotations

import resource
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def median_seconds(action: Callable[[], object], runs: int, *, warm_up: bool = True) -> float:
    """Median wall time of `runs` calls, after one untimed warm-up call unless told not to."""
    if warm_up:
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_process_seconds(
    commands: Mapping[str, Sequence[str]], runs: int, **options: Any
) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each command run as a whole process, taking turns.

    Each round runs every command once, so a machine busy with other work slows them all
    alike; the CPU time (user + system, the child's own) is less sensitive to such noise.
    `options` go to `subprocess.run` (cwd, env); a command that fails stops the benchmark.
    """
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, **options)
            walls[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return {
        name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in commands
    }
