"""Writes: public IDs, sources side by side, headline rule, audit, merges, concurrency."""

from __future__ import annotations

import datetime as dt
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from factories import fill, report_and_draft, store_incident
from sqlalchemy import Engine

from incidents.errors import NotFoundError, ValidationFailed
from incidents.schemas import IncidentDraft, IncidentFilter
from incidents.store import init_db, make_engine, queries, repo, session_scope
from incidents.store.models import Incident
from incidents.vocab import BODIES


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    init_db(db_url)
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


def test_same_report_text_is_one_row(engine: Engine) -> None:
    report, _ = report_and_draft(random.Random(1))
    with session_scope(engine) as s:
        first = repo.get_or_add_report(s, report)
        again = repo.get_or_add_report(s, report.model_copy(update={"url": "https://other"}))
    assert first[1] is True and again == (first[0], False)


def test_public_id_format_and_year(engine: Engine) -> None:
    rng = random.Random(2)
    with session_scope(engine) as s:
        dated = store_incident(s, *report_and_draft(rng, date=dt.date(2023, 5, 1)))
        report, draft = report_and_draft(rng, date=None, published=dt.date(2022, 2, 3))
        reported_only = store_incident(s, report, draft.model_copy(update={"date": None}))
    assert dated.startswith("UA-2023-") and len(dated) == len("UA-2023-000001")
    assert reported_only.startswith("UA-2022-")


def test_public_id_year_falls_back_to_the_report_publication(engine: Engine) -> None:
    rng = random.Random(5)
    report, draft = report_and_draft(rng, published=dt.date(2022, 9, 20))
    undated = draft.model_copy(update={"date": None, "date_reported": None})
    with session_scope(engine) as s:
        public_id = store_incident(s, report, undated)
    assert public_id.startswith("UA-2022-")


def test_public_ids_are_never_reused(engine: Engine) -> None:
    with session_scope(engine) as s:
        ids = fill(s, 3, seed=3, date=dt.date(2024, 1, 1))
        repo.delete_incident(s, ids[-1], actor="tester")
    with session_scope(engine) as s:
        [new] = fill(s, 1, seed=4, date=dt.date(2024, 1, 1))
    assert new not in ids
    assert int(new.rsplit("-", 1)[1]) > max(int(i.rsplit("-", 1)[1]) for i in ids)
    with session_scope(engine) as s, pytest.raises(NotFoundError):
        queries.get_incident(s, ids[-1])


def test_public_id_never_changes_on_edit(engine: Engine) -> None:
    with session_scope(engine) as s:
        [pid] = fill(s, 1, seed=5, date=dt.date(2024, 3, 3))
        repo.update_incident(s, pid, {"date": dt.date(2021, 1, 1)}, actor="editor")
    with session_scope(engine) as s:
        rec = queries.get_incident(s, pid)
    assert rec.public_id == pid and rec.date == dt.date(2021, 1, 1)


def test_audit_log_records_an_edit(engine: Engine) -> None:
    with session_scope(engine) as s:
        [pid] = fill(s, 1, seed=6, killed=2)
        repo.update_incident(s, pid, {"killed": 5, "status": "reviewed"}, actor="Jane Doe")
    with session_scope(engine) as s:
        rec = queries.get_incident(s, pid)
    edits = {(a.field, a.old_value, a.new_value) for a in rec.audit if a.actor == "Jane Doe"}
    assert edits == {("killed", "2", "5"), ("status", "draft", "reviewed")}
    assert rec.killed == 5 and rec.status.value == "reviewed"


@pytest.mark.parametrize(
    "changes",
    [
        {"killed": -1},
        {"region_code": "UA-99"},
        {"type": "bombing"},
        {"nonsense": 1},
        {"date": "2024-13-01"},
    ],
)
def test_update_is_validated(engine: Engine, changes: dict[str, object]) -> None:
    with session_scope(engine) as s:
        [pid] = fill(s, 1, seed=7)
    with pytest.raises(ValidationFailed), session_scope(engine) as s:
        repo.update_incident(s, pid, changes, actor="editor")


def _second_source(
    rng: random.Random, body: str, killed: int, published: dt.date, minimum: bool = False
) -> tuple[object, IncidentDraft]:
    report, draft = report_and_draft(rng, killed=killed, published=published)
    return report, draft.model_copy(
        update={
            "reporting_bodies": [body],
            "date_reported": published,
            "minimum_counts": ["killed"] if minimum else [],
        }
    )


