"""Every filter field alone and combined, facets equal to the rows, totals, text, distance."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

import pytest
from factories import MARKERS, report_and_draft, store_incident
from geopy.distance import geodesic
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from incidents.schemas import IncidentFilter, IncidentRecord
from incidents.store import init_db, make_engine, queries, repo, session_scope
from incidents.store.filters import bounding_box
from incidents.vocab import REGIONS, IncidentType

N = 40


@pytest.fixture
def filled(db_url: str) -> Iterator[tuple[Engine, list[IncidentRecord]]]:
    """N incidents with varied fields, some restricted, some with a second source."""
    init_db(db_url)
    engine = make_engine(db_url)
    rng = random.Random(42)
    with session_scope(engine) as s:
        for i in range(N):
            report, draft = report_and_draft(rng, marker=MARKERS[i % len(MARKERS)])
            update: dict[str, Any] = {}
            if i % 5 == 0:
                update["secondary_types"] = [IncidentType.ATTACK_ON_MEDICAL]
            if i % 7 == 0:
                update["killed"] = None
            pid = store_incident(
                s,
                report,
                draft.model_copy(update=update),
                status=("draft", "reviewed", "verified")[i % 3],
            )
            if i % 9 == 0:
                repo.update_incident(s, pid, {"visibility": "restricted"}, actor="t")
            if i % 4 == 0:
                rep2, d2 = report_and_draft(rng)
                rid, _ = repo.get_or_add_report(s, rep2)
                repo.add_source(s, pid, d2.model_copy(update={"killed": None}), rid, actor="t")
    with session_scope(engine) as s:
        everyone = IncidentFilter(visibility=("public", "restricted"))
        records = [
            queries.get_incident(s, r.public_id, include_restricted=True)
            for r in queries.list_incidents(s, everyone, limit=1000)
        ]
    yield engine, records
    engine.dispose()


def _matches(rec: IncidentRecord, f: IncidentFilter) -> bool:
    """The filter's meaning, in plain Python, to check the SQL against."""
    day = rec.date or rec.date_reported
    checks = [
        not f.date_from or (day is not None and day >= f.date_from),
        not f.date_to or (day is not None and day <= f.date_to),
        not f.regions or rec.region_code in f.regions,
        not f.settlements or rec.settlement in f.settlements,
        not f.types or bool({rec.type, *rec.secondary_types} & set(f.types)),
        f.killed_min is None or (rec.killed is not None and rec.killed >= f.killed_min),
        f.killed_max is None or (rec.killed is not None and rec.killed <= f.killed_max),
        f.injured_min is None or (rec.injured is not None and rec.injured >= f.injured_min),
        f.injured_max is None or (rec.injured is not None and rec.injured <= f.injured_max),
        not f.bodies or bool(set(rec.reporting_bodies) & set(f.bodies)),
        not f.publishers or any(src.publisher in f.publishers for src in rec.sources),
        not f.statuses or rec.status in f.statuses,
        rec.visibility in f.visibility,
        not f.text
        or any(
            f.text.lower() in (e.quote.lower())
            for src in rec.sources
            for e in src.evidence.values()
        )
        or f.text.lower() in rec.summary.lower(),
        f.within_km is None
        or (
            rec.lat is not None
            and geodesic((f.near_lat, f.near_lon), (rec.lat, rec.lon)).km <= f.within_km
        ),
    ]
    return all(checks)


SINGLE = [
    {"date_from": dt.date(2024, 9, 1)},
    {"date_to": dt.date(2024, 6, 30)},
    {"regions": ["UA-14", "UA-65"]},
    {"settlements": ["Kharkiv"]},
    {"types": ["attack_on_medical"]},
    {"killed_min": 5},
    {"killed_max": 2},
    {"injured_min": 7},
    {"injured_max": 1},
    {"bodies": ["un-hrmmu", "ua-pgo", "media", "icrc"]},
    {"publishers": ["Test Herald"]},
    {"statuses": ["verified"]},
    {"visibility": ["restricted"]},
    {"text": MARKERS[2]},
    {"text": "seven"},
    {"near_lat": 50.0, "near_lon": 36.2, "within_km": 30},
    {"near_lat": 47.0, "near_lon": 32.0, "within_km": 300},
]
COMBINED = [
    {"regions": ["UA-14", "UA-63", "UA-65"], "killed_min": 1, "statuses": ["draft", "verified"]},
    {
        "date_from": dt.date(2024, 3, 1),
        "date_to": dt.date(2025, 3, 1),
        "types": list(IncidentType)[:9],
        "injured_max": 8,
        "publishers": ["Test Herald", "Sample Gazette", "Example Wire"],
    },
    {"text": MARKERS[1], "visibility": ["public", "restricted"], "killed_max": 9},
    {
        "near_lat": 48.0,
        "near_lon": 33.0,
        "within_km": 400,
        "regions": ["UA-65", "UA-51"],
        "bodies": sorted(["un-hrmmu", "ua-pgo", "media", "icrc", "ua-police", "ua-sbu"]),
    },
]


