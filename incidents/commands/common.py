"""What every command shares: the --db option and error translation."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from ..config import get_settings
from ..errors import IncidentsError

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (SQLAlchemy). Default: $INCIDENTS_DB_URL, else the embedded "
        "SQLite file data/incidents.db.",
        show_default=False,
    ),
]


def resolve_db(db: str | None) -> str:
    return db or get_settings().database_url


def translate_errors(func: F) -> F:
    """Turn an IncidentsError into its message on stderr and exit status 1.

    Anything else is a bug and propagates with its traceback.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except IncidentsError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from exc

    return wrapper  # type: ignore[return-value]
