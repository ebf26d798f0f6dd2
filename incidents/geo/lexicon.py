"""The gazetteer's data files (``incidents/geo/data/*.json``), validated on load.

Rules are data: region forms, curated spelling variants and the stop-list live in
JSON so adding a spelling is not a code change.  Every problem names the file and
the field, and raises :class:`GeocodeError`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import GeocodeError
from ..vocab import REGIONS

DATA_DIR = Path(__file__).resolve().parent / "data"
DATA_FILES = ("regions.json", "aliases.json", "stoplist.json", "given_names.json",
              "city_districts.json")

_REGION_FIELDS = {
    "geonames_country": str,
    "geonames_admin1": str,
    "en_stems": list,
    "cyrillic_adjective_stems": list,
    "shchyna_stems": list,
    "names": list,
}
_REGION_LISTS = (
    "en_suffixes",
    "cyrillic_adjective_endings",
    "cyrillic_oblast_words",
    "cyrillic_direction_adjective_endings",
    "cyrillic_direction_words",
    "shchyna_endings",
)


@dataclass(frozen=True)
class RegionForms:
    code: str
    geonames_country: str
    geonames_admin1: str
    en_stems: tuple[str, ...]
    cyrillic_adjective_stems: tuple[str, ...]
    shchyna_stems: tuple[str, ...]
    names: tuple[str, ...]


@dataclass(frozen=True)
class MacroRegion:
    key: str
    display: str
    regions: tuple[str, ...]
    names: tuple[str, ...]


@dataclass(frozen=True)
class Alias:
    alias: str
    settlement: str  # the GeoNames name of the target place
    region_code: str


@dataclass(frozen=True)
class Lexicon:
    regions: dict[str, RegionForms]
    endings: dict[str, tuple[str, ...]]
    macro_regions: dict[str, MacroRegion]
    countries: dict[str, tuple[str, tuple[str, ...]]]  # code -> (display, names)
    aliases: tuple[Alias, ...]
    display: dict[tuple[str, str], str]  # (name the rule gives, region) -> display name
    common_words: frozenset[str]  # folded; a settlement only after a place cue
    person_names: frozenset[str]  # folded; never a settlement
    place_cues: frozenset[str]  # folded words that announce a place ("in", "village")
    near_cues: tuple[tuple[str, ...], ...]  # folded word sequences ("near"), ("outskirts", "of")
    district_words: frozenset[str]  # folded; "Bakhmut district" is a district, not the town
    given_names: frozenset[str]  # folded, Cyrillic case forms too; before a capital: a person
    # folded word sequences that introduce a settlement's name ("village of", "с."); a
    # sequence ending in "." needs the period written after its last word
    settlement_cues: tuple[tuple[str, ...], ...]
    oblast_words: tuple[str, ...]  # folded Cyrillic words for oblast ("області", "ова")
    plural_region_words: frozenset[str]  # folded: "oblasts", "областях" close a list
    signature: str  # hash of the data files, part of the index cache key


def _read(name: str) -> dict[str, Any]:
    path = DATA_DIR / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GeocodeError(f"{path}: cannot read gazetteer data: {exc}") from exc
    if not isinstance(data, dict):
        raise GeocodeError(f"{path}: top level must be an object")
    return data


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise GeocodeError(f"{where}: must be a list of non-empty strings")
    return tuple(value)


def _field(obj: dict[str, Any], key: str, where: str) -> Any:
    if key not in obj:
        raise GeocodeError(f"{where}: missing field {key!r}")
    return obj[key]


def _region(code: str, raw: Any, where: str) -> RegionForms:
    if code not in REGIONS:
        raise GeocodeError(f"{where}: unknown region code {code!r}")
    if not isinstance(raw, dict):
        raise GeocodeError(f"{where}: must be an object")
    unknown = set(raw) - set(_REGION_FIELDS)
    if unknown:
        raise GeocodeError(f"{where}: unknown field(s) {sorted(unknown)}")
    values: dict[str, Any] = {}
    for key, kind in _REGION_FIELDS.items():
        value = _field(raw, key, where)
        if kind is str:
            if not isinstance(value, str) or not value:
                raise GeocodeError(f"{where}.{key}: must be a non-empty string")
            values[key] = value
        else:
            values[key] = _strings(value, f"{where}.{key}")
    return RegionForms(code=code, **values)


def _load_regions(data: dict[str, Any]) -> tuple[dict[str, RegionForms], dict[str, MacroRegion]]:
    raw = _field(data, "regions", "regions.json")
    regions = {c: _region(c, r, f"regions.json: regions.{c}") for c, r in raw.items()}
    missing = sorted(set(REGIONS) - set(regions))
    if missing:
        raise GeocodeError(f"regions.json: regions: no entry for {', '.join(missing)}")
    admin = [(r.geonames_country, r.geonames_admin1) for r in regions.values()]
    if len(set(admin)) != len(admin):
        raise GeocodeError("regions.json: two regions share one GeoNames admin1 code")
    macros: dict[str, MacroRegion] = {}
    for key, m in _field(data, "macro_regions", "regions.json").items():
        where = f"regions.json: macro_regions.{key}"
        codes = _strings(_field(m, "regions", where), f"{where}.regions")
        bad = [c for c in codes if c not in REGIONS]
        if bad:
            raise GeocodeError(f"{where}.regions: unknown region code(s) {bad}")
        names = _strings(_field(m, "names", where), f"{where}.names")
        macros[key] = MacroRegion(key, str(_field(m, "display", where)), codes, names)
    return regions, macros


def _load_aliases(data: dict[str, Any]) -> tuple[Alias, ...]:
    out: list[Alias] = []
    for i, row in enumerate(_field(data, "aliases", "aliases.json")):
        where = f"aliases.json: aliases[{i}]"
        if not isinstance(row, dict) or set(row) != {"alias", "settlement", "region"}:
            raise GeocodeError(f"{where}: needs exactly the fields alias, settlement, region")
        if row["region"] not in REGIONS:
            raise GeocodeError(f"{where}.region: unknown region code {row['region']!r}")
        out.append(Alias(row["alias"], row["settlement"], row["region"]))
    return tuple(out)


def _load_display(data: dict[str, Any]) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for i, row in enumerate(_field(data, "display", "aliases.json")):
        where = f"aliases.json: display[{i}]"
        if not isinstance(row, dict) or set(row) != {"geonames", "display", "region"}:
            raise GeocodeError(f"{where}: needs exactly the fields geonames, display, region")
        if row["region"] not in REGIONS:
            raise GeocodeError(f"{where}.region: unknown region code {row['region']!r}")
        out[(row["geonames"], row["region"])] = row["display"]
    return out


def _signature() -> str:
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update((DATA_DIR / name).read_bytes())
    return digest.hexdigest()


def _folded_list(stop: dict[str, Any], key: str) -> frozenset[str]:
    from .text import fold

    return frozenset(fold(w) for w in _strings(_field(stop, key, "stoplist.json"),
                                               f"stoplist.json: {key}"))


def _with_case_forms(words: tuple[str, ...]) -> frozenset[str]:
    """Folded words, and for Cyrillic ones their case forms ('Червоне' blocks 'Червоного')."""
    from .text import case_forms, fold

    return frozenset(fold(form) for w in words for form in case_forms(w))


def _given_names() -> frozenset[str]:
    doc = _read("given_names.json")
    latin = _strings(_field(doc, "latin", "given_names.json"), "given_names.json: latin")
    cyrillic = _strings(_field(doc, "cyrillic", "given_names.json"), "given_names.json: cyrillic")
    bad = [n for n in cyrillic if not ("\u0400" <= n[0] <= "\u04ff")]
    if bad:
        raise GeocodeError(f"given_names.json: cyrillic: not Cyrillic: {bad}")
    return _with_case_forms(latin + cyrillic)


def _settlement_cues(stop: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    from .text import fold

    raw = _strings(_field(stop, "settlement_cues", "stoplist.json"),
                   "stoplist.json: settlement_cues")
    return tuple(tuple(fold(c).split()) + ((".",) if c.endswith(".") else ()) for c in raw)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and validate every data file (cached per process)."""
    from .text import fold

    regions_doc = _read("regions.json")
    regions, macros = _load_regions(regions_doc)
    endings = {k: _strings(_field(regions_doc, k, "regions.json"), f"regions.json: {k}")
               for k in _REGION_LISTS}
    countries = {
        code: (str(_field(c, "display", f"regions.json: countries.{code}")),
               _strings(_field(c, "names", f"regions.json: countries.{code}"),
                        f"regions.json: countries.{code}.names"))
        for code, c in _field(regions_doc, "countries", "regions.json").items()
    }
    aliases_doc = _read("aliases.json")
    stop = _read("stoplist.json")
    near = _strings(_field(stop, "near_cues", "stoplist.json"), "stoplist.json: near_cues")
    cues = _folded_list(stop, "place_cues")
    return Lexicon(
        regions=regions,
        endings=endings,
        macro_regions=macros,
        countries=countries,
        aliases=_load_aliases(aliases_doc),
        display=_load_display(aliases_doc),
        common_words=_with_case_forms(_strings(
            _field(stop, "common_words", "stoplist.json"), "stoplist.json: common_words"))
        | cues | {w for c in near for w in fold(c).split()},
        person_names=_folded_list(stop, "person_names"),
        place_cues=cues,
        near_cues=tuple(tuple(fold(c).split()) for c in near),
        district_words=_folded_list(stop, "district_words"),
        given_names=_given_names(),
        settlement_cues=_settlement_cues(stop),
        oblast_words=tuple(fold(w) for w in endings["cyrillic_oblast_words"]),
        plural_region_words=_folded_list(stop, "plural_region_words"),
        signature=_signature(),
    )
