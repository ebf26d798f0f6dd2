"""The online geocoder chain with a fake geopy-compatible backend (never the network)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from incidents.errors import GeocodeError
from incidents.geo import get_gazetteer
from incidents.geo.online import Geocoder, OnlineGeocoder, make_online


@dataclass
class FakeLocation:
    latitude: float
    longitude: float
    address: str


class FakeBackend:
    """Answers from a dict and records when each request arrived."""

    def __init__(self, answers: dict[str, tuple[float, float, str] | None]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, float]] = []

    def geocode(self, query: str, **kwargs: object) -> FakeLocation | None:
        self.asked.append((query, time.monotonic()))
        hit = self.answers.get(query)
        return FakeLocation(*hit) if hit else None


# A made-up village name placed near Kupiansk (Kharkiv Oblast).
VILLAGE = "Testivka Druha"
ANSWERS = {VILLAGE: (49.70, 37.60, "Testivka Druha, Kharkiv Oblast, Ukraine"),
           "Far Away": (40.71, -74.0, "New York, USA")}


def chain(tmp_path: Path, backend: FakeBackend, delay: float = 0.0) -> Geocoder:
    online = OnlineGeocoder("fake", backend, tmp_path, min_delay_seconds=delay)
    return Geocoder(get_gazetteer(), online)


def test_known_names_never_go_online(tmp_path: Path) -> None:
    backend = FakeBackend(ANSWERS)
    geo = chain(tmp_path, backend)
    for name in ("Bakhmut", "Kharkiv Oblast", "Olenivka", "Донеччина"):
        assert geo.resolve(name).source == "gazetteer"
    assert backend.asked == []


def test_unknown_name_answered_online_and_marked(tmp_path: Path) -> None:
    geo = chain(tmp_path, FakeBackend(ANSWERS))
    r = geo.resolve(VILLAGE)
    assert r.source == "online:fake"
    assert (r.region_code, r.settlement, r.lat, r.lon) == ("UA-63", VILLAGE, 49.70, 37.60)
    assert "nearest gazetteer place" in r.reason


def test_answer_outside_the_covered_regions_is_refused(tmp_path: Path) -> None:
    r = chain(tmp_path, FakeBackend(ANSWERS)).resolve("Far Away")
    assert r.region_code is None and r.lat is None and "outside the covered regions" in r.reason


def test_cache_means_a_name_is_never_asked_twice(tmp_path: Path) -> None:
    backend = FakeBackend(ANSWERS)
    geo = chain(tmp_path, backend)
    geo.resolve(VILLAGE)
    geo.resolve(VILLAGE)
    geo.resolve("Nowhere Known")  # "nothing found" is cached too
    geo.resolve("Nowhere Known")
    assert [q for q, _ in backend.asked] == [VILLAGE, "Nowhere Known"]
    # A new process (new geocoder, same cache dir) asks nothing again.
    backend2 = FakeBackend(ANSWERS)
    r = chain(tmp_path, backend2).resolve(VILLAGE)
    assert backend2.asked == [] and r.source == "online:fake"
    data = json.loads((tmp_path / "online-geocoder-fake.json").read_text(encoding="utf-8"))
    assert data["answers"]["nowhere known"] is None


def test_rate_limit_spaces_requests(tmp_path: Path) -> None:
    backend = FakeBackend(ANSWERS)
    geo = chain(tmp_path, backend, delay=0.3)
    for name in ("Unknown One", "Unknown Two", "Unknown Three"):
        geo.resolve(name)
    times = [t for _, t in backend.asked]
    assert len(times) == 3
    assert all(b - a >= 0.29 for a, b in zip(times, times[1:], strict=False))


def test_backend_failure_is_a_geocode_error(tmp_path: Path) -> None:
    class Broken:
        def geocode(self, query: str, **kwargs: object) -> None:
            raise RuntimeError("service down")

    geo = Geocoder(get_gazetteer(), OnlineGeocoder("broken", Broken(), tmp_path, 0.0))
    with pytest.raises(GeocodeError, match="service down"):
        geo.resolve("Unknown Place")


def test_corrupt_cache_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "online-geocoder-fake.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GeocodeError, match="online-geocoder-fake.json"):
        OnlineGeocoder("fake", FakeBackend({}), tmp_path)


def test_unknown_backend_name_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GeocodeError, match="INCIDENTS_ONLINE_GEOCODER"):
        make_online("no-such-service", "incidents-test", tmp_path, 1.0)


def test_offline_by_default() -> None:
    from incidents.geo.online import get_geocoder

    assert get_geocoder().online is None
