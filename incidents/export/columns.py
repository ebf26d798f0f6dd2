"""The data dictionary: the ONE list of export columns.

Every export (CSV, JSON Lines, GeoJSON properties), the import, the README's
data-dictionary section, ``incidents export --help`` and the app's About page
read it from here; tests fail when any of them drift.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..vocab import REGIONS


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    description: str
    hxl: str  # HXL hashtag for the optional tag row


_SPECS: tuple[Column, ...] = (
    Column(
        "public_id", "Stable public ID (UA-year-number); never changes or gets reused.", "#event+id"
    ),
    Column("permalink", "Link to the record in the app (cite this).", "#meta+url"),
    Column("date", "Day the incident happened (ISO 8601); empty when unknown.", "#date+occurred"),
    Column("date_end", "Last day, when the date is a range.", "#date+end"),
    Column(
        "date_precision",
        "day, range, month, year or estimate (a flagged estimate).",
        "#date+precision",
    ),
    Column("date_reported", "Day the incident was first reported or stated.", "#date+reported"),
    Column("region_code", "ISO 3166-2 code of the region (UA-14 = Donetsk Oblast).", "#adm1+code"),
    Column("region_name", "English name of the region.", "#adm1+name"),
    Column("settlement", "City, town or village as reported; empty when not certain.", "#loc+name"),
    Column(
        "lat",
        "Latitude (WGS 84) of the settlement, or of the region centre when "
        "geo_precision is region.",
        "#geo+lat",
    ),
    Column("lon", "Longitude (WGS 84), see lat.", "#geo+lon"),
    Column(
        "geo_precision",
        "settlement, near_settlement, region, country or unknown.",
        "#geo+precision",
    ),
    Column("type", "Primary incident type (code from the taxonomy).", "#event+type"),
    Column("secondary_types", "Further incident types, '; '-separated.", "#event+type+secondary"),
    Column(
        "killed",
        "People killed: the headline figure (see headline rule); empty = unknown.",
        "#affected+killed",
    ),
    Column("injured", "People injured: headline figure; empty = unknown.", "#affected+injured"),
    Column("missing", "People missing: headline figure; empty = unknown.", "#affected+missing"),
    Column(
        "detained",
        "People detained or abducted: headline figure; empty = unknown.",
        "#affected+detained",
    ),
    Column(
        "minimum_counts",
        "Counts whose figure is a minimum ('at least'), '; '-separated.",
        "#affected+minimum",
    ),
    Column("killed_min", "Lowest killed figure any source gave.", "#affected+killed+min"),
    Column("killed_max", "Highest killed figure any source gave.", "#affected+killed+max"),
    Column("injured_min", "Lowest injured figure any source gave.", "#affected+injured+min"),
    Column("injured_max", "Highest injured figure any source gave.", "#affected+injured+max"),
    Column(
        "victim_groups",
        "civilians, children, pows, medics, journalists, aid_workers; '; '-separated.",
        "#affected+type",
    ),
    Column("perpetrator", "Perpetrator as reported (not a finding).", "#org+perpetrator"),
    Column(
        "reporting_bodies",
        "Bodies that reported, confirmed or stated it (registry ids).",
        "#org+reporting",
    ),
    Column("investigating_bodies", "Bodies investigating it (registry ids).", "#org+investigating"),
    Column(
        "notified_bodies",
        "Bodies only notified or appealed to; not reporting bodies.",
        "#org+notified",
    ),
    Column("summary", "Short neutral summary.", "#description"),
    Column("status", "draft, reviewed, verified or disputed.", "#status"),
    Column("visibility", "public or restricted.", "#meta+visibility"),
    Column("created_at", "When the record was created (UTC, ISO 8601).", "#date+created"),
    Column("updated_at", "When the record last changed (UTC, ISO 8601).", "#date+updated"),
    Column(
        "merged_ids", "Former IDs merged into this record; they resolve to it.", "#event+id+merged"
    ),
    Column("source_count", "Number of source reports behind the record.", "#meta+source+num"),
    Column(
        "source_urls",
        "URL of each source report, '; '-separated, in source order.",
        "#meta+source+url",
    ),
    Column("source_publishers", "Publisher of each source report, same order.", "#meta+source"),
    Column(
        "source_published", "Publication date of each source report, same order.", "#date+source"
    ),
    Column(
        "source_sha256", "SHA-256 of each preserved report text, same order.", "#meta+source+hash"
    ),
)

COLUMN_SPECS: dict[str, Column] = {c.name: c for c in _SPECS}
COLUMNS: dict[str, str] = {c.name: c.description for c in _SPECS}
HXL_TAGS: dict[str, str] = {c.name: c.hxl for c in _SPECS}
LIST_COLUMNS: frozenset[str] = frozenset({
    "secondary_types", "minimum_counts", "victim_groups", "reporting_bodies",
    "investigating_bodies", "notified_bodies", "merged_ids", "source_urls",
    "source_publishers", "source_published", "source_sha256",
})  # fmt: skip
LIST_SEPARATOR = "; "

# ACLED-style columns, for analysts who combine these records with ACLED data.
# Only what maps honestly: no ACLED event type is invented for our types, and
# an unknown toll stays empty (ACLED itself writes 0).
_ACLED: tuple[Column, ...] = (
    Column("event_id_cnty", "Our public ID.", "#event+id"),
    Column("event_date", "Incident date (ISO 8601), else the date reported.", "#date+occurred"),
    Column("year", "Year of event_date.", "#date+year"),
    Column(
        "time_precision",
        "1 = day known, 2 = within a week, 3 = month or vaguer.",
        "#date+precision",
    ),
    Column(
        "incident_type", "Our primary incident type code (not an ACLED event type).", "#event+type"
    ),
    Column("actor1", "Perpetrator as reported.", "#org+perpetrator"),
    Column("country", "Country of the region.", "#country+name"),
    Column("iso3", "ISO 3166-1 alpha-3 of the country.", "#country+code"),
    Column("admin1", "Region name.", "#adm1+name"),
    Column("location", "Settlement, else the region name.", "#loc+name"),
    Column("latitude", "Latitude (WGS 84).", "#geo+lat"),
    Column("longitude", "Longitude (WGS 84).", "#geo+lon"),
    Column("geo_precision", "1 = settlement, 2 = near a settlement, 3 = region.", "#geo+precision"),
    Column("source", "Publishers of the source reports, '; '-separated.", "#meta+source"),
    Column("notes", "Our summary.", "#description"),
    Column("fatalities", "Headline killed figure; empty when unknown.", "#affected+killed"),
    Column("source_urls", "Source report URLs, '; '-separated.", "#meta+source+url"),
    Column("permalink", "Link to our record.", "#meta+url"),
)
ACLED_COLUMNS: dict[str, str] = {c.name: c.description for c in _ACLED}
ACLED_HXL_TAGS: dict[str, str] = {c.name: c.hxl for c in _ACLED}

_COUNTRY = {"UA": ("Ukraine", "UKR"), "RU": ("Russia", "RUS")}
_ACLED_GEO = {"settlement": 1, "near_settlement": 2, "region": 3}
_ACLED_TIME = {"day": 1, "month": 3, "year": 3, "estimate": 3}


def column_names(columns: str) -> list[str]:
    if columns == "default":
        return list(COLUMNS)
    if columns == "acled":
        return list(ACLED_COLUMNS)
    raise ValueError(f"unknown column set {columns!r}: use default or acled")


def hxl_row(columns: str) -> list[str]:
    tags = HXL_TAGS if columns == "default" else ACLED_HXL_TAGS
    return [tags[name] for name in column_names(columns)]


def acled_row(row: dict[str, Any]) -> dict[str, Any]:
    """One default-column row in the ACLED-style column set."""
    event_date = row["date"] or row["date_reported"]
    region = REGIONS.get(row["region_code"] or "")
    country = _COUNTRY.get(region.country) if region else None
    return {
        "event_id_cnty": row["public_id"],
        "event_date": event_date,
        "year": event_date.year if event_date else None,
        "time_precision": _time_precision(row) if row["date"] else None,
        "incident_type": row["type"],
        "actor1": row["perpetrator"],
        "country": country[0] if country else None,
        "iso3": country[1] if country else None,
        "admin1": row["region_name"],
        "location": row["settlement"] or row["region_name"],
        "latitude": row["lat"],
        "longitude": row["lon"],
        "geo_precision": _ACLED_GEO.get(row["geo_precision"]),
        "source": list(dict.fromkeys(p for p in row["source_publishers"] if p)),
        "notes": row["summary"],
        "fatalities": row["killed"],
        "source_urls": row["source_urls"],
        "permalink": row["permalink"],
    }


def _time_precision(row: dict[str, Any]) -> int | None:
    precision = row["date_precision"] or "day"
    if precision == "range":
        start, end = row["date"], row["date_end"]
        if isinstance(start, dt.date) and isinstance(end, dt.date) and (end - start).days <= 6:
            return 2
        return 3
    return _ACLED_TIME.get(precision)


def data_dictionary_markdown() -> str:
    """The README's data-dictionary section (a test keeps them equal)."""
    lines = ["| column | description |", "|---|---|"]
    lines += [f"| `{name}` | {desc} |" for name, desc in COLUMNS.items()]
    lines += [
        "",
        "ACLED-style column set (`--columns acled`):",
        "",
        "| column | description |",
        "|---|---|",
    ]
    lines += [f"| `{name}` | {desc} |" for name, desc in ACLED_COLUMNS.items()]
    lines += [
        "",
        "Lists are joined with `; ` in CSV and are arrays in JSON Lines and GeoJSON. "
        "`--hxl` adds a row of HXL hashtags under the CSV header. Text cells that a "
        "spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab, "
        "carriage return, or an apostrophe) get a leading apostrophe; the importer "
        "removes it. Date filters use `date`, else `date_reported`.",
    ]
    return "\n".join(lines) + "\n"


def data_dictionary_text() -> str:
    """The same dictionary as plain lines, for ``incidents export --help``."""
    out = ["Columns (default set):"]
    out += [f"  {name}: {desc}" for name, desc in COLUMNS.items()]
    out += ["Columns (--columns acled):"]
    out += [f"  {name}: {desc}" for name, desc in ACLED_COLUMNS.items()]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover - `python -m incidents.export.columns`
    import sys

    sys.stdout.write(data_dictionary_markdown())
