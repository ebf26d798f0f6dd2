"""Structured import: CSV or JSON Lines in the export's own columns.

Every row is validated first; if any row fails, the whole file is rejected with
every problem listed as ``file:row: field: reason`` and nothing is written.  A
valid file is written in the caller's single transaction.

Identity, so that importing the same file twice changes nothing:
- a row with ``public_id`` is that incident (a merged ID is skipped: its record
  lives on in the survivor); fields that differ are updated and audited, new
  sources and body links are added, nothing is ever deleted.  An unknown
  ``public_id`` of the form UA-YEAR-NUMBER is created with exactly that ID.
- a row without ``public_id`` is identified by its content hash: SHA-256 of the
  row's validated fields as canonical JSON (sorted keys, ISO dates, lists in
  order); a row whose hash is already stored is left alone.

Derived columns (``permalink``, ``region_name``, ``created_at``, ``updated_at``,
``merged_ids``, ``source_count``) are recomputed, not imported.  Sources are
linked by the SHA-256 of their text; a report this database does not hold is
stored as a reference (URL, publisher, date, hash; no text).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..errors import ValidationFailed
from ..export.columns import COLUMNS, LIST_COLUMNS, LIST_SEPARATOR
from ..export.writers import unneutralise
from ..schemas import BodyId, IncidentFields
from ..vocab import (
    BodyRole,
    IncidentType,
)
from .models import Incident, IncidentBody, IncidentSource, MergedId, Report, utcnow
from .repo import _audit, _set_dates, _set_types, public_id_for, refresh, set_field

DERIVED = frozenset(
    {"permalink", "region_name", "created_at", "updated_at", "merged_ids", "source_count"}
)
PUBLIC_ID_RE = re.compile(r"^UA-(\d{4})-(\d{6,})$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")


class ImportRow(IncidentFields):
    """One incident as the export writes it (derived columns left out)."""

    public_id: str | None = None
    type: IncidentType
    killed_min: int | None = Field(default=None, ge=0)
    killed_max: int | None = Field(default=None, ge=0)
    injured_min: int | None = Field(default=None, ge=0)
    injured_max: int | None = Field(default=None, ge=0)
    reporting_bodies: list[BodyId] = Field(default_factory=list)
    investigating_bodies: list[BodyId] = Field(default_factory=list)
    notified_bodies: list[BodyId] = Field(default_factory=list)
    source_urls: list[str] = Field(default_factory=list)
    source_publishers: list[str] = Field(default_factory=list)
    source_published: list[str] = Field(default_factory=list)
    source_sha256: list[str] = Field(default_factory=list)

    @field_validator("public_id")
    @classmethod
    def _public_id(cls, v: str | None) -> str | None:
        if v is not None and not PUBLIC_ID_RE.match(v):
            raise ValueError(f"{v!r} is not a public ID like UA-2025-000123")
        return v

    @field_validator("source_sha256")
    @classmethod
    def _shas(cls, v: list[str]) -> list[str]:
        bad = [x for x in v if not SHA_RE.match(x)]
        if bad:
            raise ValueError(f"not a SHA-256 (64 lowercase hex digits): {', '.join(bad)}")
        return v

    @field_validator("source_published")
    @classmethod
    def _published(cls, v: list[str]) -> list[str]:
        for x in v:
            if x:
                dt.date.fromisoformat(x)
        return v

    @model_validator(mode="after")
    def _consistent(self) -> ImportRow:
        n = len(self.source_sha256)
        for name in ("source_urls", "source_publishers", "source_published"):
            values = getattr(self, name)
            if values and len(values) != n:
                raise ValueError(f"{name} has {len(values)} entries, source_sha256 has {n}")
        for lo, hi in (("killed_min", "killed_max"), ("injured_min", "injured_max")):
            a, b = getattr(self, lo), getattr(self, hi)
            if a is not None and b is not None and a > b:
                raise ValueError(f"{lo} is greater than {hi}")
        if self.date and self.date_end and self.date_end < self.date:
            raise ValueError("date_end is before date")
        return self

    def content_hash(self) -> str:
        data = self.model_dump(mode="json", exclude={"public_id"})
        canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "UA-...: why"


# ------------------------------------------------------------------- reading


def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(row number, raw mapping) per record; ValidationFailed on encoding or format."""
    name = str(path)
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValidationFailed(
            f"{name} was not imported",
            [
                f"{name}:{line}: file: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset "
                f"{exc.start}); save it as UTF-8"
            ],
        ) from exc
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return _jsonl_rows(name, content)
    return _csv_rows(name, content)


