"""The store benchmark still runs (tiny, untimed: targets live in bench/, not in tests)."""

from __future__ import annotations

import pytest

from bench import bench_store


@pytest.mark.slow
def test_bench_store_runs_small(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_store.main(["--rows", "300", "--engine", "sqlite", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "SQLite: 300 incidents" in out and "CSV export of 300 rows" in out
    assert "target < 25 ms" in out and "target < 500 MB" in out
