"""The ``incidents`` command.  Each capability registers its subcommands."""

from __future__ import annotations

import typer

from .commands import app as app_commands
from .commands import extract as extract_commands
from .commands import geo as geo_commands
from .commands import ingest as ingest_commands
from .commands import review as review_commands
from .commands import store as store_commands

app = typer.Typer(
    name="incidents",
    help="War-crimes incident documentation database: extract, store, explore, export.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (
    store_commands, review_commands, ingest_commands, app_commands, geo_commands, extract_commands
):
    module.register(app)


if __name__ == "__main__":  # pragma: no cover
    app()
