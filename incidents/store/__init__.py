"""The incident store: SQL schema, engines, reads (``queries``) and writes (``repo``).

Nothing connects at import; callers pass a URL to ``make_engine``/``init_db``.
"""

from __future__ import annotations

# repo first: it re-exports incidents.store.merge, which imports repo.
from . import repo
from .engine import check_initialised, init_db, make_engine, session_scope
from .headline import HEADLINE_RULE

__all__ = ["HEADLINE_RULE", "repo", "check_initialised", "init_db", "make_engine", "session_scope"]
