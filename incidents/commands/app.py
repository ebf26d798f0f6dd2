"""``incidents app``: start the Streamlit app on a database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..config import PROJECT_ROOT
from ..errors import ConfigError
from ..store import check_initialised, make_engine
from .common import DbOption, resolve_db, translate_errors

APP_SCRIPT = PROJECT_ROOT / "app.py"


def register(app: typer.Typer) -> None:
    app.command("app")(app_command)


@translate_errors
def app_command(
    db: DbOption = None,
    port: Annotated[int, typer.Option("--port", help="Port to serve on.")] = 8501,
    address: Annotated[
        str, typer.Option("--address", help="Address to listen on (0.0.0.0 for all).")
    ] = "127.0.0.1",
    headless: Annotated[
        bool, typer.Option("--headless/--browser", help="Do not open a browser window.")
    ] = True,
) -> None:
    """Start the web app (explore, map, records, citations, exports) on the database.

    Public and read-only unless INCIDENTS_EDITOR_PASSWORD (or editor_password in
    .streamlit/secrets.toml) is set; then editors can sign in from the sidebar.

    Example: incidents app --db sqlite:///data/incidents.db --port 8501
    """
    url = resolve_db(db)
    if not Path(APP_SCRIPT).is_file():
        raise ConfigError(f"the app script {APP_SCRIPT} is missing; reinstall from the repository")
    engine = make_engine(url)
    try:
        check_initialised(engine)
    finally:
        engine.dispose()
    env = {**os.environ, "INCIDENTS_DB_URL": url}
    command = [
        sys.executable, "-m", "incidents.ui.serve", "run", str(APP_SCRIPT),
        "--server.port", str(port), "--server.address", address,
        "--server.headless", "true" if headless else "false",
        "--browser.gatherUsageStats", "false",
    ]
    typer.echo(f"Serving on http://{address}:{port}/ (Ctrl+C stops it)")
    try:
        status = subprocess.call(command, env=env, cwd=str(PROJECT_ROOT))
    except KeyboardInterrupt:
        status = 0
    raise typer.Exit(status)