def test_headline_rule_most_authoritative_then_latest(engine: Engine) -> None:
    rng = random.Random(8)
    with session_scope(engine) as s:
        report, draft = _second_source(rng, "media", 9, dt.date(2024, 6, 1))
        pid = store_incident(s, report, draft)  # type: ignore[arg-type]
        for body, killed, day, minimum in (
            ("ua-military-admin", 6, dt.date(2024, 6, 2), False),
            ("un-hrmmu", 4, dt.date(2024, 6, 3), False),
            ("un-hrmmu", 5, dt.date(2024, 6, 9), True),  # latest from the top body wins
            ("ua-police", 12, dt.date(2024, 6, 20), False),  # later but less authoritative
        ):
            rep, d = _second_source(rng, body, killed, day, minimum)
            rid, _ = repo.get_or_add_report(s, rep)  # type: ignore[arg-type]
            assert repo.add_source(s, pid, d, rid, actor="tester")
        assert not repo.add_source(s, pid, d, rid, actor="tester")  # same report again
    with session_scope(engine) as s:
        rec = queries.get_incident(s, pid)
    assert rec.killed == 5 and "killed" in rec.minimum_counts
    assert (rec.killed_min, rec.killed_max) == (4, 12)
    assert sorted(src.killed for src in rec.sources) == [4, 5, 6, 9, 12]
    assert "most authoritative" in rec.headline_rule


def test_merge_keeps_sources_and_old_id_resolves(engine: Engine) -> None:
    rng = random.Random(9)
    with session_scope(engine) as s:
        a = store_incident(s, *report_and_draft(rng, type="torture"))
        b = store_incident(s, *report_and_draft(rng, type="unlawful_detention"))
        sug = repo.add_merge_suggestion(s, b, a, 0.9, ["same day, same place"], None)
        assert repo.add_merge_suggestion(s, a, b, 0.8, [], None) == sug
        assert [x["id"] for x in repo.list_merge_suggestions(s)] == [sug]
    with session_scope(engine) as s:
        repo.decide_merge_suggestion(s, sug, True, actor="editor")
    with session_scope(engine) as s:
        survivor = queries.get_incident(s, b)  # the merged ID resolves
        assert survivor.public_id == a
        assert survivor.merged_ids == [b]
        assert len(survivor.sources) == 2
        assert [t.value for t in survivor.secondary_types] == ["unlawful_detention"]
        assert repo.list_merge_suggestions(s) == []
        assert repo.list_merge_suggestions(s, "accepted")[0]["decided_by"] == "editor"
        assert queries.count_incidents(s, IncidentFilter(types=("unlawful_detention",))) == 1
        assert any(x.action == "merge" for x in survivor.audit)


def test_merge_suggestion_rejected(engine: Engine) -> None:
    with session_scope(engine) as s:
        a, b = fill(s, 2, seed=10)
        sug = repo.add_merge_suggestion(s, a, b, 0.5, ["near"], None)
        repo.decide_merge_suggestion(s, sug, False, actor="editor")
        with pytest.raises(ValidationFailed):
            repo.decide_merge_suggestion(s, sug, True, actor="editor")
        assert queries.count_incidents(s, IncidentFilter()) == 2


def test_candidate_incidents_match_secondary_type(engine: Engine) -> None:
    rng = random.Random(11)
    with session_scope(engine) as s:
        report, draft = report_and_draft(
            rng, region_code="UA-14", type="strike_on_civilians", date=dt.date(2024, 4, 4)
        )
        pid = store_incident(
            s, report, draft.model_copy(update={"secondary_types": ["attack_on_medical"]})
        )
        found = repo.candidate_incidents(
            s,
            region_code="UA-14",
            type="attack_on_medical",
            date_from=dt.date(2024, 4, 1),
            date_to=dt.date(2024, 4, 7),
        )
        none = repo.candidate_incidents(
            s, region_code="UA-63", type="attack_on_medical", date_from=None, date_to=None
        )
    assert [r.public_id for r in found] == [pid] and found[0].sources
    assert none == []


def test_create_needs_type_and_actor(engine: Engine) -> None:
    report, draft = report_and_draft(random.Random(12))
    with session_scope(engine) as s:
        rid, _ = repo.get_or_add_report(s, report)
        with pytest.raises(ValidationFailed):
            repo.create_incident(s, draft.model_copy(update={"type": None}), rid, actor="x")
        with pytest.raises(ValidationFailed):
            repo.create_incident(s, draft, rid, actor=" ")


def _writer(url: str, seed: int, n: int) -> None:
    engine = make_engine(url)
    rng = random.Random(seed)
    for _ in range(n):  # one transaction per incident, interleaving with the other process
        with session_scope(engine) as s:
            store_incident(s, *report_and_draft(rng))
    engine.dispose()


