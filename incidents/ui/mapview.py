"""The incident map as a pure function: DataFrame in, ``pydeck.Deck`` out.

Decisions:
- One point per incident, coloured by type (``palette``), sized by victims
  (killed + injured, square-root scaled so one mass-casualty strike does not
  hide a hundred small ones).
- Records located only to a region sit on the region's centre: they are drawn
  as hollow rings, never as filled dots, because they are not exact places.
- A per-region aggregate layer (one translucent circle per region, sized in
  kilometres by the number of incidents) lies under the points.  deck.gl layers
  cannot switch on zoom from Python, so the decision is in the units: the
  circles are tens of kilometres wide, so they dominate when the map is zoomed
  out to the country and dissolve into a faint tint once zoomed in to a town,
  where the points (sized with a pixel floor) take over.
- The base map needs the internet.  ``map_provider=None`` removes it entirely
  (``map_style=None`` does not in Streamlit), so the points always draw.
- Tooltips use deck.gl's ``text`` form, which is inserted as text, so a place
  name holding markup is shown, never run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pydeck as pdk

from ..vocab import REGIONS, region_name
from .palette import type_colour, type_label

# Geo precisions that name a place a reader could stand in.
EXACT_PRECISIONS = frozenset({"settlement", "near_settlement"})
UKRAINE_VIEW = pdk.ViewState(latitude=48.6, longitude=31.3, zoom=4.9, pitch=0)
AGGREGATE_FILL = (60, 60, 90, 46)
AGGREGATE_LINE = (60, 60, 90, 140)


@dataclass(frozen=True, slots=True)
class MapCounts:
    """What the map shows, for the caption under it."""

    exact: int
    region_only: int
    without_location: int
    regions: int
    truncated: int  # points left off because of the point limit


def _column(df: pd.DataFrame, name: str) -> pd.Series:
    if name in df.columns:
        return df[name]
    return pd.Series([None] * len(df), index=df.index, dtype="object")


def _count(value: Any) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return int(value)


def _text(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value)


def tolls_text(killed: int | None, injured: int | None) -> str:
    parts = []
    if killed is not None:
        parts.append(f"killed {killed}")
    if injured is not None:
        parts.append(f"injured {injured}")
    return " · ".join(parts) if parts else "no figures reported"


def victim_radius(killed: int | None, injured: int | None) -> float:
    """Radius in metres: a floor for incidents without figures, then sqrt-scaled."""
    victims = (killed or 0) + (injured or 0)
    return 900.0 + 1100.0 * math.sqrt(victims)


def _place_text(settlement: str, code: str, exact: bool) -> str:
    region = region_name(code) if code else ""
    place = ", ".join(p for p in (settlement, region) if p) or "place unknown"
    return place if exact else f"{place} (region only: not an exact place)"


def point_frame(df: pd.DataFrame) -> pd.DataFrame:
    """One row per incident with coordinates: position, colour, radius, tooltip text."""
    rows: list[dict[str, Any]] = []
    cols = [
        _column(df, c)
        for c in (
            "public_id", "date", "settlement", "region_code", "lat", "lon",
            "geo_precision", "type", "killed", "injured",
        )
    ]
    for pid, date, settlement, code, lat, lon, precision, itype, killed, injured in zip(
        *cols, strict=True
    ):
        if _count_float(lat) is None or _count_float(lon) is None:
            continue
        k, i = _count(killed), _count(injured)
        exact = _text(precision) in EXACT_PRECISIONS
        place = _place_text(_text(settlement), _text(code), exact)
        rows.append(
            {
                "public_id": _text(pid),
                "lon": float(lon),
                "lat": float(lat),
                "color": list(type_colour(_text(itype))),
                "radius": victim_radius(k, i),
                "exact": exact,
                "tip": "\n".join(
                    (f"{_text(pid)} · {_text(date) or 'date unknown'}", place,
                     type_label(_text(itype)), tolls_text(k, i))
                ),
            }
        )
    columns = ["public_id", "lon", "lat", "color", "radius", "exact", "tip"]
    return pd.DataFrame(rows, columns=columns)


def _count_float(value: Any) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def region_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Incidents and victims per region, placed on the region's centre."""
    columns = ["region_code", "lon", "lat", "incidents", "radius", "tip"]
    codes = _column(df, "region_code")
    if codes.dropna().empty:
        return pd.DataFrame([], columns=columns)
    frame = pd.DataFrame(
        {
            "region_code": codes,
            "killed": pd.to_numeric(_column(df, "killed"), errors="coerce"),
            "injured": pd.to_numeric(_column(df, "injured"), errors="coerce"),
        }
    ).dropna(subset=["region_code"])
    grouped = frame.groupby("region_code").agg(
        incidents=("region_code", "size"), killed=("killed", "sum"), injured=("injured", "sum")
    )
    most = int(grouped["incidents"].max())
    rows = []
    for code, row in grouped.iterrows():
        region = REGIONS.get(str(code))
        if region is None:
            continue
        n = int(row["incidents"])
        rows.append(
            {
                "region_code": code,
                "lon": region.lon,
                "lat": region.lat,
                "incidents": n,
                "radius": 15000.0 + 45000.0 * math.sqrt(n / most),
                "tip": f"{region.name}\n{n:,} incidents\nkilled {int(row['killed']):,} · "
                f"injured {int(row['injured']):,} (sum of reported figures)",
            }
        )
    return pd.DataFrame(rows, columns=columns)


