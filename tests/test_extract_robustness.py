"""Bad input gives a clear result, never an exception; the output always validates."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incidents.extract import extract, extract_text
from incidents.schemas import ExtractionResult, ReportIn

BASE = (
    "Russian strike on Kharkiv kills 3, injures 12\n\n"
    "A Russian missile hit a residential building in Kharkiv on Jan. 22, killing three people "
    "and injuring 12 others, including two children, Governor Oleh Syniehubov said.\n\n"
    "Photo: the site of the strike in Sumy on May 3, 2024 (Reuters)\n"
)


def _check(result: ExtractionResult, text: str) -> None:
    ExtractionResult.model_validate(result.model_dump())
    for draft in result.incidents:
        for ev in draft.evidence.values():
            assert text[ev.start : ev.end] == ev.quote


def test_empty_text():
    res = extract_text("")
    assert res.kind.value == "other" and res.incidents == []
    assert any("empty" in p for p in res.problems)


def test_binary_looking_text():
    res = extract_text("\x00\x01\x02binary\x03" * 50)
    assert res.kind.value == "other"
    assert any("binary" in p for p in res.problems)


def test_unsupported_languages_are_named():
    de = (
        "Bei einem russischen Angriff auf die Stadt wurden drei Menschen getötet "
        "und zwölf verletzt, sagte der Gouverneur."
    )
    fr = (
        "Trois personnes ont été tuées et douze blessées dans une frappe russe "
        "sur la ville, a déclaré le gouverneur."
    )
    for text, code in ((de, "de"), (fr, "fr")):
        res = extract_text(text, published=dt.date(2025, 1, 23))
        assert res.kind.value == "other" and res.incidents == []
        assert f"unsupported language: {code}" in " ".join(res.problems)


def test_huge_text_is_capped_and_says_so():
    text = BASE + ("Filler sentence about nothing in particular. " * 450_000)  # ~20 MB
    res = extract_text(text, published=dt.date(2025, 1, 23))
    assert any("only the first" in p for p in res.problems)
    _check(res, text)


def test_english_strike_report():
    res = extract_text(BASE, published=dt.date(2025, 1, 23))
    assert res.kind.value == "incident"
    d = res.incidents[0]
    assert (d.killed, d.injured) == (3, 12)
    assert d.date == dt.date(2025, 1, 22)
    assert d.type is not None and d.type.value == "strike_on_civilians"
    _check(res, BASE)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_text_never_raises(text):
    res = extract(ReportIn(text=text, published=dt.date(2025, 1, 23)))
    _check(res, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(BASE)), st.integers(0, 40), st.text(max_size=12)), max_size=8
    )
)
def test_mutated_report_never_raises(edits):
    text = BASE
    for pos, cut, insert in edits:
        pos = min(pos, len(text))
        text = text[:pos] + insert + text[pos + cut :]
    res = extract(ReportIn(text=text, published=dt.date(2025, 1, 23)))
    _check(res, text)
