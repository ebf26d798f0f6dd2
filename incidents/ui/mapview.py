"""The incident map as a pure function: lean query results in, ``pydeck.Deck`` out.

Decisions:
- One point per incident, coloured by type (``palette``), sized by victims
  (killed + injured, square-root scaled so one mass-casualty strike does not
  hide a hundred small ones).
- Records located only to a region sit on the region's centre: they are drawn
  as hollow rings, never as filled dots, because they are not exact places.
  A ring is at least ``RING_MIN_M`` wide, so it stays a ring (not a dot with a
  pinhole) at the country view, and widens as one zooms in: the place is
  somewhere in the region.
- Per-region aggregate circles (one translucent grey circle per region, sized
  in kilometres by the number of incidents) lie under the points.  They come
  from a SQL ``GROUP BY`` over every filtered incident, so they count the
  incidents the point cap leaves off.  deck.gl layers cannot switch on zoom
  from Python, so the decision is in the units: the circles are tens of
  kilometres wide, so they dominate when the map is zoomed out to the country
  and shrink to a faint tint beside the points once zoomed in to a town.
- Circles, rings and dots are rows of one ``ScatterplotLayer`` (circles
  first, so they draw beneath), each row with its own fill, outline and
  outline width.  Without a GPU the browser compiles every distinct layer
  pipeline in software: measured in headless Chromium on 100,000 incidents,
  three scatterplot layers cost the GPU process about 420 ms before the first
  frame, one about 250 ms, and the region-name text layer another 350 ms.
- The base map needs the internet.  Without it the deck keeps pydeck's
  "no map style" marker (``__MAP_STYLE__``): Streamlit then draws no base map
  at all.  Passing ``map_style=None`` instead makes Streamlit's frontend fall
  back to CARTO's style, which creates a second WebGL map in the browser and a
  request that fails offline.  The points draw either way.
- Region names for orientation without a base map are a ``TextLayer`` the
  reader switches on (``names=True``): text costs a shader of its own.
- Each row carries only what is drawn (position, colours, radius, outline
  width, tooltip text, ID for the selection), coordinates to five decimals
  (about a metre), and the JSON is written without indentation: the deck is
  serialised on every run and parsed by the browser.
- Tooltips use deck.gl's ``text`` form, which is inserted as text, so a place
  name holding markup is shown, never run.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from ..store.views import EXACT_PRECISIONS
from ..store.views import MapCounts as StoreCounts
from ..vocab import REGIONS, region_name
from .palette import type_colour, type_label

UKRAINE_VIEW = pdk.ViewState(latitude=48.6, longitude=31.3, zoom=4.9, pitch=0)
# The layer is drawn at ``LAYER_OPACITY``: these alphas are about 46 and 140 on screen.
AGGREGATE_FILL = (60, 60, 90, 58)
AGGREGATE_LINE = (60, 60, 90, 175)
LAYER_OPACITY = 0.8
# About 4 pixels at the country view (zoom 4.9, about 3.5 km a pixel at 48 N).
RING_MIN_M = 14_000.0
# Outline widths in pixels: a dot has none, a ring is its outline.
REGION_LINE, RING_LINE, DOT_LINE = 1, 2, 0
LABEL_COLOUR = (90, 90, 100, 220)
# Cities with special status lie inside an oblast's or Crimea's label: naming
# them too would print two names on one spot.
UNLABELLED = frozenset({"UA-30", "UA-40"})
COORD_DECIMALS = 5
# The keys of every row of the map's layer, as sent to the browser.  They are one
# letter because Streamlit's frontend parses the deck with a JSON5 parser
# written in JavaScript, character by character: on 2,000 points full names
# were 150 KB of the 510 KB deck, and parsing it took 100-250 ms in the
# profile.  i: public ID ("" for a region circle), x/y: lon/lat, f/l: fill
# and outline colour, w: outline width in pixels (REGION_LINE, RING_LINE or
# DOT_LINE: which kind of row it is), r: radius in metres, t: tooltip text.
ROW_COLUMNS = ["i", "x", "y", "f", "l", "w", "r", "t"]
POINT_COLUMNS = ["public_id", "lon", "lat", "color", "radius", "exact", "tip"]


TOOLTIP = {"text": "{t}"}


class CompactDeck(pdk.Deck):  # type: ignore[misc]
    """A deck whose JSON has no indentation: pydeck indents by two spaces per
    level, which made a third of the map's bytes whitespace for the browser to
    read on every run."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize,
                          separators=(",", ":"), ensure_ascii=False)


