"""The notebooks run top to bottom on the demo data (and are stored without outputs)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from typer.testing import CliRunner

from incidents.cli import app

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('nb') / 'demo.db'}"
    result = CliRunner().invoke(app, ["demo", "--db", url], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return url


def test_both_notebooks_are_present() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01_explore.ipynb", "02_export_for_analysis.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs(path: Path) -> None:
    book = json.loads(path.read_text(encoding="utf-8"))
    for cell in book["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, path.name


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_top_to_bottom_on_demo_data(
    path: Path, demo_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INCIDENTS_DB_URL", demo_db)
    monkeypatch.setenv("INCIDENTS_NOTEBOOK_OUT", str(tmp_path / "out"))
    book = nbformat.read(path, as_version=4)
    NotebookClient(book, timeout=180, kernel_name="python3", resources={
        "metadata": {"path": str(tmp_path)}
    }).execute()
    errors = [
        out for cell in book.cells if cell.cell_type == "code"
        for out in cell.get("outputs", []) if out.get("output_type") == "error"
    ]
    assert errors == []
    if path.stem.startswith("02"):
        assert (tmp_path / "out" / "incidents.csv").stat().st_size > 0
        assert (tmp_path / "out" / "incidents.geojson").stat().st_size > 0
