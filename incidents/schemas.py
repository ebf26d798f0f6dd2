"""Pydantic shapes, one per boundary.

- ``ReportIn``: a source document entering the system (ingest, extract).
- ``Evidence``: where a value came from (quote + character offsets + rule).
- ``PlaceResolution``: what the gazetteer says about a place name.
- ``IncidentDraft`` / ``ExtractionResult``: what the extractor proposes.
- ``IncidentRecord`` (+ ``SourceRecord``, ``BodyLink``, ``AuditEntry``): what the
  store returns; ORM objects never leave ``incidents.store``.
- ``IncidentFilter``: one filter for the CLI, the app and every export.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import urlencode

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from .vocab import (
    BODIES,
    REGIONS,
    BodyRole,
    DatePrecision,
    GeoPrecision,
    IncidentType,
    ReportKind,
    Status,
    VictimGroup,
    Visibility,
    region_name,
)

COUNTS = ("killed", "injured", "missing", "detained")


def _known_region(code: str) -> str:
    if code not in REGIONS:
        raise ValueError(f"unknown region code {code!r}")
    return code


def _known_body(body_id: str) -> str:
    if body_id not in BODIES:
        raise ValueError(f"unknown reporting body id {body_id!r}")
    return body_id


def _count_name(name: str) -> str:
    if name not in COUNTS:
        raise ValueError(f"not a count field: {name!r}")
    return name


# One validation rule per code list, shared by every boundary shape (drafts,
# editor changes, import rows): the spec's codes and nothing else.
RegionCode = Annotated[str, AfterValidator(_known_region)]
BodyId = Annotated[str, AfterValidator(_known_body)]
CountName = Annotated[str, AfterValidator(_count_name)]


class IncidentFields(BaseModel):
    """The fields of a record that a person may set, by import or by an edit.

    ``type`` is left to the subclasses: required in an import row, optional in
    an edit.  Validated like a draft, with the spec's codes.
    """

    model_config = ConfigDict(extra="forbid")

    date: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: DatePrecision | None = None
    date_reported: dt.date | None = None
    region_code: RegionCode | None = None
    settlement: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: GeoPrecision = GeoPrecision.UNKNOWN
    secondary_types: list[IncidentType] = Field(default_factory=list)
    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    missing: int | None = Field(default=None, ge=0)
    detained: int | None = Field(default=None, ge=0)
    minimum_counts: list[CountName] = Field(default_factory=list)
    victim_groups: list[VictimGroup] = Field(default_factory=list)
    perpetrator: str | None = None
    summary: str = ""
    status: Status = Status.DRAFT
    visibility: Visibility = Visibility.PUBLIC


class ReportIn(BaseModel):
    """A source document as it enters: the text plus whatever metadata is known."""

    model_config = ConfigDict(frozen=True)

    text: str
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    language: str | None = None
    published: dt.date | None = None
    retrieved_at: dt.datetime | None = None


class Evidence(BaseModel):
    """The quote a value came from, located in the stored report text."""

    model_config = ConfigDict(frozen=True)

    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    stage: str = ""
    rule_id: str = ""
    confidence: float = Field(default=1.0, ge=0, le=1)

    def contract(self) -> dict[str, Any]:
        return {"quote": self.quote, "start": self.start, "end": self.end}


class PlaceCandidate(BaseModel):
    model_config = ConfigDict(frozen=True)

    settlement: str | None
    region_code: str | None
    lat: float | None
    lon: float | None
    population: int | None = None
    geonameid: int | None = None


class PlaceResolution(BaseModel):
    """The gazetteer's answer: certain parts filled, uncertain parts empty, and why."""

    model_config = ConfigDict(frozen=True)

    query: str
    region_code: str | None = None
    settlement: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: GeoPrecision = GeoPrecision.UNKNOWN
    ambiguous: bool = False
    candidates: list[PlaceCandidate] = Field(default_factory=list)
    source: str = "gazetteer"  # "gazetteer", "online:<backend>", or "none"
    reason: str = ""

    @property
    def region_name(self) -> str | None:
        return region_name(self.region_code)

    def contract(self) -> dict[str, Any]:
        """The shape ``incidents geocode --json`` prints."""
        return {
            "query": self.query,
            "region_code": self.region_code,
            "region_name": self.region_name,
            "settlement": self.settlement,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision.value,
            "ambiguous": self.ambiguous,
            "candidates": [c.model_dump() for c in self.candidates],
            "source": self.source,
            "reason": self.reason,
        }


