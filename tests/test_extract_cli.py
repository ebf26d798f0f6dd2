"""``incidents extract`` through typer's runner: the JSON contract and file errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from incidents.cli import app

runner = CliRunner()
REPORT = (
    "Russian drone strike kills 2 in Kherson\n\n"
    "Two civilians were killed and four injured when a Russian drone hit a bus in Kherson "
    "yesterday, the regional military administration said.\n"
)
KEYS = {
    "date",
    "date_reported",
    "region_code",
    "settlement",
    "lat",
    "lon",
    "geo_precision",
    "type",
    "secondary_types",
    "killed",
    "injured",
    "missing",
    "detained",
    "victim_groups",
    "reporting_bodies",
    "notified_bodies",
    "summary",
    "confidence",
    "evidence",
}


def test_json_contract(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f), "--published", "2025-02-10", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["kind"] == "incident"
    d = data["incidents"][0]
    assert set(d) >= KEYS
    assert d["date"] == "2025-02-09" and d["killed"] == 2 and d["injured"] == 4
    for ev in d["evidence"].values():
        assert REPORT[ev["start"] : ev["end"]] == ev["quote"]


def test_readable_summary(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f), "--published", "2025-02-10"])
    assert res.exit_code == 0 and "kind: incident" in res.stdout


def test_bad_files_name_the_file(tmp_path):
    cases = {
        "empty.txt": b"",
        "bin.txt": b"\x00\x01\x02\x03abc",
        "latin1.txt": "caf\xe9".encode("latin-1"),
    }
    for name, raw in cases.items():
        f = tmp_path / name
        f.write_bytes(raw)
        res = runner.invoke(app, ["extract", str(f), "--json"])
        assert res.exit_code == 1
        assert name in res.output


def test_bad_published_date(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f), "--published", "23/01/2025"])
    assert res.exit_code == 1 and "--published" in res.output
