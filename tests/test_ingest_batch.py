"""Batches: bad inputs are named and skipped, a killed batch resumes exactly, the
commands print a summary and exit non-zero when anything failed."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import typer
from sqlalchemy import Engine
from typer.testing import CliRunner

from incidents.commands import ingest as ingest_commands
from incidents.ingest import pipeline
from incidents.ingest.pipeline import IngestSummary, ingest_sources
from incidents.schemas import ExtractionResult, ReportIn
from incidents.store import init_db, make_engine

D = dt.date(2025, 3, 3)


def fake_extract(report: ReportIn) -> ExtractionResult:
    """JSON texts carry their own extraction; prose is kept as evidence only."""
    if report.text.startswith("{"):
        return ExtractionResult.model_validate(json.loads(report.text))
    return ExtractionResult(kind="other")


def draft_text(i: int, *, group_size: int = 100) -> str:
    """Report ``i``: groups of reports about the same incident (same place and day),
    each later report with a higher toll, so a batch both creates and joins."""
    place, rerun = i % group_size, i // group_size
    day = D + dt.timedelta(days=3 * place)
    d = {"date": day.isoformat(), "date_reported": (day + dt.timedelta(days=rerun)).isoformat(),
         "region_code": "UA-63", "settlement": f"Selo {place}", "type": "strike_on_civilians",
         "killed": 2 + rerun, "reporting_bodies": ["ua-military-admin"]}
    return json.dumps({"kind": "incident", "incidents": [d]})


def write_batch(path: Path, n: int, group_size: int = 100) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            row = {"text": draft_text(i, group_size=group_size), "publisher": "Batch Wire",
                   "published": (D + dt.timedelta(days=i % 7)).isoformat()}
            fh.write(json.dumps(row))
            fh.write("\n")
    return path


def counts(engine: Engine) -> dict[str, int]:
    tables = ("reports", "incidents", "incident_sources", "merge_suggestions", "audit_log")
    with engine.connect() as conn:
        return {t: conn.execute(sa.text(f"select count(*) from {t}")).scalar_one() for t in tables}


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    init_db(db_url)
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


def run(engine: Engine, inputs: list[str], **kw: Any) -> IngestSummary:
    return ingest_sources(engine, inputs, actor="tester", progress=False,
                          extractor=fake_extract, **kw)


# ----------------------------------------------------------------- robustness


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/gone"


class _Slow(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        time.sleep(30)


@pytest.fixture
def slow_url() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/slow"
    httpd.shutdown()
    httpd.server_close()


def bad_inputs(tmp: Path) -> dict[str, str]:
    """name -> the words its error message must contain."""
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (tmp / "latin1.txt").write_bytes("Strike on Kherson café".encode("latin-1"))
    with (tmp / "huge.txt").open("wb") as fh:
        fh.write(b"All work and no play makes a very long report.\n" * 430_000)
    (tmp / "scripts.html").write_text(
        "<html><body><script>while(true){}</script></body></html>", encoding="utf-8")
    (tmp / "broken.xml").write_text('<?xml version="1.0"?><rss><channel>', encoding="utf-8")
    return {"empty.txt": "empty", "binary.txt": "binary", "latin1.txt": "not valid UTF-8",
            "huge.txt": "the limit for one input", "scripts.html": "no main text",
            "broken.xml": "not an RSS/Atom feed"}


def test_bad_inputs_are_named_and_skipped_and_good_ones_stored(
    engine: Engine, tmp_path: Path, slow_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("incidents.ingest.sources.CONNECT_TIMEOUT_SECONDS", 0.5)
    expected = bad_inputs(tmp_path)
    good_txt = tmp_path / "good.txt"
    good_txt.write_text("Shelling damaged two houses in Testivka on Monday.", encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"text": draft_text(0)}) + "\n{oops\n"
                     + json.dumps({"text": draft_text(1)}) + "\n", encoding="utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
        "<item><title>ok</title><description>A school was hit in Prykladne.</description></item>"
        "<item><title>empty</title><description></description></item>"
        "</channel></rss>", encoding="utf-8")
    unreachable = _closed_port_url()
    names = sorted(expected)
    inputs = [str(tmp_path / n) for n in names[:3]] + [str(good_txt), unreachable, str(batch)]
    inputs += [str(tmp_path / n) for n in names[3:]] + [slow_url, str(feed)]
    started = time.monotonic()
    summary = run(engine, inputs)
    assert time.monotonic() - started < 20
    assert not summary.ok
    failures = dict(summary.failures)
    for name, words in expected.items():
        message = failures[str(tmp_path / name)]
        assert str(tmp_path / name) in message and words in message, message
    assert "cannot be reached" in failures[unreachable]
    assert "no answer within" in failures[slow_url]
    assert "not valid JSON" in failures[f"{batch}:2"]
    assert "the item has no text" in failures[f"{feed} item 2"]
    assert len(summary.failures) == len(expected) + 4
    # good.txt, two batch rows, one feed item: all stored, nothing half-written.
    assert summary.reports_new == 4
    c = counts(engine)
    assert c["reports"] == 4 and c["incidents"] == 2 and c["incident_sources"] == 2


def test_rerun_of_a_batch_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "b.jsonl", 30, group_size=10)
    first = run(engine, [str(batch)])
    assert first.ok and first.reports_new == 30
    assert first.actions["created"] == 10 and first.actions["joined"] == 20
    before = counts(engine)
    second = run(engine, [str(batch)])
    assert second.ok and second.reports_new == 0 and second.reports_known == 30
    assert counts(engine) == before


def test_command_line_metadata_wins_for_every_row(engine: Engine, tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "b.jsonl", 3)
    run(engine, [str(batch)], published=dt.date(2025, 1, 2), publisher="Given")
    with engine.connect() as conn:
        rows = conn.execute(sa.text("select distinct publisher, published from reports")).all()
    assert [(r[0], str(r[1])[:10]) for r in rows] == [("Given", "2025-01-02")]


# ------------------------------------------------------------------ kill -9

_WORKER = textwrap.dedent("""
    import json, sys, time
    from incidents.ingest.pipeline import ingest_sources
    from incidents.schemas import ExtractionResult
    from incidents.store import make_engine

    def slow(report):
        time.sleep(0.01)
        return ExtractionResult.model_validate(json.loads(report.text))

    ingest_sources(make_engine(sys.argv[1]), [sys.argv[2]], actor="worker",
                   progress=False, extractor=slow)
