"""Add reports (editor mode only): paste, upload or fetch -> drafts with evidence ->
correct -> accept or discard.

Accepted drafts are stored through the same ingest as the command line
(``incidents.ingest.pipeline.ingest_report``, which joins a clear match,
suggests a merge for a likely one, and audits everything); the editor's
corrected drafts stand in for the extractor's.  A field the editor changed
loses its quote: the value is the editor's, and the audit trail says so.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from ..errors import IncidentsError
from ..ingest import pipeline
from ..ingest.sources import open_source, text_report
from ..schemas import ExtractionResult, IncidentDraft, ReportIn
from ..store import repo
from ..vocab import BODIES, COUNT_FIELDS, INCIDENT_TYPE_LABELS, REGIONS, GeoPrecision
from . import auth, editing
from .context import AppContext
from .safe import md_escape, quote_in_context

STATE = "add_pending"  # list of (ReportIn, ExtractionResult) waiting for a decision


def page(ctx: AppContext) -> None:
    auth.require_editor()
    st.title("Add reports")
    pending: list[tuple[ReportIn, ExtractionResult]] = st.session_state.setdefault(STATE, [])
    if not pending:
        _inputs()
        return
    report, result = pending[0]
    if len(pending) > 1:
        st.caption(f"{len(pending) - 1} more report(s) after this one.")
    _review_report(ctx, report, result)


def _inputs() -> None:
    paste, upload, url = st.tabs(["Paste text", "Upload files", "From a URL"])
    with paste, st.form("add_paste"):
        text = st.text_area("Report text", height=240)
        c1, c2, c3 = st.columns(3)
        publisher = c1.text_input("Publisher")
        published = c2.date_input("Published", value=None, min_value=dt.date(1990, 1, 1))
        link = c3.text_input("URL of the report (optional)")
        if st.form_submit_button("Extract") and text.strip():
            report = text_report("pasted text", text, url=link.strip() or None)
            _extract([report.model_copy(update={"publisher": publisher.strip() or None,
                                                "published": published})])
    with upload, st.form("add_upload"):
        files = st.file_uploader("Text, HTML or JSON Lines files", accept_multiple_files=True,
                                 type=["txt", "html", "htm", "jsonl", "md"])
        if st.form_submit_button("Extract") and files:
            _extract(_from_uploads(files))
    with url, st.form("add_url"):
        address = st.text_input("Address (http or https)")
        if st.form_submit_button("Fetch and extract") and address.strip():
            _extract(_read(address.strip()))


def _read(spec: str) -> list[ReportIn]:
    try:
        source = open_source(spec)
    except IncidentsError as exc:
        st.error(str(exc))
        return []
    reports = []
    for item in source.items():
        if item.report is not None:
            reports.append(item.report)
        else:
            st.warning(md_escape(f"{item.label}: {item.error}"))
    return reports


def _from_uploads(files: list[Any]) -> list[ReportIn]:
    reports: list[ReportIn] = []
    with tempfile.TemporaryDirectory() as tmp:
        for upload in files:
            # The readers work on paths; keep the uploaded name so messages name it.
            path = Path(tmp) / Path(upload.name).name
            path.write_bytes(upload.getvalue())
            reports.extend(_read(str(path)))
    return reports


def _extract(reports: list[ReportIn]) -> None:
    from ..extract import extract

    for report in reports:
        try:
            st.session_state[STATE].append((report, extract(report)))
        except IncidentsError as exc:
            st.error(md_escape(f"{report.title or report.url or 'report'}: {exc}"))
    st.rerun()


def _review_report(ctx: AppContext, report: ReportIn, result: ExtractionResult) -> None:
    st.subheader(md_escape(report.title or report.url or "Report"))
    st.caption(md_escape(f"{report.publisher or 'publisher unknown'} · "
                         f"{report.published or 'date unknown'} · kind: {result.kind.value}"))
    for problem in result.problems:
        st.warning(md_escape(problem))
    with st.expander("Report text"):
        st.text(report.text)
    corrected: list[IncidentDraft] = []
    for n, draft in enumerate(result.incidents, 1):
        st.markdown(f"### Incident {n}")
        if st.checkbox("Accept this incident", value=True, key=f"keep_{n}"):
            fixed = draft_editor(draft, report.text, key=str(n))
            if fixed is not None:
                corrected.append(fixed)
    if not result.incidents:
        st.info("The extractor found no incident; accepting keeps the report as evidence.")
    c1, c2 = st.columns(2)
    if c1.button(f"Store the report with {len(corrected)} incident(s)", type="primary"):
        _store(ctx, report, result.model_copy(update={"incidents": corrected}))
    if c2.button("Discard this report"):
        st.session_state[STATE].pop(0)
        st.rerun()


def _store(ctx: AppContext, report: ReportIn, result: ExtractionResult) -> None:
    outcome: list[Any] = []

    def write(s: Any) -> None:
        done = pipeline.ingest_report(s, report, actor=auth.actor(), extractor=lambda _: result)
        # A person read and corrected these drafts: they are reviewed, not drafts.
        for public_id, action in done.incidents:
            if action == "created":
                repo.update_incident(s, public_id, {"status": "reviewed"}, actor=auth.actor())
        outcome.append(done)

    if editing.run_write(ctx, write, "Stored."):
        done = outcome[0]
        if not done.created:
            st.info("This report was already stored; nothing changed.")
        for public_id, action in done.incidents:
            st.markdown(f"[{md_escape(public_id)}](?id={public_id}): {md_escape(action)}")
        st.session_state[STATE].pop(0)
        st.button("Next")


def draft_editor(draft: IncidentDraft, text: str, key: str) -> IncidentDraft | None:
    """Widgets for every field of a draft, each with its quote; the corrected draft."""
    values: dict[str, Any] = {}
    c1, c2, c3 = st.columns(3)
    with c1:
        values["date"] = st.date_input("Date", value=draft.date, key=f"d_date_{key}",
                                       min_value=dt.date(1990, 1, 1))
        _quote(draft, "date", text)
        types = list(INCIDENT_TYPE_LABELS)
        values["type"] = st.selectbox(
            "Type", types, key=f"d_type_{key}", format_func=INCIDENT_TYPE_LABELS.__getitem__,
            index=types.index(draft.type.value) if draft.type else types.index("other"))
        _quote(draft, "type", text)
    with c2:
        regions = [""] + list(REGIONS)
        values["region_code"] = st.selectbox(
            "Region", regions, index=regions.index(draft.region_code or ""), key=f"d_reg_{key}",
            format_func=lambda c: REGIONS[c].name if c else "unknown") or None
        _quote(draft, "region_code", text)
        values["settlement"] = st.text_input("Settlement", value=draft.settlement or "",
                                             key=f"d_set_{key}").strip() or None
        _quote(draft, "settlement", text)
    with c3:
        for name in COUNT_FIELDS:
            values[name] = st.number_input(name.capitalize(), min_value=0, step=1,
                                           value=getattr(draft, name), key=f"d_{name}_{key}")
            _quote(draft, name, text)
    values["reporting_bodies"] = st.multiselect(
        "Reporting bodies", list(BODIES), default=draft.reporting_bodies, key=f"d_bod_{key}",
        format_func=lambda b: BODIES[b].name)
    values["notified_bodies"] = st.multiselect(
        "Only notified", list(BODIES), default=draft.notified_bodies, key=f"d_not_{key}",
        format_func=lambda b: BODIES[b].name)
    values["summary"] = st.text_area("Summary", value=draft.summary, key=f"d_sum_{key}")
    return corrected_draft(draft, values)


def corrected_draft(draft: IncidentDraft, values: dict[str, Any]) -> IncidentDraft | None:
    """The draft with the editor's values; changed fields lose their evidence."""
    changed = {k for k, v in values.items() if _plain(getattr(draft, k)) != _plain(v)}
    evidence = {k: ev for k, ev in draft.evidence.items() if k not in changed}
    update: dict[str, Any] = {**values, "evidence": evidence}
    if "settlement" in changed or "region_code" in changed:
        # A moved place must not keep the old coordinates.
        region_only = values["region_code"] and not values["settlement"]
        precision = GeoPrecision.REGION if region_only else GeoPrecision.UNKNOWN
        update.update(lat=None, lon=None, geo_precision=precision)
    update["minimum_counts"] = [c for c in draft.minimum_counts if c not in changed]
    try:
        return IncidentDraft.model_validate({**draft.model_dump(), **update})
    except ValueError as exc:
        st.error(md_escape(str(exc)))
        return None


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return sorted(_plain(v) for v in value)
    return getattr(value, "value", value)


def _quote(draft: IncidentDraft, field: str, text: str) -> None:
    ev = draft.evidence.get(field)
    if ev is not None:
        st.caption(quote_in_context(text, ev.start, ev.end, ev.quote, width=60))
