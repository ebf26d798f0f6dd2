"""``python -m incidents.ui.serve run app.py ...``: Streamlit's own command line,
started with the app's libraries already imported.

Streamlit runs the app script in the server's process on the first visit, so
whatever is imported before the server starts is not imported again then.  The
first visitor after a start used to wait for pandas, Altair, pydeck, pyarrow,
SQLAlchemy and the store, export and gazetteer modules (about a second on this
machine) on top of the page's queries.  The Streamlit pages themselves are not
imported here: their ``st.cache_*`` decorators expect the server's runtime.
"""

from __future__ import annotations

import sys


def preload() -> None:
    """Import what the start page needs before the first visitor asks for it."""
    import altair  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401
    import pydeck  # noqa: F401

    from .. import export, geo, store  # noqa: F401


def main() -> None:
    preload()
    from streamlit.web.cli import main as streamlit_main

    sys.exit(streamlit_main(prog_name="streamlit"))


if __name__ == "__main__":
    main()
