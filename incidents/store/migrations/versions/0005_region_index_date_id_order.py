"""region filter index ordered by (region_code, sort_date, id)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

``ix_incidents_filter_region`` moves ``id`` from last to third place, so one
region's range of the index is in page order (date, then id).  A page over
several regions then reads each region's range in order and merges them, stopping
at the page's end, instead of reading every match of the date range and sorting
(see ``incidents.store.queries``).  Same columns, so it still covers the filters.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COVER = ["visibility", "status", "killed", "injured", "type_mask", "month", "body_mask"]


def _recreate(columns: list[str]) -> None:
    op.drop_index("ix_incidents_filter_region", table_name="incidents")
    op.create_index("ix_incidents_filter_region", "incidents", columns)


def upgrade() -> None:
    _recreate(["region_code", "sort_date", "id", *COVER])


def downgrade() -> None:
    _recreate(["region_code", "sort_date", *COVER, "id"])
