"""Shared fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``INCIDENTS_TEST_PG_URL`` (default: the local server,
database ``test``).  When it cannot be reached the PostgreSQL half is skipped
with the reason, unless ``INCIDENTS_REQUIRE_PG=1`` (set by ``.ci/run``), which
turns that skip into a failure.  Each test gets its own fresh PostgreSQL schema
(and its own SQLite file), so tests never see each other's rows.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

PG_URL = os.environ.get(
    "INCIDENTS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_PG = os.environ.get("INCIDENTS_REQUIRE_PG") == "1"
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

_pg_error: str | None = None
_pg_checked = False


def pg_unavailable() -> str | None:
    """None when PostgreSQL answers, else why not (checked once per run)."""
    global _pg_checked, _pg_error
    if not _pg_checked:
        _pg_checked = True
        try:
            import sqlalchemy as sa

            eng = sa.create_engine(PG_URL, connect_args={"connect_timeout": 3})
            with eng.connect() as conn:
                conn.execute(sa.text("select 1"))
            eng.dispose()
        except Exception as exc:  # any driver or network failure means "not here"
            _pg_error = f"PostgreSQL at {PG_URL} is not reachable: {exc.__class__.__name__}: {exc}"
    return _pg_error


def need_pg() -> None:
    reason = pg_unavailable()
    if reason:
        if REQUIRE_PG:
            pytest.fail(f"INCIDENTS_REQUIRE_PG=1 but {reason}")
        pytest.skip(reason)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL whose search_path is a brand-new schema, dropped afterwards."""
    need_pg()
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'create schema "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    try:
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'drop schema "{schema}" cascade'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'incidents.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty database on each engine (not yet initialised)."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(name))


@pytest.fixture(autouse=True)
def _release_app_engines() -> Iterator[None]:
    """The app keeps one engine per database URL (``incidents.ui.cache.engine``); each
    PostgreSQL test has its own URL, so without this their pools would stay open and use
    up the server's connections."""
    yield
    cache = sys.modules.get("incidents.ui.cache")
    if cache is not None:
        cache.engine.clear()


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Settings never leak between tests, and nothing writes into the repo's data/."""
    from incidents.config import get_settings

    monkeypatch.delenv("INCIDENTS_DB_URL", raising=False)
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(_shared_cache_dir()))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _shared_cache_dir() -> Path:
    """The gazetteer index is derived data: build it once per machine, reuse it."""
    path = Path(os.environ.get("INCIDENTS_TEST_CACHE_DIR", ROOT / "data" / "cache"))
    path.mkdir(parents=True, exist_ok=True)
    return path


# ----------------------------------------------------------- CI: no silent skips
# With INCIDENTS_REQUIRE_PG=1 / INCIDENTS_REQUIRE_BROWSER=1 (set by .ci/run), a
# PostgreSQL or browser test that was skipped for ANY reason fails the run: CI
# must never pass on the SQLite half alone.
_required_skips: list[str] = []


def _is_required(nodeid: str) -> bool:
    if REQUIRE_PG and ("[postgresql" in nodeid or "-postgresql" in nodeid):
        return True
    return os.environ.get("INCIDENTS_REQUIRE_BROWSER") == "1" and "browser" in nodeid


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and _is_required(report.nodeid):
        _required_skips.append(report.nodeid)


def pytest_terminal_summary(terminalreporter: object) -> None:
    if _required_skips:
        write = terminalreporter.write_line  # type: ignore[attr-defined]
        listed = ", ".join(_required_skips[:20])
        write(f"REQUIRED TESTS SKIPPED ({len(_required_skips)}): {listed}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _required_skips and session.exitstatus == 0:
        session.exitstatus = 1
