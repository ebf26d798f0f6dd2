"""Adjectival district names: "Bakhmutskyi raion", "Синельниківському районі".

Ukraine's 2020 raions are named after their centres, in the adjective form of the
centre's name.  Before a district word, the scanner strips the adjective ending and
tries the town names the regular Ukrainian rules would derive it from (Pokrovskyi <-
Pokrovsk, Bakhmutskyi <- Bakhmut, Synelnykivskyi <- Synelnykove, Polohivskyi <- Polohy,
Buchanskyi <- Bucha, Vasylivskyi <- Vasylivka, Dniprovskyi <- Dnipro); only towns large
enough to be a centre count.  Irregular forms (Zaporizkyi, Kryvorizkyi, Odeskyi,
Cherkaskyi) come from a short table; other irregular ones stay unresolved rather than
guessed.

"Нікопольщина", "на Куп'янщині": the "-щина" noun of a town names the land around it
(its district), the way "Харківщина" names an oblast.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import GeocodeError
from ..vocab import REGIONS
from .text import fold, fold_word, is_cyrillic, transliterate_uk

DISTRICT_MIN_POPULATION = 3_000  # a raion centre is a town, not a hamlet
# A hromada's centre may be a village ("Музиківська громада" <- Muzykivka, 2,700 people;
# "Куцурубська громада" <- Kutsurub, 2,100): the floor for a hromada is lower.
HROMADA_MIN_POPULATION = 1_000

# Folded adjective endings (Latin -skyi/-sky/-skiy all fold to "ski"), longest first.
_LATIN_ENDINGS = ("skoho", "skomu", "ski", "ska", "ske")
_CYRILLIC_ENDINGS = ("скими", "ского", "скому", "ским", "ском", "скои", "скою", "ская",
                     "ское", "скую", "ские", "ских", "ски", "ска", "ску", "ске")


def _latin_towns(stem: str) -> list[str]:
    """Town keys for a Latin adjective stem (the adjective without '-skyi')."""
    out = [stem + "sk", stem, stem + "ka", stem + "a", stem + "i"]
    if stem.endswith("iv"):
        out += [stem[:-2] + e for e in ("ove", "eve", "ova", "ive", "i")]
    if stem.endswith("an"):
        out.append(stem[:-2] + "a")
    if stem.endswith("v"):
        out.append(stem[:-1])  # Dniprovskyi <- Dnipro
    return out


def _cyrillic_towns(stem: str) -> list[str]:
    out = [stem + "ск", stem, stem + "ка", stem + "а", stem + "и", stem + "я"]
    if stem.endswith("ив"):
        out += [stem[:-2] + e for e in ("ове", "еве", "ова", "и")]
    if stem.endswith("ан"):
        out += [stem[:-2] + "а", stem[:-2] + "я"]
    if stem.endswith(("ов", "ев")):
        # Russian: 'Синельниковского' <- Синельниково, 'Пологовского' <- Пологи
        out += [stem + "о", stem[:-2] + "и"]
    if stem.endswith("в"):
        out.append(stem[:-1])
    return out


# Folded adjective beginnings whose town the regular rules cannot derive -> the town.
_IRREGULAR = {
    fold(adjective): fold(town)
    for adjective, town in (
        ("запорізьк", "Запоріжжя"), ("запорожск", "Запорожье"), ("zaporizk", "Zaporizhzhia"),
        ("криворізьк", "Кривий Ріг"), ("криворожск", "Кривой Рог"),
        ("kryvorizk", "Kryvyi Rih"), ("одеськ", "Одеса"), ("одесск", "Одесса"),
        ("odesk", "Odesa"), ("odessk", "Odessa"), ("черкаськ", "Черкаси"),
        ("черкасск", "Черкассы"), ("cherkask", "Cherkasy"),
    )
}
# Folded words for a hromada (territorial community), after its adjectival name.
HROMADA_WORDS = frozenset(
    fold_word(w)
    for w in (
        "hromada", "hromadas", "community", "communities", "громада", "громади", "громаді",
        "громаду", "громадою", "громад", "громадах", "громадам", "громадами", "громады",
        "громаде", "громадой", "общины", "общине", "община", "общину", "общиной", "общин",
        "общинах", "общинам", "общинами",
    )
)
# Folded words for a district ("район", "district"), not a hromada or a front direction:
# a city's districts are named with these.
RAION_WORDS = frozenset(
    fold_word(w)
    for w in (
        "district", "districts", "raion", "raions", "rayon", "район", "району", "районі",
        "районом", "района", "районе", "райони", "районах", "районів", "районами",
        "районов", "районы",
    )
)
# Folded plural district words: a list of names before one names districts, every one
# ("Межівську, Покровську та Слов'янську громади", "the Kyivskyi and Shevchenkivskyi
# districts").  Folding makes "райони" one with the singular "районі".
PLURAL_DISTRICT_WORDS = frozenset(
    fold_word(w)
    for w in (
        "districts", "raions", "hromadas", "communities", "райони", "районів", "районах",
        "районам", "районами", "районы", "районов", "громади", "громад", "громадах",
        "громадам", "громадами", "громады", "общины", "общин", "общинах", "общинам",
        "общинами",
    )
)
_SHCHYNA = ("щина", "щини", "щину", "щиною", "щиной", "щине")


def shchyna_town_keys(key: str) -> list[str]:
    """Folded names of the towns a folded "-щина" word may come from ("никополщини" ->
    Нікополь, "купянщина" -> Куп'янськ, "бахмутщина" -> Бахмут)."""
    for ending in _SHCHYNA:
        if key.endswith(ending) and len(key) > len(ending) + 3:
            stem = key[: -len(ending)]
            towns = (stem + "ск", stem, stem + "и", stem + "а", stem + "е")
            return list(dict.fromkeys(fold_word(t) for t in towns))
    return []


def town_keys(key: str) -> list[str]:
    """Folded names of the towns a folded single-word district adjective may come from."""
    if " " in key:
        return []
    for adjective, town in _IRREGULAR.items():
        if key.startswith(adjective) and len(key) - len(adjective) <= 4:
            return [town]
    cyrillic = is_cyrillic(key)
    for ending in _CYRILLIC_ENDINGS if cyrillic else _LATIN_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending) + 2:
            stem = key[: -len(ending)]
            towns = _cyrillic_towns(stem) if cyrillic else _latin_towns(stem)
            return list(dict.fromkeys(fold_word(t) for t in towns))
    return []


