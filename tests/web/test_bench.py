"""The workbench benchmark's own arithmetic and measurement (its figures are not asserted)."""

from __future__ import annotations

from bench.bench_web import measure, percentile
from drafter.web.app import create_app
from drafter.web.workspace import Workbench
from tests.web.browser import serving


def test_percentile_is_the_nearest_rank() -> None:
    values = [float(n) for n in range(1, 21)]
    assert percentile(values, 0.5) == 10.0
    assert percentile(values, 0.95) == 19.0
    assert percentile([5.0], 0.95) == 5.0


def test_measure_times_each_round_trip(bench: Workbench) -> None:
    with serving(create_app(bench)) as url:
        rows = measure(url, runs=2)
    assert [name for name, _ in rows][0] == "POST /api/draft (seed .yaml)"
    assert all(len(times) == 2 and min(times) > 0 for _, times in rows)