def _jsonl_rows(name: str, content: str) -> list[tuple[int, dict[str, Any]]]:
    rows, problems = [], []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{name}:{number}: line: not JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            problems.append(f"{name}:{number}: line: not a JSON object")
            continue
        rows.append((number, obj))
    if problems:
        raise ValidationFailed(f"{name} was not imported", problems)
    return rows


def _csv_rows(name: str, content: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(content, newline=""))
    header = next(reader, None)
    if not header:
        raise ValidationFailed(f"{name} was not imported", [f"{name}:1: header: file is empty"])
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise ValidationFailed(
            f"{name} was not imported",
            [f"{name}:1: {h}: unknown column (see `incidents export --help`)" for h in unknown],
        )
    rows = []
    for cells in reader:
        number = reader.line_num
        if all(c.startswith("#") or not c for c in cells) and any(cells):
            continue  # the HXL hashtag row
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            rows.append((number, {"__width__": f"{len(cells)} cells, header has {len(header)}"}))
            continue
        rows.append((number, {h: _csv_value(h, c) for h, c in zip(header, cells, strict=True)}))
    return rows


def _csv_value(column: str, cell: str) -> Any:
    cell = unneutralise(cell)
    if column in LIST_COLUMNS:
        return [] if cell == "" else cell.split(LIST_SEPARATOR)
    return None if cell == "" else cell


def validate_rows(name: str, rows: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, ImportRow]]:
    good, problems = [], []
    for number, data in rows:
        if "__width__" in data:
            problems.append(f"{name}:{number}: row: {data['__width__']}")
            continue
        data = {k: v for k, v in data.items() if k not in DERIVED}
        data = {k: v for k, v in data.items() if v is not None or k == "type"}
        try:
            good.append((number, ImportRow.model_validate(data)))
        except ValidationError as exc:
            problems.extend(_problem(name, number, e) for e in exc.errors())
    if problems:
        raise ValidationFailed(f"{name} was not imported: {len(problems)} problem(s)", problems)
    return good


def _problem(name: str, number: int, error: Any) -> str:
    loc = error.get("loc") or ()
    where = str(loc[0]) if loc else "row"
    msg = "missing required field" if error.get("type") == "missing" else error["msg"]
    if error.get("type") == "none_required" or (where == "type" and error.get("input") is None):
        msg = "missing required field"
    return f"{name}:{number}: {where}: {msg.removeprefix('Value error, ')}"


# ------------------------------------------------------------------- writing

_SCALARS = (
    "date", "date_end", "date_precision", "date_reported", "region_code", "settlement", "lat",
    "lon", "geo_precision", "killed", "injured", "missing", "detained", "killed_min",
    "killed_max", "injured_min", "injured_max", "perpetrator", "summary", "status", "visibility",
)  # fmt: skip


def import_file(s: Session, path: Path, *, actor: str = "import") -> ImportResult:
    """Validate the whole file, then write it in the session's transaction."""
    name = str(path)
    rows = validate_rows(name, read_rows(path))
    _check_ids(s, name, rows)
    result = ImportResult()
    explicit = False
    for _number, row in rows:
        explicit |= _import_row(s, row, actor, result)
    if explicit and s.get_bind().dialect.name == "postgresql":
        # Rows created with their own number: move the sequence past them.
        s.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('incidents', 'id'), "
                "(SELECT max(id) FROM incidents))"
            )
        )
    s.flush()
    return result


def _check_ids(s: Session, name: str, rows: list[tuple[int, ImportRow]]) -> None:
    """A new public ID's number must be free (the number is the row id)."""
    problems = []
    for number, row in rows:
        if row.public_id is None:
            continue
        pk = int(PUBLIC_ID_RE.match(row.public_id).group(2))  # type: ignore[union-attr]
        holder = s.scalar(select(Incident.public_id).where(Incident.id == pk))
        if holder is not None and holder != row.public_id:
            problems.append(
                f"{name}:{number}: public_id: {row.public_id} clashes with "
                f"{holder} already stored under number {pk}"
            )
    if problems:
        raise ValidationFailed(f"{name} was not imported", problems)


