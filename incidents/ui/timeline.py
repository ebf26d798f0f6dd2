"""The timeline as a pure function: DataFrame in, Altair chart out.

Counts are aggregated in pandas before they reach Altair, so the chart carries
one row per (period, type) instead of one per incident: 100,000 incidents are a
few hundred rows of chart data.  Incidents without a date cannot be placed on a
timeline; ``timeline_data`` reports how many were left out so the page says so.
"""

from __future__ import annotations

from typing import Literal

import altair as alt
import pandas as pd

from ..vocab import INCIDENT_TYPE_LABELS
from .palette import TYPE_COLOURS, hex_colour, type_label

Freq = Literal["week", "month"]
Measure = Literal["incidents", "killed", "injured", "victims"]

FREQS: tuple[Freq, ...] = ("month", "week")
MEASURES: dict[Measure, str] = {
    "incidents": "Incidents",
    "victims": "Victims (killed + injured)",
    "killed": "Killed",
    "injured": "Injured",
}
_PERIOD_CODE = {"week": "W-SUN", "month": "M"}


def timeline_data(df: pd.DataFrame, freq: Freq, measure: Measure) -> tuple[pd.DataFrame, int]:
    """Rows of (period, type label, value) and the number of undated incidents."""
    if freq not in _PERIOD_CODE:
        raise ValueError(f"freq must be one of {', '.join(_PERIOD_CODE)}, not {freq!r}")
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    columns = ["period", "type", "value"]
    if df.empty or "date" not in df.columns:
        return pd.DataFrame([], columns=columns), len(df)
    dates = pd.to_datetime(df["date"], errors="coerce")
    undated = int(dates.isna().sum())
    frame = pd.DataFrame(
        {
            "period": dates.dt.to_period(_PERIOD_CODE[freq]).dt.start_time,
            "type": df["type"].map(type_label) if "type" in df.columns else "Unknown type",
            "value": _values(df, measure),
        }
    ).dropna(subset=["period"])
    if frame.empty:
        return pd.DataFrame([], columns=columns), undated
    out = frame.groupby(["period", "type"], as_index=False)["value"].sum()
    out["value"] = out["value"].astype(int)
    return out[columns], undated


def _values(df: pd.DataFrame, measure: Measure) -> pd.Series:
    if measure == "incidents":
        return pd.Series(1, index=df.index)
    killed = pd.to_numeric(df.get("killed"), errors="coerce").fillna(0)
    injured = pd.to_numeric(df.get("injured"), errors="coerce").fillna(0)
    if measure == "killed":
        return killed
    if measure == "injured":
        return injured
    return killed + injured


def timeline_chart(df: pd.DataFrame, freq: Freq = "month", measure: Measure = "incidents"
                   ) -> alt.Chart:
    """Stacked bars per week or month, coloured by type (same colours as the map)."""
    data, _ = timeline_data(df, freq, measure)
    labels = [INCIDENT_TYPE_LABELS[c] for c in TYPE_COLOURS]
    colours = [hex_colour(TYPE_COLOURS[c]) for c in TYPE_COLOURS]
    period_title = "Week starting" if freq == "week" else "Month"
    time_unit: Literal["yearmonthdate", "yearmonth"] = (
        "yearmonthdate" if freq == "week" else "yearmonth"
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("period:T", timeUnit=time_unit, title=period_title),
            y=alt.Y("value:Q", title=MEASURES[measure], stack="zero"),
            color=alt.Color(
                "type:N", title="Type", scale=alt.Scale(domain=labels, range=colours)
            ),
            tooltip=[
                alt.Tooltip("period:T", timeUnit=time_unit, title=period_title),
                alt.Tooltip("type:N", title="Type"),
                alt.Tooltip("value:Q", title=MEASURES[measure], format=","),
            ],
        )
        .properties(height=260)
    )