class IncidentDraft(BaseModel):
    """One incident the extractor found in one report.  Unknown is None, never 0."""

    date: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: DatePrecision | None = None
    date_reported: dt.date | None = None
    region_code: RegionCode | None = None
    settlement: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: GeoPrecision = GeoPrecision.UNKNOWN
    type: IncidentType | None = None
    secondary_types: list[IncidentType] = Field(default_factory=list)
    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    missing: int | None = Field(default=None, ge=0)
    detained: int | None = Field(default=None, ge=0)
    # Count fields whose figure is a minimum ("at least 6").
    minimum_counts: list[CountName] = Field(default_factory=list)
    victim_groups: list[VictimGroup] = Field(default_factory=list)
    perpetrator: str | None = None
    reporting_bodies: list[BodyId] = Field(default_factory=list)
    investigating_bodies: list[BodyId] = Field(default_factory=list)
    notified_bodies: list[BodyId] = Field(default_factory=list)
    summary: str = ""
    confidence: float = Field(default=0.0, ge=0, le=1)
    evidence: dict[str, Evidence] = Field(default_factory=dict)

    def contract(self) -> dict[str, Any]:
        """The stable JSON shape of ``incidents extract --json`` (scripts depend on it)."""
        return {
            "date": _iso(self.date),
            "date_end": _iso(self.date_end),
            "date_precision": self.date_precision.value if self.date_precision else None,
            "date_reported": _iso(self.date_reported),
            "region_code": self.region_code,
            "settlement": self.settlement,
            "lat": self.lat,
            "lon": self.lon,
            "geo_precision": self.geo_precision.value,
            "type": self.type.value if self.type else None,
            "secondary_types": [t.value for t in self.secondary_types],
            "killed": self.killed,
            "injured": self.injured,
            "missing": self.missing,
            "detained": self.detained,
            "minimum_counts": list(self.minimum_counts),
            "victim_groups": [g.value for g in self.victim_groups],
            "perpetrator": self.perpetrator,
            "reporting_bodies": list(self.reporting_bodies),
            "investigating_bodies": list(self.investigating_bodies),
            "notified_bodies": list(self.notified_bodies),
            "summary": self.summary,
            "confidence": round(self.confidence, 3),
            "evidence": {k: e.contract() for k, e in self.evidence.items()},
        }


class ExtractionResult(BaseModel):
    kind: ReportKind
    language: str | None = None
    incidents: list[IncidentDraft] = Field(default_factory=list)
    # Stage failures recorded on the document instead of killing a batch.
    problems: list[str] = Field(default_factory=list)

    def contract(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "language": self.language,
            "incidents": [d.contract() for d in self.incidents],
            "problems": list(self.problems),
        }


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


# ---------------------------------------------------------------- store output


class SourceRecord(BaseModel):
    """One report supporting an incident, with the figures it gave and its quotes."""

    report_id: int
    sha256: str
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    published: dt.date | None = None
    retrieved_at: dt.datetime | None = None
    body_id: str | None = None  # whose figures these are
    stated_on: dt.date | None = None
    killed: int | None = None
    injured: int | None = None
    missing: int | None = None
    detained: int | None = None
    minimum_counts: list[str] = Field(default_factory=list)
    evidence: dict[str, Evidence] = Field(default_factory=dict)
    added_at: dt.datetime | None = None


class BodyLink(BaseModel):
    body_id: str
    role: BodyRole
    report_id: int | None = None


class AuditEntry(BaseModel):
    at: dt.datetime
    actor: str
    action: str
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None


class IncidentRecord(BaseModel):
    """An incident as read from the store, sources and history included."""

    public_id: str
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: DatePrecision | None = None
    date_reported: dt.date | None = None
    region_code: str | None = None
    settlement: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: GeoPrecision = GeoPrecision.UNKNOWN
    type: IncidentType
    secondary_types: list[IncidentType] = Field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    missing: int | None = None
    detained: int | None = None
    minimum_counts: list[str] = Field(default_factory=list)
    killed_min: int | None = None
    killed_max: int | None = None
    injured_min: int | None = None
    injured_max: int | None = None
    headline_rule: str = ""  # how the headline figures were chosen, in words
    victim_groups: list[VictimGroup] = Field(default_factory=list)
    perpetrator: str | None = None
    summary: str = ""
    status: Status = Status.DRAFT
    visibility: Visibility = Visibility.PUBLIC
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    merged_ids: list[str] = Field(default_factory=list)
    sources: list[SourceRecord] = Field(default_factory=list)
    bodies: list[BodyLink] = Field(default_factory=list)
    audit: list[AuditEntry] = Field(default_factory=list)

    @property
    def region_name(self) -> str | None:
        return region_name(self.region_code)

    @property
    def reporting_bodies(self) -> list[str]:
        return _unique(b.body_id for b in self.bodies if b.role != BodyRole.NOTIFIED)

    @property
    def notified_bodies(self) -> list[str]:
        return _unique(b.body_id for b in self.bodies if b.role == BodyRole.NOTIFIED)


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))


# --------------------------------------------------------------------- filter

_LIST_FIELDS = ("regions", "settlements", "types", "bodies", "publishers", "statuses", "visibility")


