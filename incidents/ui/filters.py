"""Sidebar filters <-> ``IncidentFilter`` <-> ``st.query_params``.

The URL is the source of truth when a session opens: a link holds the whole
view.  From then on the widgets are, and every run writes the filter back to the
URL, so the address bar is always a link to what is on screen.

Public mode never takes ``visibility`` or ``statuses`` from a URL: a crafted
link cannot show a restricted record, it is reset to public.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from pydantic import ValidationError

from ..schemas import IncidentFilter
from ..vocab import BODIES, INCIDENT_TYPE_LABELS, REGIONS, Status, Visibility

# Query-parameter names that are not part of the filter but belong to the URL.
NON_FILTER_PARAMS = ("id",)
EDITOR_ONLY_FIELDS = ("statuses", "visibility")
_PREFIX = "flt_"
_RANGES = (("killed_min", "killed_max", "Killed"), ("injured_min", "injured_max", "Injured"))


@dataclass(frozen=True)
class FilterOptions:
    """Choices the sidebar offers that come from the data, not the vocabulary."""

    settlements: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()


@dataclass
class ParsedFilter:
    filter: IncidentFilter
    problems: list[str] = field(default_factory=list)


def _field_error_names(exc: ValidationError) -> set[str]:
    return {str(err["loc"][0]) for err in exc.errors() if err.get("loc")}


def _error_text(exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ())) or "filter"
        out.append(f"{where}: {err['msg']}")
    return out


def public_only(f: IncidentFilter) -> IncidentFilter:
    """The filter public mode runs: public records, any status."""
    return f.model_copy(update={"visibility": (Visibility.PUBLIC,), "statuses": ()})


def parse_query_params(params: Mapping[str, Any], *, editor: bool) -> ParsedFilter:
    """The filter a URL asks for; fields that do not validate are dropped, and said why.

    Never raises: a mistyped link opens the view without the bad part and a
    message naming it, instead of an error page.
    """
    raw = {k: v for k, v in params.items() if k not in NON_FILTER_PARAMS}
    problems: list[str] = []
    if not editor:
        for name in EDITOR_ONLY_FIELDS:
            if name in raw:
                raw.pop(name)
                problems.append(f"{name}: ignored (editor mode only); showing public records")
    for _ in range(len(raw) + 1):
        try:
            f = IncidentFilter.from_query_params(raw)
            break
        except ValidationError as exc:
            problems.extend(f"URL parameter {p}" for p in _error_text(exc))
            bad = _field_error_names(exc) & set(raw)
            # A cross-field error (e.g. date_from after date_to) names no field:
            # drop the pair concerned, or everything when nothing else helps.
            bad = bad or _pair_culprits(raw) or set(raw)
            for name in bad:
                raw.pop(name, None)
    else:  # pragma: no cover - the loop always ends with raw empty at worst
        f = IncidentFilter()
    return ParsedFilter(f if editor else public_only(f), problems)


def _pair_culprits(raw: Mapping[str, Any]) -> set[str]:
    for lo, hi in (("date_from", "date_to"), ("killed_min", "killed_max"),
                   ("injured_min", "injured_max"), ("near_lat", "within_km")):
        if lo in raw or hi in raw:
            names = {lo, hi} | ({"near_lon"} if lo == "near_lat" else set())
            if lo in raw and hi in raw or lo == "near_lat":
                return names & set(raw)
    return set()


def query_params_for(f: IncidentFilter, current: Mapping[str, Any]) -> dict[str, str]:
    """The URL's parameters for a filter, keeping the non-filter ones (``id``)."""
    out = {k: str(current[k]) for k in NON_FILTER_PARAMS if k in current}
    out.update(f.to_query_params())
    return out


def write_query_params(f: IncidentFilter, qp: MutableMapping[str, Any]) -> None:
    """Make ``qp`` (``st.query_params``) say ``f``; touch it only when it differs."""
    wanted = query_params_for(f, qp)
    current = {k: qp[k] for k in qp}
    if current == wanted:
        return
    for key in [k for k in current if k not in wanted]:
        del qp[key]
    for key, value in wanted.items():
        if current.get(key) != value:
            qp[key] = value


# --------------------------------------------------------------- widget state


def widget_state(f: IncidentFilter) -> dict[str, Any]:
    """Initial values of the sidebar widgets for a filter (session-state keys)."""
    return {
        _PREFIX + "date_from": f.date_from,
        _PREFIX + "date_to": f.date_to,
        _PREFIX + "regions": list(f.regions),
        _PREFIX + "settlements": list(f.settlements),
        _PREFIX + "types": [t.value for t in f.types],
        _PREFIX + "killed_min": f.killed_min,
        _PREFIX + "killed_max": f.killed_max,
        _PREFIX + "injured_min": f.injured_min,
        _PREFIX + "injured_max": f.injured_max,
        _PREFIX + "bodies": list(f.bodies),
        _PREFIX + "publishers": list(f.publishers),
        _PREFIX + "statuses": [s.value for s in f.statuses],
        _PREFIX + "visibility": [v.value for v in f.visibility],
        _PREFIX + "text": f.text or "",
    }


