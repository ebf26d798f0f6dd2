"""The incident page: one record, every field, its sources and their quotes, its history,
and a citation ready to paste.

Opened from the table, the map, or a permalink (``?id=UA-2025-000123``); a merged
ID opens the survivor and says so.  Everything that came from a report or a
person is shown escaped (``safe.md_escape``) or through elements that never
parse Markdown (``st.dataframe``, ``st.code``).
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from .. import export
from ..errors import IncidentsError, NotFoundError
from ..schemas import IncidentRecord, SourceRecord
from ..vocab import BODIES, COUNT_FIELDS, INCIDENT_TYPE_LABELS
from . import cache, editing
from .context import AppContext
from .safe import md_escape, quote_in_context


def page(ctx: AppContext) -> None:
    """The "Incident" navigation page: an ID box, and the record when one is given."""
    st.title("Incident record")
    current = st.query_params.get("id", "")
    if "incident_lookup" not in st.session_state:
        st.session_state["incident_lookup"] = current
    given = st.text_input("Record ID", key="incident_lookup", placeholder="UA-2025-000123")
    public_id = (given or "").strip()
    if public_id != current:
        if public_id:
            st.query_params["id"] = public_id
        elif "id" in st.query_params:
            del st.query_params["id"]
    if public_id:
        render(ctx, public_id)


def render(ctx: AppContext, public_id: str, *, back_to_list: bool = False) -> None:
    if back_to_list:
        st.button("← Back to the list", on_click=_drop_id, key="back_to_list")
    try:
        record = cache.incident(ctx.db_url, public_id, include_restricted=ctx.editor)
    except NotFoundError:
        # Public mode answers a restricted ID exactly like a missing one.
        st.error(f"No incident {md_escape(public_id)}.")
        return
    except IncidentsError as exc:
        st.error(str(exc))
        return
    _header(record, public_id)
    _fields(record)
    _figures(record)
    _bodies(record)
    _sources(ctx, record)
    _audit(record, editor=ctx.editor)
    _citation(ctx, record)
    if ctx.editor:
        editing.record_panel(ctx, record)


def _drop_id() -> None:
    if "id" in st.query_params:
        del st.query_params["id"]


def _header(record: IncidentRecord, requested: str) -> None:
    st.header(md_escape(record.public_id))
    if requested != record.public_id:
        st.info(
            f"{md_escape(requested)} was merged into {md_escape(record.public_id)}; "
            "this is the surviving record, with the sources of both."
        )
    st.caption(
        f"Status: **{record.status.value}** · visibility: **{record.visibility.value}** · "
        f"type: **{md_escape(INCIDENT_TYPE_LABELS.get(record.type.value, record.type.value))}**"
    )
    if record.summary:
        st.markdown(md_escape(record.summary))


def _count_text(record: IncidentRecord | SourceRecord, name: str) -> str:
    value = getattr(record, name)
    if value is None:
        return "unknown"
    return f"at least {value}" if name in record.minimum_counts else str(value)


def field_rows(record: IncidentRecord) -> list[tuple[str, str]]:
    """Every field of the record as (label, text), unknowns said as such."""

    def txt(value: object) -> str:
        if value is None or value == "" or value == []:
            return "unknown"
        return str(getattr(value, "value", value))

    rows = [
        ("Date", txt(record.date)), ("Date (end)", txt(record.date_end)),
        ("Date precision", txt(record.date_precision)),
        ("Date reported", txt(record.date_reported)),
        ("Region", f"{record.region_name} ({record.region_code})" if record.region_code
         else "unknown"),
        ("Settlement", txt(record.settlement)),
        ("Coordinates", f"{record.lat:.5f}, {record.lon:.5f}"
         if record.lat is not None and record.lon is not None else "unknown"),
        ("Location precision", txt(record.geo_precision)),
        ("Type", INCIDENT_TYPE_LABELS.get(record.type.value, record.type.value)),
        ("Secondary types", ", ".join(INCIDENT_TYPE_LABELS.get(t.value, t.value)
                                       for t in record.secondary_types) or "none"),
    ]
    rows += [(name.capitalize(), _count_text(record, name)) for name in COUNT_FIELDS]
    for name in ("killed", "injured"):
        lo, hi = getattr(record, f"{name}_min"), getattr(record, f"{name}_max")
        if lo is not None or hi is not None:
            rows.append((f"{name.capitalize()}: range reported", f"{txt(lo)} – {txt(hi)}"))
    rows += [
        ("Victim groups", ", ".join(g.value for g in record.victim_groups) or "unknown"),
        ("Perpetrator", txt(record.perpetrator)),
        ("Status", record.status.value), ("Visibility", record.visibility.value),
        ("Created", txt(record.created_at)), ("Updated", txt(record.updated_at)),
        ("Merged IDs", ", ".join(record.merged_ids) or "none"),
    ]
    return rows


def _fields(record: IncidentRecord) -> None:
    st.subheader("Record")
    rows = field_rows(record)
    st.dataframe(pd.DataFrame(rows, columns=["field", "value"]), hide_index=True,
                 width="stretch", height=35 * (len(rows) + 1) + 3)


def figures_frame(record: IncidentRecord) -> pd.DataFrame:
    """Who said how many, when: the headline row, then one row per source."""
    rows = [{"source": "Headline (this record)", "body": "", "stated on": "",
             **{n: _count_text(record, n) for n in COUNT_FIELDS}}]
    for src in record.sources:
        body = BODIES[src.body_id].name if src.body_id in BODIES else (src.body_id or
                                                                          "not attributed")
        rows.append({
            "source": " · ".join(x for x in (src.publisher, str(src.published or "")) if x)
            or f"report {src.report_id}",
            "body": body,
            "stated on": str(src.stated_on or ""),
            **{n: _count_text(src, n) for n in COUNT_FIELDS},
        })
    return pd.DataFrame(rows)


def _figures(record: IncidentRecord) -> None:
    st.subheader("Figures, source by source")
    st.dataframe(figures_frame(record), hide_index=True, width="stretch")
    st.caption("How the headline figure is chosen: " + md_escape(record.headline_rule))


def _bodies(record: IncidentRecord) -> None:
    st.subheader("Bodies")
    c1, c2 = st.columns(2)
    for col, title, ids in ((c1, "Reported, confirmed or investigating", record.reporting_bodies),
                            (c2, "Only notified or appealed to", record.notified_bodies)):
        col.markdown(f"**{title}**")
        names = [BODIES[b].name if b in BODIES else b for b in ids]
        col.markdown("\n".join(f"- {md_escape(n)}" for n in names) if names else "none")


def _sources(ctx: AppContext, record: IncidentRecord) -> None:
    st.subheader(f"Sources ({len(record.sources)})")
    for src in record.sources:
        label = " · ".join(x for x in (src.publisher or "publisher unknown",
                                       str(src.published or "date unknown")) if x)
        with st.expander(md_escape(label), expanded=len(record.sources) == 1):
            meta = [("Publisher", src.publisher), ("Title", src.title),
                    ("Published", src.published), ("URL", src.url),
                    ("SHA-256 of the text", src.sha256), ("Retrieved at", src.retrieved_at),
                    ("Added to this record", src.added_at)]
            st.dataframe(
                pd.DataFrame([(k, "unknown" if v is None else str(v)) for k, v in meta],
                             columns=["", "value"]),
                hide_index=True, width="stretch",
            )
            _evidence(ctx, src)


def _evidence(ctx: AppContext, src: SourceRecord) -> None:
    if not src.evidence:
        st.caption("No field of this record was extracted from this report's text.")
        return
    text = cache.report_text(ctx.db_url, src.report_id)
    for field, ev in src.evidence.items():
        st.markdown(f"**{md_escape(field)}** — "
                    + quote_in_context(text, ev.start, ev.end, ev.quote))


def _audit(record: IncidentRecord, *, editor: bool) -> None:
    st.subheader("History")
    if not record.audit:
        st.caption("No recorded changes.")
        return
    frame = pd.DataFrame([a.model_dump() for a in record.audit])
    if not editor:
        # Who edited is editor-only: the public sees what changed and when.
        frame = frame.drop(columns=["actor"])
    st.dataframe(frame, hide_index=True, width="stretch")


def _citation(ctx: AppContext, record: IncidentRecord) -> None:
    st.subheader("Cite this record")
    accessed = cache.today()
    st.caption("Plain text")
    st.code(export.citation(record, fmt="text", base_url=ctx.base_url, accessed=accessed),
            language=None, wrap_lines=True)
    st.caption("CSL-JSON (Zotero, Pandoc, citation managers)")
    csl = export.citation(record, fmt="csl-json", base_url=ctx.base_url, accessed=accessed)
    if not isinstance(csl, str):
        csl = json.dumps(csl, ensure_ascii=False, indent=2)
    st.code(csl, language="json")
    st.caption("Permalink: " + md_escape(export.permalink(record.public_id, ctx.base_url)))