@pytest.mark.parametrize("params", SINGLE + COMBINED, ids=lambda p: ",".join(p))
def test_filter_matches_python_meaning(
    filled: tuple[Engine, list[IncidentRecord]], params: dict[str, Any]
) -> None:
    engine, records = filled
    f = IncidentFilter.model_validate(params)
    expected = sorted(r.public_id for r in records if _matches(r, f))
    with session_scope(engine, write=False) as s:
        got = sorted(r.public_id for r in queries.list_incidents(s, f, limit=1000))
        assert queries.count_incidents(s, f) == len(got)
        exported = sorted(row["public_id"] for row in queries.iter_export_rows(s, f))
    assert got == expected
    assert exported == expected


def test_fixture_exercises_every_filter(filled: tuple[Engine, list[IncidentRecord]]) -> None:
    """Guard against vacuous filter tests: each single filter keeps some, drops some."""
    _, records = filled
    for params in SINGLE:
        f = IncidentFilter.model_validate(params)
        kept = sum(_matches(r, f) for r in records)
        assert 0 < kept < len(records), params


@pytest.mark.parametrize("params", [{}, *SINGLE[:6], COMBINED[0]], ids=str)
def test_facets_equal_rows(
    filled: tuple[Engine, list[IncidentRecord]], params: dict[str, Any]
) -> None:
    engine, _ = filled
    f = IncidentFilter.model_validate(params)
    with session_scope(engine, write=False) as s:
        rows = list(queries.iter_export_rows(s, f))
        facets = queries.facets(s, f)
        totals = queries.totals(s, f)

    def count(key: Any) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in rows:
            for value in key(row):
                out[value] = out.get(value, 0) + 1
        return out

    assert dict(facets["region"]) == count(lambda r: [r["region_code"]] if r["region_code"] else [])
    assert dict(facets["type"]) == count(lambda r: [r["type"], *r["secondary_types"]])
    assert dict(facets["month"]) == count(
        lambda r: [(r["date"] or r["date_reported"]).strftime("%Y-%m")]
    )
    assert dict(facets["body"]) == count(
        lambda r: sorted(set(r["reporting_bodies"] + r["investigating_bodies"]))
    )
    assert totals["incidents"] == len(rows)
    assert totals["killed"] == sum(r["killed"] or 0 for r in rows)
    assert totals["injured"] == sum(r["injured"] or 0 for r in rows)
    assert totals["regions"] == len({r["region_code"] for r in rows if r["region_code"]})
    assert totals["reports"] == len({h for r in rows for h in r["source_sha256"]})


def test_restricted_hidden_unless_asked(filled: tuple[Engine, list[IncidentRecord]]) -> None:
    engine, records = filled
    hidden = next(r for r in records if r.visibility.value == "restricted")
    with session_scope(engine, write=False) as s:
        with pytest.raises(Exception, match="no incident"):
            queries.get_incident(s, hidden.public_id)
        assert queries.get_incident(s, hidden.public_id, include_restricted=True)


def test_orders_and_paging(filled: tuple[Engine, list[IncidentRecord]]) -> None:
    engine, _ = filled
    f = IncidentFilter()
    with session_scope(engine, write=False) as s:
        whole = [r.public_id for r in queries.list_incidents(s, f, limit=1000)]
        pages = [
            r.public_id
            for off in range(0, len(whole), 7)
            for r in queries.list_incidents(s, f, limit=7, offset=off)
        ]
        killed = [
            r.killed
            for r in queries.list_incidents(s, f, order="killed_desc")
            if r.killed is not None
        ]
        frame = queries.incident_frame(s, f, limit=5)
        cov = queries.coverage(s)
        pubs = queries.list_publishers(s)
        places = queries.list_settlements(s)
    assert pages == whole
    assert killed == sorted(killed, reverse=True)
    assert list(frame["public_id"]) == whole[:5]
    assert cov["incidents"] == N and cov["first_date"] <= cov["last_date"]
    assert pubs == sorted(pubs) and "Test Herald" in pubs
    assert "Kharkiv" in places


