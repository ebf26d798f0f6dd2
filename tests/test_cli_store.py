"""The store commands through typer's runner (exceptions not swallowed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import fill
from typer.testing import CliRunner

from incidents.cli import app
from incidents.export import COLUMNS, data_dictionary_text
from incidents.store import make_engine, session_scope

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(db_url: str) -> str:
    code, out, _ = run("init", "--db", db_url)
    assert code == 0 and "Database ready" in out
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        fill(s, 4, seed=51, region_code="UA-63")
    engine.dispose()
    return db_url


def test_init_twice_and_uninitialised_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    code, _, err = run("list", "--db", url)
    assert code == 1 and "incidents init" in err
    assert run("init", "--db", url)[0] == 0 and run("init", "--db", url)[0] == 0


def test_list_show_and_cite(db: str) -> None:
    code, out, err = run("list", "--db", db, "--region", "UA-63")
    assert code == 0 and "4 of 4 incidents" in err
    pid = out.split()[0]
    code, out, _ = run("show", pid, "--db", db)
    assert code == 0 and pid in out and "Sources (1)" in out and "sha256" in out
    code, out, _ = run("show", pid, "--db", db, "--cite")
    assert code == 0 and f"?id={pid}" in out and "accessed" in out
    code, out, _ = run("show", pid, "--db", db, "--cite", "--format", "csl-json")
    assert json.loads(out)[0]["id"] == pid
    code, _, err = run("show", "UA-1999-999999", "--db", db)
    assert code == 1 and "no incident" in err


def test_bad_filter_is_an_error_not_a_traceback(db: str) -> None:
    code, _, err = run("list", "--db", db, "--region", "UA-99")
    assert code == 1 and "unknown region code" in err
    code, _, err = run("export", "--db", db, "--format", "xlsx")
    assert code == 1 and "--format" in err


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson"])
def test_export_to_file_and_reimport(db: str, tmp_path: Path, fmt: str) -> None:
    out_file = tmp_path / f"out.{fmt}"
    code, _, err = run("export", "--db", db, "--format", fmt, "-o", str(out_file))
    assert code == 0 and "Exported 4 incidents" in err
    text = out_file.read_text(encoding="utf-8")
    if fmt == "csv":
        assert text.splitlines()[0] == ",".join(COLUMNS)
        code, out, _ = run("import", str(out_file), "--db", db)
        assert code == 0 and "4 unchanged" in out
    elif fmt == "geojson":
        assert len(json.loads(text)["features"]) == 4
    else:
        assert len(text.splitlines()) == 4


def test_export_stdout_acled_hxl_and_manifest(db: str) -> None:
    code, out, _ = run("export", "--db", db, "--columns", "acled", "--hxl")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("event_id_cnty,event_date") and lines[1][0] == "#"
    code, out, err = run("export", "--db", db, "--manifest")
    assert code == 0 and out.splitlines()[0].startswith("report_id,url") and "4 source" in err


def test_import_rejects_bad_file(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("type,killed\nother,-2\nbombing,1\n", encoding="utf-8")
    code, _, err = run("import", str(bad), "--db", db)
    assert code == 1
    assert f"{bad}:2: killed:" in err and f"{bad}:3: type:" in err


def test_export_help_carries_the_data_dictionary() -> None:
    code, out, _ = run("export", "--help")
    flat = " ".join(out.split())
    assert code == 0
    for line in data_dictionary_text().splitlines():
        assert " ".join(line.split()) in flat, line
    for command in ("init", "import", "export", "list", "show"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "Example" in out
