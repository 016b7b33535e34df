"""Timing shared by the benchmarks: the median of repeated wall-clock runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


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