""")


def _sqlite_counts(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path, timeout=5)
    try:
        reports = conn.execute("select count(*) from reports").fetchone()[0]
        sources = conn.execute("select count(*) from incident_sources").fetchone()[0]
        return reports, sources
    finally:
        conn.close()


def test_batch_killed_half_way_resumes_with_exactly_the_rest(tmp_path: Path) -> None:
    n = 300
    batch = write_batch(tmp_path / "batch.jsonl", n)
    db_path = tmp_path / "killed.db"
    url = f"sqlite:///{db_path}"
    init_db(url)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    proc = subprocess.Popen([sys.executable, "-c", _WORKER, url, str(batch)], env=env)
    try:
        deadline = time.monotonic() + 60
        while _sqlite_counts(db_path)[0] < 40:
            assert proc.poll() is None, "the worker finished or died before it was killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done, sources = _sqlite_counts(db_path)
    assert 40 <= done < n
    # Consistent: every stored report has its incident source; nothing half-written.
    assert sources == done
    conn = sqlite3.connect(db_path)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute(
        "select count(*) from incidents i where not exists "
        "(select 1 from incident_sources s where s.incident_id = i.id)").fetchone()[0] == 0
    conn.close()

    killed = make_engine(url)
    summary = ingest_sources(killed, [str(batch)], actor="tester", progress=False,
                             extractor=fake_extract)
    assert summary.ok and summary.reports_known == done and summary.reports_new == n - done
    whole_url = f"sqlite:///{tmp_path / 'whole.db'}"
    init_db(whole_url)
    whole = make_engine(whole_url)
    ingest_sources(whole, [str(batch)], actor="tester", progress=False, extractor=fake_extract)
    got, want = counts(killed), counts(whole)
    for table in ("reports", "incidents", "incident_sources", "merge_suggestions"):
        assert got[table] == want[table], table
    assert want["reports"] == n and want["incidents"] == 100
    killed.dispose()
    whole.dispose()


# ------------------------------------------------------------------ commands


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setattr(pipeline, "_default_extractor", lambda: fake_extract)
    app = typer.Typer()
    ingest_commands.register(app)
    return app


def test_ingest_command_summary_and_exit_status(
    cli: typer.Typer, engine: Engine, db_url: str, tmp_path: Path
) -> None:
    batch = write_batch(tmp_path / "b.jsonl", 5)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    runner = CliRunner()
    ok = runner.invoke(cli, ["ingest", str(batch), "--db", db_url, "--quiet"])
    assert ok.exit_code == 0, ok.output
    assert "reports stored: 5 new" in ok.output
    assert "incidents: 5 created" in ok.output
    bad = runner.invoke(cli, ["ingest", str(empty), str(batch), "--db", db_url])
    assert bad.exit_code == 1
    assert f"skipped: {empty}: the file is empty" in bad.output
    assert "0 new, 5 already stored" in bad.output and "failed: 1" in bad.output


def test_ingest_command_rejects_a_bad_date(cli: typer.Typer, engine: Engine,
                                           db_url: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["ingest", str(tmp_path), "--published", "March 3", "--db", db_url])
    assert result.exit_code == 1
    assert "--published: 'March 3' is not a YYYY-MM-DD date" in result.output


def test_ingest_into_uninitialised_database_fails_clearly(
    cli: typer.Typer, sqlite_url: str, tmp_path: Path
) -> None:
    batch = write_batch(tmp_path / "b.jsonl", 1)
    result = CliRunner().invoke(cli, ["ingest", str(batch), "--db", sqlite_url])
    assert result.exit_code == 1 and "Error:" in result.output


def test_demo_missing_file_is_a_clear_error(
    cli: typer.Typer, sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "DEMO_REPORTS", tmp_path / "nowhere" / "reports.jsonl")
    result = CliRunner().invoke(cli, ["demo", "--db", sqlite_url])
    assert result.exit_code == 1
    assert "the demo reports are missing" in result.output
    assert str(tmp_path / "nowhere" / "reports.jsonl") in result.output


# --------------------------------------------------- the real extractor, end to end


def _real_extractor_ready() -> bool:
    import importlib

    try:
        return hasattr(importlib.import_module("incidents.extract"), "extract")
    except ImportError:
        return False


needs_extractor = pytest.mark.skipif(
    not _real_extractor_ready(), reason="incidents.extract.extract is not available yet"
)


@needs_extractor
@pytest.mark.slow
def test_demo_runs_through_the_real_pipeline_and_twice_changes_nothing(db_url: str) -> None:
    app = typer.Typer()
    ingest_commands.register(app)
    runner = CliRunner()
    first = runner.invoke(app, ["demo", "--db", db_url, "--quiet"])
    assert first.exit_code == 0, first.output
    lines = [ln for ln in pipeline.DEMO_REPORTS.read_text(encoding="utf-8").splitlines() if ln]
    assert f"reports stored: {len(lines)} new" in first.output
    engine = make_engine(db_url)
    before = counts(engine)
    assert before["reports"] == len(lines) and before["incidents"] > 0
    second = runner.invoke(app, ["demo", "--db", db_url, "--quiet"])
    assert second.exit_code == 0, second.output
    assert f"0 new, {len(lines)} already stored" in second.output
    assert counts(engine) == before
    engine.dispose()


@needs_extractor
def test_real_report_files_end_to_end(engine: Engine, tmp_path: Path) -> None:
    fixtures = Path(__file__).resolve().parent / "fixtures" / "reports"
    texts = sorted(fixtures.glob("*.txt"))[:6]
    summary = ingest_sources(engine, [str(p) for p in texts], actor="tester", progress=False,
                             published=dt.date(2024, 5, 20))
    assert summary.ok, summary.failures
    assert summary.reports_new == len(texts)
    again = ingest_sources(engine, [str(p) for p in texts], actor="tester", progress=False,
                           published=dt.date(2024, 5, 20))
    assert again.reports_known == len(texts) and again.reports_new == 0
