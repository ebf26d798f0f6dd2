"""Structured import: validation lists every problem, nothing written, idempotent re-import."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from factories import fill
from sqlalchemy import Engine

from incidents.errors import ValidationFailed
from incidents.export import COLUMNS, write_csv, write_jsonl
from incidents.schemas import IncidentFilter
from incidents.store import init_db, make_engine, queries, session_scope
from incidents.store.importer import import_file
from incidents.store.models import AuditLog, Incident

GOOD = {
    "type": "strike_on_civilians",
    "date": "2024-03-02",
    "region_code": "UA-51",
    "settlement": "Odesa",
    "killed": "3",
    "summary": "Invented test record.",
}


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    init_db(db_url)
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


def _csv(path: Path, rows: list[dict[str, str]]) -> Path:
    names = list(dict.fromkeys(k for r in rows for k in r))
    with path.open("w", encoding="utf-8", newline="") as fp:
        writer = csv.DictWriter(fp, names)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _count(engine: Engine) -> tuple[int, int]:
    with session_scope(engine, write=False) as s:
        return (
            s.scalar(sa.select(sa.func.count()).select_from(Incident)) or 0,
            s.scalar(sa.select(sa.func.count()).select_from(AuditLog)) or 0,
        )


@pytest.mark.parametrize(
    "bad, field, reason",
    [
        ({"date": "2024-02-30"}, "date", "date"),
        ({"region_code": "UA-99"}, "region_code", "unknown region code"),
        ({"type": "bombing"}, "type", "Input should be"),
        ({"killed": "-4"}, "killed", "greater than or equal to 0"),
        ({"type": ""}, "type", "missing required field"),
        ({"source_sha256": "abc"}, "source_sha256", "SHA-256"),
    ],
)
def test_bad_row_rejects_whole_file(
    engine: Engine, tmp_path: Path, bad: dict[str, str], field: str, reason: str
) -> None:
    path = _csv(tmp_path / "in.csv", [GOOD, {**GOOD, **bad}, GOOD])
    with pytest.raises(ValidationFailed) as err, session_scope(engine) as s:
        import_file(s, path)
    assert any(p.startswith(f"{path}:3: {field}: ") and reason in p for p in err.value.problems), (
        err.value.problems
    )
    assert _count(engine) == (0, 0)


def test_every_bad_row_is_listed(engine: Engine, tmp_path: Path) -> None:
    rows = [GOOD, {**GOOD, "killed": "-1"}, {**GOOD, "date": "yesterday"}, {**GOOD, "type": ""}]
    path = _csv(tmp_path / "in.csv", rows)
    with pytest.raises(ValidationFailed) as err, session_scope(engine) as s:
        import_file(s, path)
    assert [p.split(": ")[0] for p in err.value.problems] == [f"{path}:{n}" for n in (3, 4, 5)]


def test_missing_type_column(engine: Engine, tmp_path: Path) -> None:
    path = _csv(tmp_path / "in.csv", [{k: v for k, v in GOOD.items() if k != "type"}])
    with (
        pytest.raises(ValidationFailed, match="type: missing required field"),
        session_scope(engine) as s,
    ):
        import_file(s, path)


def test_wrong_encoding(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("type,settlement\nother,Bila Tserkva\nother,K\xf6ln\n".encode("latin-1"))
    with (
        pytest.raises(ValidationFailed, match=r"latin.csv:3: file: not UTF-8") as err,
        session_scope(engine) as s,
    ):
        import_file(s, path)
    assert err.value.problems
    assert _count(engine) == (0, 0)


def test_unknown_column(engine: Engine, tmp_path: Path) -> None:
    path = _csv(tmp_path / "in.csv", [{**GOOD, "casualties": "3"}])
    with (
        pytest.raises(ValidationFailed, match="casualties: unknown column"),
        session_scope(engine) as s,
    ):
        import_file(s, path)


def test_reimport_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    path = _csv(tmp_path / "in.csv", [GOOD, {**GOOD, "settlement": "Izmail"}])
    with session_scope(engine) as s:
        first = import_file(s, path)
    before = _count(engine)
    with session_scope(engine) as s:
        again = import_file(s, path)
    assert len(first.created) == 2 and again.created == [] and len(again.unchanged) == 2
    assert _count(engine) == before


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_round_trips_through_import(
    engine: Engine, db_url: str, tmp_path: Path, fmt: str
) -> None:
    with session_scope(engine) as s:
        fill(s, 5, seed=31)
        rows = list(queries.iter_export_rows(s, IncidentFilter()))
    path = tmp_path / f"export.{fmt}"
    with path.open("w", encoding="utf-8", newline="") as fp:
        (write_csv if fmt == "csv" else write_jsonl)(rows, fp)
    # Into a second, empty database: same IDs, same figures, sources by hash.
    other_url = f"sqlite:///{tmp_path / 'other.db'}"
    init_db(other_url)
    other = make_engine(other_url)
    with session_scope(other) as s:
        assert len(import_file(s, path).created) == 5
    with session_scope(other) as s:
        back = list(queries.iter_export_rows(s, IncidentFilter()))
        assert len(import_file(s, path).unchanged) == 5  # and once more: nothing changes
    other.dispose()
    skip = {"created_at", "updated_at", "permalink"}
    for a, b in zip(rows, back, strict=True):
        assert {k: v for k, v in a.items() if k not in skip} == {
            k: v for k, v in b.items() if k not in skip
        }
    # Back into the original database: identity by public ID, nothing changes.
    before = _count(engine)
    with session_scope(engine) as s:
        result = import_file(s, path)
    assert len(result.unchanged) == 5 and _count(engine) == before


def test_import_updates_changed_field_with_audit(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        [pid] = fill(s, 1, seed=41)
        row = next(queries.iter_export_rows(s, IncidentFilter()))
    buf = io.StringIO()
    write_csv([{**row, "summary": "Corrected summary."}], buf)
    path = tmp_path / "fix.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    with session_scope(engine) as s:
        result = import_file(s, path, actor="Jane")
    with session_scope(engine) as s:
        rec = queries.get_incident(s, pid)
    assert result.updated == [pid] and rec.summary == "Corrected summary."
    assert any(a.actor == "Jane" and a.field == "summary" for a in rec.audit)
    assert list(COLUMNS)[0] == "public_id"
