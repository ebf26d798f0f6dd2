"""covering filter indexes end with id

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

PostgreSQL answers a filtered page with an index-only scan only when the index
holds the row id too (SQLite's indexes carry the rowid anyway).
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

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
    _recreate(["id"])


def downgrade() -> None:
    _recreate([])
