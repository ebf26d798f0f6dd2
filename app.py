"""The Streamlit app: a router only.  Run with ``incidents app`` (or ``streamlit run app.py``).

It reads the database URL from ``INCIDENTS_DB_URL`` (default: the embedded
SQLite file), draws the shared sidebar filters, keeps them in the URL, and hands
each page the same context.  Pages live in ``incidents.ui``.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from incidents.config import get_settings
from incidents.errors import IncidentsError
from incidents.ui import about, add, auth, cache, explore, incident, review
from incidents.ui.context import AppContext
from incidents.ui.filters import (
    FilterOptions,
    parse_query_params,
    render_sidebar,
    write_query_params,
)

st.set_page_config(page_title="Incidents database", layout="wide")
settings = get_settings()
db_url = settings.database_url
editor = auth.render_sign_in()

try:
    version = cache.version(db_url)
    settlements, publishers = cache.filter_choices(db_url, version)
except IncidentsError as exc:
    st.error(str(exc))
    st.stop()

from_url = parse_query_params(st.query_params.to_dict(), editor=editor)
for problem in from_url.problems:
    st.sidebar.warning(problem)
chosen = render_sidebar(from_url.filter, FilterOptions(settlements, publishers), editor=editor)
write_query_params(chosen.filter, st.query_params)

ctx = AppContext(db_url=db_url, version=version, filter=chosen.filter, editor=editor,
                 base_url=settings.base_url)
pages = [
    st.Page(partial(explore.page, ctx), title="Explore", url_path="explore", default=True),
    st.Page(partial(incident.page, ctx), title="Incident", url_path="incident"),
    st.Page(partial(about.page, ctx), title="About", url_path="about"),
]
if editor:
    pages += [
        st.Page(partial(review.page, ctx), title="Review", url_path="review"),
        st.Page(partial(add.page, ctx), title="Add reports", url_path="add"),
    ]
st.navigation(pages).run()
