"""Distances: geopy's geodesic for the answer, haversine for prefiltering."""

from __future__ import annotations

from math import asin, cos, radians, sin, sqrt

from geopy.distance import geodesic

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance on the WGS-84 ellipsoid (geopy; about 80 µs a pair)."""
    return float(geodesic((lat1, lon1), (lat2, lon2)).km)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere (about 0.3% off geodesic; a prefilter only)."""
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    a = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))


def within_km(lat: float, lon: float, points: list[tuple[float, float]], km: float) -> list[int]:
    """Indices of ``points`` within ``km`` of (lat, lon): haversine with a margin first,
    then the exact geodesic distance on the few that pass."""
    margin = km * 1.01 + 1.0
    near = [i for i, (a, b) in enumerate(points) if haversine_km(lat, lon, a, b) <= margin]
    return [i for i in near if distance_km(lat, lon, *points[i]) <= km]
