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

from .text import fold, fold_word, is_cyrillic

DISTRICT_MIN_POPULATION = 3_000  # a raion centre is a town, not a hamlet
# A hromada's centre may be a village ("Музиківська громада" <- Muzykivka, 2,700 people;
# "Куцурубська громада" <- Kutsurub, 2,100): the floor for a hromada is lower.
HROMADA_MIN_POPULATION = 1_000

# Folded adjective endings (Latin -skyi/-sky/-skiy all fold to "ski"), longest first.
_LATIN_ENDINGS = ("skoho", "skomu", "ski", "ska", "ske")
_CYRILLIC_ENDINGS = ("ского", "скому", "ским", "ском", "скои", "скою", "ская", "ское",
                     "ски", "ска", "ску", "ске")


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
        "hromada", "community", "громада", "громади", "громаді", "громаду", "громадою",
        "громады", "громаде", "общины", "общине", "община", "общину", "общиной",
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
