"""AppTest: the start page (figures, map, timeline, table, downloads) and its filters."""

from __future__ import annotations

import csv
import io
import json

import pytest
from app_harness import all_text, deck, metrics, no_exception, start
from app_seed import Seeded, seed

from incidents.ui import downloads, explore, mapview
from incidents.ui.filters import parse_query_params


@pytest.fixture
def data(db_url: str) -> Seeded:
    return seed(db_url)


def table_ids(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.removeprefix("?id=") for r in at.dataframe[0].value["record"]]


def test_start_page_shows_public_records_only(monkeypatch: pytest.MonkeyPatch, data: Seeded
                                              ) -> None:
    at = start(monkeypatch, data.url)
    no_exception(at)
    assert metrics(at) == {"Incidents": "4", "Killed": "14", "Injured": "20",
                           "Source reports": "5", "Regions": "4"}
    ids = table_ids(at)
    assert sorted(ids) == sorted(data.ids[k] for k in ("kyiv", "kharkiv", "donetsk_pow",
                                                        "kherson"))
    restricted = data.ids["restricted"]
    assert restricted not in all_text(at)
    assert restricted not in json.dumps(deck(at))


KIND_BY_WIDTH = {mapview.REGION_LINE: "region", mapview.RING_LINE: "ring",
                 mapview.DOT_LINE: "dot"}


def rows_of(spec: dict, kind: str) -> list[dict]:  # type: ignore[type-arg]
    """The map layer's rows of one kind (region, ring or dot: told by the outline width)."""
    (layer,) = [x for x in spec["layers"] if x["id"] == "incidents"]
    return [r for r in layer["data"] if KIND_BY_WIDTH[r["w"]] == kind]


def test_map_is_offline_and_draws_region_records_as_rings(monkeypatch: pytest.MonkeyPatch,
                                                         data: Seeded) -> None:
    at = start(monkeypatch, data.url)
    spec = deck(at)
    # One layer: the browser sets up one pipeline (software WebGL without a GPU).
    assert [x["@@type"] for x in spec["layers"]] == ["ScatterplotLayer"]
    rings, dots = rows_of(spec, "ring"), rows_of(spec, "dot")
    assert [p["i"] for p in rings] == [data.ids["donetsk_pow"]]
    # A ring is hollow (transparent fill) with an outline; a dot is filled, no outline.
    assert all(r["f"][3] == 0 and r["l"][:3] == r["f"][:3] for r in rings)
    assert all(len(d["f"]) == 3 for d in dots) and len(dots) == 3
    assert {d["i"] for d in dots} == {data.ids[k] for k in ("kyiv", "kharkiv", "kherson")}
    regions = rows_of(spec, "region")
    assert len(regions) == 4 and all(r["i"] == "" for r in regions)
    # Region circles come first, so they draw beneath the incidents.
    kinds = [KIND_BY_WIDTH[r["w"]] for r in spec["layers"][0]["data"]]
    assert kinds == sorted(kinds, key=["region", "ring", "dot"].index)
    assert spec["layers"][0]["getLineWidth"] == "@@=w"
    assert spec.get("mapProvider") in (None, "")  # no base map needed for the points
    # pydeck's marker for "no style": Streamlit then adds no base map of its own.
    assert spec.get("mapStyle") == "__MAP_STYLE__"
    assert at.get("vega_lite_chart")  # the timeline


def test_url_filter_opens_the_same_view(monkeypatch: pytest.MonkeyPatch, data: Seeded) -> None:
    at = start(monkeypatch, data.url, params={"regions": "UA-63"})
    no_exception(at)
    assert metrics(at)["Incidents"] == "1"
    assert table_ids(at) == [data.ids["kharkiv"]]
    assert at.multiselect(key="flt_regions").value == ["UA-63"]
    assert at.query_params["regions"] == "UA-63"


def test_widget_filter_changes_figures_table_and_url(monkeypatch: pytest.MonkeyPatch,
                                                     data: Seeded) -> None:
    at = start(monkeypatch, data.url)
    at.multiselect(key="flt_types").set_value(["pow_execution"]).run()
    no_exception(at)
    assert metrics(at)["Incidents"] == "1"
    assert metrics(at)["Killed"] == "6"
    assert table_ids(at) == [data.ids["donetsk_pow"]]
    assert at.query_params["types"] == "pow_execution"
    at.number_input(key="flt_killed_min").set_value(7).run()
    assert metrics(at)["Incidents"] == "0"
    assert at.query_params["killed_min"] == "7"


def test_impossible_range_is_refused_with_a_message(monkeypatch: pytest.MonkeyPatch,
                                                    data: Seeded) -> None:
    at = start(monkeypatch, data.url)
    at.number_input(key="flt_killed_min").set_value(5)
    at.number_input(key="flt_killed_max").set_value(2).run()
    no_exception(at)
    assert any("at least" in w.value for w in at.warning)
    assert metrics(at)["Incidents"] == "4"


