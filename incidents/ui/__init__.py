"""The Streamlit app's pages and helpers.

Pages are functions that render; every query, filter, export and citation comes
from the package (``incidents.store``, ``incidents.export``), so the CLI and the
app never disagree.  The pure builders (``mapview.build_deck``,
``timeline.timeline_chart``, ``filters.parse_query_params``) import no Streamlit
state and are tested on their own.
"""
