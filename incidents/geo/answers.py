"""Context-free answers, computed once when the index is built.

Without a context, the answer for a name depends only on its folded key, on the
surface as written (quoted in some reasons), on the query and on a 'near' cue.  So
for every key of the index the gazetteer's own decision code runs once at build time
on a sentinel surface, and the answer is kept as a compact row: resolve() then folds
the query, looks the key up and builds the model, with no tie rules to run.  Rows are
shared between keys with the same answer (the pickle stores each once).

A row is ``(region_code, settlement, lat, lon, precision, ambiguous, candidate place
ids, source, reason parts, near)``: the reason is ``repr(surface).join(parts)``, and
``near`` is None when a 'near' cue changes nothing, else ``(precision, reason parts)``
for the cued answer.  Keys whose answer does not fit this shape are left out and take
the ordinary path.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..schemas import PlaceResolution

if TYPE_CHECKING:
    from .index import Index
    from .lexicon import Lexicon

log = logging.getLogger(__name__)

# A surface and a query no real name folds to or contains.
SURFACE = "\x00surface\x00"
QUERY = "\x00query\x00"

ReasonParts = tuple[str, ...]
Near = tuple[str, ReasonParts] | None
Answer = tuple[str | None, str | None, float | None, float | None, str, bool, tuple[int, ...],
               str, ReasonParts, Near]


def _parts(reason: str) -> ReasonParts | None:
    parts = tuple(reason.split(repr(SURFACE)))
    return None if QUERY in reason or "\x00" in "".join(parts) else parts


def _row(plain: PlaceResolution, cued: PlaceResolution,
         pids: dict[int, int]) -> Answer | None:
    """The compact row for the two answers (without and with a 'near' cue), or None
    when they differ in more than precision and reason or quote the surface elsewhere."""
    if plain.query != QUERY or cued.query != QUERY:
        return None
    fixed = ("region_code", "settlement", "lat", "lon", "ambiguous", "candidates", "source")
    if any(getattr(plain, f) != getattr(cued, f) for f in fixed):
        return None
    if SURFACE in (plain.settlement or "") or SURFACE in plain.source:
        return None
    reason, near_reason = _parts(plain.reason), _parts(cued.reason)
    if reason is None or near_reason is None:
        return None
    ids = tuple(pids[c.geonameid] for c in plain.candidates if c.geonameid is not None)
    if len(ids) != len(plain.candidates):
        return None
    near: Near = None
    if cued.precision != plain.precision or near_reason != reason:
        near = (cued.precision.value, near_reason)
    return (plain.region_code, plain.settlement, plain.lat, plain.lon, plain.precision.value,
            plain.ambiguous, ids, plain.source, reason, near)


def context_free_answers(index: Index, lexicon: Lexicon) -> dict[str, Answer]:
    """Every phrase and name key of ``index`` -> its context-free answer row."""
    from .gazetteer import Gazetteer  # the decision code; it imports the index module

    gz = Gazetteer(index, lexicon)
    pids = {place[0]: pid for pid, place in enumerate(index.places)}
    shared: dict[Answer, Answer] = {}
    out: dict[str, Answer] = {}
    skipped = 0
    for key in (*index.phrases, *index.names):
        if key in out:
            continue
        answers = gz.context_free_pair(key, SURFACE, QUERY)
        row = None if answers is None else _row(*answers, pids)
        if row is None:
            skipped += 1
            continue
        out[key] = shared.setdefault(row, row)
    log.info("context-free answers: %d keys, %d distinct rows, %d keys left to the full path",
             len(out), len(shared), skipped)
    return out
