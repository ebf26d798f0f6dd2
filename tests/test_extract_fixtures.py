"""Golden test: every sample report in tests/fixtures/reports against its expected JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidents.extract import extract
from incidents.extract.evaluate import load_fixtures, score

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"
ALL = load_fixtures(FIXTURES) if FIXTURES.exists() else []


@pytest.mark.parametrize("fixture", ALL, ids=[f.name for f in ALL])
def test_fixture(fixture):
    result = extract(fixture.report)
    sc, diffs = score(fixture, result)
    assert not diffs, f"{fixture.name}: " + "; ".join(diffs)
    for draft in result.incidents:
        for ev in draft.evidence.values():
            assert fixture.report.text[ev.start : ev.end] == ev.quote


def test_fixtures_present():
    assert ALL, f"no fixtures found in {FIXTURES}"
