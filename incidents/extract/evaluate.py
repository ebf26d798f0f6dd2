"""Golden-set scoring: compare extraction results with expected JSON (fixtures, bench).

Drafts are matched to expected incidents by region + type + date (a missing
date matches a missing date); per-field accuracy is over matched pairs, and
precision/recall are over incidents.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..schemas import ExtractionResult, ReportIn

FIELDS = ("region", "settlement", "date", "type", "killed", "injured", "bodies")


@dataclass(frozen=True)
class Fixture:
    name: str
    report: ReportIn
    expected: dict[str, Any]


@dataclass
class Score:
    field_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    field_total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    matched: int = 0
    predicted: int = 0
    expected: int = 0
    kind_hits: int = 0
    reports: int = 0

    def add(self, other: Score) -> None:
        for f in FIELDS:
            self.field_hits[f] += other.field_hits[f]
            self.field_total[f] += other.field_total[f]
        self.matched += other.matched
        self.predicted += other.predicted
        self.expected += other.expected
        self.kind_hits += other.kind_hits
        self.reports += other.reports

    def accuracy(self, f: str) -> float:
        return self.field_hits[f] / self.field_total[f] if self.field_total[f] else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def load_fixtures(directory: Path) -> list[Fixture]:
    out = []
    for txt in sorted(directory.glob("*.txt")):
        meta_path = txt.with_suffix(".json")
        if not meta_path.exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(meta["published"]) if meta.get("published") else None
        report = ReportIn(
            text=txt.read_text(encoding="utf-8"),
            published=published,
            publisher=meta.get("publisher"),
            url=meta.get("url"),
        )
        out.append(Fixture(txt.stem, report, meta["expected"]))
    return out


def _key(d: dict[str, Any]) -> tuple[Any, Any, Any]:
    return d.get("region_code"), d.get("type"), d.get("date")


def _values(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "region": d.get("region_code"),
        "settlement": d.get("settlement"),
        "date": d.get("date"),
        "type": d.get("type"),
        "killed": d.get("killed"),
        "injured": d.get("injured"),
        "bodies": (sorted(d.get("reporting_bodies") or []), sorted(d.get("notified_bodies") or [])),
    }


def pair(
    expected: list[dict[str, Any]], got: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Each expected incident with its matched draft (by key, else by order), or None."""
    free = list(range(len(got)))
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    for exp in expected:
        hit = next((j for j in free if _key(got[j]) == _key(exp)), None)
        if hit is None:
            hit = next(
                (j for j in free if got[j].get("region_code") == exp.get("region_code")), None
            )
        if hit is None and len(expected) == 1 and free:
            hit = free[0]
        if hit is not None:
            free.remove(hit)
        pairs.append((exp, got[hit] if hit is not None else None))
    return pairs


def score(fixture: Fixture, result: ExtractionResult) -> tuple[Score, list[str]]:
    """The fixture's score and the differences in words."""
    sc = Score(reports=1)
    diffs: list[str] = []
    exp_kind = fixture.expected.get("kind")
    got = [d.contract() for d in result.incidents]
    if result.kind.value == exp_kind:
        sc.kind_hits = 1
    else:
        diffs.append(f"kind: expected {exp_kind}, got {result.kind.value}")
    expected = fixture.expected.get("incidents", [])
    sc.expected, sc.predicted = len(expected), len(got)
    for exp, draft in pair(expected, got):
        if draft is None:
            diffs.append(f"missing incident {_key(exp)}")
            for f in FIELDS:
                sc.field_total[f] += 1
            continue
        if _key(draft) == _key(exp):
            sc.matched += 1
        ev, dv = _values(exp), _values(draft)
        for f in FIELDS:
            sc.field_total[f] += 1
            if ev[f] == dv[f]:
                sc.field_hits[f] += 1
            else:
                diffs.append(f"{f}: expected {ev[f]!r}, got {dv[f]!r}")
    extra = len(got) - sum(1 for _e, d in pair(expected, got) if d is not None)
    if extra > 0:
        diffs.append(f"{extra} extra incident(s)")
    return sc, diffs
