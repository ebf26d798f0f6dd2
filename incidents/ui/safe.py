"""Showing untrusted text: report text, quotes, place names, publisher names.

Data is never passed to ``unsafe_allow_html``.  Where a string must go through
Markdown (a label, a highlighted quote), every character Markdown or
Streamlit's Markdown extensions give meaning to is backslash-escaped, so
``<script>`` and ``[a](http://b)`` show as typed.  Where no formatting is
needed, pages use ``st.text``/``st.code``/``st.dataframe``, which never parse.
"""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones
# Markdown, GitHub-flavoured Markdown, Streamlit's directives (:red[...],
# :material/icon:, emoji shortcodes) and its LaTeX ($) give meaning to.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'^])")
CONTEXT_CHARS = 160


def md_escape(text: object) -> str:
    """``text`` as Markdown that renders exactly as the characters given."""
    if text is None:
        return ""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    # A line break inside data must not start a heading, list or quote block.
    return escaped.replace("\r", " ").replace("\n", " ")


def quote_in_context(text: str | None, start: int, end: int, quote: str,
                     width: int = CONTEXT_CHARS) -> str:
    """Markdown of the words around a quote, the quote in bold, all escaped.

    When the report text is missing or the offsets do not point at the quote
    (a text edited after extraction), the quote is shown alone, marked so.
    """
    if not text or not (0 <= start <= end <= len(text)) or text[start:end] != quote:
        return f"**{md_escape(quote)}** *(surrounding text not available)*"
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    lead = "…" if start - width > 0 else ""
    tail = "…" if end + width < len(text) else ""
    return f"{lead}{md_escape(before)}**{md_escape(quote)}**{md_escape(after)}{tail}"
