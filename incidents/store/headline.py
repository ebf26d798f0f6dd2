"""The headline-figure rule: which of the side-by-side figures an incident shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..vocab import COUNT_FIELDS, body_rank

HEADLINE_RULE = (
    "For each count (killed, injured, missing, detained) the headline figure is the "
    "latest figure (by the day it was stated, then the report's publication date, then "
    "when the source was added) from the most authoritative body that gave one; bodies "
    "are ranked in the registry, and figures not attributed to a body rank last. A "
    "figure marked as a minimum ('at least') keeps that flag. Every source's figures are "
    "kept side by side, and the record also carries the lowest and highest killed and "
    "injured figures reported. Where no source gives a figure, the value set by an "
    "import or an editor stands. Recomputed whenever a source is added, removed or merged."
)


@dataclass(frozen=True, slots=True)
class SourceFigures:
    body_id: str | None
    stated_on: dt.date | None
    published: dt.date | None
    added_at: dt.datetime | None
    counts: dict[str, int | None]
    minimum_counts: Sequence[str]


@dataclass(frozen=True, slots=True)
class Headline:
    counts: dict[str, int | None]  # only the counts some source gave
    minimum_counts: list[str]
    ranges: dict[str, int | None]  # killed_min, killed_max, injured_min, injured_max


_OLDEST_DAY = dt.date.min
_OLDEST_TIME = dt.datetime.min.replace(tzinfo=dt.UTC)


def _recency(src: SourceFigures) -> tuple[dt.date, dt.date, dt.datetime]:
    added = src.added_at or _OLDEST_TIME
    if added.tzinfo is None:
        added = added.replace(tzinfo=dt.UTC)
    return (src.stated_on or _OLDEST_DAY, src.published or _OLDEST_DAY, added)


def choose(sources: Sequence[SourceFigures]) -> Headline:
    counts: dict[str, int | None] = {}
    minimum: list[str] = []
    for field in COUNT_FIELDS:
        giving = [s for s in sources if s.counts.get(field) is not None]
        if not giving:
            continue
        best_rank = min(body_rank(s.body_id) for s in giving)
        chosen = max((s for s in giving if body_rank(s.body_id) == best_rank), key=_recency)
        counts[field] = chosen.counts[field]
        if field in chosen.minimum_counts:
            minimum.append(field)
    ranges: dict[str, int | None] = {}
    for field in ("killed", "injured"):
        values = [v for s in sources if (v := s.counts.get(field)) is not None]
        ranges[f"{field}_min"] = min(values) if values else None
        ranges[f"{field}_max"] = max(values) if values else None
    return Headline(counts=counts, minimum_counts=minimum, ranges=ranges)
