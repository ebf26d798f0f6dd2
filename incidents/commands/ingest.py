"""``incidents ingest`` and ``incidents demo``: parse, call ``incidents.ingest``, print."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from ..errors import ConfigError
from ..ingest import pipeline
from ..ingest.pipeline import IngestSummary
from .common import DbOption, resolve_db, translate_errors

ActorOption = Annotated[
    str,
    typer.Option("--actor", help="Name recorded in the audit log for every change."),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar; print only the summary.")
]


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("demo")(demo_command)


@translate_errors
def ingest_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt, .html, .jsonl, RSS/Atom .xml) or http(s) URLs.",
            show_default=False,
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date YYYY-MM-DD; wins over the document's own.",
            show_default=False,
        ),
    ] = None,
    publisher: Annotated[
        str | None,
        typer.Option("--publisher", help="Publisher name; wins over the document's own."),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option("--url", help="Source URL; wins over the document's own."),
    ] = None,
    actor: ActorOption = "ingest",
    quiet: QuietOption = False,
    db: DbOption = None,
) -> None:
    """Preserve reports, extract incidents, and merge them with the stored ones.

    A clear match joins the stored incident as one more source; a likely match
    becomes a new draft with a merge suggestion; anything else a new draft.
    Ingesting the same report again changes nothing.  A bad input is reported
    and skipped; the exit status is 1 if any input failed.

    Example: incidents ingest article.html feed.xml batch.jsonl --publisher "Kyiv Independent"
    """
    from ..store import make_engine

    day = _parse_date(published)
    engine = make_engine(resolve_db(db))
    try:
        summary = pipeline.ingest_sources(
            engine, inputs, published=day, publisher=publisher, url=url,
            actor=actor, progress=not quiet,
        )
    finally:
        engine.dispose()
    _report(summary)


@translate_errors
def demo_command(
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Load the demo reports through the real ingest pipeline (no app).

    Initialises the database if needed; running it twice changes nothing.

    Example: incidents demo --db sqlite:///data/demo.db
    """
    summary = pipeline.ingest_demo(resolve_db(db), progress=not quiet)
    _report(summary)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--published: {value!r} is not a YYYY-MM-DD date") from None


_MAX_NOTES = 50


def _report(summary: IngestSummary) -> None:
    for label, problem in summary.problems[:_MAX_NOTES]:
        typer.echo(f"note: {label}: {problem}", err=True)
    if len(summary.problems) > _MAX_NOTES:
        typer.echo(f"note: ... and {len(summary.problems) - _MAX_NOTES} more notes", err=True)
    for _label, error in summary.failures:
        typer.echo(f"skipped: {error}", err=True)
    for line in summary.lines():
        typer.echo(line)
    if not summary.ok:
        raise typer.Exit(1)
