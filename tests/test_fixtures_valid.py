"""Every sample report under tests/fixtures/reports/ is well formed.

The fixtures are the yardstick the extractor is measured against, so a typo
in one (an unknown region code, a misspelt body id, a count given as a
string) must fail here rather than silently lower or raise a score.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from incidents.schemas import IncidentDraft
from incidents.vocab import (
    BODIES,
    COUNT_FIELDS,
    REGIONS,
    UKRAINE_REGION_CODES,
    GeoPrecision,
    IncidentType,
    ReportKind,
    VictimGroup,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"
JSON_FILES = sorted(FIXTURES.glob("[0-9][0-9][0-9]_*.json"))
TXT_FILES = sorted(FIXTURES.glob("[0-9][0-9][0-9]_*.txt"))

TOP_KEYS = {"synthetic", "published", "publisher", "url", "language", "expected", "notes"}
INCIDENT_KEYS = {
    "date",
    "date_reported",
    "region_code",
    "settlement",
    "geo_precision",
    "type",
    "secondary_types",
    "killed",
    "injured",
    "missing",
    "detained",
    "minimum_counts",
    "victim_groups",
    "reporting_bodies",
    "notified_bodies",
}
LANGUAGES = {"en", "uk", "ru"}


def _load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: top level must be an object"
    return data


def _iso(value: object, where: str) -> dt.date:
    assert isinstance(value, str), f"{where}: expected an ISO date string, got {value!r}"
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise AssertionError(f"{where}: not an ISO date: {value!r}") from exc


def test_there_are_enough_fixtures() -> None:
    assert len(JSON_FILES) >= 64


def test_every_text_has_its_json_and_back() -> None:
    assert {p.stem for p in JSON_FILES} == {p.stem for p in TXT_FILES}


def test_numbers_are_unique() -> None:
    numbers = [p.name[:3] for p in JSON_FILES]
    assert len(numbers) == len(set(numbers)), "two fixtures share a number"


@pytest.mark.parametrize("path", TXT_FILES, ids=lambda p: p.name)
def test_text_is_nonempty_utf8(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    assert len(text.strip()) > 200, f"{path.name}: report text is too short to be a page"


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: p.name)
def test_fixture_shape_and_codes(path: Path) -> None:
    data = _load(path)
    name = path.name
    assert set(data) == TOP_KEYS, f"{name}: keys {sorted(set(data) ^ TOP_KEYS)} wrong"
    assert data["synthetic"] is True, f"{name}: fixtures are synthetic and must say so"
    published = _iso(data["published"], f"{name}: published")
    assert data["language"] in LANGUAGES, f"{name}: language {data['language']!r}"
    assert data["url"].startswith("https://example.org/synthetic/"), (
        f"{name}: url must be fictional"
    )
    assert isinstance(data["publisher"], str) and data["publisher"], f"{name}: publisher"
    assert isinstance(data["notes"], str) and len(data["notes"]) > 20, f"{name}: notes"

    expected = data["expected"]
    assert set(expected) == {"kind", "incidents"}, f"{name}: expected keys"
    kind = ReportKind(expected["kind"])
    incidents = expected["incidents"]
    assert isinstance(incidents, list), f"{name}: incidents must be a list"
    if kind in (ReportKind.AGGREGATE, ReportKind.OTHER):
        assert incidents == [], f"{name}: kind {kind} yields no incident"
    elif kind is ReportKind.INCIDENT:
        assert len(incidents) >= 1, f"{name}: kind incident needs an incident"
    else:
        assert len(incidents) >= 2, f"{name}: a roundup lists several places"
    for i, incident in enumerate(incidents):
        _check_incident(incident, published, f"{name}: incidents[{i}]")


def _check_incident(inc: dict[str, Any], published: dt.date, where: str) -> None:
    assert set(inc) == INCIDENT_KEYS, f"{where}: keys {sorted(set(inc) ^ INCIDENT_KEYS)} wrong"
    for key in ("date", "date_reported"):
        if inc[key] is not None:
            day = _iso(inc[key], f"{where}.{key}")
            assert day <= published, f"{where}.{key} {day} is after publication {published}"
    if inc["date"] is not None:
        assert inc["date_reported"] is None, f"{where}: date_reported only when date is unknown"

    region = inc["region_code"]
    precision = GeoPrecision(inc["geo_precision"])
    if region is not None:
        assert region in REGIONS, f"{where}: unknown region code {region!r}"
        assert precision is not GeoPrecision.UNKNOWN, f"{where}: a known region is not 'unknown'"
    else:
        assert precision in (GeoPrecision.COUNTRY, GeoPrecision.UNKNOWN), f"{where}: no region"
    settlement = inc["settlement"]
    if settlement is not None:
        assert isinstance(settlement, str) and settlement.isascii(), f"{where}: English name"
        assert region is not None, f"{where}: a settlement implies a region"
        assert precision in (GeoPrecision.SETTLEMENT, GeoPrecision.NEAR_SETTLEMENT), where
    else:
        assert precision not in (GeoPrecision.SETTLEMENT, GeoPrecision.NEAR_SETTLEMENT), where

    IncidentType(inc["type"])
    for t in inc["secondary_types"]:
        assert IncidentType(t).value != inc["type"], f"{where}: secondary repeats primary"
    for field in COUNT_FIELDS:
        value = inc[field]
        assert value is None or (type(value) is int and value >= 0), f"{where}.{field}={value!r}"
    for field in inc["minimum_counts"]:
        assert field in COUNT_FIELDS, f"{where}: minimum_counts names {field!r}"
        assert inc[field] is not None, f"{where}: minimum flag on an empty {field}"
    for group in inc["victim_groups"]:
        VictimGroup(group)
    for key in ("reporting_bodies", "notified_bodies"):
        unknown = [b for b in inc[key] if b not in BODIES]
        assert not unknown, f"{where}.{key}: unknown body id(s) {unknown}"
        assert len(inc[key]) == len(set(inc[key])), f"{where}.{key}: duplicates"
    both = set(inc["reporting_bodies"]) & set(inc["notified_bodies"])
    assert not both, f"{where}: {sorted(both)} both reporting and notified"

    # The same values must also be acceptable to the extractor's own model.
    IncidentDraft.model_validate(
        {k: v for k, v in inc.items() if k != "geo_precision"} | {"geo_precision": precision}
    )


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("region_code", "UA-99"),
        ("type", "shelling"),
        ("killed", "6"),
        ("reporting_bodies", ["ua-prosecutor"]),
        ("minimum_counts", ["injured"]),
        ("date", "2099-01-01"),
    ],
)
def test_checker_rejects_a_typo(field: str, bad: object) -> None:
    good = _load(JSON_FILES[0])
    incident = dict(good["expected"]["incidents"][0])
    incident[field] = bad
    with pytest.raises((AssertionError, ValueError)):
        _check_incident(incident, _iso(good["published"], "published"), "mutated")


def test_the_set_covers_the_taxonomy() -> None:
    """Every type twice, every region once, and the report kinds the issue asks for."""
    docs = [_load(p) for p in JSON_FILES]
    incidents = [i for d in docs for i in d["expected"]["incidents"]]
    types = [i["type"] for i in incidents]
    thin = [t.value for t in IncidentType if types.count(t.value) < 2]
    assert not thin, f"types with fewer than two fixtures: {thin}"
    regions = {i["region_code"] for i in incidents}
    assert regions >= UKRAINE_REGION_CODES, sorted(UKRAINE_REGION_CODES - regions)
    assert {"RU-KRS", "RU-BEL", "RU-BRY"} <= regions
    assert None in regions, "no fixture where the region cannot be told"
    kinds = [d["expected"]["kind"] for d in docs]
    for kind in ("roundup", "aggregate", "other"):
        assert kinds.count(kind) >= 6, f"fewer than six {kind} fixtures"
    languages = [d["language"] for d in docs]
    assert languages.count("uk") >= 12 and languages.count("ru") >= 3