def test_crafted_url_cannot_show_restricted_records(monkeypatch: pytest.MonkeyPatch,
                                                    data: Seeded) -> None:
    at = start(monkeypatch, data.url, params={"visibility": "public,restricted",
                                              "statuses": "draft"})
    no_exception(at)
    assert metrics(at)["Incidents"] == "4"
    assert data.ids["restricted"] not in all_text(at)
    assert any("editor mode only" in w.value for w in at.warning)
    assert "visibility" not in at.query_params


def test_downloads_hold_exactly_the_filtered_public_set(monkeypatch: pytest.MonkeyPatch,
                                                        data: Seeded) -> None:
    at = start(monkeypatch, data.url)
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["CSV", "GeoJSON", "JSON Lines"]
    # The filter public mode derives from a hostile URL, region Kharkiv (which holds
    # the restricted record):
    f = parse_query_params({"regions": "UA-63", "visibility": "restricted"}, editor=False).filter
    rows = list(csv.DictReader(io.StringIO(downloads.export_bytes(data.url, f, "csv").decode())))
    assert [r["public_id"] for r in rows] == [data.ids["kharkiv"]]
    lines = downloads.export_bytes(data.url, f, "jsonl").decode().splitlines()
    assert [json.loads(x)["public_id"] for x in lines] == [data.ids["kharkiv"]]
    geo = json.loads(downloads.export_bytes(data.url, f, "geojson"))
    assert [x["properties"]["public_id"] for x in geo["features"]] == [data.ids["kharkiv"]]


def test_offline_map_names_the_regions_on_request(monkeypatch: pytest.MonkeyPatch,
                                                  data: Seeded) -> None:
    at = start(monkeypatch, data.url)
    assert "region-names" not in {layer["id"] for layer in deck(at)["layers"]}
    assert "Kharkiv Oblast" in {r["t"].split("\n")[0] for r in rows_of(deck(at), "region")}
    at.toggle(key="map_names").set_value(True).run()
    no_exception(at)
    layers = {layer["id"]: layer for layer in deck(at)["layers"]}
    names = {row["name"] for row in layers["region-names"]["data"]}
    assert {"Kharkiv", "Kyiv", "Donetsk"} <= names
    assert layers["region-names"]["@@type"] == "TextLayer"


def test_point_cap_is_told_and_regions_still_count_all(monkeypatch: pytest.MonkeyPatch,
                                                      data: Seeded) -> None:
    monkeypatch.setattr(explore, "MAP_POINT_LIMIT", 2)
    at = start(monkeypatch, data.url)
    no_exception(at)
    spec = deck(at)
    drawn = rows_of(spec, "dot") + rows_of(spec, "ring")
    # The two newest of the four public incidents.
    assert {p["i"] for p in drawn} == {data.ids["kherson"], data.ids["donetsk_pow"]}
    # The region circles still count all four (one incident in each of four regions).
    tips = [r["t"] for r in rows_of(spec, "region")]
    assert sum(int(t.split("\n")[1].split()[0]) for t in tips) == 4
    assert any("2 older located incidents left off" in c.value for c in at.caption)


def test_table_pages_through_every_record(monkeypatch: pytest.MonkeyPatch, data: Seeded
                                          ) -> None:
    monkeypatch.setattr(explore, "TABLE_PAGE", 3)
    at = start(monkeypatch, data.url)
    first = table_ids(at)
    assert first == [data.ids[k] for k in ("kherson", "donetsk_pow", "kharkiv")]
    assert any("Rows 1–3 of 4" in c.value for c in at.caption)
    at.number_input(key="table_page").set_value(2).run()
    no_exception(at)
    assert table_ids(at) == [data.ids["kyiv"]]
    # A narrower filter leaves one page: the table goes back to it instead of failing.
    at.multiselect(key="flt_regions").set_value(["UA-63"]).run()
    no_exception(at)
    assert table_ids(at) == [data.ids["kharkiv"]]


def test_table_sends_a_fixed_width_for_every_column(monkeypatch: pytest.MonkeyPatch,
                                                    data: Seeded) -> None:
    """Without a width the browser's grid measures every cell's text before its first
    draw (bench/bench_app.py); a new column must come with its width."""
    at = start(monkeypatch, data.url)
    config = json.loads(at.dataframe[0].proto.columns)
    shown = list(at.dataframe[0].value.columns)
    assert shown == list(explore.TABLE_WIDTHS)
    assert {c: config[c]["width"] for c in shown} == explore.TABLE_WIDTHS
    assert config["_index"] == {"hidden": True}
