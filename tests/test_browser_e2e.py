"""End to end in a real headless Chromium: the map draws, a filter updates the page,
the CSV download holds exactly the filtered rows.  Screenshots go to tests/artifacts/;
the README's docs/screenshot-explore.png is refreshed from the start page on the demo
data (``incidents demo``), which this module also opens."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from app_seed import seed
from browser import (
    REQUIRE_BROWSER,
    ROOT,
    app_server,
    browser_unavailable,
    chromium,
    wait_rendered,
)

from incidents.ingest.pipeline import ingest_demo
from incidents.schemas import IncidentFilter
from incidents.store import make_engine, queries, session_scope
from incidents.ui.explore import TABLE_PAGE

ARTIFACTS = ROOT / "tests" / "artifacts"
README_SHOT = ROOT / "docs" / "screenshot-explore.png"

FULL_RENDER_JS = """() => !!document.querySelector('[data-testid="stDeckGlJsonChart"] canvas')
    && !!document.querySelector('[data-testid="stVegaLiteChart"]')
    && !!document.querySelector('[data-testid="stDataFrame"] [role="grid"]')"""
ROWS_JS = """n => { const g = document.querySelector('[data-testid="stDataFrame"] [role="grid"]');
    return g && Number(g.getAttribute('aria-rowcount')) === n; }"""
INCIDENTS_JS = """n => [...document.querySelectorAll('[data-testid="stMetric"]')]
    .some(m => m.innerText.includes('Incidents') &&
         m.querySelector('[data-testid="stMetricValue"]').innerText.trim() === String(n))"""

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def need_browser() -> None:
    reason = browser_unavailable()
    if reason:
        if REQUIRE_BROWSER:
            pytest.fail(f"INCIDENTS_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)


def _metric(page, label: str) -> str:  # type: ignore[no-untyped-def]
    block = page.locator('[data-testid="stMetric"]', has_text=label).first
    return str(block.locator('[data-testid="stMetricValue"]').inner_text()).strip()


def _table_rows(page) -> int:  # type: ignore[no-untyped-def]
    grid = page.locator('[data-testid="stDataFrame"] [role="grid"]').first
    return int(grid.get_attribute("aria-rowcount") or 0) - 1  # minus the header row


def test_explore_filter_map_table_download(need_browser: None, sqlite_url: str,
                                           tmp_path: Path) -> None:
    data = seed(sqlite_url)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with app_server(sqlite_url) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 2600},
                                      accept_downloads=True)
        page = context.new_page()
        page.goto(base)
        wait_rendered(page)
        canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
        canvas.wait_for(state="visible", timeout=30_000)
        box = canvas.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 200
        assert _metric(page, "Incidents") == "4"
        page.wait_for_function(ROWS_JS, arg=5, timeout=30_000)  # header + 4 rows
        page.screenshot(path=str(ARTIFACTS / "explore.png"))

        # Filter: region Kharkiv Oblast, chosen in the sidebar like a reader would.
        regions = page.locator('[data-testid="stMultiSelect"]', has_text="Regions").first
        regions.click()
        page.keyboard.type("Kharkiv")
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        page.wait_for_function(INCIDENTS_JS, arg=1, timeout=30_000)
        page.wait_for_function(ROWS_JS, arg=2, timeout=30_000)
        assert "regions=UA-63" in page.url
        assert _table_rows(page) == 1
        page.screenshot(path=str(ARTIFACTS / "explore-filtered.png"))

        with page.expect_download(timeout=30_000) as info:
            buttons = page.locator('[data-testid="stDownloadButton"]')
            buttons.get_by_role("button", name="CSV", exact=True).click()
        target = tmp_path / "download.csv"
        info.value.save_as(str(target))
        with target.open(encoding="utf-8") as fp:
            rows = list(csv.DictReader(fp))
        assert [r["public_id"] for r in rows] == [data.ids["kharkiv"]]
        assert all(r["visibility"] == "public" for r in rows)
        context.close()


def test_start_page_on_demo_data_for_the_readme(need_browser: None, sqlite_url: str) -> None:
    summary = ingest_demo(sqlite_url, progress=False)
    assert summary.ok
    engine = make_engine(sqlite_url)
    with session_scope(engine, write=False) as s:
        public = queries.totals(s, IncidentFilter())["incidents"]
    engine.dispose()
    assert public > 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with app_server(sqlite_url) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 1800})
        page = context.new_page()
        page.goto(base)
        wait_rendered(page)
        page.wait_for_function(FULL_RENDER_JS, timeout=30_000)
        assert _metric(page, "Incidents") == f"{public:,}"
        page.wait_for_function(ROWS_JS, arg=min(public, TABLE_PAGE) + 1, timeout=30_000)
        # deck.gl draws on the animation frame after its canvas appears.
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / "explore-demo.png"))
        context.close()
    README_SHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ARTIFACTS / "explore-demo.png", README_SHOT)
