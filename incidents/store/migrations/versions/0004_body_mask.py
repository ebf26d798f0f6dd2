"""body_mask in the covering filter indexes, facet indexes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

Adds ``incidents.body_mask`` (the bodies that reported or investigate, one bit
per registry body, backfilled from ``incident_bodies``) and appends it to the
covering filter indexes, so the body filter and the body facet read the index
instead of grouping every body link; adds two indexes that give the unfiltered
view's facets in group order (region and month; type and body bits).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen copy of incidents.store.models.BODY_ORDER at this revision.
BODY_ORDER = (
    "un-hrmmu", "un-coi", "un-ohchr", "icc", "ua-pgo", "ua-police", "ua-sbu",
    "ua-state-emergency", "ua-military-admin", "ua-ombudsman", "ua-pow-hq", "ua-gur",
    "ua-armed-forces", "ua-mfa", "ua-president", "osce", "un-other", "icrc", "amnesty", "hrw",
    "ngo-other", "media",
)  # fmt: skip
COVER = ["visibility", "status", "killed", "injured", "type_mask", "month"]


def _recreate(extra: list[str]) -> None:
    op.drop_index("ix_incidents_filter_region", table_name="incidents")
    op.drop_index("ix_incidents_filter_date", table_name="incidents")
    op.create_index(
        "ix_incidents_filter_date", "incidents", ["sort_date", "region_code", *COVER, *extra]
    )
    op.create_index(
        "ix_incidents_filter_region", "incidents", ["region_code", "sort_date", *COVER, *extra]
    )


def upgrade() -> None:
    # Plain ALTER TABLE (no table rebuild), so the FTS triggers on incidents stay.
    op.add_column(
        "incidents", sa.Column("body_mask", sa.Integer(), nullable=False, server_default="0")
    )
    bits = " ".join(f"WHEN '{b}' THEN {1 << i}" for i, b in enumerate(BODY_ORDER))
    # One bit per body however many links (reports) carry it: a DISTINCT sum.
    op.execute(
        "UPDATE incidents SET body_mask = COALESCE((SELECT SUM(bit) FROM (SELECT DISTINCT "
        f"CASE incident_bodies.body_id {bits} ELSE 0 END AS bit FROM incident_bodies "
        "WHERE incident_bodies.incident_id = incidents.id "
        "AND incident_bodies.role <> 'notified') AS linked), 0)"
    )
    _recreate(["body_mask", "id"])
    op.create_index(
        "ix_incidents_facet_places", "incidents", ["visibility", "region_code", "month"]
    )
    op.create_index(
        "ix_incidents_facet_masks", "incidents", ["visibility", "type_mask", "body_mask"]
    )


def downgrade() -> None:
    op.drop_index("ix_incidents_facet_masks", table_name="incidents")
    op.drop_index("ix_incidents_facet_places", table_name="incidents")
    _recreate(["id"])
    with op.batch_alter_table("incidents", recreate="never") as batch:
        batch.drop_column("body_mask")
