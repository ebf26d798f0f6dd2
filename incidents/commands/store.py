"""``incidents init|import|export|list|show``: parse, call ``incidents.store``, print."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from pydantic import ValidationError

from ..config import get_settings
from ..errors import ValidationFailed
from ..export import citation, data_dictionary_text, write_csv, write_geojson, write_jsonl
from ..export.writers import write_manifest
from ..schemas import IncidentFilter, IncidentRecord
from ..store import init_db, make_engine, queries, session_scope
from ..store.bulk import export_csv
from ..store.engine import head_revision
from ..store.importer import import_file
from .common import DbOption, resolve_db, translate_errors

ListOpt = list[str] | None


def register(app: typer.Typer) -> None:
    app.command("init")(init_command)
    app.command("import")(import_command)
    app.command("export", epilog=_export_epilog())(export_command)
    app.command("list")(list_command)
    app.command("show")(show_command)


def _export_epilog() -> str:
    # Blank lines keep one column per line in typer's rich help.
    return "\n\n".join(data_dictionary_text().splitlines())


# ------------------------------------------------------------------ filter options

FromOpt = Annotated[str | None, typer.Option("--from", help="Incidents on or after YYYY-MM-DD.")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Incidents on or before YYYY-MM-DD.")]
RegionOpt = Annotated[
    ListOpt, typer.Option("--region", help="ISO 3166-2 code, e.g. UA-14 (repeat for several).")
]
SettlementOpt = Annotated[ListOpt, typer.Option("--settlement", help="Settlement (repeatable).")]
TypeOpt = Annotated[
    ListOpt, typer.Option("--type", help="Incident type code, primary or secondary (repeatable).")
]
KilledMinOpt = Annotated[int | None, typer.Option("--killed-min", help="At least N killed.")]
KilledMaxOpt = Annotated[int | None, typer.Option("--killed-max", help="At most N killed.")]
InjuredMinOpt = Annotated[int | None, typer.Option("--injured-min", help="At least N injured.")]
InjuredMaxOpt = Annotated[int | None, typer.Option("--injured-max", help="At most N injured.")]
BodyOpt = Annotated[
    ListOpt, typer.Option("--body", help="Reporting body id, e.g. un-hrmmu (repeatable).")
]
PublisherOpt = Annotated[
    ListOpt, typer.Option("--publisher", help="Source publisher (repeatable).")
]
StatusOpt = Annotated[
    ListOpt, typer.Option("--status", help="draft, reviewed, verified, disputed (repeatable).")
]
VisibilityOpt = Annotated[
    ListOpt, typer.Option("--visibility", help="public (default) and/or restricted (repeatable).")
]
TextOpt = Annotated[str | None, typer.Option("--text", help="Words in the summary or quotes.")]
NearOpt = Annotated[
    str | None, typer.Option("--near", help="Centre as LAT,LON (with --within-km).")
]
WithinOpt = Annotated[float | None, typer.Option("--within-km", help="Radius in km around --near.")]


def build_filter(**options: Any) -> IncidentFilter:
    """An IncidentFilter from CLI options; bad values become a ValidationFailed."""
    near = options.pop("near", None)
    data: dict[str, Any] = {k: v for k, v in options.items() if v not in (None, [], ())}
    if near is not None:
        try:
            lat, lon = (float(x) for x in near.split(","))
        except ValueError as exc:
            raise ValidationFailed(
                "invalid filter", ["--near: give LAT,LON, e.g. 46.64,32.61"]
            ) from exc
        data["near_lat"], data["near_lon"] = lat, lon
    try:
        return IncidentFilter.model_validate(data)
    except ValidationError as exc:
        problems = [
            f"{'.'.join(str(p) for p in e['loc']) or 'filter'}: {e['msg']}" for e in exc.errors()
        ]
        raise ValidationFailed("invalid filter", problems) from exc


def _filter(
    date_from: str | None,
    date_to: str | None,
    region: ListOpt,
    settlement: ListOpt,
    type_: ListOpt,
    killed_min: int | None,
    killed_max: int | None,
    injured_min: int | None,
    injured_max: int | None,
    body: ListOpt,
    publisher: ListOpt,
    status: ListOpt,
    visibility: ListOpt,
    text: str | None,
    near: str | None,
    within_km: float | None,
) -> IncidentFilter:
    return build_filter(
        date_from=date_from,
        date_to=date_to,
        regions=region,
        settlements=settlement,
        types=type_,
        killed_min=killed_min,
        killed_max=killed_max,
        injured_min=injured_min,
        injured_max=injured_max,
        bodies=body,
        publishers=publisher,
        statuses=status,
        visibility=visibility,
        text=text,
        near=near,
        within_km=within_km,
    )


# ----------------------------------------------------------------------- commands


@translate_errors
def init_command(db: DbOption = None) -> None:
    """Create the database, or upgrade it to the current schema (safe to repeat).

    Example: incidents init --db postgresql://localhost/incidents
    """
    url = resolve_db(db)
    init_db(url)
    typer.echo(f"Database ready (schema {head_revision()}).")


@translate_errors
def import_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV or JSON Lines (.jsonl) in the export's columns.", exists=True, dir_okay=False
        ),
    ],
    actor: Annotated[str, typer.Option("--actor", help="Name for the audit log.")] = "import",
    db: DbOption = None,
) -> None:
    """Import incident records; a file with any bad row is rejected whole.

    Every problem is listed as file:row: field: reason, and nothing is written.
    Importing the same file again changes nothing.

    Example: incidents import incidents.csv --actor "Jane Doe"
    """
    engine = make_engine(resolve_db(db))
    with session_scope(engine) as s:
        result = import_file(s, file, actor=actor)
    typer.echo(
        f"Imported {file}: {len(result.created)} created, {len(result.updated)} updated, "
        f"{len(result.unchanged)} unchanged, {len(result.skipped)} skipped."
    )
    for note in result.skipped:
        typer.echo(f"  skipped {note}", err=True)


@translate_errors
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl or geojson.")] = "csv",
    columns: Annotated[
        str, typer.Option("--columns", help="default, or acled for ACLED-style columns.")
    ] = "default",
    hxl: Annotated[bool, typer.Option("--hxl", help="Add an HXL hashtag row (CSV).")] = False,
    manifest: Annotated[
        bool,
        typer.Option(
            "--manifest", help="Write the evidence manifest (one row per source report) instead."
        ),
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; default: standard output.")
    ] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    region: RegionOpt = None,
    settlement: SettlementOpt = None,
    type_: TypeOpt = None,
    killed_min: KilledMinOpt = None,
    killed_max: KilledMaxOpt = None,
    injured_min: InjuredMinOpt = None,
    injured_max: InjuredMaxOpt = None,
    body: BodyOpt = None,
    publisher: PublisherOpt = None,
    status: StatusOpt = None,
    visibility: VisibilityOpt = None,
    text: TextOpt = None,
    near: NearOpt = None,
    within_km: WithinOpt = None,
    db: DbOption = None,
) -> None:
    """Export the filtered incidents as CSV, JSON Lines or GeoJSON.

    Every row carries its permalink and sources (URL, publisher, date, SHA-256).
    The filter is printed on stderr and stored in GeoJSON metadata.

    Example: incidents export --region UA-14 --from 2024-01-01 -f geojson -o donetsk.geojson
    """
    f = _filter(
        date_from,
        date_to,
        region,
        settlement,
        type_,
        killed_min,
        killed_max,
        injured_min,
        injured_max,
        body,
        publisher,
        status,
        visibility,
        text,
        near,
        within_km,
    )
    if fmt not in ("csv", "jsonl", "geojson"):
        raise ValidationFailed("invalid option", [f"--format: {fmt!r}: use csv, jsonl or geojson"])
    if columns not in ("default", "acled"):
        raise ValidationFailed("invalid option", [f"--columns: {columns!r}: use default or acled"])
    engine = make_engine(resolve_db(db))
    with session_scope(engine, write=False) as s, _target(output) as fp:
        n = _write_export(s, f, fp, fmt=fmt, columns=columns, hxl=hxl, manifest=manifest)
    what = "source reports" if manifest else "incidents"
    typer.echo(f"Exported {n} {what} ({f.describe()}) to {output or 'stdout'}.", err=True)


def _write_export(
    s: Any, f: IncidentFilter, fp: IO[str], *, fmt: str, columns: str, hxl: bool, manifest: bool
) -> int:
    if manifest:
        return write_manifest(queries.manifest_rows(s, f), fp)
    if fmt == "csv" and columns == "default":
        return export_csv(s, f, _bytes_of(fp), hxl=hxl)
    rows = queries.iter_export_rows(s, f, columns=columns)
    if fmt == "csv":
        return write_csv(rows, fp, columns=columns, hxl=hxl, filter_description=f.describe())
    if fmt == "jsonl":
        return write_jsonl(rows, fp)
    meta = {
        "filter": f.describe(),
        "query": f.to_query_string(),
        "columns": columns,
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    return write_geojson(rows, fp, metadata=meta)


def _bytes_of(fp: IO[str]) -> IO[str] | IO[bytes]:
    """The byte stream under a file ``_target`` opened (UTF-8, no newline translation:
    the fast CSV export's bytes go straight in); stdout stays as it is."""
    if fp is sys.stdout or not isinstance(fp, io.TextIOWrapper) or fp.encoding != "utf-8":
        return fp
    fp.flush()
    return fp.buffer


@contextmanager
def _target(output: Path | None) -> Iterator[IO[str]]:
    """stdout, or a temporary file renamed into place only when the export finished."""
    if output is None:
        yield sys.stdout
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fp:
            yield fp
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@translate_errors
def list_command(
    limit: Annotated[int, typer.Option("--limit", help="Rows to show.", min=1)] = 50,
    offset: Annotated[int, typer.Option("--offset", help="Rows to skip.", min=0)] = 0,
    order: Annotated[
        str, typer.Option("--order", help="date_desc, date_asc, killed_desc, updated_desc or id.")
    ] = "date_desc",
    as_json: Annotated[bool, typer.Option("--json", help="One JSON record per line.")] = False,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    region: RegionOpt = None,
    settlement: SettlementOpt = None,
    type_: TypeOpt = None,
    killed_min: KilledMinOpt = None,
    killed_max: KilledMaxOpt = None,
    injured_min: InjuredMinOpt = None,
    injured_max: InjuredMaxOpt = None,
    body: BodyOpt = None,
    publisher: PublisherOpt = None,
    status: StatusOpt = None,
    visibility: VisibilityOpt = None,
    text: TextOpt = None,
    near: NearOpt = None,
    within_km: WithinOpt = None,
    db: DbOption = None,
) -> None:
    """List the incidents the filter finds, newest first.

    Example: incidents list --type pow_execution --killed-min 1 --limit 20
    """
    f = _filter(
        date_from,
        date_to,
        region,
        settlement,
        type_,
        killed_min,
        killed_max,
        injured_min,
        injured_max,
        body,
        publisher,
        status,
        visibility,
        text,
        near,
        within_km,
    )
    engine = make_engine(resolve_db(db))
    with session_scope(engine, write=False) as s:
        total = queries.count_incidents(s, f)
        records = queries.list_incidents(s, f, limit=limit, offset=offset, order=order)
    for rec in records:
        typer.echo(rec.model_dump_json() if as_json else _line(rec))
    typer.echo(f"{len(records)} of {total} incidents ({f.describe()}).", err=True)


def _line(rec: IncidentRecord) -> str:
    counts = " ".join(
        f"{name}={getattr(rec, name)}"
        for name in ("killed", "injured")
        if getattr(rec, name) is not None
    )
    place = ", ".join(p for p in (rec.settlement, rec.region_code) if p) or "place unknown"
    when = rec.date or rec.date_reported or "date unknown"
    summary = rec.summary if len(rec.summary) <= 70 else rec.summary[:69] + "…"
    return (
        f"{rec.public_id}  {when}  {place}  {rec.type.value}  {counts}  [{rec.status.value}]  "
        f"{summary}".replace("    ", "  ")
    )


@translate_errors
def show_command(
    public_id: Annotated[
        str, typer.Argument(help="Public ID, e.g. UA-2024-000012 (merged IDs resolve).")
    ],
    cite: Annotated[bool, typer.Option("--cite", help="Print how to cite the record.")] = False,
    fmt: Annotated[
        str, typer.Option("--format", help="Citation format: text or csl-json.")
    ] = "text",
    as_json: Annotated[bool, typer.Option("--json", help="The full record as JSON.")] = False,
    include_restricted: Annotated[
        bool, typer.Option("--include-restricted", help="Editors: show restricted records too.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Show one record with its sources, figures, quotes, bodies and history.

    Example: incidents show UA-2024-000012 --cite --format csl-json
    """
    if fmt not in ("text", "csl-json"):
        raise ValidationFailed("invalid option", [f"--format: {fmt!r}: use text or csl-json"])
    engine = make_engine(resolve_db(db))
    with session_scope(engine, write=False) as s:
        rec = queries.get_incident(s, public_id, include_restricted=include_restricted)
    if cite:
        typer.echo(
            citation(rec, fmt=fmt, base_url=get_settings().base_url, accessed=dt.date.today())
        )
    elif as_json:
        typer.echo(rec.model_dump_json(indent=2))
    else:
        typer.echo(format_record(rec))


def format_record(rec: IncidentRecord) -> str:
    lines = [f"{rec.public_id}  [{rec.status.value}, {rec.visibility.value}]"]
    if public_id_note := (
        f"  (also cited as {', '.join(rec.merged_ids)})" if rec.merged_ids else ""
    ):
        lines.append(public_id_note)
    fields = (
        "date",
        "date_end",
        "date_precision",
        "date_reported",
        "region_code",
        "settlement",
        "lat",
        "lon",
        "geo_precision",
        "killed",
        "injured",
        "missing",
        "detained",
        "killed_min",
        "killed_max",
        "injured_min",
        "injured_max",
        "perpetrator",
    )
    lines.append(
        f"  type: {rec.type.value}"
        + (
            f" (also {', '.join(t.value for t in rec.secondary_types)})"
            if rec.secondary_types
            else ""
        )
    )
    lines += [
        f"  {name}: {_val(getattr(rec, name))}" for name in fields if getattr(rec, name) is not None
    ]
    if rec.minimum_counts:
        lines.append(f"  minimum figures: {', '.join(rec.minimum_counts)}")
    if rec.victim_groups:
        lines.append(f"  victims: {', '.join(g.value for g in rec.victim_groups)}")
    lines.append(f"  summary: {rec.summary}")
    lines.append(
        "  bodies: "
        + ("; ".join(f"{b.body_id} ({b.role.value})" for b in rec.bodies) or "none recorded")
    )
    lines.append(f"Sources ({len(rec.sources)}):")
    for src in rec.sources:
        figures = (
            ", ".join(
                f"{c}={getattr(src, c)}"
                for c in ("killed", "injured", "missing", "detained")
                if getattr(src, c) is not None
            )
            or "no figures"
        )
        lines.append(
            f"  - {src.publisher or 'publisher unknown'}, {_val(src.published)}: "
            f"{src.url or 'no URL'}"
        )
        lines.append(f"    sha256 {src.sha256}; by {src.body_id or 'unattributed'}; {figures}")
        lines += [f'    {k}: "{e.quote}"' for k, e in src.evidence.items()]
    lines.append(f"History ({len(rec.audit)}):")
    lines += [
        f"  {a.at:%Y-%m-%d %H:%M} {a.actor}: {a.action}"
        + (f" {a.field}: {a.old_value} -> {a.new_value}" if a.field else "")
        for a in rec.audit
    ]
    return "\n".join(lines)


def _val(value: Any) -> str:
    if value is None:
        return "unknown"
    return value.isoformat() if isinstance(value, dt.date) else str(getattr(value, "value", value))
