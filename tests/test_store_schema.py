"""Migrations vs models, idempotent init, engine settings, the not-initialised error."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from incidents.errors import StoreError
from incidents.store import init_db, make_engine, session_scope
from incidents.store.models import Base, Body
from incidents.store.search import is_search_object
from incidents.vocab import BODIES


def _include(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    if name == "alembic_version":
        return False
    return not is_search_object(name)


def test_upgrade_head_equals_models(db_url: str) -> None:
    init_db(db_url)
    engine = make_engine(db_url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": _include, "compare_type": True}
        )
        diff = compare_metadata(ctx, Base.metadata)
    engine.dispose()
    assert diff == []


def test_init_is_idempotent_and_seeds_bodies(db_url: str) -> None:
    init_db(db_url)
    init_db(db_url)
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        ranks = dict(s.execute(sa.select(Body.id, Body.rank)).all())
    engine.dispose()
    assert ranks == {b.id: b.rank for b in BODIES.values()}


def test_search_objects_exist(db_url: str) -> None:
    init_db(db_url)
    engine = make_engine(db_url)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            names = set(conn.execute(sa.text("select name from sqlite_master")).scalars())
            assert {"incidents_fts", "incidents_fts_ai", "incidents_fts_au"} <= names
        else:
            idx = {i["name"] for i in sa.inspect(conn).get_indexes("incidents")}
            assert "ix_incidents_search_fts" in idx
    engine.dispose()


def test_uninitialised_database_says_run_init(db_url: str) -> None:
    engine = make_engine(db_url)
    with pytest.raises(StoreError, match="incidents init"), session_scope(engine):
        pass
    engine.dispose()


def test_sqlite_pragmas(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'nested' / 'dir' / 'x.db'}"
    engine = make_engine(url)  # creates the parent directory
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
    engine.dispose()


def test_make_engine_uses_psycopg3() -> None:
    engine = make_engine("postgresql://user@localhost:1/db")  # nothing connects yet
    assert engine.dialect.driver == "psycopg"


def test_body_bits_cover_the_registry() -> None:
    from incidents.store.models import BODY_BIT

    assert set(BODIES) <= set(BODY_BIT)
    assert max(BODY_BIT.values()) < 2**31  # fits the Integer column on both engines


def test_migration_0004_backfills_body_mask(db_url: str) -> None:
    """Body links stored before 0004 get their bits: reported and investigating
    bodies count once each, notified bodies not at all."""
    from alembic import command

    from incidents.store.engine import _sync_bodies, alembic_config
    from incidents.store.models import BODY_BIT

    engine = make_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0003")
        _sync_bodies(conn)
        for pk in (1, 2):
            conn.execute(
                sa.text(
                    "INSERT INTO incidents (id, public_id, geo_precision, type, minimum_counts, "
                    "victim_groups, summary, status, visibility, search_text, created_at, "
                    "updated_at) VALUES (:id, :pid, 'unknown', 'other', '[]', '[]', '', "
                    "'draft', 'public', '', :now, :now)"
                ),
                {"id": pk, "pid": f"UA-2024-00000{pk}", "now": "2024-01-01 00:00:00"},
            )
        links = [
            (1, "ua-pgo", "reported"),
            (1, "ua-pgo", "investigates"),
            (1, "un-hrmmu", "investigates"),
            (1, "icc", "notified"),
            (2, "media", "notified"),
        ]
        for n, (inc, body, role) in enumerate(links, start=1):
            conn.execute(
                sa.text(
                    "INSERT INTO incident_bodies (id, incident_id, body_id, role) "
                    "VALUES (:n, :inc, :body, :role)"
                ),
                {"n": n, "inc": inc, "body": body, "role": role},
            )
    init_db(db_url)
    with engine.connect() as conn:
        masks = dict(conn.execute(sa.text("SELECT id, body_mask FROM incidents")).all())
    engine.dispose()
    assert masks == {1: BODY_BIT["ua-pgo"] | BODY_BIT["un-hrmmu"], 2: 0}
