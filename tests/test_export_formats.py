"""Export writers: data dictionary, CSV round-trip, formula neutralisation, GeoJSON, ACLED, HXL,
citations, manifest."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import fill, report_and_draft, store_incident
from sqlalchemy import Engine

from incidents.export import (
    ACLED_COLUMNS,
    COLUMNS,
    HXL_TAGS,
    citation,
    data_dictionary_markdown,
    neutralise,
    permalink,
    write_csv,
    write_geojson,
    write_jsonl,
    write_manifest,
)
from incidents.export.columns import column_names, hxl_row
from incidents.export.writers import MANIFEST_COLUMNS, unneutralise
from incidents.schemas import IncidentFilter
from incidents.store import init_db, make_engine, queries, repo, session_scope

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    init_db(db_url)
    eng = make_engine(db_url)
    with session_scope(eng) as s:
        fill(s, 6, seed=21)
        report, draft = report_and_draft(random.Random(22), region_code="UA-14")
        pid = store_incident(s, report, draft)
        repo.update_incident(
            s,
            pid,
            {
                "summary": '=HYPERLINK("http://evil")',
                "lat": None,
                "lon": None,
                "perpetrator": "@attacker",
            },
            actor="t",
        )
    yield eng
    eng.dispose()


def _rows(engine: Engine, columns: str = "default") -> list[dict[str, object]]:
    with session_scope(engine, write=False) as s:
        return list(queries.iter_export_rows(s, IncidentFilter(), columns=columns))


def test_rows_have_exactly_the_dictionary_columns(engine: Engine) -> None:
    rows = _rows(engine)
    assert rows and all(list(r) == list(COLUMNS) for r in rows)
    assert all(list(r) == list(ACLED_COLUMNS) for r in _rows(engine, "acled"))
    assert set(HXL_TAGS) == set(COLUMNS)
    assert all(d.strip() for d in COLUMNS.values())


def test_csv_round_trip(engine: Engine) -> None:
    rows = _rows(engine)
    buf = io.StringIO()
    assert write_csv(rows, buf) == len(rows)
    back = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [list(r) for r in back] == [list(COLUMNS)] * len(rows)
    for row, got in zip(rows, back, strict=True):
        assert got["public_id"] == row["public_id"]
        assert got["source_sha256"].split("; ") == row["source_sha256"]
        assert unneutralise(got["summary"]) == row["summary"]
        assert got["killed"] == ("" if row["killed"] is None else str(row["killed"]))
        assert got["date"] == (row["date"].isoformat() if row["date"] else "")  # type: ignore[attr-defined]
        assert got["permalink"] == row["permalink"]


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "'quoted"])
def test_formula_cells_are_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert unneutralise(neutralise(text)) == text
    buf = io.StringIO()
    write_csv([{name: (text if name == "summary" else None) for name in COLUMNS}], buf)
    cell = list(csv.DictReader(io.StringIO(buf.getvalue())))[0]["summary"]
    assert cell.startswith("'") and cell[1:] == text


def test_csv_from_store_neutralises_summary(engine: Engine) -> None:
    buf = io.StringIO()
    write_csv(_rows(engine), buf)
    cells = [c for r in csv.reader(io.StringIO(buf.getvalue())) for c in r]
    assert '\'=HYPERLINK("http://evil")' in cells and "'@attacker" in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)


def test_hxl_row(engine: Engine) -> None:
    buf = io.StringIO()
    write_csv(_rows(engine), buf, hxl=True)
    lines = list(csv.reader(io.StringIO(buf.getvalue())))
    assert lines[0] == list(COLUMNS)
    assert lines[1] == hxl_row("default")
    assert all(re.fullmatch(r"#[a-z0-9_]+(\+[a-z0-9_]+)*", t) for t in lines[1])
    buf = io.StringIO()
    write_csv(_rows(engine, "acled"), buf, columns="acled", hxl=True)
    acled = list(csv.reader(io.StringIO(buf.getvalue())))
    assert acled[0] == list(ACLED_COLUMNS) and acled[1][0] == "#event+id"


def test_acled_columns(engine: Engine) -> None:
    default = {r["public_id"]: r for r in _rows(engine)}
    for row in _rows(engine, "acled"):
        src = default[row["event_id_cnty"]]
        assert row["fatalities"] == src["killed"]
        assert row["admin1"] == src["region_name"]
        assert row["country"] == "Ukraine" and row["iso3"] == "UKR"
        assert row["latitude"] == src["lat"] and row["longitude"] == src["lon"]
        assert row["event_date"] == (src["date"] or src["date_reported"])
        assert row["geo_precision"] in (1, 2, 3, None)
        assert row["time_precision"] == 1  # factory dates are days
    assert {
        "event_date",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
        "source",
        "notes",
    } <= set(ACLED_COLUMNS)


def test_geojson_is_valid_with_lon_lat(engine: Engine) -> None:
    rows = _rows(engine)
    buf = io.StringIO()
    write_geojson(rows, buf, metadata={"filter": IncidentFilter().describe()})
    doc = json.loads(buf.getvalue())
    assert doc["type"] == "FeatureCollection" and doc["metadata"]["filter"]
    assert len(doc["features"]) == len(rows)
    nulls = 0
    for feature, row in zip(doc["features"], rows, strict=True):
        assert (
            feature["type"] == "Feature" and feature["properties"]["public_id"] == row["public_id"]
        )
        if row["lat"] is None:
            assert feature["geometry"] is None
            nulls += 1
        else:
            assert feature["geometry"] == {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
            lon, lat = feature["geometry"]["coordinates"]
            assert 22 < lon < 41 and 44 < lat < 53  # Ukraine: lon first, lat second
    assert nulls == 1


def test_jsonl_keeps_lists(engine: Engine) -> None:
    buf = io.StringIO()
    rows = _rows(engine)
    assert write_jsonl(rows, buf) == len(rows)
    back = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert back[0]["source_sha256"] == rows[0]["source_sha256"]
    assert list(back[0]) == list(COLUMNS)


def test_manifest_lists_each_report_once(engine: Engine) -> None:
    with session_scope(engine, write=False) as s:
        rows = list(queries.manifest_rows(s, IncidentFilter()))
    buf = io.StringIO()
    assert write_manifest(rows, buf) == 7
    back = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(back[0]) == list(MANIFEST_COLUMNS)
    assert len({r["sha256"] for r in back}) == 7 and all(
        r["text_preserved"] == "true" for r in back
    )


def test_citation_text_and_csl_json(engine: Engine) -> None:
    with session_scope(engine, write=False) as s:
        pid = queries.list_incidents(s, IncidentFilter(), limit=1)[0].public_id
        rec = queries.get_incident(s, pid)
    day = dt.date(2026, 1, 2)
    text = citation(rec, fmt="text", base_url="https://db.example/", accessed=day)
    link = permalink(pid, "https://db.example/")
    assert link == f"https://db.example/?id={pid}"
    assert pid in text and link in text and "accessed 2026-01-02" in text
    item = json.loads(citation(rec, fmt="csl-json", base_url="https://db.example/", accessed=day))[
        0
    ]
    assert item["id"] == pid and item["URL"] == link and item["type"] == "dataset"
    assert item["accessed"] == {"date-parts": [[2026, 1, 2]]}
    with pytest.raises(ValueError):
        citation(rec, fmt="bibtex", base_url="x", accessed=day)


def test_readme_data_dictionary_matches_columns() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- data-dictionary:start -->\n", "<!-- data-dictionary:end -->"
    assert start in readme and end in readme, "README lacks the data-dictionary section"
    section = readme.split(start, 1)[1].split(end, 1)[0]
    assert section == data_dictionary_markdown()


def test_column_sets() -> None:
    assert column_names("default") == list(COLUMNS)
    assert column_names("acled") == list(ACLED_COLUMNS)
    with pytest.raises(ValueError):
        column_names("other")


def test_fast_csv_export_equals_row_by_row(engine: Engine) -> None:
    from incidents.store.bulk import export_csv

    with session_scope(engine) as s:
        [pid] = fill(s, 1, seed=23)
        repo.update_incident(
            s,
            pid,
            {"secondary_types": ["torture", "pillage"], "minimum_counts": ["killed"]},
            actor="t",
        )
        a, b = fill(s, 2, seed=24)
        repo.merge_incidents(s, a, b, actor="t")
    for hxl in (False, True):
        with session_scope(engine, write=False) as s:
            slow, fast = io.StringIO(), io.StringIO()
            n = write_csv(queries.iter_export_rows(s, IncidentFilter()), slow, hxl=hxl)
            assert export_csv(s, IncidentFilter(), fast, hxl=hxl) == n
        assert fast.getvalue() == slow.getvalue()
    assert "torture; pillage" in slow.getvalue() and b in slow.getvalue()


NASTY = (
    {"summary": '=HYPERLINK("http://x")', "perpetrator": '"Unit" 12, said "no"'},
    {"summary": "-5 dead\nsecond line; third", "settlement": "+38 km", "lat": 50.0, "lon": 30.0},
    {"summary": "'already quoted", "perpetrator": "@handle", "killed": 0, "injured": None},
    {"summary": "\tтабуляція, «лапки»", "lat": 0.30000000000000004, "lon": 1e-05},
    {"summary": "", "settlement": None, "lat": None, "lon": None, "perpetrator": "\rcr"},
    {
        "date": dt.date(2024, 3, 1),
        "date_end": dt.date(2024, 3, 9),
        "date_precision": "range",
        "minimum_counts": ["killed", "injured"],
        "victim_groups": ["children", "civilians"],
        "status": "disputed",
        "visibility": "restricted",
    },
)


def test_fast_csv_export_equals_row_by_row_on_awkward_values(engine: Engine) -> None:
    """Quotes, newlines, formula triggers, apostrophes, Cyrillic, empty and unknown
    values, odd floats, ranges, restricted rows, merged IDs, sources without a
    publisher: the fast export writes every byte as the row writer does."""
    from incidents.store.bulk import export_csv

    rng = random.Random(41)
    with session_scope(engine) as s:
        ids = fill(s, len(NASTY) + 2, seed=42)
        for pid, changes in zip(ids, NASTY, strict=False):
            repo.update_incident(s, pid, changes, actor="t")
        report, draft = report_and_draft(rng, publisher=None)
        rid, _ = repo.get_or_add_report(s, report)
        repo.add_source(s, ids[0], draft, rid, actor="t")
        repo.merge_incidents(s, ids[1], ids[-1], actor="t")
    both = ("public", "restricted")
    outputs = []
    for f in (
        IncidentFilter(visibility=both),
        IncidentFilter(),
        IncidentFilter(visibility=both, regions=("UA-14", "UA-63")),
    ):
        with session_scope(engine, write=False) as s:
            slow, fast = io.StringIO(), io.StringIO()
            n = write_csv(queries.iter_export_rows(s, f), slow)
            assert export_csv(s, f, fast) == n
        assert fast.getvalue() == slow.getvalue(), f.describe()
        outputs.append((fast.getvalue(), n))
    everything, total = outputs[0]
    for cell in (
        '"\'=HYPERLINK(""http://x"")"',
        '"""Unit"" 12, said ""no"""',
        '"\'-5 dead\nsecond line; third"',
        "\"''already quoted\"",
        '"\'@handle"',
        '"\'\tтабуляція, «лапки»"',
        "0.30000000000000004",
        '"children; civilians"',
        '"injured; killed"',  # stored sorted
    ):
        assert cell in everything, cell
    rows = list(csv.DictReader(io.StringIO(everything)))
    assert len(rows) == total and ids[-1] not in {r["public_id"] for r in rows}  # merged
