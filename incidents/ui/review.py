"""Review (editor mode only): draft incidents, merge suggestions, merges."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ..errors import IncidentsError, NotFoundError
from ..schemas import IncidentFilter
from ..store import queries as q
from ..store import repo, session_scope
from ..vocab import Status, Visibility
from . import auth, cache, editing
from .context import AppContext
from .incident import field_rows, figures_frame
from .palette import type_label
from .safe import md_escape

QUEUE_LIMIT = 200


def page(ctx: AppContext) -> None:
    auth.require_editor()
    st.title("Review")
    drafts, suggestions = st.tabs(["Draft incidents", "Merge suggestions"])
    with drafts:
        _draft_queue(ctx)
    with suggestions:
        _suggestions(ctx)
    st.divider()
    editing.merge_box(ctx, survivor=None, key="review")


def _draft_queue(ctx: AppContext) -> None:
    f = IncidentFilter(statuses=(Status.DRAFT,), visibility=tuple(Visibility))
    try:
        with session_scope(cache.engine(ctx.db_url), write=False) as s:
            total = q.count_incidents(s, f)
            records = q.list_incidents(s, f, limit=QUEUE_LIMIT)
    except IncidentsError as exc:
        st.error(str(exc))
        return
    st.caption(f"{total:,} draft incidents" + (f"; the newest {QUEUE_LIMIT} below"
                                                 if total > QUEUE_LIMIT else ""))
    if not records:
        st.info("No draft incidents to review.")
        return
    table = pd.DataFrame([{
        "record": r.public_id, "date": r.date, "region": r.region_name,
        "settlement": r.settlement, "type": type_label(r.type.value), "killed": r.killed,
        "injured": r.injured, "visibility": r.visibility.value, "summary": r.summary,
    } for r in records])
    event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun",
                         selection_mode="single-row", key="draft_table")
    rows = getattr(getattr(event, "selection", None), "rows", None) or []
    if not rows:
        st.caption("Select a row to review it.")
        return
    chosen = records[rows[0]].public_id
    try:
        record = cache.incident(ctx.db_url, chosen, include_restricted=True)
    except NotFoundError as exc:
        st.error(str(exc))
        return
    st.markdown(f"**{md_escape(record.public_id)}** · [open the record](?id={record.public_id})")
    st.dataframe(figures_frame(record), hide_index=True, width="stretch")
    editing.record_panel(ctx, record)


def _suggestions(ctx: AppContext) -> None:
    try:
        with session_scope(cache.engine(ctx.db_url), write=False) as s:
            pending = repo.list_merge_suggestions(s, status="open")
    except IncidentsError as exc:
        st.error(str(exc))
        return
    if not pending:
        st.info("No open merge suggestions.")
        return
    st.caption(f"{len(pending)} open suggestions, best score first.")
    for sug in pending[:50]:
        _suggestion(ctx, sug)


def _suggestion(ctx: AppContext, sug: dict[str, Any]) -> None:
    title = f"{sug['a']} and {sug['b']} · score {float(sug['score']):.2f}"
    with st.expander(md_escape(title), expanded=False):
        st.markdown("**Why they may be the same:**\n" + "\n".join(
            f"- {md_escape(r)}" for r in sug["reasons"]) if sug["reasons"] else "(no reasons)")
        left, right = st.columns(2)
        for col, pid in ((left, sug["a"]), (right, sug["b"])):
            with col:
                try:
                    rec = cache.incident(ctx.db_url, pid, include_restricted=True)
                except NotFoundError:
                    st.warning(f"{md_escape(pid)} no longer exists.")
                    continue
                st.markdown(f"[{md_escape(rec.public_id)}](?id={rec.public_id})")
                st.dataframe(pd.DataFrame(field_rows(rec), columns=["field", "value"]),
                             hide_index=True, width="stretch")
        c1, c2 = st.columns(2)
        if c1.button("Same incident: merge (the older ID survives)", key=f"sug_yes_{sug['id']}"):
            _decide(ctx, sug["id"], True)
        if c2.button("Not the same", key=f"sug_no_{sug['id']}"):
            _decide(ctx, sug["id"], False)


def _decide(ctx: AppContext, suggestion_id: int, accept: bool) -> None:
    done = "Merged." if accept else "Marked as different incidents."
    if editing.run_write(ctx, lambda s: repo.decide_merge_suggestion(
            s, suggestion_id, accept, actor=auth.actor()), done):
        st.rerun()