def test_two_processes_writing_one_sqlite_file_lose_nothing(sqlite_url: str) -> None:
    init_db(sqlite_url)
    # Separate interpreters (not multiprocessing): a spawned child re-imports the
    # parent's __main__, which under some runners (Streamlit's AppTest) is app.py.
    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys; sys.path.insert(0, 'tests'); from test_store_repo import _writer; "
        "_writer(sys.argv[1], int(sys.argv[2]), 40)"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, sqlite_url, str(seed)], cwd=root)
        for seed in (100, 200)
    ]
    assert [p.wait(timeout=180) for p in procs] == [0, 0]
    engine = make_engine(sqlite_url)
    with session_scope(engine) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Incident)) == 80
        assert len(set(s.scalars(sa.select(Incident.public_id)))) == 80
    engine.dispose()


def _masks_from_links(s: sa.orm.Session) -> dict[int, tuple[int, int]]:
    """(stored body_mask, bits of the non-notified body links) per incident."""
    from incidents.store.models import BODY_BIT, IncidentBody

    links: dict[int, int] = {}
    for inc, body, role in s.execute(
        sa.select(IncidentBody.incident_id, IncidentBody.body_id, IncidentBody.role)
    ):
        links[inc] = links.get(inc, 0) | (BODY_BIT[body] if role != "notified" else 0)
    stored = s.execute(sa.select(Incident.id, Incident.body_mask)).all()
    return {pk: (mask, links.get(pk, 0)) for pk, mask in stored}


def test_body_mask_follows_body_links_through_writes_and_merges(engine: Engine) -> None:
    rng = random.Random(31)
    with session_scope(engine) as s:
        a = store_incident(
            s, *report_and_draft(rng, reporting_bodies=["ua-pgo"], notified_bodies=["icc"])
        )
        b = store_incident(
            s, *report_and_draft(rng, reporting_bodies=["media"], investigating_bodies=["ua-sbu"])
        )
        c = store_incident(s, *report_and_draft(rng, reporting_bodies=[], notified_bodies=["osce"]))
        report, draft = report_and_draft(rng, investigating_bodies=["un-hrmmu"])
        rid, _ = repo.get_or_add_report(s, report)
        assert repo.add_source(s, a, draft, rid, actor="t")
    with session_scope(engine) as s:
        masks = _masks_from_links(s)
        assert all(stored == linked for stored, linked in masks.values()), masks
        assert sorted(stored for stored, _ in masks.values())[0] == 0  # c: notified only
        repo.merge_incidents(s, a, b, actor="t")
    with session_scope(engine, write=False) as s:
        masks = _masks_from_links(s)
        assert all(stored == linked for stored, linked in masks.values()), masks
        linked = _bodies_from_links(s)
        assert linked["ua-sbu"] == linked["ua-pgo"] == 1  # b's body moved to the survivor
        for body in BODIES:
            want = linked.get(body, 0)
            assert queries.count_incidents(s, IncidentFilter(bodies=(body,))) == want, body
        assert dict(queries.facets(s, IncidentFilter())["body"]) == linked
        assert queries.get_incident(s, b).public_id == a
        assert queries.get_incident(s, c).public_id == c


def _bodies_from_links(s: sa.orm.Session) -> dict[str, int]:
    """Incidents per body that reported or investigates, counted from the links."""
    from incidents.store.models import IncidentBody

    stmt = (
        sa.select(IncidentBody.body_id, sa.func.count(sa.distinct(IncidentBody.incident_id)))
        .where(IncidentBody.role != "notified")
        .group_by(IncidentBody.body_id)
    )
    return {body: int(n) for body, n in s.execute(stmt)}


def test_machine_summary_follows_the_headline_but_an_editors_summary_stays(
    engine: Engine,
) -> None:
    rng = random.Random(21)
    with session_scope(engine) as s:
        report, draft = _second_source(rng, "ua-military-admin", 5, dt.date(2024, 6, 1))
        pid = store_incident(s, report, draft)  # type: ignore[arg-type]
        rep, d = _second_source(rng, "ua-pgo", 44, dt.date(2024, 6, 4))
        rid, _ = repo.get_or_add_report(s, rep)  # type: ignore[arg-type]
        repo.add_source(s, pid, d, rid, actor="ingest")
    with session_scope(engine) as s:
        rec = queries.get_incident(s, pid)
    assert rec.killed == 44
    assert re.search(r"\b44\b", rec.summary) and not re.search(r"\b5\b", rec.summary)
    assert "Prosecutor General" in rec.summary  # the most authoritative body is named
    with session_scope(engine) as s:
        repo.update_incident(s, pid, {"summary": "Checked by hand."}, actor="editor")
        rep, d = _second_source(rng, "ua-pgo", 46, dt.date(2024, 6, 9))
        rid, _ = repo.get_or_add_report(s, rep)  # type: ignore[arg-type]
        repo.add_source(s, pid, d, rid, actor="ingest")
    with session_scope(engine) as s:
        rec = queries.get_incident(s, pid)
    assert rec.killed == 46 and rec.summary == "Checked by hand."
