"""Does a freshly extracted draft describe an incident already stored?

``score(draft, record)`` is a pure function: a number in [0, 1] and the reasons,
in words, that a person reviewing a merge suggestion reads.

Gates (any one fails -> score 0, "not the same incident"):
  - the same region code on both (a draft without a region never matches);
  - the same type: the draft's primary type is the record's primary or one of
    its secondary types, or the other way round;
  - incident dates no more than one day apart (when both have a date);
  - when both name a settlement and the names differ, coordinates on both that
    put them within ``NEARBY_KM``; different names without coordinates are
    different places (a new draft is safer than a wrong merge).

Points (sum, capped to [0, 1]):
  - region and type agree ...................................... 0.30
  - dates: same day or overlapping 0.30; one day apart 0.20;
    only the report dates compare (within a day) 0.10; unknown 0.00
  - place: same settlement 0.30; within ``CLOSE_KM`` 0.25; within
    ``NEARBY_KM`` 0.10; settlement unknown on one side 0.05
  - tolls (killed, injured where both give one): equal, or a figure that fits
    the record's sources over time (no earlier-day source gave more, no
    later-day source gave less: tolls grow, and reports arrive out of order) 0.10; close
    (within a factor of 2 or 3 people) 0.05; nothing to compare 0.05;
    wildly different -0.30

Thresholds (the decision): ``CLEAR_MATCH`` = 0.85 merges by itself; that needs
agreeing region, type, incident date (within a day) and settlement (same or
within ``CLOSE_KM``), so a match on report dates alone or on a region-precision
record is never automatic.  ``SUGGEST`` = 0.55 up to the clear threshold stores a
merge suggestion for a person; below it the draft becomes a new incident.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from ..geo.distance import distance_km
from ..schemas import IncidentDraft, IncidentRecord

CLEAR_MATCH = 0.85
SUGGEST = 0.55
CLOSE_KM = 3.0
NEARBY_KM = 15.0
MAX_DAY_GAP = 1


@dataclass(frozen=True, slots=True)
class MatchScore:
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def is_clear(self) -> bool:
        return self.score >= CLEAR_MATCH

    @property
    def is_likely(self) -> bool:
        return SUGGEST <= self.score < CLEAR_MATCH


def decide(score: float) -> str:
    """"join" (clear match), "suggest" (likely, a person decides) or "new"."""
    if score >= CLEAR_MATCH:
        return "join"
    if score >= SUGGEST:
        return "suggest"
    return "new"


def score(
    draft: IncidentDraft, record: IncidentRecord, *, reported_on: dt.date | None = None
) -> MatchScore:
    """``reported_on``: when the draft's report was published (used when the draft
    carries no ``date_reported``) to tell a later toll from an earlier one."""
    reasons: list[str] = []
    gate = _gate_region_type(draft, record)
    if gate:
        return MatchScore(0.0, [gate])
    total = 0.30
    reasons.append(f"same region {record.region_code}, compatible type {draft.type}")
    reported = draft.date_reported or reported_on
    parts = (_date_points, _place_points, lambda d, r: _toll_points(d, r, reported))
    for part in parts:
        points, reason = part(draft, record)
        if points is None:
            return MatchScore(0.0, [*reasons, reason])
        total += points
        reasons.append(reason)
    return MatchScore(round(min(max(total, 0.0), 1.0), 3), reasons)


def best_match(
    draft: IncidentDraft, records: list[IncidentRecord], *, reported_on: dt.date | None = None
) -> tuple[IncidentRecord, MatchScore] | None:
    """The highest-scoring record (ties: the oldest public ID), or None."""
    best: tuple[IncidentRecord, MatchScore] | None = None
    for record in sorted(records, key=lambda r: r.public_id):
        result = score(draft, record, reported_on=reported_on)
        if result.score > 0 and (best is None or result.score > best[1].score):
            best = (record, result)
    return best


# ------------------------------------------------------------------ components


def _gate_region_type(draft: IncidentDraft, record: IncidentRecord) -> str | None:
    if draft.region_code is None or record.region_code is None:
        return "region unknown: not compared"
    if draft.region_code != record.region_code:
        return f"different regions ({draft.region_code} vs {record.region_code})"
    if draft.type is None:
        return "type unknown: not compared"
    if not (
        draft.type == record.type
        or draft.type in record.secondary_types
        or record.type in draft.secondary_types
    ):
        return f"different types ({draft.type} vs {record.type})"
    return None


def _date_points(draft: IncidentDraft, record: IncidentRecord) -> tuple[float | None, str]:
    if draft.date is not None and record.date is not None:
        gap = _interval_gap(
            (draft.date, draft.date_end or draft.date),
            (record.date, record.date_end or record.date),
        )
        if gap == 0:
            return 0.30, "same day or overlapping dates"
        if gap <= MAX_DAY_GAP:
            return 0.20, "dates one day apart"
        return None, f"dates {gap} days apart"
    if draft.date_reported is not None and record.date_reported is not None:
        gap = abs((draft.date_reported - record.date_reported).days)
        if gap <= MAX_DAY_GAP:
            return 0.10, "incident date unknown on one side; reported within a day"
        return 0.0, f"incident date unknown on one side; reported {gap} days apart"
    return 0.0, "dates cannot be compared"


def _interval_gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """Days between two closed date intervals; 0 when they overlap."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def _place_points(draft: IncidentDraft, record: IncidentRecord) -> tuple[float | None, str]:
    if not draft.settlement or not record.settlement:
        return 0.05, "settlement unknown on one side"
    if _norm(draft.settlement) == _norm(record.settlement):
        return 0.30, f"same settlement ({record.settlement})"
    km = _distance(draft, record)
    if km is None:
        return None, f"different settlements ({draft.settlement} vs {record.settlement})"
    if km <= CLOSE_KM:
        return 0.25, f"{draft.settlement} is {km:.1f} km from {record.settlement}"
    if km <= NEARBY_KM:
        return 0.10, f"{draft.settlement} is {km:.1f} km from {record.settlement}"
    return None, f"{draft.settlement} is {km:.0f} km from {record.settlement}"