# ------------------------------------------------------------------ city districts
# Folded adjective endings of any declension ('Київському', 'Индустриальном', 'Kyivskyi'),
# longest first: what is left is the stem a city district is known by.
_ADJ_ENDINGS_CYRILLIC = ("ими", "ого", "ому", "ою", "ои", "ая", "ое", "ую", "ие", "их", "им",
                         "ом", "и", "а", "у", "е", "я", "ю")
_ADJ_ENDINGS_LATIN = ("oho", "omu", "oi", "i", "a", "e", "u")
_STEM_MIN = 3
CITY_DISTRICTS_FILE = "city_districts.json"


def adjective_stem(key: str) -> str:
    """The stem of a folded one-word adjective: 'кивскому' -> 'кивск', 'kivski' -> 'kivsk',
    'индустриалном' -> 'индустриалн'; '' for a word with no adjective ending (a town's
    name, 'Podilsk', is not the adjective 'Podilskyi')."""
    for ending in _ADJ_ENDINGS_CYRILLIC if is_cyrillic(key) else _ADJ_ENDINGS_LATIN:
        if key.endswith(ending) and len(key) - len(ending) >= _STEM_MIN:
            return key[: -len(ending)]
    return ""


def name_stem(name: str) -> str:
    """The folded stem of a district name as written ('Центрально-Міський' ->
    'централно миск'): every word but the last as folded, the last one's stem."""
    words = fold(name).split()
    return " ".join([*words[:-1], adjective_stem(words[-1])]) if words else ""


def load_city_districts(
    path: Path | None = None,
) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(city, region code, district names in Ukrainian, Russian and the Latin spelling of
    the Ukrainian) from ``data/city_districts.json``, validated."""
    path = path or Path(__file__).resolve().parent / "data" / CITY_DISTRICTS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = data["cities"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GeocodeError(f"{CITY_DISTRICTS_FILE}: cannot read 'cities': {exc}") from exc
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for i, row in enumerate(rows):
        where = f"{CITY_DISTRICTS_FILE}: cities[{i}]"
        if not isinstance(row, dict) or set(row) != {"city", "region", "uk", "ru"}:
            raise GeocodeError(f"{where}: needs exactly the fields city, region, uk, ru")
        if row["region"] not in REGIONS:
            raise GeocodeError(f"{where}.region: unknown region code {row['region']!r}")
        names: list[str] = []
        for lang in ("uk", "ru"):
            value = row[lang]
            if not isinstance(value, list) or not all(
                isinstance(s, str) and is_cyrillic(s.strip()) for s in value
            ):
                raise GeocodeError(f"{where}.{lang}: must be a list of Cyrillic names")
            names += value
        names += [transliterate_uk(s) for s in row["uk"]]
        out.append((str(row["city"]), str(row["region"]), tuple(names)))
    return tuple(out)


def load_city_sections(path: Path | None = None) -> tuple[tuple[str, str, str], ...]:
    """(GeoNames name, region code, city) of the records in ``data/city_districts.json``
    that are parts of a city ("Saltivka" of Kharkiv), validated."""
    path = path or Path(__file__).resolve().parent / "data" / CITY_DISTRICTS_FILE
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["sections"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GeocodeError(f"{CITY_DISTRICTS_FILE}: cannot read 'sections': {exc}") from exc
    out: list[tuple[str, str, str]] = []
    for i, row in enumerate(rows):
        where = f"{CITY_DISTRICTS_FILE}: sections[{i}]"
        if not isinstance(row, dict) or set(row) != {"place", "region", "city"} or not all(
            isinstance(v, str) and v for v in row.values()
        ):
            raise GeocodeError(f"{where}: needs exactly the fields place, region, city")
        if row["region"] not in REGIONS:
            raise GeocodeError(f"{where}.region: unknown region code {row['region']!r}")
        out.append((row["place"], row["region"], row["city"]))
    return tuple(out)

