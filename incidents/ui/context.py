"""What every page is given by the router: the database, the filter, the mode."""

from __future__ import annotations

from dataclasses import dataclass

from ..schemas import IncidentFilter


@dataclass(frozen=True, slots=True)
class AppContext:
    db_url: str
    # The store's data version read at the start of this run (``cache.version``):
    # part of every cached query's key, so a write shows on the next run.
    version: str
    # Already reduced to public records in public mode (``filters.public_only``).
    filter: IncidentFilter
    editor: bool
    # Permalinks and citations: f"{base_url}?id={public_id}".
    base_url: str