def _norm(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).casefold()
    letters = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(letters.replace("-", " ").replace("'", "").replace("’", "").split())


def _distance(draft: IncidentDraft, record: IncidentRecord) -> float | None:
    if None in (draft.lat, draft.lon, record.lat, record.lon):
        return None
    assert draft.lat is not None and draft.lon is not None
    assert record.lat is not None and record.lon is not None
    return distance_km(draft.lat, draft.lon, record.lat, record.lon)


def _toll_points(
    draft: IncidentDraft, record: IncidentRecord, reported: dt.date | None
) -> tuple[float | None, str]:
    pairs = [
        (name, getattr(draft, name), getattr(record, name))
        for name in ("killed", "injured")
        if getattr(draft, name) is not None and getattr(record, name) is not None
    ]
    if not pairs:
        return 0.05, "no toll to compare"
    verdicts = [_toll_verdict(name, new, old, _timeline_fit(name, new, reported, record))
                for name, new, old in pairs]
    if any(v[0] < 0 for v in verdicts):
        return -0.30, "; ".join(v[1] for v in verdicts if v[0] < 0)
    if all(v[0] >= 0.10 for v in verdicts):
        return 0.10, "; ".join(v[1] for v in verdicts)
    return 0.05, "; ".join(v[1] for v in verdicts)


def _timeline_fit(
    name: str, new: int, reported: dt.date | None, record: IncidentRecord
) -> str | None:
    """Tolls only grow as rubble is cleared and the injured die: a figure fits the
    record's story when no earlier-day source gave more and no later-day source
    gave less (same-day figures say nothing: tolls move within a day).  Returns
    "later" / "earlier" / "between" when it fits, None when it doesn't or can't
    tell.  Records without per-source figures fall back to their report date."""
    timeline = [
        (src.published, getattr(src, name))
        for src in record.sources
        if src.published is not None and getattr(src, name) is not None
    ]
    if not timeline:  # no per-source figures: the headline, on every known day
        days = [src.published for src in record.sources if src.published is not None]
        days = days or ([record.date_reported] if record.date_reported else [])
        timeline = [(day, getattr(record, name)) for day in days]
    if reported is None or not timeline:
        return None
    before = [v for day, v in timeline if day < reported]
    after = [v for day, v in timeline if day > reported]
    if not before and not after:
        return None
    if any(v > new for v in before) or any(v < new for v in after):
        return None
    return "between" if before and after else ("later" if before else "earlier")


def _toll_verdict(name: str, new: int, old: int, fit: str | None) -> tuple[float, str]:
    if new == old:
        return 0.10, f"same {name} ({new})"
    if fit == "later":
        return 0.10, f"{name} rose from {old} to {new} in a later report"
    if fit == "earlier":
        return 0.10, f"{name} {new} in an earlier report; later reports gave {old}"
    if fit == "between":
        return 0.10, f"{name} {new} fits between the earlier and later reports' figures"
    low, high = min(new, old), max(new, old)
    if high <= 2 * low or high - low <= 3:
        return 0.05, f"{name} close ({new} vs {old})"
    return -0.30, f"{name} wildly different ({new} vs {old})"
