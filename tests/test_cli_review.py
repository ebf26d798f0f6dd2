"""The editor's commands: edit, merge, suggestions, decide (both engines)."""

from __future__ import annotations

import random

import pytest
from factories import fill
from typer.testing import CliRunner

from incidents.cli import app
from incidents.commands.review import parse_assignments
from incidents.errors import ValidationFailed
from incidents.store import init_db, make_engine, queries, repo, session_scope

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def db(db_url: str) -> str:
    init_db(db_url)
    return db_url


def _ids(db_url: str, n: int) -> list[str]:
    with session_scope(make_engine(db_url)) as s:
        return fill(s, n, seed=7)


def test_parse_assignments_lists_empty_values_and_errors() -> None:
    assert parse_assignments(["killed=5", "settlement=", "victim_groups=civilians; children"]) == {
        "killed": "5", "settlement": None, "victim_groups": ["civilians", "children"],
    }
    with pytest.raises(ValidationFailed) as err:
        parse_assignments(["killed", "x=1", "x=2"])
    assert "--set 'killed': expected FIELD=VALUE" in str(err.value)
    assert "--set x: given twice" in str(err.value)


def test_edit_changes_fields_and_audits_the_actor(db: str) -> None:
    (pid,) = _ids(db, 1)
    code, out = run("edit", pid, "--set", "killed=7", "--set", "status=reviewed",
                    "--actor", "O. Petrenko", "--db", db)
    assert code == 0, out
    with session_scope(make_engine(db)) as s:
        rec = queries.get_incident(s, pid, include_restricted=True)
    assert rec.killed == 7 and rec.status.value == "reviewed"
    edits = {(a.field, a.new_value, a.actor) for a in rec.audit if a.action == "update"}
    assert ("killed", "7", "O. Petrenko") in edits
    assert ("status", "reviewed", "O. Petrenko") in edits


def test_edit_rejects_bad_values_and_writes_nothing(db: str) -> None:
    (pid,) = _ids(db, 1)
    with session_scope(make_engine(db)) as s:
        before = queries.get_incident(s, pid, include_restricted=True)
    code, out = run("edit", pid, "--set", "killed=-3", "--set", "region_code=UA-99",
                    "--actor", "x", "--db", db)
    assert code == 1
    assert "killed" in out and "region_code" in out
    with session_scope(make_engine(db)) as s:
        after = queries.get_incident(s, pid, include_restricted=True)
    assert after.killed == before.killed and after.region_code == before.region_code
    assert len(after.audit) == len(before.audit)


def test_edit_needs_an_actor(db: str) -> None:
    (pid,) = _ids(db, 1)
    code, _ = run("edit", pid, "--set", "killed=1", "--db", db)
    assert code != 0


def test_merge_keeps_sources_and_the_old_id_resolves(db: str) -> None:
    a, b = _ids(db, 2)
    code, out = run("merge", a, b, "--actor", "editor", "--db", db)
    assert code == 0, out
    with session_scope(make_engine(db)) as s:
        via_old = queries.get_incident(s, b, include_restricted=True)
    assert via_old.public_id == a
    assert b in via_old.merged_ids and len(via_old.sources) == 2


def test_suggestions_listed_and_decided(db: str) -> None:
    a, b, c = _ids(db, 3)
    with session_scope(make_engine(db)) as s:
        reasons = ["same region", "dates one day apart"]
        first = repo.add_merge_suggestion(s, a, b, 0.7, reasons, None)
        second = repo.add_merge_suggestion(s, a, c, 0.6, ["same settlement"], None)
    code, out = run("suggestions", "--db", db)
    assert code == 0 and f"#{first}" in out and "dates one day apart" in out
    assert "2 suggestion(s) (open)." in out
    assert run("decide", str(second), "reject", "--actor", "ed", "--db", db)[0] == 0
    assert run("decide", str(first), "accept", "--actor", "ed", "--db", db)[0] == 0
    code, out = run("suggestions", "--status", "open", "--db", db)
    assert "0 suggestion(s) (open)." in out
    code, out = run("decide", str(first), "accept", "--actor", "ed", "--db", db)
    assert code == 1 and "already accepted" in out
    with session_scope(make_engine(db)) as s:
        assert queries.get_incident(s, b, include_restricted=True).public_id == a
        assert queries.get_incident(s, c, include_restricted=True).public_id == c


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["decide", "999", "accept", "--actor", "x"], "no merge suggestion 999"),
        (["decide", "1", "maybe", "--actor", "x"], "use accept or reject"),
        (["suggestions", "--status", "pending"], "use open, accepted, rejected or all"),
        (["merge", "UA-2020-999999", "UA-2020-999998", "--actor", "x"], "UA-2020-99999"),
    ],
)
def test_clear_errors(db: str, args: list[str], message: str) -> None:
    code, out = run(*args, "--db", db)
    assert code == 1 and message in out


def test_random_edits_round_trip(db: str) -> None:
    ids = _ids(db, 3)
    rng = random.Random(3)
    for pid in ids:
        killed = rng.randint(0, 50)
        assert run("edit", pid, "--set", f"killed={killed}", "--actor", "r", "--db", db)[0] == 0
        with session_scope(make_engine(db)) as s:
            assert queries.get_incident(s, pid, include_restricted=True).killed == killed
