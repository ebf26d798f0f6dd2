"""Ingest and merge on both engines: clear match joins, likely match is suggested,
no match is a new draft, the same report twice changes nothing.

The merge rules are tested with a deterministic stand-in extractor (the report text
is the JSON of the extraction result), so these tests say what ingest does with
drafts, independent of how well the extractor reads prose.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from incidents.ingest.pipeline import NO_PUBLISHED_DATE, IngestOutcome, ingest_report
from incidents.schemas import ExtractionResult, ReportIn
from incidents.store import init_db, make_engine, session_scope
from incidents.store.records import incident_record
from incidents.store.repo import candidate_incidents, resolve

D = dt.date(2025, 3, 3)


def fake_extract(report: ReportIn) -> ExtractionResult:
    return ExtractionResult.model_validate(json.loads(report.text))


def draft(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "date": D.isoformat(), "date_reported": D.isoformat(), "region_code": "UA-23",
        "settlement": "Testivka", "lat": 47.84, "lon": 35.14, "geo_precision": "settlement",
        "type": "strike_on_civilians", "killed": 2, "injured": 5,
        "reporting_bodies": ["ua-military-admin"], "victim_groups": ["civilians"],
        "summary": "A drone strike on a street in Testivka.",
    }
    base.update(kw)
    return base


def report(*drafts: dict[str, Any], kind: str = "incident", published: dt.date | None = D,
           note: str = "") -> ReportIn:
    text = json.dumps({"kind": kind, "incidents": list(drafts), "problems": []}) + note
    return ReportIn(text=text, published=published, publisher="Example Wire",
                    url="https://wire.example.org/x", retrieved_at=dt.datetime.now(dt.UTC))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    init_db(db_url)
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


def ingest(engine: Engine, rep: ReportIn) -> IngestOutcome:
    with session_scope(engine) as s:
        return ingest_report(s, rep, actor="tester", extractor=fake_extract)


def counts(engine: Engine) -> dict[str, int]:
    tables = ("reports", "incidents", "incident_sources", "merge_suggestions", "audit_log",
              "incident_bodies")
    with engine.connect() as conn:
        return {t: conn.execute(sa.text(f"select count(*) from {t}")).scalar_one() for t in tables}


def record(engine: Engine, public_id: str) -> Any:
    with session_scope(engine) as s:
        return incident_record(resolve(s, public_id), full=True)


def test_no_match_becomes_a_new_draft_incident(engine: Engine) -> None:
    out = ingest(engine, report(draft()))
    assert out.created and out.kind == "incident" and out.problems == []
    [(public_id, action)] = out.incidents
    assert action == "created"
    rec = record(engine, public_id)
    assert rec.status == "draft" and rec.killed == 2 and rec.settlement == "Testivka"
    assert len(rec.sources) == 1
    src = rec.sources[0]
    assert src.publisher == "Example Wire" and src.retrieved_at is not None
    assert len(src.sha256) == 64
    with engine.connect() as conn:
        text = conn.execute(sa.text("select text from reports")).scalar_one()
    assert text.startswith('{"kind": "incident"')  # the full text is preserved


def test_clear_match_joins_and_newer_toll_updates_headline_with_history(
    engine: Engine,
) -> None:
    first = ingest(engine, report(draft()))
    [(public_id, _)] = first.incidents
    later = D + dt.timedelta(days=1)
    second = ingest(engine, report(draft(killed=4, date_reported=later.isoformat()),
                                   published=later))
    assert second.incidents == [(public_id, "joined")]
    rec = record(engine, public_id)
    assert len(rec.sources) == 2
    assert sorted(s.killed for s in rec.sources) == [2, 4]  # side by side
    assert rec.killed == 4 and rec.killed_min == 2 and rec.killed_max == 4
    with engine.connect() as conn:
        history = conn.execute(sa.text(
            "select old_value, new_value from audit_log where public_id = :p and field = 'killed'"
        ), {"p": public_id}).all()
    assert ("2", "4") in [tuple(r) for r in history]  # history keeps both figures
    assert counts(engine)["incidents"] == 1


def test_likely_match_is_a_suggestion_not_a_merge_nor_a_silent_duplicate(
    engine: Engine,
) -> None:
    [(first_id, _)] = ingest(engine, report(draft())).incidents
    # Same day, region and type, but the second report gives no settlement: likely.
    out = ingest(engine, report(draft(settlement=None, lat=None, lon=None,
                                      geo_precision="region")))
    [(new_id, action)] = out.incidents
    assert action == "suggested" and new_id != first_id
    assert len(record(engine, first_id).sources) == 1  # not merged
    with engine.connect() as conn:
        row = conn.execute(sa.text(
            "select a_public_id, b_public_id, score, reasons, status from merge_suggestions"
        )).one()
    assert {row.a_public_id, row.b_public_id} == {first_id, new_id}
    assert 0.55 <= row.score < 0.85 and row.status == "open"
    reasons = row.reasons if isinstance(row.reasons, list) else json.loads(row.reasons)
    assert "settlement unknown on one side" in reasons


def test_far_settlement_is_a_separate_incident(engine: Engine) -> None:
    ingest(engine, report(draft()))
    out = ingest(engine, report(draft(settlement="Inshe", lat=47.84, lon=35.60)))
    assert [a for _, a in out.incidents] == ["created"]
    assert counts(engine)["merge_suggestions"] == 0


def test_same_report_twice_changes_nothing(engine: Engine) -> None:
    rep = report(draft())
    ingest(engine, rep)
    before = counts(engine)
    again = ingest(engine, rep.model_copy(update={"publisher": "Other", "published": None}))
    assert not again.created and again.incidents == []
    assert counts(engine) == before


@pytest.mark.parametrize("kind", ["aggregate", "other"])
def test_aggregate_and_other_are_kept_as_evidence_only(engine: Engine, kind: str) -> None:
    out = ingest(engine, report(draft(), kind=kind))
    assert out.created and out.incidents == [] and out.kind == kind
    c = counts(engine)
    assert (c["reports"], c["incidents"]) == (1, 0)
    with engine.connect() as conn:
        assert conn.execute(sa.text("select kind from reports")).scalar_one() == kind


def test_roundup_drafts_never_join_each_other(engine: Engine) -> None:
    out = ingest(engine, report(draft(), draft(killed=1, injured=None), kind="roundup"))
    assert [a for _, a in out.incidents] == ["created", "created"]


def test_missing_publication_date_is_flagged(engine: Engine) -> None:
    out = ingest(engine, report(draft(date=None, date_reported=None), published=None))
    assert NO_PUBLISHED_DATE in out.problems
    rec = record(engine, out.incidents[0][0])
    assert rec.date is None and rec.date_reported is None


def test_draft_without_type_is_not_an_incident(engine: Engine) -> None:
    out = ingest(engine, report(draft(type=None)))
    assert out.incidents == []
    assert out.problems == ["incident 1: no incident type found; not stored as an incident"]
    assert counts(engine)["incidents"] == 0


def test_candidates_come_from_the_window(engine: Engine) -> None:
    ingest(engine, report(draft()))
    ingest(engine, report(draft(date=(D + dt.timedelta(days=10)).isoformat(),
                                date_reported=(D + dt.timedelta(days=10)).isoformat())))
    with session_scope(engine) as s:
        found = candidate_incidents(s, region_code="UA-23", type="strike_on_civilians",
                                    date_from=D - dt.timedelta(days=1),
                                    date_to=D + dt.timedelta(days=1))
    assert [r.date for r in found] == [D]