def test_text_search_is_injection_safe(filled: tuple[Engine, list[IncidentRecord]]) -> None:
    engine, _ = filled
    with session_scope(engine, write=False) as s:
        for text in ['"', "NEAR(a b)", "a OR b", "*", "'; drop table incidents; --", "ÄÖ"]:
            queries.count_incidents(s, IncidentFilter(text=text))
        assert queries.count_incidents(s, IncidentFilter(text="...")) == 0


def test_bounding_box_encloses_the_circle() -> None:
    lat_lo, lat_hi, lon_lo, lon_hi = bounding_box(48.0, 37.0, 100)
    for bearing in range(0, 360, 15):
        p = geodesic(kilometers=100).destination((48.0, 37.0), bearing)
        assert lat_lo <= p.latitude <= lat_hi and lon_lo <= p.longitude <= lon_hi


filters = st.builds(
    IncidentFilter,
    date_from=st.none() | st.dates(dt.date(2022, 1, 1), dt.date(2023, 1, 1)),
    date_to=st.none() | st.dates(dt.date(2023, 1, 2), dt.date(2026, 1, 1)),
    regions=st.lists(st.sampled_from(["UA-14", "UA-63", "RU-KRS"]), unique=True).map(tuple),
    types=st.lists(st.sampled_from(list(IncidentType)), max_size=3, unique=True).map(tuple),
    killed_min=st.none() | st.integers(0, 5),
    bodies=st.lists(st.sampled_from(["un-hrmmu", "media"]), unique=True).map(tuple),
    publishers=st.lists(st.sampled_from(["Test Herald", "A, B"]), unique=True).map(
        lambda xs: tuple(x for x in xs if "," not in x)
    ),
    text=st.none() | st.text(alphabet="abc xyzЖ", min_size=1, max_size=8),
)


@given(filters)
def test_filter_round_trips_through_query_params(f: IncidentFilter) -> None:
    assert IncidentFilter.from_query_params(f.to_query_params()) == f


def test_list_page_records_equal_the_full_records(
    filled: tuple[Engine, list[IncidentRecord]],
) -> None:
    """Every value of a list-page record (dates, UTC timestamps, lists, enums, body
    links) is the full record's; only sources, audit and merged IDs are left out."""
    engine, records = filled
    full = {r.public_id: r for r in records}
    with session_scope(engine, write=False) as s:
        page = queries.list_incidents(
            s, IncidentFilter(visibility=("public", "restricted")), limit=1000
        )
    assert len(page) == len(full)
    assert any(r.secondary_types for r in page) and any(len(r.bodies) > 1 for r in page)
    for rec in page:
        want = full[rec.public_id].model_copy(update={"sources": [], "audit": []})
        assert rec == want
        assert rec.model_dump_json() == want.model_dump_json()
        assert rec.created_at is not None and rec.created_at.utcoffset() == dt.timedelta(0)


def test_list_page_records_behave_like_validated_ones(
    filled: tuple[Engine, list[IncidentRecord]],
) -> None:
    """The list page builds records without validation: they must equal validated ones."""
    engine, _ = filled
    with session_scope(engine, write=False) as s:
        page = queries.list_incidents(s, IncidentFilter(), limit=50)
    assert page
    for rec in page:
        again = IncidentRecord.model_validate(rec.model_dump())
        assert rec == again and rec.model_dump_json() == again.model_dump_json()
        assert rec.model_fields_set == set(IncidentRecord.model_fields)


MERGE_REGIONS = ("UA-14", "UA-63", "UA-65", "UA-51")


