"""The workbench benchmark's own arithmetic and measurement (its figures are not asserted)."""

from __future__ import annotations

import urllib.request

from bench.bench_web import measure, percentile, served


def test_percentile_is_the_nearest_rank() -> None:
    values = [float(n) for n in range(1, 21)]
    assert percentile(values, 0.5) == 10.0
    assert percentile(values, 0.95) == 19.0
    assert percentile([5.0], 0.95) == 5.0


def test_drafter_serve_as_a_process_is_measured_round_trip_by_round_trip() -> None:
    with served() as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url) as response:
            assert "Draft an answer" in response.read().decode()
        rows = measure(url, runs=2)
    assert [name for name, _ in rows][0] == "POST /api/draft (seed .yaml)"
    assert all(len(times) == 2 and min(times) > 0 for _, times in rows)
