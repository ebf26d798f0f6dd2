"""Exports: one data dictionary (``columns``), CSV/JSON Lines/GeoJSON/manifest
writers, permalinks and citations.  Rows come from ``incidents.store.queries``."""

from __future__ import annotations

from .citation import CITATION_FORMATS, citation, record_title
from .columns import (
    ACLED_COLUMNS,
    COLUMNS,
    HXL_TAGS,
    data_dictionary_markdown,
    data_dictionary_text,
)
from .permalink import permalink
from .writers import (
    MANIFEST_COLUMNS,
    neutralise,
    write_csv,
    write_geojson,
    write_jsonl,
    write_manifest,
)

__all__ = [
    "ACLED_COLUMNS", "CITATION_FORMATS", "COLUMNS", "HXL_TAGS", "MANIFEST_COLUMNS", "citation",
    "data_dictionary_markdown", "data_dictionary_text", "neutralise", "permalink",
    "record_title", "write_csv", "write_geojson", "write_jsonl", "write_manifest",
]  # fmt: skip
