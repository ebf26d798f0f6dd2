"""The app launcher: Streamlit's own command line, libraries imported first."""

from __future__ import annotations

import subprocess
import sys

import streamlit


def test_launcher_is_streamlits_command_line() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "incidents.ui.serve", "version"],
        capture_output=True, text=True, timeout=120, check=True,
    )
    assert streamlit.__version__ in out.stdout


def test_preload_imports_what_the_start_page_needs_without_the_pages() -> None:
    code = (
        "import sys; from incidents.ui.serve import preload; preload(); "
        "need = ['altair', 'pandas', 'pyarrow', 'pydeck', 'incidents.store', "
        "'incidents.export', 'incidents.geo']; "
        "print([m for m in need if m not in sys.modules]); "
        "print([m for m in sys.modules if m.startswith('incidents.ui.') "
        "and m != 'incidents.ui.serve'])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    missing, pages = out.stdout.splitlines()
    assert missing == "[]"
    assert pages == "[]", "Streamlit pages imported before the server's runtime exists"
