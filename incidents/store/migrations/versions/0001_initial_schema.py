"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24

Every table of the store, plus the engine-specific full-text search objects
(incidents.store.search).  The body registry is filled by ``init_db``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from incidents.store import search

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bodies",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bodies")),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("public_id", sa.String(length=24), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("date_reported", sa.Date(), nullable=True),
        sa.Column("sort_date", sa.Date(), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=True),
        sa.Column("region_code", sa.String(length=8), nullable=True),
        sa.Column("settlement", sa.String(length=200), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.String(length=20), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("missing", sa.Integer(), nullable=True),
        sa.Column("detained", sa.Integer(), nullable=True),
        sa.Column("minimum_counts", sa.JSON(), nullable=False),
        sa.Column("killed_min", sa.Integer(), nullable=True),
        sa.Column("killed_max", sa.Integer(), nullable=True),
        sa.Column("injured_min", sa.Integer(), nullable=True),
        sa.Column("injured_max", sa.Integer(), nullable=True),
        sa.Column("victim_groups", sa.JSON(), nullable=False),
        sa.Column("perpetrator", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("visibility", sa.String(length=16), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_incidents_content_hash")),
        sa.UniqueConstraint("public_id", name=op.f("uq_incidents_public_id")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_injured", ["injured"], unique=False)
        batch_op.create_index("ix_incidents_killed", ["killed"], unique=False)
        batch_op.create_index("ix_incidents_lat_lon", ["lat", "lon"], unique=False)
        batch_op.create_index("ix_incidents_month", ["month"], unique=False)
        batch_op.create_index(
            "ix_incidents_region_sort_date", ["region_code", "sort_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_incidents_settlement"), ["settlement"], unique=False)
        batch_op.create_index("ix_incidents_sort_date_id", ["sort_date", "id"], unique=False)
        batch_op.create_index(
            "ix_incidents_status_visibility", ["status", "visibility"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_incidents_type"), ["type"], unique=False)

    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("publisher", sa.String(length=200), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("retrieved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("sha256", name=op.f("uq_reports_sha256")),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reports_publisher"), ["publisher"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("public_id", sa.String(length=24), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_audit_log_incident_id_incidents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_incident_id"), ["incident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_public_id"), ["public_id"], unique=False)

    op.create_table(
        "incident_bodies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["body_id"], ["bodies.id"], name=op.f("fk_incident_bodies_body_id_bodies")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_bodies_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_incident_bodies_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_bodies")),
        sa.UniqueConstraint(
            "incident_id",
            "body_id",
            "role",
            "report_id",
            name=op.f("uq_incident_bodies_incident_id_body_id_role_report_id"),
        ),
    )
    with op.batch_alter_table("incident_bodies", schema=None) as batch_op:
        batch_op.create_index(
            "ix_incident_bodies_body_incident", ["body_id", "incident_id"], unique=False
        )

    op.create_table(
        "incident_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.String(length=40), nullable=True),
        sa.Column("stated_on", sa.Date(), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("missing", sa.Integer(), nullable=True),
        sa.Column("detained", sa.Integer(), nullable=True),
        sa.Column("minimum_counts", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["body_id"], ["bodies.id"], name=op.f("fk_incident_sources_body_id_bodies")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_sources_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_incident_sources_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_sources")),
        sa.UniqueConstraint(
            "incident_id", "report_id", name=op.f("uq_incident_sources_incident_id_report_id")
        ),
    )
    with op.batch_alter_table("incident_sources", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_sources_report_id"), ["report_id"], unique=False
        )

    op.create_table(
        "incident_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_types_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_types")),
        sa.UniqueConstraint("incident_id", "type", name=op.f("uq_incident_types_incident_id_type")),
    )
    with op.batch_alter_table("incident_types", schema=None) as batch_op:
        batch_op.create_index(
            "ix_incident_types_type_incident", ["type", "incident_id"], unique=False
        )

    op.create_table(
        "merge_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_a_id", sa.Integer(), nullable=True),
        sa.Column("incident_b_id", sa.Integer(), nullable=True),
        sa.Column("a_public_id", sa.String(length=24), nullable=False),
        sa.Column("b_public_id", sa.String(length=24), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_a_id"],
            ["incidents.id"],
            name=op.f("fk_merge_suggestions_incident_a_id_incidents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["incident_b_id"],
            ["incidents.id"],
            name=op.f("fk_merge_suggestions_incident_b_id_incidents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_merge_suggestions_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_suggestions")),
    )
    with op.batch_alter_table("merge_suggestions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merge_suggestions_incident_a_id"), ["incident_a_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_merge_suggestions_incident_b_id"), ["incident_b_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_merge_suggestions_status"), ["status"], unique=False)

    op.create_table(
        "merged_ids",
        sa.Column("public_id", sa.String(length=24), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("merged_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_merged_ids_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("public_id", name=op.f("pk_merged_ids")),
    )
    with op.batch_alter_table("merged_ids", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merged_ids_incident_id"), ["incident_id"], unique=False
        )

    _create_search()


def _create_search() -> None:
    ddl = search.SQLITE_DDL if op.get_bind().dialect.name == "sqlite" else search.PG_DDL
    for statement in ddl:
        op.execute(statement)


def downgrade() -> None:
    drop = search.SQLITE_DROP if op.get_bind().dialect.name == "sqlite" else search.PG_DROP
    for statement in drop:
        op.execute(statement)
    with op.batch_alter_table("merged_ids", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merged_ids_incident_id"))

    op.drop_table("merged_ids")
    with op.batch_alter_table("merge_suggestions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merge_suggestions_status"))
        batch_op.drop_index(batch_op.f("ix_merge_suggestions_incident_b_id"))
        batch_op.drop_index(batch_op.f("ix_merge_suggestions_incident_a_id"))

    op.drop_table("merge_suggestions")
    with op.batch_alter_table("incident_types", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_types_type_incident")

    op.drop_table("incident_types")
    with op.batch_alter_table("incident_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_sources_report_id"))

    op.drop_table("incident_sources")
    with op.batch_alter_table("incident_bodies", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_bodies_body_incident")

    op.drop_table("incident_bodies")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_public_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_incident_id"))

    op.drop_table("audit_log")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reports_publisher"))

    op.drop_table("reports")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_type"))
        batch_op.drop_index("ix_incidents_status_visibility")
        batch_op.drop_index("ix_incidents_sort_date_id")
        batch_op.drop_index(batch_op.f("ix_incidents_settlement"))
        batch_op.drop_index("ix_incidents_region_sort_date")
        batch_op.drop_index("ix_incidents_month")
        batch_op.drop_index("ix_incidents_lat_lon")
        batch_op.drop_index("ix_incidents_killed")
        batch_op.drop_index("ix_incidents_injured")

    op.drop_table("incidents")
    op.drop_table("bodies")
