"""``python -m incidents.ui.serve run app.py ...``: Streamlit's own command line,
started with the app's libraries already imported and its start page kept warm.

Streamlit runs the app script in the server's process on the first visit, so
whatever is imported before the server starts is not imported again then.  The
first visitor after a start used to wait for pandas, Altair, pydeck, pyarrow,
SQLAlchemy and the store, export and gazetteer modules (about a second on this
machine) on top of the page's queries.

Once the server's runtime exists, a background thread fills the start page's
cached queries, deck and chart for a visitor without a link
(``explore.warm``), and does it again every ``WARM_EVERY`` seconds: the cache
keys hold the store's data version, so after an ingest or an expiry the next
visitor still finds the default view ready, while a pass over an unchanged
store costs a few milliseconds of cache hits.  The Streamlit pages are imported
only then: their ``st.cache_*`` functions are meant to be called with the
server's runtime in place.
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
    from ..config import get_settings
    from .explore import warm

    last_problem = None
    while True:
        started = time.perf_counter()
        try:
            version = warm(get_settings().database_url)
        except Exception as exc:  # noqa: BLE001 - a warm-up must never take the server down
            problem = f"{type(exc).__name__}: {exc}"
            if problem != last_problem:
                log.warning("start page not warmed: %s", problem)
            last_problem = problem
        else:
            last_problem = None
            log.debug("start page warm for data version %s in %.2f s", version,
                      time.perf_counter() - started)
        if stop.wait(every):
            return


def main() -> None:
    preload()
    threading.Thread(target=keep_warm, name="incidents-warm", daemon=True).start()
    from streamlit.web.cli import main as streamlit_main

    sys.exit(streamlit_main(prog_name="streamlit"))


if __name__ == "__main__":
    main()
