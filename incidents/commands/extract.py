"""``incidents extract FILE``: run the extractor on one report file, no database touched."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ExtractionError
from ..extract import extract
from ..extract.pipeline import looks_binary
from ..schemas import ExtractionResult, ReportIn
from .common import translate_errors


def read_report_file(path: Path) -> str:
    """The file's text; empty, binary or non-UTF-8 files are an ExtractionError naming it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    if b"\x00" in raw[:8192]:
        raise ExtractionError(f"{path}: looks like a binary file, not a text report")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractionError(
            f"{path}: is not valid UTF-8 (byte {exc.start}); save the report as UTF-8 text"
        ) from exc
    if not text.strip():
        raise ExtractionError(f"{path}: is empty; nothing to extract")
    if looks_binary(text):
        raise ExtractionError(f"{path}: looks like a binary file, not a text report")
    return text


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ExtractionError(f"--published: {value!r} is not a date in YYYY-MM-DD form") from exc


def _readable(result: ExtractionResult) -> str:
    lines = [f"kind: {result.kind.value}   language: {result.language or 'unknown'}"]
    for n, d in enumerate(result.incidents, 1):
        lines.append(f"\n[{n}] {d.summary}")
        lines.append(f"    confidence {d.confidence:.2f}")
        for field, ev in d.evidence.items():
            quote = " ".join(ev.quote.split())
            quote = quote if len(quote) <= 110 else quote[:107] + "..."
            lines.append(f"    {field:<18} [{ev.start}:{ev.end}] {quote}")
    for p in result.problems:
        lines.append(f"problem: {p}")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    @app.command("extract")
    @translate_errors
    def extract_command(
        file: Annotated[Path, typer.Argument(help="A report as a UTF-8 text file.")],
        published: Annotated[
            str | None, typer.Option("--published", help="Publication date, YYYY-MM-DD.")
        ] = None,
        publisher: Annotated[str | None, typer.Option("--publisher", help="Outlet name.")] = None,
        url: Annotated[
            str | None, typer.Option("--url", help="Where the report was published.")
        ] = None,
        as_json: Annotated[
            bool,
            typer.Option("--json", help="Print the stable JSON contract instead of a summary."),
        ] = False,
    ) -> None:
        """Extract incident drafts from one report (prints them; touches no database)."""
        text = read_report_file(file)
        report = ReportIn(text=text, published=_parse_date(published), publisher=publisher, url=url)
        result = extract(report)
        if as_json:
            typer.echo(json.dumps(result.contract(), ensure_ascii=False, indent=2))
        else:
            typer.echo(_readable(result))