def _import_row(s: Session, row: ImportRow, actor: str, result: ImportResult) -> bool:
    """Create or update one incident; True when it was created with an explicit ID."""
    if row.public_id is not None:
        merged = s.scalar(select(MergedId).where(MergedId.public_id == row.public_id))
        if merged is not None:
            result.skipped.append(f"{row.public_id}: merged into another record")
            return False
        inc = s.scalar(select(Incident).where(Incident.public_id == row.public_id))
        if inc is not None:
            changed = _apply(s, inc, row, actor)
            (result.updated if changed else result.unchanged).append(inc.public_id)
            return False
        _create(s, row, actor, public_id=row.public_id)
        result.created.append(row.public_id)
        return True
    digest = row.content_hash()
    existing = s.scalar(select(Incident.public_id).where(Incident.content_hash == digest))
    if existing is not None:
        result.unchanged.append(existing)
        return False
    result.created.append(_create(s, row, actor, content_hash=digest))
    return False


def _create(
    s: Session,
    row: ImportRow,
    actor: str,
    *,
    public_id: str | None = None,
    content_hash: str | None = None,
) -> str:
    inc = Incident(
        public_id=public_id or f"pending-{uuid.uuid4().hex[:16]}",
        content_hash=content_hash,
        search_text="",
    )
    if public_id is not None:
        inc.id = int(PUBLIC_ID_RE.match(public_id).group(2))  # type: ignore[union-attr]
    for name in _SCALARS:
        setattr(inc, name, _plain(getattr(row, name)))
    inc.minimum_counts = sorted(set(row.minimum_counts))
    inc.victim_groups = [g.value for g in row.victim_groups]
    _set_dates(inc)
    _set_types(inc, row.type.value, [t.value for t in row.secondary_types])
    s.add(inc)
    s.flush()
    if public_id is None:
        year = (inc.date or inc.date_reported or utcnow()).year
        inc.public_id = public_id_for(inc.id, year)
    _audit(s, inc, actor, "import", None, None, inc.public_id)
    _link(s, inc, row, actor)
    refresh(s, inc, actor=actor, action="import")
    s.flush()
    return inc.public_id


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def _apply(s: Session, inc: Incident, row: ImportRow, actor: str) -> bool:
    changed = False
    for name in _SCALARS:
        changed |= set_field(s, inc, name, _plain(getattr(row, name)), actor=actor, action="import")
    for name, value in (
        ("minimum_counts", sorted(set(row.minimum_counts))),
        ("victim_groups", [g.value for g in row.victim_groups]),
    ):
        changed |= set_field(s, inc, name, value, actor=actor, action="import")
    old_types = [(t.type, t.is_primary) for t in inc.types]
    _set_types(inc, row.type.value, [t.value for t in row.secondary_types])
    if sorted(old_types) != sorted((t.type, t.is_primary) for t in inc.types):
        inc.type = row.type.value
        _audit(s, inc, actor, "import", "types", json.dumps(sorted(old_types)), None)
        changed = True
    changed |= _link(s, inc, row, actor)
    if changed:
        _set_dates(inc)
        refresh(s, inc, actor=actor, action="import")
    return changed


def _link(s: Session, inc: Incident, row: ImportRow, actor: str) -> bool:
    """Add the row's sources and body links the incident lacks; True if any."""
    added = False
    have = {src.report_id for src in inc.sources}
    n = len(row.source_sha256)
    urls = row.source_urls or [""] * n
    pubs = row.source_publishers or [""] * n
    days = row.source_published or [""] * n
    for sha, url, pub, day in zip(row.source_sha256, urls, pubs, days, strict=True):
        report = s.scalar(select(Report).where(Report.sha256 == sha))
        if report is None:
            report = Report(
                sha256=sha,
                url=url or None,
                publisher=pub or None,
                text=None,
                published=dt.date.fromisoformat(day) if day else None,
            )
            s.add(report)
            s.flush()
        if report.id not in have:
            inc.sources.append(IncidentSource(report=report, added_at=utcnow()))
            have.add(report.id)
            _audit(s, inc, actor, "import", "sources", None, sha)
            added = True
    linked = {(b.body_id, b.role) for b in inc.bodies}
    for bodies, role in (
        (row.reporting_bodies, BodyRole.REPORTED),
        (row.investigating_bodies, BodyRole.INVESTIGATES),
        (row.notified_bodies, BodyRole.NOTIFIED),
    ):
        for body_id in bodies:
            if (body_id, role.value) not in linked:
                inc.bodies.append(IncidentBody(body_id=body_id, role=role.value))
                linked.add((body_id, role.value))
                _audit(s, inc, actor, "import", "bodies", None, f"{role.value}:{body_id}")
                added = True
    return added
