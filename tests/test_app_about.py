"""AppTest: the About page carries the data dictionary, coverage and licences."""

from __future__ import annotations

import pytest
from app_harness import all_text, no_exception, open_page, start
from app_seed import seed

from incidents.export import COLUMNS
from incidents.geo import GEONAMES_ATTRIBUTION


def test_about_page(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    data = seed(db_url)
    at = open_page(start(monkeypatch, data.url), "about")
    no_exception(at)
    assert at.title[0].value == "About this database"
    dictionary = at.dataframe[0].value
    assert list(dictionary["column"]) == list(COLUMNS)
    assert {m.label: m.value for m in at.metric}["Public incidents"] == "4"
    text = all_text(at).replace("\\", "")
    assert GEONAMES_ATTRIBUTION in text
    assert "Unknown is not zero" in text
