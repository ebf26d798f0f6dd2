"""The offline gazetteer: a name (and the text around it) in, a PlaceResolution out.

Ties between places of the same name are broken, in order, by the region the same
text names, by the nearest other places the text names, and by a city that dwarfs
its namesakes.  When none decides, the answer says it is ambiguous, lists the
candidates and keeps only what is certain (the region when they share one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..schemas import PlaceCandidate, PlaceResolution
from ..vocab import REGIONS, GeoPrecision
from .answers import Answer
from .distance import haversine_km
from .index import Index, Place, lookup
from .lexicon import Lexicon
from .scan import PlaceMention, Scanner, candidate, fast_model, settlement_mention
from .text import fold, fold_word

NEAREST_MAX_KM = 80.0  # a namesake this close to another named place is the one meant
NEAREST_RATIO = 2.0  # ... if the runner-up is at least this much farther
DOMINANT_MIN_POPULATION = 10_000  # a town this large ...
DOMINANT_RATIO = 10  # ... and this many times its largest namesake is the one meant
MAX_CANDIDATES = 25
RESOLVE_CACHE_SIZE = 20_000  # context-free answers kept per process (emptied when full)
ASKED_SIZE = 50_000  # names asked once, noted so that the second asking is cached

_PRECISIONS = {p.value: p for p in GeoPrecision}
_RESOLUTION_FIELDS = set(PlaceResolution.model_fields)  # shared by answers built from rows

_EDGES = " ,.;:()\"'«»"  # stripped from a name's ends
_PREFIX_RE = re.compile(
    r"^(?:the\s+)?(?:(?:village|town|city|settlement|urban-type settlement|hamlet)\s+of\s+|"
    r"(?:с|м|смт|сел|пос|г)\.\s*|(?:село|селище|місто|поселок|посёлок|город|смт)\s+)",
    re.IGNORECASE,
)


_ADJACENT_GAP = re.compile(r"^[\s,(]*(?:(?:in|of|the|у|в|во|на)\s+)*$", re.IGNORECASE)
ADJACENT_MAX_CHARS = 24  # "X, in the Kharkiv region": the region this close is X's


def text_region(
    m: PlaceMention, others: Sequence[PlaceMention], text: str | None
) -> tuple[str, str] | None:
    """(code, surface) of the region the text gives for ``m``: the region named right
    after it ("the village of X in the Kharkiv region"; only when ``text`` is the text
    the offsets belong to), else the only region the text names."""
    regions = [o for o in others if o.kind == "region" and o.region_code]
    if text is not None:
        for o in regions:
            if 0 <= o.start - m.end <= ADJACENT_MAX_CHARS and o.region_code and \
                    _ADJACENT_GAP.match(text[m.end : o.start]):
                return o.region_code, o.surface
    codes = {o.region_code for o in regions}
    if len(codes) == 1 and regions[0].region_code:
        return regions[0].region_code, regions[0].surface
    return None


def _resolution(query: str, **fields: Any) -> PlaceResolution:
    values: dict[str, Any] = {
        "query": query, "region_code": None, "settlement": None, "lat": None, "lon": None,
        "precision": GeoPrecision.UNKNOWN, "ambiguous": False, "candidates": [],
        "source": "gazetteer", "reason": "",
    }
    values.update(fields)
    return fast_model(PlaceResolution, values)


class Gazetteer:
    def __init__(self, index: Index, lexicon: Lexicon) -> None:
        self.index = index
        self.lexicon = lexicon
        self.scanner = Scanner(index, lexicon)
        self._cue_starts = {c[0] for c in lexicon.near_cues}
        self._cues_longest_first = sorted(lexicon.near_cues, key=len, reverse=True)
        # name -> context-free answer; a plain dict (see text.fold_word on why), emptied
        # when full.
        self._answers: dict[str, PlaceResolution] = {}
        self._asked: set[str] = set()  # names asked once (see _remember)

    # ------------------------------------------------------------ public API

    def scan(self, text: str) -> list[PlaceMention]:
        """Every place mention in ``text``, left to right, non-overlapping."""
        return self.scanner.scan(text)

    def region_centre(self, code: str) -> tuple[float, float]:
        region = REGIONS[code]
        return region.lat, region.lon

    def place(self, place_id: int) -> Place:
        return self.index.places[place_id]

    def knows(self, name: str) -> bool:
        """Is the name (cues stripped) a region, country or settlement the index holds?"""
        full, _near = self._strip_cues(name)
        text = self._strip_prefix(full)
        key = fold(text)
        return bool(text) and (fold(full) in self.index.phrases or key in self.index.phrases
                               or bool(lookup(self.index, key)[0]))

    def nearest_place(self, lat: float, lon: float) -> tuple[Place, float] | None:
        """The gazetteer place nearest to a point and its distance (haversine km)."""
        best: tuple[Place, float] | None = None
        for place in self.index.places:
            if abs(place[3] - lat) > 1.0 or abs(place[4] - lon) > 1.5:
                continue
            km = haversine_km(lat, lon, place[3], place[4])
            if best is None or km < best[1]:
                best = (place, km)
        return best

    def resolve(self, name: str, context: str | None = None) -> PlaceResolution:
        """Resolve one place name; ``context`` is the surrounding text for tie-breaks.

        Answers are frozen and shared: never mutate one (``candidates`` included)."""
        if context is not None:
            return self._resolve(name, context)
        answer = self._answers.get(name)
        if answer is None:
            answer = self._context_free(name)
            self._remember(name, answer)
        return answer

    def _remember(self, name: str, answer: PlaceResolution) -> None:
        """Keep the answer for a name asked before.  A name asked once is only noted:
        in a batch of different names, caching each would keep tens of thousands of
        answers alive for the garbage collector to walk, for nothing."""
        if name in self._asked:
            if len(self._answers) >= RESOLVE_CACHE_SIZE:
                self._answers.clear()
            self._answers[name] = answer
        else:
            if len(self._asked) >= ASKED_SIZE:
                self._asked.clear()
            self._asked.add(name)

    def _context_free(self, name: str) -> PlaceResolution:
        """The answer without context: the index's precomputed row for the name's key
        (see answers.py), else the full path."""
        text = " ".join(name.split()).strip(_EDGES)
        words = text.split()
        if words and fold_word(words[0]) not in self._cue_starts and \
                _PREFIX_RE.match(text) is None:  # no cue, no prefix: the usual name
            row = self.index.answers.get(fold(text))
            if row is not None:
                return self._from_row(name, text, False, row)
        full, near = self._strip_cues(name)
        text = self._strip_prefix(full)
        if text:
            surface, key = text, fold(text)
            if full != text and (whole := fold(full)) in self.index.phrases:
                surface, key = full, whole  # the full path tries the unstripped phrase first
            row = self.index.answers.get(key)
            if row is not None:
                return self._from_row(name, surface, near, row)
        return self._resolve(name, None)

    def _from_row(self, query: str, surface: str, near: bool, row: Answer) -> PlaceResolution:
        code, settlement, lat, lon, precision, ambiguous, ids, source, parts, cued = row
        if near and cued is not None:
            precision, parts = cued
        places = self.index.places
        return fast_model(PlaceResolution, {
            "query": query, "region_code": code, "settlement": settlement, "lat": lat,
            "lon": lon, "precision": _PRECISIONS[precision], "ambiguous": ambiguous,
            "candidates": [candidate(places[i]) for i in ids] if ids else [],
            "source": source,
            "reason": parts[0] if len(parts) == 1 else repr(surface).join(parts),
        }, _RESOLUTION_FIELDS)

    def context_free_pair(
        self, key: str, surface: str, query: str
    ) -> tuple[PlaceResolution, PlaceResolution] | None:
        """For the index build: the full path's context-free answers (without and with a
        'near' cue) for a name that folds to ``key``, written ``surface`` and asked as
        ``query``; None when the full path would not decide it from the key alone."""
        mention = self._phrase(surface, key)
        if mention is not None:
            answer = self.resolve_mention(mention, None, query=query)
            return answer, answer
        if key in self.lexicon.person_names:
            return None
        ids, tier = lookup(self.index, key)
        if not ids:
            return None
        plain = self._settlement(query, ids, surface, key, False, tier >= 2, ())
        return plain, self._settlement(query, ids, surface, key, True, tier >= 2, ())

    def _resolve(self, name: str, context: str | None) -> PlaceResolution:
        query = name
        full, near = self._strip_cues(name)
        text = self._strip_prefix(full)
        if not text:
            return _resolution(query, source="none", reason="empty place name")
        key = fold(text)
        mention = self._phrase(full, fold(full)) if full != text else None
        if mention is None:
            mention = self._phrase(text, key)
        if mention is None and key not in self.lexicon.person_names:
            ids, tier = lookup(self.index, key)
            if len(ids) == 1 or (ids and not context):  # the context cannot change it
                return self._settlement(query, ids, text, key, near, tier >= 2, ())
            if ids:
                mention = settlement_mention(self.index, text, 0, len(text), key, ids, near,
                                             tier >= 2)
        if mention is None:
            mention, extra = self._from_scan(full)
            context = f"{extra}\n{context}" if extra and context else (extra or context)
        if mention is None:
            return self._unknown(query, text, key, context)
        return self.resolve_mention(mention, context, query=query)

    def resolve_all(self, text: str) -> list[tuple[PlaceMention, PlaceResolution]]:
        """Scan ``text`` and resolve each mention with the whole text as context."""
        mentions = self.scan(text)
        return [(m, self._decide(m, mentions, m.surface, text)) for m in mentions]

    def resolve_mention(
        self, mention: PlaceMention, context: str | None = None, *, query: str | None = None
    ) -> PlaceResolution:
        others = self.scan(context) if context and self._needs_context(mention) else []
        return self._decide(mention, others, query or mention.surface)

    # --------------------------------------------------------------- parsing

    def _strip_cues(self, name: str) -> tuple[str, bool]:
        text = " ".join(name.split()).strip(_EDGES)
        words = text.split()
        if not words or fold_word(words[0]) not in self._cue_starts:
            return text, False
        folded = [fold_word(w) for w in words]
        for cue in self._cues_longest_first:
            if len(words) > len(cue) and tuple(folded[: len(cue)]) == cue:
                return " ".join(words[len(cue) :]), True
        return text, False

    @staticmethod
    def _strip_prefix(text: str) -> str:
        """'the village of X', 'с. X', 'місто X' -> 'X'."""
        while (m := _PREFIX_RE.match(text)) is not None and m.end() < len(text):
            text = text[m.end() :].strip()
        return text

    def _phrase(self, text: str, key: str) -> PlaceMention | None:
        phrase = self.index.phrases.get(key)
        if phrase is None:
            return None
        kind, codes, label = phrase
        return PlaceMention(0, len(text), text, kind, codes[0] if kind == "region" else None,
                            None, key=key, regions=codes,
                            country=label if kind == "country" else None)

    def _from_scan(self, text: str) -> tuple[PlaceMention | None, str]:
        """'Olenivka, Donetsk Oblast': the most specific mention, the rest as context."""
        mentions = self.scan(text)
        rest = list(text)
        for m in mentions:
            rest[m.start : m.end] = " " * (m.end - m.start)
        if not mentions or any(w[:1].isupper() for w in "".join(rest).split()):
            return None, ""  # part of the name is unknown: "Kozyn Yar" is not "Kozyn"
        order = {"settlement": 0, "region": 1, "macro_region": 2, "country": 3}
        best = min(mentions, key=lambda m: order[m.kind])
        return best, text

    @staticmethod
    def _needs_context(mention: PlaceMention) -> bool:
        if mention.kind == "region":  # a district whose town has namesakes
            return mention.region_code is None and bool(mention.place_ids)
        return mention.kind == "settlement" and (len(mention.place_ids) != 1 or mention.cued)

    # -------------------------------------------------------------- deciding

    def _decide(
        self, mention: PlaceMention, others: Sequence[PlaceMention], query: str,
        text: str | None = None,
    ) -> PlaceResolution:
        if mention.kind == "region":
            return self._region_result(query, mention, others)
        if mention.kind == "macro_region":
            return self._macro_result(query, mention)
        if mention.kind == "country":
            return _resolution(
                query, precision=GeoPrecision.COUNTRY,
                reason=f"matched the country {mention.country} ({mention.surface!r}); "
                "no region or settlement named",
            )
        return self._settlement_result(query, mention, others, text)

    def _region_result(
        self, query: str, m: PlaceMention, others: Sequence[PlaceMention]
    ) -> PlaceResolution:
        code, why = m.region_code, f"matched region name {m.surface!r}"
        if code is None:
            places = [self.index.places[p] for p in m.place_ids]
            named = {p[2] for p in self._in_named_regions(places, others)}
            if len(named) != 1:
                return self._ambiguous(query, places,
                                       f"{m.surface!r} names a district whose region cannot "
                                       "be told")
            code = named.pop()
            why = f"{m.surface!r} is a district of a town in several regions; the text names {code}"
        lat, lon = self.region_centre(code)
        return _resolution(query, region_code=code, lat=lat, lon=lon,
                           precision=GeoPrecision.REGION,
                           reason=f"{why}; coordinates are the region's centre")

    def _macro_result(self, query: str, m: PlaceMention) -> PlaceResolution:
        cands = [fast_model(PlaceCandidate, {
                     "settlement": None, "region_code": c, "lat": REGIONS[c].lat,
                     "lon": REGIONS[c].lon, "population": None, "geonameid": None})
                 for c in m.regions]
        names = " or ".join(f"{REGIONS[c].name} ({c})" for c in m.regions)
        return _resolution(query, precision=GeoPrecision.COUNTRY, ambiguous=True, candidates=cands,
                           reason=f"{m.surface!r} is a macro region: the region is unknown "
                           f"between {names}")

    def _settlement_result(
        self, query: str, m: PlaceMention, others: Sequence[PlaceMention], text: str | None
    ) -> PlaceResolution:
        if m.cued:
            region = text_region(m, others, text)
            places = [self.index.places[p] for p in m.place_ids]
            if region is not None and not any(p[2] == region[0] for p in places):
                return self._unverified(query, m, region, len(places))
            if not places:
                return _resolution(query, source="none",
                                   reason=f"{m.surface!r} is not in the gazetteer and the "
                                   "text names no single region for it")
        return self._settlement(query, m.place_ids, m.surface, m.key, m.near, m.inflected,
                                others)

    def _settlement(
        self, query: str, ids: tuple[int, ...], surface: str, key: str, near: bool,
        inflected: bool, others: Sequence[PlaceMention],
    ) -> PlaceResolution:
        """The answer for the places named ``surface`` (folded ``key``), given the other
        mentions of the text (none: the answer is the context-free one)."""
        how = "a Cyrillic case form of" if inflected else "the name"
        if len(ids) == 1:
            place = self.index.places[ids[0]]
            return self._chosen(query, near, place, f"matched {how} {place[1]!r}")
        places = [self.index.places[p] for p in ids]
        chosen, rule = self._break_tie(key, places, others)
        if chosen is not None:
            return self._chosen(query, near, chosen, f"matched {how} {chosen[1]!r}; {rule}")
        narrowed = self._in_named_regions(places, others)
        if narrowed:
            rule = f"the region the text names leaves {len(narrowed)} of them; {rule}"
        return self._ambiguous(query, narrowed or places,
                               f"{len(places)} places named {surface!r}; {rule}")

    @staticmethod
    def _chosen(query: str, near: bool, place: Place, reason: str) -> PlaceResolution:
        _gid, name, code, lat, lon, _pop = place
        if near:
            reason += "; 'near' cue: near_settlement precision"
        return fast_model(PlaceResolution, {
            "query": query, "region_code": code, "settlement": name, "lat": lat, "lon": lon,
            "precision": GeoPrecision.NEAR_SETTLEMENT if near else GeoPrecision.SETTLEMENT,
            "ambiguous": False, "candidates": [], "source": "gazetteer", "reason": reason,
        })

    def _ambiguous(self, query: str, places: list[Place], reason: str) -> PlaceResolution:
        cands = [candidate(p) for p in places[:MAX_CANDIDATES]]
        regions = {p[2] for p in places}
        if len(regions) == 1:
            code = regions.pop()
            lat, lon = self.region_centre(code)
            names = {p[1] for p in places}
            return _resolution(query, region_code=code, lat=lat, lon=lon,
                               settlement=names.pop() if len(names) == 1 else None,
                               precision=GeoPrecision.REGION, ambiguous=True, candidates=cands,
                               reason=f"{reason}; all in {code}, so the region is certain and "
                               "the coordinates are its centre")
        countries = {REGIONS[p[2]].country for p in places}
        precision = GeoPrecision.COUNTRY if len(countries) == 1 else GeoPrecision.UNKNOWN
        return _resolution(query, precision=precision, ambiguous=True, candidates=cands,
                           reason=f"{reason}; regions {', '.join(sorted({p[2] for p in places}))}"
                           " cannot be told apart")

    def _unverified(
        self, query: str, m: PlaceMention, region: tuple[str, str], namesakes: int
    ) -> PlaceResolution:
        """'the village of Hroza in Kharkiv Oblast': a settlement below the gazetteer's
        size, introduced by a settlement cue; kept as written, at its region's centre."""
        code, named = region
        lat, lon = self.region_centre(code)
        held = (f"the gazetteer's {namesakes} place(s) of that name are in other regions"
                if namesakes else "it is not in the gazetteer (GeoNames places of 500+ people)")
        return _resolution(
            query, region_code=code, settlement=m.surface, lat=lat, lon=lon,
            precision=GeoPrecision.REGION,
            reason=f"{m.surface!r} is introduced as a settlement by the text, but {held}; "
            f"settlement kept as written, region from {named!r}; coordinates are the "
            "region's centre",
        )

    # ------------------------------------------------------------ tie rules

    @staticmethod
    def _in_named_regions(places: list[Place], others: Sequence[PlaceMention]) -> list[Place]:
        if not others:
            return []
        named = {o.region_code for o in others if o.kind == "region" and o.region_code}
        return [p for p in places if p[2] in named]

    def _break_tie(
        self, key: str, places: list[Place], others: Sequence[PlaceMention]
    ) -> tuple[Place | None, str]:
        in_region = self._in_named_regions(places, others)
        if len(in_region) == 1:
            named = next(o.surface for o in others
                         if o.kind == "region" and o.region_code == in_region[0][2])
            return in_region[0], f"tie broken by the region the text names ({named!r})"
        pool = in_region or places
        chosen, rule = self._nearest(key, pool, others)
        if chosen is not None:
            return chosen, rule
        return self._dominant(pool)

    def _nearest(
        self, key: str, pool: list[Place], others: Sequence[PlaceMention]
    ) -> tuple[Place | None, str]:
        anchors = [(o.surface, self.index.places[o.place_ids[0]]) for o in others
                   if o.kind == "settlement" and len(o.place_ids) == 1 and o.key != key]
        if not anchors:
            return None, "no region or other unambiguous place named in the text breaks the tie"
        scored = sorted(
            (min((haversine_km(p[3], p[4], a[3], a[4]), s) for s, a in anchors), p) for p in pool
        )
        (best_km, anchor), best = scored[0]
        runner_km = scored[1][0][0] if len(scored) > 1 else float("inf")
        if best_km <= NEAREST_MAX_KM and runner_km >= NEAREST_RATIO * max(best_km, 1.0):
            return best, (f"tie broken by the nearest place the text names ({anchor!r}, "
                          f"{best_km:.0f} km; next namesake {runner_km:.0f} km)")
        return None, "the places the text names are not clearly nearer to one namesake"

    @staticmethod
    def _dominant(pool: list[Place]) -> tuple[Place | None, str]:
        ranked = sorted(pool, key=lambda p: -p[5])
        top, second = ranked[0], ranked[1]
        if top[5] >= DOMINANT_MIN_POPULATION and top[5] >= DOMINANT_RATIO * max(second[5], 1):
            return top, (f"tie broken by size: population {top[5]:,} against at most "
                         f"{second[5]:,} for {len(pool) - 1} namesake(s)")
        return None, "no region or nearby place named in the text breaks the tie"

    def _unknown(self, query: str, text: str, key: str, context: str | None) -> PlaceResolution:
        if key in self.lexicon.person_names:
            return _resolution(query, source="none",
                               reason=f"{text!r} is a person's name on the stop-list, not a place")
        regions = [m for m in (self.scan(context) if context else []) if m.kind == "region"
                   and m.region_code]
        codes = {m.region_code for m in regions}
        if len(codes) == 1:
            code = regions[0].region_code
            assert code is not None
            lat, lon = self.region_centre(code)
            return _resolution(
                query, region_code=code, settlement=text, lat=lat, lon=lon,
                precision=GeoPrecision.REGION,
                reason=f"{text!r} is not in the gazetteer (GeoNames places of 500+ people); "
                f"region from {regions[0].surface!r} named in the text; coordinates are the "
                "region's centre",
            )
        why = "names several regions" if codes else "names no region"
        return _resolution(query, source="none",
                           reason=f"{text!r} is not in the gazetteer and the text {why}")
