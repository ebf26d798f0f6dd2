"""type_mask and covering filter indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

Adds ``incidents.type_mask`` (primary and secondary types as bits, backfilled
from ``incident_types``) and replaces the date and region indexes with covering
ones, so a filtered page, count and facets never read table rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen copy of incidents.store.models.TYPE_ORDER at this revision.
TYPE_ORDER = (
    "pow_execution", "pow_mistreatment", "civilian_killing", "strike_on_civilians",
    "strike_on_infrastructure", "attack_on_medical", "attack_on_education",
    "attack_on_cultural_property", "attack_on_humanitarian", "attack_on_journalists",
    "torture", "sexual_violence", "unlawful_detention", "deportation", "mass_grave",
    "prohibited_weapons", "pillage", "other",
)  # fmt: skip
COVER = ["visibility", "status", "killed", "injured", "type_mask", "month"]


def upgrade() -> None:
    # Plain ALTER TABLE (no table rebuild), so the FTS triggers on incidents stay.
    op.add_column(
        "incidents", sa.Column("type_mask", sa.Integer(), nullable=False, server_default="0")
    )
    bits = " ".join(f"WHEN '{t}' THEN {1 << i}" for i, t in enumerate(TYPE_ORDER))
    op.execute(
        "UPDATE incidents SET type_mask = COALESCE((SELECT SUM(CASE incident_types.type "
        f"{bits} ELSE 0 END) FROM incident_types "
        "WHERE incident_types.incident_id = incidents.id), 0)"
    )
    op.drop_index("ix_incidents_sort_date_id", table_name="incidents")
    op.drop_index("ix_incidents_region_sort_date", table_name="incidents")
    op.create_index("ix_incidents_filter_date", "incidents", ["sort_date", "region_code", *COVER])
    op.create_index("ix_incidents_filter_region", "incidents", ["region_code", "sort_date", *COVER])


def downgrade() -> None:
    op.drop_index("ix_incidents_filter_region", table_name="incidents")
    op.drop_index("ix_incidents_filter_date", table_name="incidents")
    op.create_index("ix_incidents_region_sort_date", "incidents", ["region_code", "sort_date"])
    op.create_index("ix_incidents_sort_date_id", "incidents", ["sort_date", "id"])
    with op.batch_alter_table("incidents", recreate="never") as batch:
        batch.drop_column("type_mask")
