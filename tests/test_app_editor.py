"""AppTest: editor mode is off by default, needs the password, and its pages write."""

from __future__ import annotations

import pytest
from app_harness import metrics, no_exception, open_page, sign_in, start
from app_seed import Seeded, seed

from incidents.store import make_engine, repo, session_scope
from incidents.store import queries as q

PASSWORD = "correct horse"


@pytest.fixture
def data(db_url: str) -> Seeded:
    return seed(db_url)


def test_no_password_configured_means_no_editor_mode(monkeypatch: pytest.MonkeyPatch,
                                                     data: Seeded) -> None:
    at = start(monkeypatch, data.url)
    assert not [t for t in at.text_input if t.key == "editor_password_input"]
    for path in ("review", "add"):
        open_page(at, path)
        no_exception(at)
        assert not at.get("download_button") or at.title[0].value == "Incidents"
        assert not any(t.value in ("Review", "Add reports") for t in at.title)


def test_wrong_password_is_refused(monkeypatch: pytest.MonkeyPatch, data: Seeded) -> None:
    monkeypatch.setattr("incidents.ui.auth.FAILED_ATTEMPT_DELAY_S", 0)
    at = start(monkeypatch, data.url, password=PASSWORD)
    sign_in(at, "guess")
    assert any("Wrong password" in e.value for e in at.error)
    assert not [m for m in at.multiselect if m.key == "flt_statuses"]
    open_page(at, "review")
    assert not any(t.value == "Review" for t in at.title)


def test_editor_sees_restricted_records_when_asked(monkeypatch: pytest.MonkeyPatch,
                                                   data: Seeded) -> None:
    at = start(monkeypatch, data.url, password=PASSWORD)
    sign_in(at, PASSWORD)
    no_exception(at)
    assert metrics(at)["Incidents"] == "4"  # public by default, as in the URL
    at.multiselect(key="flt_visibility").set_value(["public", "restricted"]).run()
    assert metrics(at)["Incidents"] == "5"
    assert at.query_params["visibility"] == "public,restricted"


def test_review_queue_merge_suggestion_and_status(monkeypatch: pytest.MonkeyPatch,
                                                   data: Seeded) -> None:
    engine = make_engine(data.url)
    with session_scope(engine) as s:
        repo.update_incident(s, data.ids["kharkiv"], {"status": "draft"}, actor="test")
        repo.add_merge_suggestion(s, data.ids["kherson"], data.ids["donetsk_pow"], 0.61,
                                  ["same week", "both strikes"], None)
    at = start(monkeypatch, data.url, password=PASSWORD)
    sign_in(at, PASSWORD)
    open_page(at, "review")
    no_exception(at)
    assert at.title[0].value == "Review"
    queue = at.dataframe[0].value
    assert list(queue["record"]) == [data.ids["kharkiv"]]
    assert any("same week" in m.value for m in at.markdown)
    yes = [b for b in at.button if b.key and b.key.startswith("sug_no_")]
    yes[0].click().run()
    no_exception(at)
    with session_scope(engine, write=False) as s:
        assert repo.list_merge_suggestions(s, status="open") == []
        assert q.get_incident(s, data.ids["kherson"]).public_id == data.ids["kherson"]
    engine.dispose()


def test_editor_changes_status_and_visibility(monkeypatch: pytest.MonkeyPatch,
                                              data: Seeded) -> None:
    pid = data.ids["kharkiv"]
    at = start(monkeypatch, data.url, password=PASSWORD, params={"id": pid})
    sign_in(at, PASSWORD)
    at.selectbox[0].set_value("verified")
    at.selectbox[1].set_value("restricted")
    at.button(key="FormSubmitter:edit_" + pid + "-Save changes").click().run()
    no_exception(at)
    engine = make_engine(data.url)
    with session_scope(engine, write=False) as s:
        record = q.get_incident(s, pid, include_restricted=True)
    engine.dispose()
    assert (record.status.value, record.visibility.value) == ("verified", "restricted")
    assert {(a.field, a.new_value) for a in record.audit} >= {("status", "verified"),
                                                               ("visibility", "restricted")}
