"""Permalinks: the app URL that opens one record."""

from __future__ import annotations

from urllib.parse import urlencode


def permalink(public_id: str, base_url: str) -> str:
    """``{base_url}?id={public_id}`` (``&id=`` when the base already has a query)."""
    sep = "&" if "?" in base_url else "?"
    return f"{base_url}{sep}{urlencode({'id': public_id})}"
