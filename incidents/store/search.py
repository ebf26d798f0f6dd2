"""Free-text search: FTS5 on SQLite, built-in full-text search on PostgreSQL.

Both index ``incidents.search_text`` (summary + settlement + every source
quote, rebuilt by the repo on each write).  On SQLite an external-content FTS5
table follows the incidents table through triggers; on PostgreSQL a GIN index
on ``to_tsvector('simple', search_text)`` serves the ``@@`` match.  The
'simple' configuration (no stemming) treats English, Ukrainian and Russian
alike: a word matches as written, case-insensitively.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, literal_column, select, table, text

FTS_TABLE = "incidents_fts"
PG_INDEX = "ix_incidents_search_fts"

SQLITE_DDL: tuple[str, ...] = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(search_text, content='incidents', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {FTS_TABLE}_ai AFTER INSERT ON incidents BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"CREATE TRIGGER {FTS_TABLE}_ad AFTER DELETE ON incidents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    f"CREATE TRIGGER {FTS_TABLE}_au AFTER UPDATE OF search_text ON incidents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
)
SQLITE_DROP: tuple[str, ...] = (
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_au",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ai",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)
PG_DDL: tuple[str, ...] = (
    f"CREATE INDEX {PG_INDEX} ON incidents USING gin (to_tsvector('simple', search_text))",
)
PG_DROP: tuple[str, ...] = (f"DROP INDEX IF EXISTS {PG_INDEX}",)


def is_search_object(name: str | None) -> bool:
    """FTS objects are engine-specific and not in the models (see the migration test)."""
    return bool(name) and (str(name).startswith(FTS_TABLE) or name == PG_INDEX)


def words(query: str) -> list[str]:
    return re.findall(r"\w+", query, flags=re.UNICODE)


def fts5_query(query: str) -> str:
    """Every word must occur; each is quoted so FTS5 syntax in input is inert."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words(query))


def text_match(dialect: str, id_column: Any, search_column: Any, query: str) -> ColumnElement[bool]:
    """A WHERE clause true for incidents whose search text has every word of ``query``."""
    if not words(query):
        return false()
    if dialect == "sqlite":
        fts = table(FTS_TABLE, literal_column("rowid"))
        matching: Select[Any] = (
            select(literal_column("rowid"))
            .select_from(fts)
            .where(text(f"{FTS_TABLE} MATCH :fts_query").bindparams(fts_query=fts5_query(query)))
        )
        return id_column.in_(matching)
    vector = func.to_tsvector(literal_column("'simple'"), search_column)
    tsquery = func.plainto_tsquery(literal_column("'simple'"), " ".join(words(query)))
    return vector.op("@@")(tsquery)
