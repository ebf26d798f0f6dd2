"""The SQL schema as typed SQLAlchemy 2 models.

ORM objects never leave ``incidents.store``: readers get ``IncidentRecord`` and
friends from ``incidents.schemas``.  The schema itself is created and evolved by
the Alembic migrations in ``incidents/store/migrations``; a test checks that
``upgrade head`` produces exactly these tables on SQLite and PostgreSQL.

Full-text search objects (the SQLite FTS5 table and its triggers, the
PostgreSQL GIN expression index) live only in the migrations, because they are
engine-specific; see ``incidents.store.search``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints, so SQLite (batch mode) and PostgreSQL agree on every name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# One bit per incident type, in a fixed order: new types are appended, never
# reordered, because stored masks depend on it (``incidents.type_mask``).
TYPE_ORDER: tuple[str, ...] = (
    "pow_execution", "pow_mistreatment", "civilian_killing", "strike_on_civilians",
    "strike_on_infrastructure", "attack_on_medical", "attack_on_education",
    "attack_on_cultural_property", "attack_on_humanitarian", "attack_on_journalists",
    "torture", "sexual_violence", "unlawful_detention", "deportation", "mass_grave",
    "prohibited_weapons", "pillage", "other",
)  # fmt: skip
TYPE_BIT: dict[str, int] = {t: 1 << i for i, t in enumerate(TYPE_ORDER)}


def type_mask(types: list[str] | tuple[str, ...]) -> int:
    mask = 0
    for t in types:
        mask |= TYPE_BIT[t]
    return mask


# One bit per registry body, in a fixed order (append only, like TYPE_ORDER):
# ``incidents.body_mask`` holds the bodies that reported or investigate (not those
# only notified), so the body filter and facet read the covering indexes.
BODY_ORDER: tuple[str, ...] = (
    "un-hrmmu", "un-coi", "un-ohchr", "icc", "ua-pgo", "ua-police", "ua-sbu",
    "ua-state-emergency", "ua-military-admin", "ua-ombudsman", "ua-pow-hq", "ua-gur",
    "ua-armed-forces", "ua-mfa", "ua-president", "osce", "un-other", "icrc", "amnesty", "hrw",
    "ngo-other", "media",
)  # fmt: skip
BODY_BIT: dict[str, int] = {b: 1 << i for i, b in enumerate(BODY_ORDER)}
UNMASKED_ROLE = "notified"  # only notified: never counted as a reporting body


def body_bits(bodies: list[str] | tuple[str, ...]) -> int:
    mask = 0
    for body in bodies:
        mask |= BODY_BIT[body]
    return mask


def body_mask(links: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> int:
    """Bits of the (body_id, role) links whose role is reported or investigates."""
    return body_bits([body for body, role in links if role != UNMASKED_ROLE])


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Report(Base):
    """A source document, preserved.  Identity is the SHA-256 of its text.

    ``text`` is empty only for a reference imported from another database's
    export (URL and hash known, text not held here).
    """

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(200), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    published: Mapped[dt.date | None] = mapped_column(Date)
    retrieved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    text: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Body(Base):
    """The reporting-body registry, seeded from ``incidents.vocab.BODIES``."""

    __tablename__ = "bodies"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    rank: Mapped[int] = mapped_column(Integer)


class Incident(Base):
    __tablename__ = "incidents"
    # AUTOINCREMENT: a deleted row's number is never handed out again, so a
    # public ID (built from it) is never reused.  PostgreSQL sequences never reuse.
    __table_args__ = (
        # Covering indexes for the filters: the page, count and facets of a
        # filtered view are answered from the index without reading rows (``id``
        # included: PostgreSQL needs it for an index-only scan; SQLite has it anyway).
        Index(
            "ix_incidents_filter_date",
            "sort_date",
            "region_code",
            "visibility",
            "status",
            "killed",
            "injured",
            "type_mask",
            "month",
            "body_mask",
            "id",
        ),
        # ``id`` right after the date: one region's range is in page order (date,
        # then id), so a page over several regions merges their ranges.
        Index(
            "ix_incidents_filter_region",
            "region_code",
            "sort_date",
            "id",
            "visibility",
            "status",
            "killed",
            "injured",
            "type_mask",
            "month",
            "body_mask",
        ),
        # The facets of the unfiltered view (every public incident) in group order:
        # region and month counts from one index, type and body bits from the other.
        Index("ix_incidents_facet_places", "visibility", "region_code", "month"),
        Index("ix_incidents_facet_masks", "visibility", "type_mask", "body_mask"),
        Index("ix_incidents_lat_lon", "lat", "lon"),
        Index("ix_incidents_killed", "killed"),
        Index("ix_incidents_injured", "injured"),
        Index("ix_incidents_status_visibility", "status", "visibility"),
        Index("ix_incidents_month", "month"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True)
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(16))
    date_reported: Mapped[dt.date | None] = mapped_column(Date)
    # The incident date, else the day it was reported: what date filters, sort
    # order and the month facet use (documented in the data dictionary).
    sort_date: Mapped[dt.date | None] = mapped_column(Date)
    month: Mapped[str | None] = mapped_column(String(7))
    region_code: Mapped[str | None] = mapped_column(String(8))
    settlement: Mapped[str | None] = mapped_column(String(200), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[str] = mapped_column(String(20), default="unknown")
    type: Mapped[str] = mapped_column(String(40), index=True)
    # Primary and secondary types as bits (TYPE_BIT): the type filter and facet
    # read it from the covering indexes; ``incident_types`` holds the same set.
    type_mask: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Reporting and investigating bodies as bits (BODY_BIT), kept in step with
    # ``incident_bodies`` by the repo (``refresh``): the body filter and facet read it.
    body_mask: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    killed: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    missing: Mapped[int | None] = mapped_column(Integer)
    detained: Mapped[int | None] = mapped_column(Integer)
    minimum_counts: Mapped[list[str]] = mapped_column(JSON, default=list)
    killed_min: Mapped[int | None] = mapped_column(Integer)
    killed_max: Mapped[int | None] = mapped_column(Integer)
    injured_min: Mapped[int | None] = mapped_column(Integer)
    injured_max: Mapped[int | None] = mapped_column(Integer)
    victim_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    perpetrator: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    visibility: Mapped[str] = mapped_column(String(16), default="public")
    # Summary + settlement + every source quote: what free-text search reads.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Identity of a row imported without a public ID (see incidents.store.importer).
    content_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    types: Mapped[list[IncidentTypeLink]] = relationship(
        cascade="all, delete-orphan", order_by="IncidentTypeLink.id"
    )
    sources: Mapped[list[IncidentSource]] = relationship(
        cascade="all, delete-orphan", order_by="IncidentSource.id"
    )
    bodies: Mapped[list[IncidentBody]] = relationship(
        cascade="all, delete-orphan", order_by="IncidentBody.id"
    )


class IncidentTypeLink(Base):
    """Every type of an incident, the primary one included (``is_primary``), so
    the type filter and the type facet match primary or secondary types alike."""

    __tablename__ = "incident_types"
    __table_args__ = (
        UniqueConstraint("incident_id", "type"),
        Index("ix_incident_types_type_incident", "type", "incident_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(40))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)


class IncidentSource(Base):
    """One report behind an incident, with the figures that report gave."""

    __tablename__ = "incident_sources"
    __table_args__ = (UniqueConstraint("incident_id", "report_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    body_id: Mapped[str | None] = mapped_column(ForeignKey("bodies.id"))
    stated_on: Mapped[dt.date | None] = mapped_column(Date)
    killed: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    missing: Mapped[int | None] = mapped_column(Integer)
    detained: Mapped[int | None] = mapped_column(Integer)
    minimum_counts: Mapped[list[str]] = mapped_column(JSON, default=list)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    report: Mapped[Report] = relationship(lazy="joined")


class IncidentBody(Base):
    """Which body reported, investigates, or was only notified, from which report."""

    __tablename__ = "incident_bodies"
    __table_args__ = (
        UniqueConstraint("incident_id", "body_id", "role", "report_id"),
        Index("ix_incident_bodies_body_incident", "body_id", "incident_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    body_id: Mapped[str] = mapped_column(ForeignKey("bodies.id"))
    role: Mapped[str] = mapped_column(String(16))
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"))


class MergedId(Base):
    """An absorbed public ID, resolving forever to the incident that survived."""

    __tablename__ = "merged_ids"

    public_id: Mapped[str] = mapped_column(String(24), primary_key=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    merged_by: Mapped[str] = mapped_column(String(200))


class MergeSuggestion(Base):
    """A possible duplicate pair, waiting for an editor's decision.

    Public IDs are kept beside the foreign keys so a decided suggestion stays
    readable after the merged incident row is gone.
    """

    __tablename__ = "merge_suggestions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_a_id: Mapped[int | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True
    )
    incident_b_id: Mapped[int | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True
    )
    a_public_id: Mapped[str] = mapped_column(String(24))
    b_public_id: Mapped[str] = mapped_column(String(24))
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AuditLog(Base):
    """Every change to an incident.  ``public_id`` survives the incident's deletion."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True
    )
    public_id: Mapped[str] = mapped_column(String(24), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
