"""Engines, sessions and schema set-up.  Nothing connects at import.

SQLite: WAL (the app reads while an ingest writes), a 30 s busy timeout,
foreign keys on, and write sessions that start with ``BEGIN IMMEDIATE`` so two
writers queue instead of failing on a stale snapshot.  PostgreSQL: psycopg 3.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ..errors import StoreError
from ..vocab import BODIES
from .models import Body

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 30_000
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_INIT_HINT = "run `incidents init` (with the same --db) first"


def normalise_url(url: str) -> str:
    """Point bare PostgreSQL URLs at psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; for SQLite also the parent directory of the file."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database, **kwargs)
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_engine(url: str, database: str | None, **kwargs: Any) -> Engine:
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN (the pysqlite recipe).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


@contextmanager
def session_scope(engine: Engine, *, write: bool = True) -> Iterator[Session]:
    """A session that commits on success and rolls back on error.

    ``write=False`` (read-only pages) starts a deferred transaction on SQLite,
    so readers never wait for a writer.  Raises ``StoreError`` when the
    database has not been initialised.
    """
    check_initialised(engine)
    bind = engine if write else engine.execution_options(sqlite_begin="DEFERRED")
    session = Session(bind=bind, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# ------------------------------------------------------------------ migrations


def alembic_config(connection: Any = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def init_db(url: str) -> None:
    """Create or upgrade the schema to head and sync the body registry.  Idempotent."""
    from alembic import command

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        with engine.begin() as conn:
            _sync_bodies(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot initialise the database at {_safe(url)}: {exc}") from exc
    finally:
        engine.dispose()
    log.info("database at %s is at schema %s", _safe(url), head_revision())


def _sync_bodies(conn: Any) -> None:
    """Add bodies that vocab gained since the migration; refresh names and ranks."""
    rows = {r.id: r for r in conn.execute(select(Body.id, Body.name, Body.rank))}
    table = Body.__table__
    assert isinstance(table, Table)
    for body in BODIES.values():
        current = rows.get(body.id)
        if current is None:
            conn.execute(table.insert().values(id=body.id, name=body.name, rank=body.rank))
        elif (current.name, current.rank) != (body.name, body.rank):
            conn.execute(
                table.update().where(table.c.id == body.id).values(name=body.name, rank=body.rank)
            )


# Engines already found at head (weak: a disposed engine drops out).
_checked: weakref.WeakSet[Engine] = weakref.WeakSet()


def check_initialised(engine: Engine) -> None:
    """Raise StoreError unless the database is at the code's schema revision."""
    if engine in _checked:
        return
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                raise StoreError(
                    f"the database at {_safe(str(engine.url))} is not initialised: {_INIT_HINT}"
                )
            current = conn.execute(text("select version_num from alembic_version")).scalar()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the database at {_safe(str(engine.url))}: {exc}") from exc
    head = head_revision()
    if current != head:
        raise StoreError(
            f"the database schema is at revision {current}, this version needs {head}: "
            f"run `incidents init` to upgrade it"
        )
    _checked.add(engine)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # a malformed URL is shown as given
        return url
