"""The extractor: a news report in, sourced incident drafts out.

    from incidents.extract import extract, extract_text
    result = extract(ReportIn(text=..., published=date(2025, 1, 23)))
    result.contract()   # the stable JSON shape of ``incidents extract --json``

Stages (one module each): furniture, language, sentences, dates, counts,
types, bodies, places, kind, drafts, summary; lexicons live in ``rules/*.json``.
"""

from __future__ import annotations

from .pipeline import extract, extract_text

__all__ = ["extract", "extract_text"]