def filter_from_widgets(state: Mapping[str, Any], base: IncidentFilter, *, editor: bool
                        ) -> ParsedFilter:
    """The filter the widgets say; an impossible range is dropped with a message."""
    values = {k[len(_PREFIX):]: v for k, v in state.items() if k.startswith(_PREFIX)}
    problems: list[str] = []
    start, end = values.get("date_from"), values.get("date_to")
    if start and end and start > end:
        problems.append("Date: 'from' is after 'to'; the date range is ignored")
        values["date_from"] = values["date_to"] = None
    for lo, hi, label in _RANGES:
        a, b = values.get(lo), values.get(hi)
        if a is not None and b is not None and a > b:
            problems.append(f"{label}: 'at least' {a} is more than 'at most' {b}; ignored")
            values[lo] = values[hi] = None
    if not editor:
        values.pop("statuses", None)
        values.pop("visibility", None)
    if not values.get("visibility", True):
        values["visibility"] = [Visibility.PUBLIC.value]
    # Fields without widgets (the "near" circle) come from the URL's filter.
    data = {**base.model_dump(include={"near_lat", "near_lon", "within_km"}), **values}
    try:
        f = IncidentFilter.model_validate(data)
    except ValidationError as exc:
        problems.extend(_error_text(exc))
        f = IncidentFilter()
    return ParsedFilter(f if editor else public_only(f), problems)


def default_filter(*, editor: bool) -> IncidentFilter:
    """The filter of a visit with no query parameters, as the sidebar computes it."""
    initial = parse_query_params({}, editor=editor).filter
    return filter_from_widgets(widget_state(initial), initial, editor=editor).filter


# ------------------------------------------------------------------- sidebar


def _seed_widgets(initial: IncidentFilter, options: FilterOptions) -> FilterOptions:
    """On a session's first run, the widgets start from the URL's filter."""
    if not st.session_state.get(_PREFIX + "seeded"):
        for key, value in widget_state(initial).items():
            st.session_state[key] = value
        st.session_state[_PREFIX + "seeded"] = True
    # Values in the URL must be among a multiselect's options, or Streamlit raises.
    return FilterOptions(
        settlements=tuple(sorted(set(options.settlements) | set(initial.settlements))),
        publishers=tuple(sorted(set(options.publishers) | set(initial.publishers))),
    )


def render_sidebar(initial: IncidentFilter, options: FilterOptions, *, editor: bool
                   ) -> ParsedFilter:
    """Draw every filter of the query layer in the sidebar; return what they say."""
    options = _seed_widgets(initial, options)
    sb = st.sidebar
    sb.header("Filters")
    c1, c2 = sb.columns(2)
    c1.date_input("From", key=_PREFIX + "date_from", value=None, min_value=dt.date(1990, 1, 1))
    c2.date_input("To", key=_PREFIX + "date_to", value=None, min_value=dt.date(1990, 1, 1))
    sb.multiselect("Regions", list(REGIONS), key=_PREFIX + "regions",
                   format_func=lambda c: REGIONS[c].name)
    sb.multiselect("Settlements", list(options.settlements), key=_PREFIX + "settlements",
                   accept_new_options=True)
    sb.multiselect("Types", list(INCIDENT_TYPE_LABELS), key=_PREFIX + "types",
                   format_func=INCIDENT_TYPE_LABELS.__getitem__)
    for lo, hi, label in _RANGES:
        a, b = sb.columns(2)
        a.number_input(f"{label} at least", min_value=0, step=1, value=None, key=_PREFIX + lo)
        b.number_input(f"{label} at most", min_value=0, step=1, value=None, key=_PREFIX + hi)
    sb.multiselect("Reporting bodies", list(BODIES), key=_PREFIX + "bodies",
                   format_func=lambda b: BODIES[b].name)
    sb.multiselect("Publishers", list(options.publishers), key=_PREFIX + "publishers")
    if editor:
        sb.multiselect("Status (editor)", [s.value for s in Status], key=_PREFIX + "statuses")
        sb.multiselect("Visibility (editor)", [v.value for v in Visibility],
                       key=_PREFIX + "visibility")
    sb.text_input("Text", key=_PREFIX + "text", help="Words in the summary or place names")
    state = {k: st.session_state[k] for k in widget_state(initial) if k in st.session_state}
    parsed = filter_from_widgets(state, initial, editor=editor)
    for problem in parsed.problems:
        sb.warning(problem)
    sb.button("Clear filters", key=_PREFIX + "clear", on_click=_clear_widgets)
    return parsed


def _clear_widgets() -> None:
    # A callback runs before the widgets exist in the next run, the only time
    # Streamlit lets their state be set.
    for key, value in widget_state(IncidentFilter()).items():
        st.session_state[key] = value
