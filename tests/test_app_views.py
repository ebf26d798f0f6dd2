"""The app's lean panel queries (``incidents.store.views``) against the export frame.

``rows.incident_frame`` is the export path, written independently; every panel
query must describe the same incidents: the same newest-first order, the same
counts per region, per month and per week (Monday starts), on both engines.
"""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest

from incidents.schemas import IncidentFilter
from incidents.store import init_db, make_engine, session_scope
from incidents.store import views as v
from incidents.store.models import TYPE_BIT, Incident, IncidentTypeLink
from incidents.store.rows import incident_frame
from incidents.vocab import REGIONS, IncidentType

N = 240
CODES = ("UA-30", "UA-63", "UA-14", "UA-65", "UA-46")
TYPES = (IncidentType.STRIKE_ON_CIVILIANS.value, IncidentType.POW_EXECUTION.value,
         IncidentType.TORTURE.value)
FILTERS = [
    IncidentFilter(),
    IncidentFilter(regions=("UA-63", "UA-14")),
    IncidentFilter(types=(IncidentType.TORTURE,)),
    IncidentFilter(date_from=dt.date(2024, 3, 1), killed_min=1),
]


def _row(pk: int, rng: random.Random, now: dt.datetime) -> dict[str, object]:
    code = rng.choice(CODES)
    precision = rng.choice(["settlement", "near_settlement", "region", "unknown"])
    located = precision != "unknown"
    # Dates around month and week edges; one in eight unknown (date reported instead).
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(150))
    date = None if rng.random() < 0.125 else day
    itype = rng.choice(TYPES)
    return {
        "id": pk, "public_id": f"UA-2024-{pk:06d}", "date": date, "date_reported": day,
        "date_precision": "day" if date else None, "sort_date": date or day,
        "month": (date or day).strftime("%Y-%m"), "region_code": code,
        "settlement": f"Place {pk % 7}" if precision != "region" else None,
        "lat": REGIONS[code].lat + rng.uniform(-0.5, 0.5) if located else None,
        "lon": REGIONS[code].lon + rng.uniform(-0.5, 0.5) if located else None,
        "geo_precision": precision, "type": itype, "type_mask": TYPE_BIT[itype],
        "killed": rng.choice([None, 0, 1, 3]), "injured": rng.choice([None, 0, 2, 5]),
        "minimum_counts": [], "victim_groups": [], "summary": f"Generated {pk}",
        "status": "reviewed", "visibility": "restricted" if pk % 11 == 0 else "public",
        "search_text": f"generated {pk}", "created_at": now, "updated_at": now,
    }


@pytest.fixture
def url(db_url: str) -> str:
    init_db(db_url)
    rng = random.Random(11)
    now = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    rows = [_row(pk, rng, now) for pk in range(1, N + 1)]
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(Incident.__table__.insert(), rows)
        conn.execute(IncidentTypeLink.__table__.insert(),
                     [{"incident_id": r["id"], "type": r["type"], "is_primary": True}
                      for r in rows])
    engine.dispose()
    return db_url


def _both(url: str, f: IncidentFilter) -> tuple[pd.DataFrame, dict[str, object]]:
    engine = make_engine(url)
    try:
        with session_scope(engine, write=False) as s:
            frame = incident_frame(s, f)
            out: dict[str, object] = {
                "points": v.map_points(s, f, 25), "counts": v.map_counts(s, f),
                "regions": v.region_totals(s, f),
                "month": v.timeline_rows(s, f, "month"), "week": v.timeline_rows(s, f, "week"),
                "pages": [v.table_page(s, f, limit=40, offset=o) for o in range(0, N, 40)],
            }
    finally:
        engine.dispose()
    return frame, out


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.describe())
def test_panels_describe_the_export_set(url: str, f: IncidentFilter) -> None:
    frame, got = _both(url, f)
    assert len(frame) > 0
    located = frame[frame["lat"].notna() & frame["lon"].notna()]
    counts = got["counts"]
    assert isinstance(counts, v.MapCounts)
    assert counts.incidents == len(frame)
    assert counts.located == len(located)
    assert counts.exact == int(located["geo_precision"].isin(v.EXACT_PRECISIONS).sum())
    points = got["points"]
    assert isinstance(points, pd.DataFrame)
    assert list(points.columns) == list(v.MAP_COLUMNS)
    assert list(points["public_id"]) == list(located["public_id"].head(25))
    pages = got["pages"]
    assert isinstance(pages, list)
    assert list(pd.concat(pages)["public_id"]) == list(frame["public_id"])


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.describe())
def test_region_totals_count_every_incident(url: str, f: IncidentFilter) -> None:
    frame, got = _both(url, f)
    want = frame.groupby("region_code").agg(
        incidents=("public_id", "size"), killed=("killed", "sum"), injured=("injured", "sum"))
    regions = got["regions"]
    assert isinstance(regions, pd.DataFrame)
    assert regions.set_index("region_code").astype(int).to_dict() == \
        want.astype(int).to_dict()


@pytest.mark.parametrize("freq,code", [("month", "M"), ("week", "W-SUN")])
@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.describe())
def test_timeline_groups_like_pandas_periods(url: str, f: IncidentFilter, freq: str,
                                            code: str) -> None:
    frame, got = _both(url, f)
    dated = frame[frame["date"].notna()]
    want = (
        pd.DataFrame({"period": dated["date"].dt.to_period(code).dt.start_time,
                      "type": dated["type"], "killed": dated["killed"].fillna(0),
                      "injured": dated["injured"].fillna(0)})
        .groupby(["period", "type"])
        .agg(incidents=("type", "size"), killed=("killed", "sum"), injured=("injured", "sum"))
        .astype(int)
    )
    rows, undated = got[freq]  # type: ignore[misc]
    assert undated == int(frame["date"].isna().sum())
    assert (rows["period"].dt.day_of_week == 0).all() if freq == "week" else \
        (rows["period"].dt.day == 1).all()
    assert rows.set_index(["period", "type"]).to_dict() == want.to_dict()


def test_bad_arguments_are_refused(url: str) -> None:
    engine = make_engine(url)
    with session_scope(engine, write=False) as s:
        with pytest.raises(ValueError, match="freq"):
            v.timeline_rows(s, IncidentFilter(), "year")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="limit"):
            v.table_page(s, IncidentFilter(), limit=0)
        with pytest.raises(ValueError, match="limit"):
            v.map_points(s, IncidentFilter(), -1)
    engine.dispose()