class WrittenDeck(pdk.Deck):  # type: ignore[misc]
    """A deck already written as JSON (``CompactDeck.to_json``), handed to
    ``st.pydeck_chart`` as it is: the page caches the text per filter instead of
    building and serialising the layer's rows on every run."""

    def __init__(self, text: str) -> None:
        super().__init__(layers=[], map_provider=None, tooltip=TOOLTIP)
        self._text = text

    def to_json(self) -> str:
        return self._text


@dataclass(frozen=True, slots=True)
class MapCounts:
    """What the map shows, for the caption under it."""

    exact: int  # filled dots drawn
    region_only: int  # rings drawn
    without_location: int
    regions: int
    truncated: int  # located incidents left off because of the point limit


def tolls_text(killed: int | None, injured: int | None) -> str:
    parts = []
    if killed is not None:
        parts.append(f"killed {killed}")
    if injured is not None:
        parts.append(f"injured {injured}")
    return " · ".join(parts) if parts else "no figures reported"


def _count(value: Any) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def _text(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value)


def _place_text(settlement: str, code: str, exact: bool) -> str:
    region = region_name(code) if code else ""
    place = ", ".join(p for p in (settlement, region) if p) or "place unknown"
    return place if exact else f"{place} (region only: not an exact place)"


def _tip(row: tuple[Any, ...], exact: bool) -> str:
    pid, date, settlement, code, itype, killed, injured = row
    place = _place_text(_text(settlement), _text(code), exact)
    return "\n".join((f"{_text(pid)} · {_text(date) or 'date unknown'}", place,
                      type_label(_text(itype)), tolls_text(_count(killed), _count(injured))))


def point_frame(points: pd.DataFrame) -> pd.DataFrame:
    """Per located incident (``views.map_points``): position, colour, radius, tooltip."""
    lat = pd.to_numeric(points["lat"], errors="coerce")
    lon = pd.to_numeric(points["lon"], errors="coerce")
    df = points[lat.notna() & lon.notna()]
    if df.empty:
        return pd.DataFrame([], columns=POINT_COLUMNS)
    exact = df["geo_precision"].isin(EXACT_PRECISIONS).to_numpy()
    victims = (pd.to_numeric(df["killed"], errors="coerce").fillna(0)
               + pd.to_numeric(df["injured"], errors="coerce").fillna(0)).to_numpy()
    tips = [
        _tip(row, bool(e))
        for row, e in zip(
            df[["public_id", "date", "settlement", "region_code", "type", "killed",
                "injured"]].itertuples(index=False, name=None),
            exact, strict=True,
        )
    ]
    return pd.DataFrame({
        "public_id": df["public_id"].astype(str).to_numpy(),
        # Five decimals are about a metre: finer digits only lengthen the deck JSON.
        "lon": lon[df.index].astype(float).round(COORD_DECIMALS).to_numpy(),
        "lat": lat[df.index].astype(float).round(COORD_DECIMALS).to_numpy(),
        "color": [list(type_colour(t)) for t in df["type"]],
        "radius": np.round(900.0 + 1100.0 * np.sqrt(victims)),
        "exact": exact,
        "tip": tips,
    })


def region_frame(totals: pd.DataFrame) -> pd.DataFrame:
    """Per region (``views.region_totals``): centre, circle radius and tooltip."""
    columns = ["region_code", "lon", "lat", "incidents", "radius", "tip"]
    known = totals[totals["region_code"].isin(list(REGIONS))] if not totals.empty else totals
    if known.empty:
        return pd.DataFrame([], columns=columns)
    most = int(known["incidents"].max())
    rows = []
    for code, n, killed, injured in known[["region_code", "incidents", "killed", "injured"]
                                          ].itertuples(index=False, name=None):
        region = REGIONS[str(code)]
        rows.append({
            "region_code": str(code), "lon": region.lon, "lat": region.lat,
            "incidents": int(n),
            "radius": 15000.0 + 45000.0 * math.sqrt(int(n) / most),
            "tip": f"{region.name}\n{int(n):,} incidents\nkilled {int(killed):,} · "
                   f"injured {int(injured):,} (sum of reported figures)",
        })
    return pd.DataFrame(rows, columns=columns)


def label_frame() -> pd.DataFrame:
    """Region names at their centres, for orientation when there is no base map."""
    rows = [{"name": r.name.removesuffix(" Oblast"), "lon": r.lon, "lat": r.lat}
            for r in REGIONS.values() if r.country == "UA" and r.code not in UNLABELLED]
    return pd.DataFrame(rows, columns=["name", "lon", "lat"])


