"""``python -m incidents.ui.serve run app.py ...``: Streamlit's own command line,
started with the app's libraries already imported and its start page kept warm.

Streamlit runs the app script in the server's process on the first visit, so
whatever is imported before the server starts is not imported again then.  The
first visitor after a start used to wait for pandas, Altair, pydeck, pyarrow,
SQLAlchemy and the store, export and gazetteer modules (about a second on this
machine) on top of the page's queries.

Before the server starts, ``warm_now`` fills the start page's cached queries,
deck and chart for a visitor without a link (``explore.warm``): the server
answers about a second later on 100,000 incidents, and its first visitor finds
the page ready instead of paying for it.  Once the runtime exists, a
background thread does it again every ``WARM_EVERY`` seconds: the cache keys
hold the store's data version, so after an ingest or an expiry the next visitor
still finds the default view ready, while a pass over an unchanged store costs
a few milliseconds of cache hits.
"""

from __future__ import annotations

import logging
import sys
import threading
import time

WARM_EVERY = 60.0
log = logging.getLogger("incidents.ui.serve")


def preload() -> None:
    """Import what the start page needs before the first visitor asks for it."""
    import altair  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401
    import pydeck  # noqa: F401

    from .. import export, geo, store  # noqa: F401


def _warm_once(last_problem: str | None = None) -> str | None:
    """One warm-up pass; returns the problem that stopped it (logged unless already logged)."""
    from ..config import get_settings
    from .explore import warm

    started = time.perf_counter()
    try:
        version = warm(get_settings().database_url)
    except Exception as exc:  # noqa: BLE001 - a warm-up must never take the server down
        problem = f"{type(exc).__name__}: {exc}"
        if problem != last_problem:
            log.warning("start page not warmed: %s", problem)
        return problem
    log.info("start page warm for data version %s (%.2f s)", version,
             time.perf_counter() - started)
    return None


def warm_now() -> None:
    """Warm the start page before the server exists (no runtime yet).

    Streamlit keeps ``st.cache_data`` entries per function for the life of the
    process, and without a runtime it keeps them in memory as the runtime's
    default storage does, so the server's first run finds them.  Its notice
    that no runtime exists yet is expected here and is silenced.
    """
    # Streamlit sets each of its loggers' level when the logger is made (on the
    # import of the module using it), so import those first, then quieten them
    # before the pages' ``st.cache_*`` decorators and the warm-up speak.
    from streamlit.runtime.caching import cache_data_api, cache_resource_api

    quiet = [logging.getLogger(m.__name__) for m in (cache_data_api, cache_resource_api)]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.ERROR)
    try:
        _warm_once()
    finally:
        for logger, level in zip(quiet, levels, strict=True):
            logger.setLevel(level)


def keep_warm(*, every: float = WARM_EVERY, stop: threading.Event | None = None) -> None:
    """Wait for Streamlit's runtime, then warm the start page now and every ``every`` s.

    Never raises: a store that cannot be read yet (not created, a server
    down) is logged once per distinct problem, and the pages show it to the
    visitor themselves.
    """
    from streamlit.runtime import Runtime

    stop = stop or threading.Event()
    while not Runtime.exists():
        if stop.wait(0.05):
            return
    last_problem = None
    while True:
        last_problem = _warm_once(last_problem)
        if stop.wait(every):
            return


def main() -> None:
    preload()
    if len(sys.argv) > 1 and sys.argv[1] == "run":
        warm_now()
    threading.Thread(target=keep_warm, name="incidents-warm", daemon=True).start()
    from streamlit.web.cli import main as streamlit_main

    sys.exit(streamlit_main(prog_name="streamlit"))


if __name__ == "__main__":
    main()