def fit_view(points: pd.DataFrame) -> pdk.ViewState:
    """Centre on the points; zoom so their spread fits, Ukraine when there are none."""
    if points.empty:
        return UKRAINE_VIEW
    lat_lo, lat_hi = points["lat"].quantile([0.02, 0.98])
    lon_lo, lon_hi = points["lon"].quantile([0.02, 0.98])
    span = max(float(lat_hi - lat_lo), float(lon_hi - lon_lo) * 0.66, 0.05)
    zoom = max(3.5, min(11.0, math.log2(360.0 / span) - 1.2))
    return pdk.ViewState(
        latitude=float((lat_lo + lat_hi) / 2), longitude=float((lon_lo + lon_hi) / 2),
        zoom=round(zoom, 2), pitch=0,
    )


def _point_layer(points: pd.DataFrame, layer_id: str, *, exact: bool) -> pdk.Layer:
    return pdk.Layer(
        "ScatterplotLayer",
        data=points[points["exact"] == exact].drop(columns=["exact"]),
        id=layer_id,
        get_position=["lon", "lat"],
        get_radius="radius",
        radius_units="'meters'",
        radius_min_pixels=2.5 if exact else 4,
        radius_max_pixels=28,
        filled=exact,
        stroked=not exact,
        get_fill_color="color",
        get_line_color="color",
        line_width_units="'pixels'",
        get_line_width=2,
        opacity=0.8,
        pickable=True,
        auto_highlight=True,
    )


def build_deck(
    df: pd.DataFrame, *, basemap: bool = False, point_limit: int | None = None
) -> tuple[pdk.Deck, MapCounts]:
    """The deck for a filtered incident frame, and what it shows.

    ``point_limit`` keeps the first rows (the frame's order: newest first) when
    a filter matches more incidents than a browser draws quickly; the region
    layer always counts every row.
    """
    located = df[pd.to_numeric(_column(df, "lat"), errors="coerce").notna()
                 & pd.to_numeric(_column(df, "lon"), errors="coerce").notna()]
    truncated = 0
    if point_limit is not None and len(located) > point_limit:
        truncated = len(located) - point_limit
        located = located.head(point_limit)
    all_points = point_frame(located)
    regions = region_frame(df)
    layers = [
        pdk.Layer(
            "ScatterplotLayer", data=regions, id="regions", get_position=["lon", "lat"],
            get_radius="radius", radius_units="'meters'", filled=True, stroked=True,
            get_fill_color=list(AGGREGATE_FILL), get_line_color=list(AGGREGATE_LINE),
            line_width_min_pixels=1, pickable=True,
        ),
        _point_layer(all_points, "region-precision", exact=False),
        _point_layer(all_points, "incidents", exact=True),
    ]
    deck = pdk.Deck(
        layers=layers,
        initial_view_state=fit_view(all_points),
        map_provider="carto" if basemap else None,
        map_style=pdk.map_styles.LIGHT if basemap else None,
        tooltip={"text": "{tip}"},
    )
    exact = int(all_points["exact"].sum()) if not all_points.empty else 0
    counts = MapCounts(
        exact=exact,
        region_only=len(all_points) - exact,
        without_location=len(df) - len(all_points) - truncated,
        regions=len(regions),
        truncated=truncated,
    )
    return deck, counts
