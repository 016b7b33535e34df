"""Timing shared by the benchmarks: medians of repeated runs, in process or as whole processes."""

from __future__ import annotations

import resource
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, NamedTuple


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


def median_wall_and_cpu(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and median CPU time (this process's) of `runs` calls, after a warm-up call.

    In process the CPU time is the steadier figure where other work competes for the cores.
    """
    action()
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


class Medians(NamedTuple):
    """Median wall time, and median CPU time of the child processes an action ran."""

    wall: float
    child_cpu: float


def child_cpu_seconds() -> float:
    """User and system CPU time of every finished child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Samples(NamedTuple):
    """Each turn's wall time, and each turn's CPU time of the child processes an action ran."""

    walls: list[float]
    cpus: list[float]

    def medians(self) -> Medians:
        return Medians(statistics.median(self.walls), statistics.median(self.cpus))


def interleaved_samples(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, Samples]:
    """Each action's times, run in turn (order rotating) `runs` times, after a warm-up.

    Interleaving spreads the load of a shared machine evenly over the actions compared, so
    their ratio holds even when their absolute times drift. The child processes' CPU time
    is steadier still where other work competes for the cores.
    """
    names = list(actions)
    for name in names:
        actions[name]()
    samples = {name: Samples([], []) for name in names}
    for turn in range(runs):
        for name in names[turn % len(names) :] + names[: turn % len(names)]:
            start, cpu = time.perf_counter(), child_cpu_seconds()
            actions[name]()
            samples[name].walls.append(time.perf_counter() - start)
            samples[name].cpus.append(child_cpu_seconds() - cpu)
    return samples


def interleaved_medians(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, Medians]:
    """The medians of `interleaved_samples`."""
    return {name: times.medians() for name, times in interleaved_samples(actions, runs).items()}


def turn_ratio(times: Samples, floor: Samples) -> Medians:
    """The median over turns of each turn's time divided by the floor's in the same turn.

    This machine's speed swings by half within seconds; a turn's two runs are a second apart,
    so the ratio of each pair is steadier than the ratio of the two medians.
    """
    return Medians(
        statistics.median(t / f for t, f in zip(times.walls, floor.walls, strict=True)),
        statistics.median(t / f for t, f in zip(times.cpus, floor.cpus, strict=True)),
    )


def interleaved_process_samples(
    commands: Mapping[str, Sequence[str]], runs: int, **options: Any
) -> dict[str, Samples]:
    """`interleaved_samples` of whole processes; `options` go to `subprocess.run` (cwd, env).

    A command that fails stops the benchmark.
    """
    actions: dict[str, Callable[[], object]] = {
        name: partial(subprocess.run, command, check=True, capture_output=True, **options)
        for name, command in commands.items()
    }
    return interleaved_samples(actions, runs)
