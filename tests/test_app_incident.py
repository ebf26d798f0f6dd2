"""AppTest: the incident page from a permalink, merged IDs, escaping, citation."""

from __future__ import annotations

import json

import pytest
from app_harness import all_text, no_exception, open_page, sign_in, start
from app_seed import Seeded, seed


@pytest.fixture
def data(db_url: str) -> Seeded:
    return seed(db_url)


def test_permalink_opens_the_record(monkeypatch: pytest.MonkeyPatch, data: Seeded) -> None:
    pid = data.ids["kherson"]
    at = start(monkeypatch, data.url, params={"id": pid})
    no_exception(at)
    assert at.header[0].value.replace("\\", "") == pid
    fields = dict(at.dataframe[0].value.itertuples(index=False, name=None))
    assert fields["Killed"] == "2" and fields["Injured"] == "5"
    assert fields["Region"] == "Kherson Oblast (UA-65)" and fields["Settlement"] == "Kherson"
    figures = at.dataframe[1].value
    assert list(figures["source"]) == ["Headline (this record)", "South Post · 2025-02-10"]
    text = all_text(at)
    assert "SHA-256 of the text" in text
    assert "Two people were killed" in text  # the quote behind "killed"
    citation = [c.value for c in at.code]
    assert any(pid in c and "accessed" in c for c in citation)
    csl = json.loads(next(c for c in citation if c.lstrip().startswith("[")))
    assert csl[0]["id"] == pid and csl[0]["URL"].endswith(f"?id={pid}")


def test_report_markup_is_shown_as_text(monkeypatch: pytest.MonkeyPatch, data: Seeded) -> None:
    at = start(monkeypatch, data.url, params={"id": data.ids["kherson"]})
    bodies = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert not any("<script>" in b for b in bodies), "raw markup reached Markdown"
    assert not any("](http://example.invalid" in b for b in bodies), "a live Markdown link"
    assert any("\\<script\\>" in b for b in bodies)  # shown, escaped, in the quote context
    assert all(not getattr(m.proto, "allow_html", False) for m in at.markdown)


def test_merged_id_opens_the_survivor(monkeypatch: pytest.MonkeyPatch, data: Seeded) -> None:
    at = start(monkeypatch, data.url, params={"id": data.ids["kyiv_dup"]})
    no_exception(at)
    assert at.header[0].value.replace("\\", "") == data.ids["kyiv"]
    assert any("was merged into" in i.value for i in at.info)
    fields = dict(at.dataframe[0].value.itertuples(index=False, name=None))
    assert data.ids["kyiv_dup"] in fields["Merged IDs"]
    assert len(at.dataframe[1].value) == 3  # headline + both sources


def test_restricted_record_is_not_found_in_public_mode(monkeypatch: pytest.MonkeyPatch,
                                                       data: Seeded) -> None:
    pid = data.ids["restricted"]
    at = start(monkeypatch, data.url, params={"id": pid}, password="s3cret")
    no_exception(at)
    assert any("No incident" in e.value for e in at.error)
    assert "Izium" not in all_text(at)
    sign_in(at, "s3cret")
    no_exception(at)
    assert at.header[0].value.replace("\\", "") == pid
    assert "Izium" in all_text(at)


def test_incident_page_looks_up_an_id(monkeypatch: pytest.MonkeyPatch, data: Seeded) -> None:
    at = start(monkeypatch, data.url)
    open_page(at, "incident")
    no_exception(at)
    at.text_input[0].set_value(data.ids["kharkiv"]).run()
    assert at.query_params["id"] == data.ids["kharkiv"]
    assert at.header[0].value.replace("\\", "") == data.ids["kharkiv"]
    at.text_input[0].set_value("UA-1999-999999").run()
    assert any("No incident" in e.value for e in at.error)