@pytest.fixture
def same_days(db_url: str) -> Iterator[Engine]:
    """60 incidents in four regions on four days, some with no date at all: page
    boundaries fall inside a day (the id decides) and among undated rows."""
    init_db(db_url)
    engine = make_engine(db_url)
    rng = random.Random(5)
    days = [dt.date(2024, 3, d) for d in (1, 2, 9, 20)]
    with session_scope(engine) as s:
        for i in range(60):
            update: dict[str, Any] = {"date": rng.choice([*days, None])}
            if i % 10 == 0:
                update = {"date": None, "date_reported": None}
            if i % 4 == 0:
                update["secondary_types"] = [IncidentType.ATTACK_ON_MEDICAL]
            report, draft = report_and_draft(
                rng, region_code=rng.choice(MERGE_REGIONS), published=rng.choice(days)
            )
            pid = store_incident(
                s, report, draft.model_copy(update=update), status=rng.choice(["draft", "verified"])
            )
            if i % 9 == 0:
                repo.update_incident(s, pid, {"visibility": "restricted"}, actor="t")
    yield engine
    engine.dispose()


def _random_filter(rng: random.Random) -> IncidentFilter:
    params: dict[str, Any] = {
        # Sometimes a region with no incident at all (UA-46) among them.
        "regions": rng.sample([*MERGE_REGIONS, "UA-46"], rng.randint(2, 5)),
        "visibility": rng.choice([["public"], ["public", "restricted"]]),
    }
    if rng.random() < 0.5:
        params["date_from"] = dt.date(2024, 3, rng.choice([1, 2, 5]))
    if rng.random() < 0.5:
        params["date_to"] = dt.date(2024, 3, rng.choice([9, 20, 31]))
    if rng.random() < 0.4:
        params["types"] = rng.sample(["attack_on_medical", "strike_on_civilians", "torture"], 2)
    if rng.random() < 0.4:
        params["killed_min"] = rng.randrange(6)
    if rng.random() < 0.3:
        params["statuses"] = [rng.choice(["draft", "verified"])]
    if rng.random() < 0.2:
        params["near_lat"], params["near_lon"], params["within_km"] = 49.0, 36.0, 250
    return IncidentFilter.model_validate(params)


def test_merged_region_pages_equal_the_plain_page(same_days: Engine) -> None:
    """A page read region by region and merged (``page_ids(merge_regions=True)``) is the
    plain statement's page, on both engines, for random filters, pages and date orders."""
    rng = random.Random(11)
    filled_pages = 0
    with session_scope(same_days, write=False) as s:
        for _ in range(120):
            f = _random_filter(rng)
            order = rng.choice(["date_desc", "date_asc"])
            limit, offset = rng.choice([1, 3, 7, 500]), rng.choice([0, 0, 2, 5, 40])
            pages = [
                s.scalars(
                    queries.page_ids(
                        s, f, limit=limit, offset=offset, order=order, merge_regions=merge
                    )
                ).all()
                for merge in (False, True)
            ]
            assert pages[1] == pages[0], (f, order, limit, offset)
            filled_pages += len(pages[0]) == limit
            records = queries.list_incidents(s, f, limit=limit, offset=offset, order=order)
            everything = queries.list_incidents(s, f, limit=1000, order=order)
            assert records == everything[offset : offset + limit]
    assert filled_pages > 30  # most pages are full: the merge had rows to order


def test_merged_pages_on_postgresql_only(same_days: Engine) -> None:
    """By default PostgreSQL merges 2 to MERGED_REGIONS_MAX regions in a date order;
    SQLite (faster with its plain statement) never does."""
    few = IncidentFilter(regions=MERGE_REGIONS)
    many = IncidentFilter(regions=sorted(REGIONS)[: queries.MERGED_REGIONS_MAX + 1])
    with session_scope(same_days, write=False) as s:
        pg = s.get_bind().dialect.name == "postgresql"

        def merged(f: IncidentFilter, order: str = "date_desc") -> bool:
            return "UNION ALL" in str(queries.page_ids(s, f, order=order))

        assert merged(few) == pg
        assert merged(few, "date_asc") == pg
        assert not merged(few, "killed_desc")
        assert not merged(many)
        assert not merged(IncidentFilter(regions=("UA-14",)))
        assert merged(few.model_copy(update={"regions": ()})) is False


def test_gc_paused_restores_the_collector() -> None:
    """The list page pauses cyclic collection and restores the state it found, on error too."""
    import gc

    from incidents.store.records import gc_paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # was off before: stays off
    finally:
        gc.enable()
