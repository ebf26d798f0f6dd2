"""Editor-only widgets that write: record changes, status and visibility, merges.

Every write goes through ``incidents.store.repo`` (which validates and audits),
runs in one transaction, clears the cached query results, and reports an
``IncidentsError`` as a message on the page.  Each function starts with
``auth.require_editor()``: a public session can never reach a write, even if a
page forgot to hide the widget.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import streamlit as st

from ..errors import IncidentsError
from ..schemas import IncidentRecord
from ..store import repo, session_scope
from ..vocab import COUNT_FIELDS, INCIDENT_TYPE_LABELS, REGIONS, GeoPrecision, Status, Visibility
from . import auth, cache
from .context import AppContext
from .safe import md_escape

log = logging.getLogger(__name__)


def run_write(ctx: AppContext, action: Callable[[Any], Any], done: str) -> bool:
    """Run ``action(session)`` in one transaction; say ``done`` or the error."""
    auth.require_editor()
    try:
        with session_scope(cache.engine(ctx.db_url)) as s:
            action(s)
    except IncidentsError as exc:
        st.error(str(exc))
        return False
    cache.clear()
    st.toast(done)
    return True


def changed_fields(record: IncidentRecord, values: dict[str, Any]) -> dict[str, Any]:
    """Only the values that differ from the record (so the audit shows real changes)."""
    out = {}
    for name, value in values.items():
        current = getattr(record, name)
        current = getattr(current, "value", current)
        if isinstance(current, list):
            current = sorted(getattr(x, "value", x) for x in current)
            value = sorted(value)
        if value != current:
            out[name] = value
    return out


def _none_if_blank(text: str) -> str | None:
    return text.strip() or None


def record_form(record: IncidentRecord, key: str) -> dict[str, Any] | None:
    """A form over the editable fields of a stored record; the submitted values."""
    with st.form(f"edit_{key}"):
        c1, c2, c3 = st.columns(3)
        values: dict[str, Any] = {
            "status": c1.selectbox("Status", [s.value for s in Status],
                                   index=[s.value for s in Status].index(record.status.value)),
            "visibility": c2.selectbox(
                "Visibility", [v.value for v in Visibility],
                index=[v.value for v in Visibility].index(record.visibility.value)),
            "type": c3.selectbox("Type", list(INCIDENT_TYPE_LABELS),
                                 index=list(INCIDENT_TYPE_LABELS).index(record.type.value),
                                 format_func=INCIDENT_TYPE_LABELS.__getitem__),
        }
        d1, d2, d3 = st.columns(3)
        values["date"] = d1.date_input("Date", value=record.date, min_value=dt.date(1990, 1, 1))
        regions = [""] + list(REGIONS)
        values["region_code"] = d2.selectbox(
            "Region", regions, index=regions.index(record.region_code or ""),
            format_func=lambda c: REGIONS[c].name if c else "unknown") or None
        values["settlement"] = _none_if_blank(d3.text_input("Settlement",
                                                            value=record.settlement or ""))
        precisions = [p.value for p in GeoPrecision]
        values["geo_precision"] = st.selectbox(
            "Location precision", precisions, index=precisions.index(record.geo_precision.value))
        for col, name in zip(st.columns(len(COUNT_FIELDS)), COUNT_FIELDS, strict=True):
            values[name] = col.number_input(name.capitalize(), min_value=0, step=1,
                                            value=getattr(record, name))
        values["summary"] = st.text_area("Summary", value=record.summary)
        if not st.form_submit_button("Save changes"):
            return None
    return values


def record_panel(ctx: AppContext, record: IncidentRecord) -> None:
    """The incident page's editor section: correct fields, status, visibility, merge."""
    if not ctx.editor:
        return
    st.subheader("Editor")
    values = record_form(record, record.public_id)
    if values is not None:
        changes = changed_fields(record, values)
        if not changes:
            st.info("Nothing changed.")
        elif run_write(ctx, lambda s: repo.update_incident(s, record.public_id, changes,
                                                           actor=auth.actor()),
                       f"Saved: {', '.join(sorted(changes))}."):
            st.rerun()
    merge_box(ctx, survivor=record.public_id, key=record.public_id)


def merge_box(ctx: AppContext, *, survivor: str | None, key: str) -> None:
    """Merge one incident into another: all sources and the audit trail are kept."""
    with st.form(f"merge_{key}"):
        st.markdown("**Merge two records that are the same incident**")
        c1, c2 = st.columns(2)
        keep = c1.text_input("Keep (survivor)", value=survivor or "")
        fold = c2.text_input("Merge into it (its ID will open the survivor)")
        submitted = st.form_submit_button("Merge")
    if not submitted:
        return
    keep, fold = keep.strip(), fold.strip()
    if not keep or not fold:
        st.error("Give both IDs.")
        return
    if run_write(ctx, lambda s: repo.merge_incidents(s, keep, fold, actor=auth.actor()),
                 f"Merged {md_escape(fold)} into {md_escape(keep)}."):
        log.info("editor merged %s into %s", fold, keep)
