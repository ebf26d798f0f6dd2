"""The optional online geocoder (geopy), behind a rate limit and an on-disk cache.

Off by default: the gazetteer is offline.  With ``settings.online_geocoder`` set to a
geopy service name ("nominatim", ...), names the gazetteer does not know are asked
once, at most one request per ``settings.geocoder_min_delay_seconds`` (geopy's
RateLimiter), and every answer, "nothing found" included, is cached in a JSON file
under ``settings.cache_path`` so the same name is never asked twice.  Answers are
marked ``source="online:<backend>"``; one that lands outside the covered regions is
refused rather than stored as a place.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import get_settings
from ..errors import GeocodeError
from ..schemas import PlaceResolution
from ..vocab import GeoPrecision
from .gazetteer import Gazetteer

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
COVERAGE_KM = 30.0  # an answer farther than this from every gazetteer place is outside


def _cache_key(name: str) -> str:
    return " ".join(name.split()).casefold()


class AnswerCache:
    """A JSON file of ``{query: {"lat", "lon", "address"} | null}``, written atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.answers: dict[str, dict[str, Any] | None] = self._read()

    def _read(self) -> dict[str, dict[str, Any] | None]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise GeocodeError(f"{self.path}: geocoder cache is unreadable ({exc}); "
                               "delete the file to start a new cache") from exc
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            raise GeocodeError(f"{self.path}: not a geocoder cache of format {CACHE_FORMAT}")
        answers = data.get("answers")
        return dict(answers) if isinstance(answers, dict) else {}

    def __contains__(self, key: str) -> bool:
        return key in self.answers

    def get(self, key: str) -> dict[str, Any] | None:
        return self.answers.get(key)

    def put(self, key: str, answer: dict[str, Any] | None) -> None:
        self.answers[key] = answer
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".geocoder-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"format": CACHE_FORMAT, "answers": self.answers}, fh, ensure_ascii=False)
        os.replace(tmp, self.path)


class OnlineGeocoder:
    """A geopy-compatible geocoder (anything with ``geocode(query, **kw)``), rate-limited
    and cached.  ``backend`` names it in ``source`` and in the cache file name."""

    def __init__(self, backend: str, geocoder: Any, cache_dir: Path,
                 min_delay_seconds: float = 1.0) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self.backend = backend
        self.calls = 0  # requests actually sent (cache misses)
        self.cache = AnswerCache(cache_dir / f"online-geocoder-{backend}.json")
        self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=1, swallow_exceptions=False)
        self._kwargs = {"country_codes": ["ua", "ru"]} if backend == "nominatim" else {}

    def lookup(self, name: str) -> dict[str, Any] | None:
        """The cached or fetched answer for ``name`` (None: the service found nothing)."""
        key = _cache_key(name)
        if key in self.cache:
            return self.cache.get(key)
        self.calls += 1
        try:
            location = self._geocode(name, **self._kwargs)
        except Exception as exc:  # geopy raises many service/network errors
            raise GeocodeError(
                f"online geocoder {self.backend} failed for {name!r}: {exc}") from exc
        answer = None if location is None else {
            "lat": float(location.latitude), "lon": float(location.longitude),
            "address": str(getattr(location, "address", "") or ""),
        }
        self.cache.put(key, answer)
        return answer


class Geocoder:
    """Offline gazetteer first; the online geocoder only for names it does not know."""

    def __init__(self, gazetteer: Gazetteer, online: OnlineGeocoder | None = None) -> None:
        self.gazetteer = gazetteer
        self.online = online

    def resolve(self, name: str, context: str | None = None) -> PlaceResolution:
        offline = self.gazetteer.resolve(name, context)
        if self.online is None or not name.strip() or self.gazetteer.knows(name):
            return offline
        answer = self.online.lookup(name)
        if answer is None:
            return offline.model_copy(update={
                "reason": f"{offline.reason}; {self.online.backend} found nothing either"})
        return self._from_answer(name, answer, offline)

    def _from_answer(self, name: str, answer: dict[str, Any],
                     offline: PlaceResolution) -> PlaceResolution:
        lat, lon = answer["lat"], answer["lon"]
        nearest = self.gazetteer.nearest_place(lat, lon)
        source = f"online:{self.online.backend if self.online else ''}"
        if nearest is None or nearest[1] > COVERAGE_KM:
            return offline.model_copy(update={"reason": (
                f"{offline.reason}; {source} answered {answer['address']!r} at ({lat}, {lon}), "
                "outside the covered regions: not used")})
        place, km = nearest
        if offline.region_code and offline.region_code != place[2]:
            return offline.model_copy(update={"reason": (
                f"{offline.reason}; {source} answered a place in {place[2]}, not the region "
                "the text names: not used")})
        return PlaceResolution(
            query=name, region_code=place[2], settlement=" ".join(name.split()), lat=lat,
            lon=lon, precision=GeoPrecision.SETTLEMENT, source=source,
            reason=(f"not in the offline gazetteer; {source} answered {answer['address']!r}; "
                    f"region from the nearest gazetteer place {place[1]!r} ({km:.0f} km)"),
        )


def make_online(backend: str, user_agent: str, cache_dir: Path,
                min_delay_seconds: float) -> OnlineGeocoder:
    """An online geocoder for a geopy service name (no request is made here)."""
    from geopy.exc import GeopyError
    from geopy.geocoders import get_geocoder_for_service

    try:
        cls = get_geocoder_for_service(backend)
    except GeopyError as exc:
        raise GeocodeError(f"INCIDENTS_ONLINE_GEOCODER={backend!r}: {exc}") from exc
    return OnlineGeocoder(backend, cls(user_agent=user_agent), cache_dir, min_delay_seconds)


@lru_cache(maxsize=4)
def _geocoder(backend: str, user_agent: str, cache_dir: Path, delay: float) -> Geocoder:
    from . import get_gazetteer

    online = make_online(backend, user_agent, cache_dir, delay) if backend else None
    return Geocoder(get_gazetteer(), online)


def get_geocoder() -> Geocoder:
    """The chain configured by settings (online part only when one is configured)."""
    s = get_settings()
    return _geocoder(s.online_geocoder.strip().lower(), s.geocoder_user_agent, s.cache_path,
                     s.geocoder_min_delay_seconds)
