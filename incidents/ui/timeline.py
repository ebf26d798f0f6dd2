"""The timeline as a pure function: aggregated rows in, Altair chart out.

Counts are aggregated on the database (``views.timeline_rows``: one row per
period and primary type) before they reach this module, so the chart carries a
few hundred rows of data however many incidents match.  Incidents without a
date cannot be placed on a timeline; the query counts them apart so the page
says so.
"""

from __future__ import annotations

from typing import Literal

import altair as alt
import pandas as pd

from ..store.views import FREQS, Freq
from ..vocab import INCIDENT_TYPE_LABELS
from .palette import TYPE_COLOURS, hex_colour, type_label

__all__ = ["FREQS", "MEASURES", "Freq", "Measure", "timeline_chart", "timeline_data"]

Measure = Literal["incidents", "killed", "injured", "victims"]

MEASURES: dict[Measure, str] = {
    "incidents": "Incidents",
    "victims": "Victims (killed + injured)",
    "killed": "Killed",
    "injured": "Injured",
}


def timeline_data(rows: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    """Chart rows (period, type label, value) from ``views.timeline_rows``'s frame."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    columns = ["period", "type", "value"]
    if rows.empty:
        return pd.DataFrame([], columns=columns)
    value = rows["killed"] + rows["injured"] if measure == "victims" else rows[measure]
    out = pd.DataFrame({"period": rows["period"], "type": rows["type"].map(type_label),
                        "value": value.astype(int)})
    # Two codes may share a label (an unknown code): add them up.
    return out.groupby(["period", "type"], as_index=False)["value"].sum()[columns]


def timeline_chart(rows: pd.DataFrame, freq: Freq = "month", measure: Measure = "incidents"
                   ) -> alt.Chart:
    """Stacked bars per week or month, coloured by type (same colours as the map)."""
    data = timeline_data(rows, measure)
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
