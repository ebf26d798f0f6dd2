"""About: the data dictionary, the conventions in plain words, coverage, sources and licences."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..errors import IncidentsError
from ..export import COLUMNS
from ..geo import GEONAMES_ATTRIBUTION
from ..schemas import IncidentFilter
from ..store import HEADLINE_RULE
from ..vocab import BODIES, INCIDENT_TYPE_LABELS, REGIONS
from . import cache
from .context import AppContext
from .safe import md_escape

CONVENTIONS = (
    ("One record, one incident",
     "Each record is one incident at one time and place, with a stable public ID "
     "(UA-year-number) that is never reused. When two records turn out to be the same "
     "incident they are merged: the older ID survives, the other one keeps working and "
     "opens the survivor."),
    ("Unknown is not zero",
     "Killed, injured, missing and detained are counts of people for that one incident, "
     "as reported. An empty value means no source gave a figure; 0 appears only where a "
     "source said nobody was. 'At least 6' is stored as 6 and marked as a minimum."),
    ("Totals are not incidents",
     "Figures that sum up many incidents ('over 100 prisoners executed this year') never "
     "become the toll of one incident; such reports are kept as evidence only."),
    ("Dates",
     "The date is the day the incident happened. When a report gives only the day a "
     "statement was made, the incident date stays empty (or is a flagged estimate) and "
     "the statement day is kept as the date reported."),
    ("Places",
     "A settlement is recorded only when it is certain; otherwise the record keeps only "
     "its region, and the map draws it as a ring on the region's centre, not as a place."),
    ("Reporting and notified bodies",
     "A body that reported, confirmed, stated or investigates the incident is a reporting "
     "body. A body that was only notified or appealed to is listed separately."),
    ("Evidence", "Every extracted value keeps the quote it came from, with its position in "
     "the preserved report text and the report's SHA-256, so anyone can check it."),
    ("Status and visibility",
     "draft: extracted, not yet checked by a person; reviewed: checked by an editor; "
     "verified: confirmed against an authoritative source; disputed: sources conflict. "
     "Restricted records are never shown or exported by the public app."),
)


def page(ctx: AppContext) -> None:
    st.title("About this database")
    _coverage(ctx)
    st.subheader("Conventions")
    for title, text in CONVENTIONS:
        st.markdown(f"**{title}.** {text}")
    st.markdown("**Headline figures.** " + md_escape(HEADLINE_RULE))
    st.subheader("Data dictionary")
    st.caption("Every column of the CSV, JSON Lines and GeoJSON exports.")
    st.dataframe(pd.DataFrame(list(COLUMNS.items()), columns=["column", "description"]),
                 hide_index=True, width="stretch")
    with st.expander("Codes: incident types, regions, bodies"):
        st.dataframe(pd.DataFrame(list(INCIDENT_TYPE_LABELS.items()), columns=["type", "label"]),
                     hide_index=True, width="stretch")
        st.dataframe(pd.DataFrame([(r.code, r.name) for r in REGIONS.values()],
                                  columns=["region_code", "name"]),
                     hide_index=True, width="stretch")
        st.dataframe(pd.DataFrame([(b.id, b.name, b.rank) for b in BODIES.values()],
                                  columns=["body", "name", "authority rank (1 = first)"]),
                     hide_index=True, width="stretch")
    st.subheader("Sources and licences")
    st.markdown(
        "Incident records are built from published reports (news media, prosecutors, "
        "monitoring missions and others); each record lists its sources with their "
        "links. The texts of the reports belong to their publishers and are kept only as "
        "evidence for checking the records."
    )
    st.markdown(md_escape(GEONAMES_ATTRIBUTION))
    st.markdown("Map data, when the base map is shown: © OpenStreetMap contributors, © CARTO.")


def _coverage(ctx: AppContext) -> None:
    try:
        public = cache.totals(ctx.db_url, ctx.version, IncidentFilter())
        months = [m for m, _ in cache.facets(ctx.db_url, ctx.version, IncidentFilter())["month"]]
        held = cache.coverage(ctx.db_url, ctx.version) if ctx.editor else None
    except IncidentsError as exc:
        st.error(str(exc))
        return
    c1, c2, c3 = st.columns(3)
    c1.metric("Public incidents", f"{public['incidents']:,}")
    c2.metric("Source reports behind them", f"{public['reports']:,}")
    c3.metric("Months covered", f"{min(months)} to {max(months)}" if months else "none")
    if held is not None:
        st.caption(
            f"Editor view: the database holds {held['incidents']:,} incidents (all "
            f"visibilities) and {held['reports']:,} reports, dated {held['first_date']} to "
            f"{held['last_date']}."
        )