def fit_view(points: pd.DataFrame) -> pdk.ViewState:
    """Centre on the points; zoom so their spread fits, Ukraine when there are none."""
    if points.empty:
        return UKRAINE_VIEW
    lat_lo, lat_hi = points["lat"].quantile([0.02, 0.98])
    lon_lo, lon_hi = points["lon"].quantile([0.02, 0.98])
    span = max(float(lat_hi - lat_lo), float(lon_hi - lon_lo) * 0.66, 0.05)
    zoom = max(3.5, min(11.0, math.log2(360.0 / span) - 0.8))
    return pdk.ViewState(
        latitude=float((lat_lo + lat_hi) / 2), longitude=float((lon_lo + lon_hi) / 2),
        zoom=round(zoom, 2), pitch=0,
    )


def layer_rows(drawn: pd.DataFrame, region_rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of the map's one scatterplot layer: region circles, then rings, then dots
    (deck.gl draws a layer's rows in order, so the circles lie beneath)."""
    regions = pd.DataFrame({
        "i": "",
        "x": region_rows["lon"].astype(float).round(COORD_DECIMALS),
        "y": region_rows["lat"].astype(float).round(COORD_DECIMALS),
        "f": [list(AGGREGATE_FILL)] * len(region_rows),
        "l": [list(AGGREGATE_LINE)] * len(region_rows),
        "w": REGION_LINE,
        "r": region_rows["radius"].astype(float).round().astype(int),
        "t": region_rows["tip"],
    }, columns=ROW_COLUMNS)
    rings = drawn[~drawn["exact"].astype(bool)]
    dots = drawn[drawn["exact"].astype(bool)]
    parts = [regions]
    for rows, ring in ((rings, True), (dots, False)):
        radius = rows["radius"].clip(lower=RING_MIN_M) if ring else rows["radius"]
        parts.append(pd.DataFrame({
            "i": rows["public_id"],
            "x": rows["lon"],
            "y": rows["lat"],
            # A ring is hollow: its fill is transparent.
            "f": [[*c, 0] for c in rows["color"]] if ring else rows["color"],
            "l": rows["color"],
            "w": RING_LINE if ring else DOT_LINE,
            "r": radius.astype(int),
            "t": rows["tip"],
        }, columns=ROW_COLUMNS))
    return pd.concat([p for p in parts if not p.empty] or [regions], ignore_index=True)


def _map_layer(rows: pd.DataFrame) -> pdk.Layer:
    return pdk.Layer(
        "ScatterplotLayer",
        data=rows,
        id="incidents",
        get_position=["x", "y"],
        get_radius="r",
        radius_units="'meters'",
        radius_min_pixels=2.5,
        radius_max_pixels=40,
        filled=True,
        stroked=True,
        get_fill_color="f",
        get_line_color="l",
        get_line_width="w",
        line_width_units="'pixels'",
        opacity=LAYER_OPACITY,
        pickable=True,
        auto_highlight=True,
    )


def _label_layer() -> pdk.Layer:
    return pdk.Layer(
        "TextLayer", data=label_frame(), id="region-names", get_position=["lon", "lat"],
        get_text="name", get_size=12, size_units="'pixels'", get_color=list(LABEL_COLOUR),
        font_family="'Source Sans Pro, Helvetica, Arial, sans-serif'",
        # Below the centre, where region-precision rings sit.
        get_pixel_offset=[0, 12], get_text_anchor="'middle'",
        get_alignment_baseline="'top'", pickable=False,
    )


def build_deck(
    points: pd.DataFrame, regions: pd.DataFrame, counts: StoreCounts, *, basemap: bool = False,
    names: bool = False,
) -> tuple[pdk.Deck, MapCounts]:
    """The deck for the newest located incidents and the per-region totals, and what it shows.

    ``points`` come from ``views.map_points`` (already capped), ``regions`` from
    ``views.region_totals`` and ``counts`` from ``views.map_counts``: the
    caption's "left off" is what the cap dropped, never a guess.  ``names``
    adds the region names (for a map without a base map).
    """
    drawn = point_frame(points)
    region_rows = region_frame(regions)
    layers = [_map_layer(layer_rows(drawn, region_rows))]
    if names:
        layers.append(_label_layer())
    # Without a base map, keep pydeck's default style marker: Streamlit then
    # draws no map under the deck (an explicit None would give CARTO's).
    style = {"map_provider": "carto", "map_style": pdk.map_styles.LIGHT} if basemap else {
        "map_provider": None}
    deck = CompactDeck(
        layers=layers, initial_view_state=fit_view(drawn), tooltip=TOOLTIP, **style,
    )
    exact = int(drawn["exact"].sum()) if not drawn.empty else 0
    shown = MapCounts(
        exact=exact,
        region_only=len(drawn) - exact,
        without_location=counts.without_location,
        regions=len(region_rows),
        truncated=max(0, counts.located - len(drawn)),
    )
    return deck, shown
