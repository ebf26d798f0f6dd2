"""The merge score: clear match, likely match, no match, and each rule's reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from incidents.ingest.match import (
    CLEAR_MATCH,
    SUGGEST,
    best_match,
    decide,
    score,
)
from incidents.schemas import IncidentDraft, IncidentRecord, SourceRecord
from incidents.vocab import IncidentType

D = dt.date(2025, 3, 3)
# Two real places 1.9 km apart would do; these coordinates are chosen for the test.
HERE = (47.8400, 35.1400)
NEAR = (47.8400, 35.1650)  # about 1.9 km east
TOWN = (47.8400, 35.2800)  # about 10.5 km east
FAR = (47.8400, 35.6000)  # about 34 km east


def draft(**kw: Any) -> IncidentDraft:
    base: dict[str, Any] = {
        "date": D, "region_code": "UA-23", "settlement": "Testivka",
        "lat": HERE[0], "lon": HERE[1], "type": IncidentType.STRIKE_ON_CIVILIANS,
        "killed": 2, "injured": 5, "date_reported": D,
    }
    base.update(kw)
    return IncidentDraft(**base)


def record(**kw: Any) -> IncidentRecord:
    base: dict[str, Any] = {
        "public_id": "UA-2025-000001", "date": D, "region_code": "UA-23",
        "settlement": "Testivka", "lat": HERE[0], "lon": HERE[1],
        "type": IncidentType.STRIKE_ON_CIVILIANS, "killed": 2, "injured": 5,
        "date_reported": D,
    }
    base.update(kw)
    return IncidentRecord(**base)


def test_identical_is_a_clear_match() -> None:
    result = score(draft(), record())
    assert result.score == 1.0 and result.is_clear
    assert decide(result.score) == "join"
    assert "same settlement (Testivka)" in result.reasons


def test_later_higher_toll_is_still_clear() -> None:
    result = score(draft(killed=4, date_reported=D + dt.timedelta(days=1)), record())
    assert result.is_clear
    assert any("killed rose from 2 to 4 in a later report" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"region_code": "UA-14"}, "different regions (UA-14 vs UA-23)"),
        ({"region_code": None}, "region unknown: not compared"),
        ({"type": IncidentType.TORTURE}, "different types"),
        ({"type": None}, "type unknown: not compared"),
        ({"date": D + dt.timedelta(days=2)}, "dates 2 days apart"),
        ({"settlement": "Inshe", "lat": FAR[0], "lon": FAR[1]}, "is 34 km from Testivka"),
        ({"settlement": "Inshe", "lat": None, "lon": None}, "different settlements"),
    ],
)
def test_gates_make_it_no_match(changes: dict[str, Any], reason: str) -> None:
    result = score(draft(**changes), record())
    assert result.score == 0.0
    assert decide(result.score) == "new"
    assert any(reason in r for r in result.reasons), result.reasons


def test_secondary_type_counts_as_same_type() -> None:
    rec = record(type=IncidentType.ATTACK_ON_MEDICAL,
                 secondary_types=[IncidentType.STRIKE_ON_CIVILIANS])
    assert score(draft(), rec).is_clear
    d = draft(type=IncidentType.ATTACK_ON_MEDICAL,
              secondary_types=[IncidentType.STRIKE_ON_CIVILIANS])
    assert score(d, record()).is_clear


def test_overlapping_range_and_one_day_apart() -> None:
    ranged = record(date=D - dt.timedelta(days=2), date_end=D)
    assert score(draft(), ranged).score == 1.0
    one_day = score(draft(date=D + dt.timedelta(days=1)), record())
    assert one_day.score == pytest.approx(0.9) and one_day.is_clear


def test_nearby_settlement_by_coordinates() -> None:
    close = score(draft(settlement="Susidnie", lat=NEAR[0], lon=NEAR[1]), record())
    assert close.is_clear  # 0.3 + 0.3 + 0.25 + 0.1
    town = score(draft(settlement="Mistechko", lat=TOWN[0], lon=TOWN[1]), record())
    assert town.is_likely  # 10 km away: a person decides


def test_settlement_unknown_on_one_side_is_only_likely() -> None:
    result = score(draft(settlement=None, lat=None, lon=None), record())
    assert result.is_likely and decide(result.score) == "suggest"


def test_report_dates_alone_never_merge_automatically() -> None:
    result = score(draft(date=None), record())
    assert result.score < CLEAR_MATCH
    assert result.score >= SUGGEST
    assert "reported within a day" in " ".join(result.reasons)


def test_publication_date_tells_a_later_toll_when_the_draft_has_none() -> None:
    d = draft(killed=40, date_reported=None)
    assert score(d, record()).score == pytest.approx(0.6)
    later = score(d, record(), reported_on=D + dt.timedelta(days=1))
    assert later.is_clear


def test_wildly_different_toll_lowers_the_score() -> None:
    result = score(draft(killed=40), record())
    assert result.score == pytest.approx(0.6)
    assert result.is_likely
    assert any("killed wildly different (40 vs 2)" in r for r in result.reasons)


def test_lower_toll_in_an_older_report_is_the_earlier_toll() -> None:
    rec = record(killed=3, sources=[_source(published=D + dt.timedelta(days=2))])
    result = score(draft(killed=2, injured=None), rec)
    assert any("killed 2 in an earlier report; later reports gave 3" in r for r in result.reasons)
    assert result.score == pytest.approx(1.0)


def test_no_toll_to_compare() -> None:
    result = score(draft(killed=None, injured=None), record())
    assert result.score == pytest.approx(0.95)
    assert "no toll to compare" in result.reasons


def test_settlement_names_compare_without_case_or_accents() -> None:
    assert score(draft(settlement="testivka"), record(settlement="Testívka")).score == 1.0


def test_best_match_picks_highest_and_ignores_zero() -> None:
    a = record(public_id="UA-2025-000001", settlement=None, lat=None, lon=None)
    b = record(public_id="UA-2025-000002")
    c = record(public_id="UA-2025-000003", region_code="UA-14")
    found = best_match(draft(), [c, a, b])
    assert found is not None and found[0].public_id == "UA-2025-000002"
    assert best_match(draft(), [c]) is None


def _source(published: dt.date) -> SourceRecord:
    return SourceRecord(report_id=1, sha256="0" * 64, published=published)


def test_earlier_lower_toll_ingested_late_is_still_clear() -> None:
    # The record knows the final toll (40, reported on D); a report from the day
    # before with the first toll (12) arrives afterwards: one story, not two.
    rec = record(killed=40)
    d = draft(killed=12, date_reported=D - dt.timedelta(days=1))
    result = score(d, rec)
    assert result.is_clear
    assert any("killed 12 in an earlier report; later reports gave 40" in r for r in result.reasons)


def test_lower_toll_in_a_later_report_is_not_a_clear_match() -> None:
    rec = record(killed=40)
    d = draft(killed=12, date_reported=D + dt.timedelta(days=1))
    assert not score(d, rec).is_clear


def _figures(published: dt.date, killed: int) -> SourceRecord:
    return SourceRecord(report_id=1, sha256="0" * 64, published=published, killed=killed)


@pytest.mark.parametrize(
    ("killed", "clear"),
    [(12, True), (5, True), (44, True), (50, True), (120, False), (3, False)],
)
def test_a_toll_between_earlier_and_later_reports_fits_the_story(killed: int, clear: bool) -> None:
    # First report (D-1) gave 5, the final one (D+2) 44: a report of day D giving
    # 12 is the same strike; 50 does not fit but is close to 44; 120 (far more
    # than the final toll) or 3 (fewer than the day before) are left to a person.
    sources = [_figures(D - dt.timedelta(days=1), 5), _figures(D + dt.timedelta(days=2), 44)]
    rec = record(killed=44, injured=None, sources=sources)
    result = score(draft(killed=killed, injured=None), rec)
    assert result.is_clear is clear, result.reasons
