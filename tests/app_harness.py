"""Running app.py under ``streamlit.testing.v1.AppTest`` on a seeded database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from incidents.config import get_settings

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60


def start(monkeypatch: pytest.MonkeyPatch, db_url: str, *, password: str | None = None,
          params: dict[str, str] | None = None) -> AppTest:
    monkeypatch.setenv("INCIDENTS_DB_URL", db_url)
    if password is None:
        monkeypatch.delenv("INCIDENTS_EDITOR_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("INCIDENTS_EDITOR_PASSWORD", password)
    get_settings.cache_clear()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def open_page(at: AppTest, url_path: str) -> AppTest:
    """Switch to an ``st.navigation`` page defined by a callable.

    ``AppTest.switch_page`` only takes file paths; ``st.Page`` identifies a page
    by ``calc_hash(url_path)``, which is what a browser's URL selects.
    """
    at._page_hash = calc_hash(url_path)
    return at.run()


def sign_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key="editor_password_input").set_value(password)
    return at.button(key="editor_sign_in").click().run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def deck(at: AppTest) -> dict[str, Any]:
    return dict(json.loads(at.get("deck_gl_json_chart")[0].proto.json))


def all_text(at: AppTest) -> str:
    """Every markdown/caption/code/text body on the page (the sources, not the rendering)."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "code", "text", "header", "title", "subheader",
                 "info", "error", "warning"):
        parts.extend(str(getattr(el, "value", "")) for el in at.get(kind))
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    return "\n".join(parts)
