"""``incidents geocode`` through typer's runner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from incidents.cli import app

runner = CliRunner()


def test_geocode_json_contract() -> None:
    result = runner.invoke(app, ["geocode", "Olenivka", "--context",
                                 "Strike on Olenivka, Donetsk Oblast", "--json"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"query", "region_code", "region_name", "settlement", "lat", "lon",
                         "precision", "ambiguous", "candidates", "source"}
    assert (data["region_code"], data["region_name"], data["settlement"]) == (
        "UA-14", "Donetsk Oblast", "Olenivka")
    assert data["precision"] == "settlement" and data["source"] == "gazetteer"


def test_geocode_readable_line() -> None:
    result = runner.invoke(app, ["geocode", "на Харківщині"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Kharkiv Oblast" in result.output and "[region, gazetteer]" in result.output


def test_geocode_ambiguous_lists_candidates() -> None:
    result = runner.invoke(app, ["geocode", "Mykolaivka"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "AMBIGUOUS" in result.output and result.output.count("candidate:") > 3


def test_geocode_empty_name_exits_1() -> None:
    result = runner.invoke(app, ["geocode", "  "])
    assert result.exit_code == 1
    assert "empty place name" in result.output