class IncidentFilter(BaseModel):
    """One filter: compiles to SQL in ``incidents.store.queries``, describes itself
    in words, and round-trips through URL query parameters.

    Frozen and hashable so Streamlit can key cached queries by it.  Lists are
    tuples and kept sorted, so two equal filters hash alike.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    regions: tuple[str, ...] = ()
    settlements: tuple[str, ...] = ()
    types: tuple[IncidentType, ...] = ()  # matches primary or secondary type
    killed_min: int | None = Field(default=None, ge=0)
    killed_max: int | None = Field(default=None, ge=0)
    injured_min: int | None = Field(default=None, ge=0)
    injured_max: int | None = Field(default=None, ge=0)
    bodies: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    statuses: tuple[Status, ...] = ()
    # Public mode passes ("public",); only editor mode may see restricted records.
    visibility: tuple[Visibility, ...] = (Visibility.PUBLIC,)
    text: str | None = None
    near_lat: float | None = Field(default=None, ge=-90, le=90)
    near_lon: float | None = Field(default=None, ge=-180, le=180)
    within_km: float | None = Field(default=None, gt=0)

    @field_validator(*_LIST_FIELDS, mode="before")
    @classmethod
    def _as_sorted_tuple(cls, v: Any) -> Any:
        if v is None:
            return ()
        if isinstance(v, str):
            v = [p for p in v.split(",") if p.strip()]
        return tuple(sorted({str(x).strip() for x in v if str(x).strip()}))

    @field_validator("regions")
    @classmethod
    def _known_regions(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [c for c in v if c not in REGIONS]
        if bad:
            raise ValueError(f"unknown region code(s): {', '.join(bad)}")
        return v

    @field_validator("bodies")
    @classmethod
    def _known_bodies(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [b for b in v if b not in BODIES]
        if bad:
            raise ValueError(f"unknown reporting body id(s): {', '.join(bad)}")
        return v

    @field_validator("text")
    @classmethod
    def _strip_text(cls, v: str | None) -> str | None:
        v = (v or "").strip()
        return v or None

    @model_validator(mode="after")
    def _consistent(self) -> IncidentFilter:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from is after date_to")
        for lo, hi in (("killed_min", "killed_max"), ("injured_min", "injured_max")):
            a, b = getattr(self, lo), getattr(self, hi)
            if a is not None and b is not None and a > b:
                raise ValueError(f"{lo} is greater than {hi}")
        near = (self.near_lat, self.near_lon, self.within_km)
        if any(x is not None for x in near) and not all(x is not None for x in near):
            raise ValueError("near_lat, near_lon and within_km go together")
        return self

    # -- query parameters ------------------------------------------------------

    def to_query_params(self) -> dict[str, str]:
        """Non-default fields as strings; lists joined with commas."""
        out: dict[str, str] = {}
        defaults = IncidentFilter()
        for name in type(self).model_fields:
            value = getattr(self, name)
            if value == getattr(defaults, name):
                continue
            if isinstance(value, tuple):
                out[name] = ",".join(str(getattr(x, "value", x)) for x in value)
            elif isinstance(value, dt.date):
                out[name] = value.isoformat()
            elif value is None:
                out[name] = ""
            else:
                out[name] = str(value)
        return out

    def to_query_string(self) -> str:
        return urlencode(self.to_query_params())

    @classmethod
    def from_query_params(cls, params: dict[str, Any]) -> IncidentFilter:
        """Inverse of ``to_query_params``; unknown keys (e.g. ``id``) are ignored."""
        data: dict[str, Any] = {}
        for name in cls.model_fields:
            if name not in params:
                continue
            raw = params[name]
            if isinstance(raw, list):
                raw = ",".join(str(x) for x in raw)
            if raw == "" and name not in _LIST_FIELDS:
                continue
            data[name] = raw
        return cls.model_validate(data)

    # -- words -------------------------------------------------------------------

    def describe(self) -> str:
        """The filter in plain words, for export headers and page captions."""
        parts: list[str] = []
        if self.date_from or self.date_to:
            parts.append(f"date {_iso(self.date_from) or '…'} to {_iso(self.date_to) or '…'}")
        if self.regions:
            parts.append("region " + " or ".join(region_name(r) or r for r in self.regions))
        if self.settlements:
            parts.append("settlement " + " or ".join(self.settlements))
        if self.types:
            parts.append("type " + " or ".join(t.value for t in self.types))
        for label, lo, hi in (
            ("killed", self.killed_min, self.killed_max),
            ("injured", self.injured_min, self.injured_max),
        ):
            if lo is not None and hi is not None:
                parts.append(f"{label} {lo}–{hi}")
            elif lo is not None:
                parts.append(f"{label} at least {lo}")
            elif hi is not None:
                parts.append(f"{label} at most {hi}")
        if self.bodies:
            parts.append("reported by " + " or ".join(self.bodies))
        if self.publishers:
            parts.append("published by " + " or ".join(self.publishers))
        if self.statuses:
            parts.append("status " + " or ".join(s.value for s in self.statuses))
        if tuple(self.visibility) != (Visibility.PUBLIC,):
            parts.append("visibility " + " or ".join(v.value for v in self.visibility))
        if self.text:
            parts.append(f'text "{self.text}"')
        if self.within_km is not None:
            parts.append(f"within {self.within_km:g} km of ({self.near_lat}, {self.near_lon})")
        return "; ".join(parts) if parts else "all public incidents"
