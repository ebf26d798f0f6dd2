"""The seed article (../shared/seeds) must give exactly one, fully specified incident."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from incidents.extract import extract_text

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_fbecd70e4bf2dea5.txt"

pytestmark = pytest.mark.skipif(
    not SEED.exists(), reason=f"seed article not present at {SEED} (the ../shared folder is absent)"
)


@pytest.fixture(scope="module")
def result():
    text = SEED.read_text(encoding="utf-8")
    return text, extract_text(text, published=dt.date(2025, 1, 23), publisher="Kyiv Independent")


def test_exactly_one_incident(result):
    _text, res = result
    assert res.kind.value == "incident"
    assert len(res.incidents) == 1


def test_fields(result):
    _text, res = result
    d = res.incidents[0]
    assert d.type is not None and d.type.value == "pow_execution"
    assert d.region_code == "UA-14"
    assert d.settlement is None  # Kharkiv is only in the photo caption
    assert (d.killed, d.missing, d.injured) == (6, 1, None)
    assert d.date is None
    assert d.date_reported == dt.date(2025, 1, 23)
    assert set(d.reporting_bodies) == {"ua-pgo", "ua-ombudsman"}
    assert set(d.notified_bodies) == {"un-other", "icrc"}


def test_nothing_from_furniture_or_aggregates(result):
    text, res = result
    d = res.incidents[0]
    quotes = " ".join(e.quote for e in d.evidence.values())
    for trap in ("Kharkiv", "May 21", "25,000", "over 100 POWs", "600,000", "800,000"):
        assert trap not in quotes
    assert d.killed != 100
    for e in d.evidence.values():
        assert text[e.start : e.end] == e.quote


def test_summary_is_written_not_copied(result):
    text, res = result
    summary = res.incidents[0].summary
    assert "6 POWs" in summary and "Donetsk Oblast" in summary and "2025-01-23" in summary
    assert summary not in text
