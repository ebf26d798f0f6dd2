"""Editor mode: off by default, on only with the configured password.

The password comes from Streamlit secrets (``editor_password``) or, failing
that, the environment (``INCIDENTS_EDITOR_PASSWORD``).  When neither is set,
editor mode cannot be switched on at all: the app is the public, read-only app.
The flag lives in the session only; nothing is remembered across sessions.
"""

from __future__ import annotations

import hmac
import logging
import time

import streamlit as st

from ..config import get_settings

log = logging.getLogger(__name__)

SESSION_KEY = "editor_mode"
ACTOR_KEY = "editor_name"
# A wrong password costs a second, which makes guessing from one session slow.
FAILED_ATTEMPT_DELAY_S = 1.0


def configured_password() -> str | None:
    """The editor password, or None when editor mode is not configured."""
    try:
        secret = st.secrets.get("editor_password")
    except FileNotFoundError:  # no secrets.toml: Streamlit's own subclass of it
        secret = None
    value = str(secret) if secret else get_settings().editor_password
    return value or None


def password_matches(given: str, expected: str | None) -> bool:
    """Constant-time comparison; an unconfigured or empty password never matches."""
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def is_editor() -> bool:
    return bool(st.session_state.get(SESSION_KEY)) and configured_password() is not None


def actor() -> str:
    """Who the audit trail names for edits made in this session."""
    name = str(st.session_state.get(ACTOR_KEY) or "").strip()
    return f"editor:{name}" if name else "editor"


def _sign_in() -> None:
    given = str(st.session_state.get("editor_password_input") or "")
    if password_matches(given, configured_password()):
        st.session_state[SESSION_KEY] = True
        st.session_state.pop("editor_sign_in_failed", None)
        log.info("editor mode switched on")
    else:
        time.sleep(FAILED_ATTEMPT_DELAY_S)
        st.session_state["editor_sign_in_failed"] = True
    st.session_state["editor_password_input"] = ""


def _sign_out() -> None:
    st.session_state[SESSION_KEY] = False


def render_sign_in() -> bool:
    """The sidebar's editor box; returns whether this session is in editor mode."""
    if configured_password() is None:
        return False
    with st.sidebar.expander("Editor mode", expanded=is_editor()):
        if is_editor():
            st.text_input("Your name (for the audit trail)", key=ACTOR_KEY)
            st.button("Leave editor mode", on_click=_sign_out, key="editor_sign_out")
        else:
            st.text_input("Editor password", type="password", key="editor_password_input")
            st.button("Sign in", on_click=_sign_in, key="editor_sign_in")
            if st.session_state.get("editor_sign_in_failed"):
                st.error("Wrong password.")
    return is_editor()


def require_editor() -> None:
    """Stop the page unless this session is in editor mode."""
    if not is_editor():
        st.error("This page is for editors. Sign in with the editor password in the sidebar.")
        st.stop()
