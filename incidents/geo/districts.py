"""Adjectival district names: "Bakhmutskyi raion", "Синельниківському районі".

Ukraine's 2020 raions are named after their centres, in the adjective form of the
centre's name.  Before a district word, the scanner strips the adjective ending and
tries the town names the regular Ukrainian rules would derive it from (Pokrovskyi <-
Pokrovsk, Bakhmutskyi <- Bakhmut, Synelnykivskyi <- Synelnykove, Polohivskyi <- Polohy,
Buchanskyi <- Bucha, Vasylivskyi <- Vasylivka, Dniprovskyi <- Dnipro); only towns large
enough to be a centre count.  Irregular forms (Zaporizkyi, Kryvorizkyi) are not
derived: such a district stays unresolved rather than guessed.
"""

from __future__ import annotations

from .text import fold_word, is_cyrillic

DISTRICT_MIN_POPULATION = 3_000  # a raion centre is a town, not a hamlet

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


def town_keys(key: str) -> list[str]:
    """Folded names of the towns a folded single-word district adjective may come from."""
    if " " in key:
        return []
    cyrillic = is_cyrillic(key)
    for ending in _CYRILLIC_ENDINGS if cyrillic else _LATIN_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending) + 2:
            stem = key[: -len(ending)]
            towns = _cyrillic_towns(stem) if cyrillic else _latin_towns(stem)
            return list(dict.fromkeys(fold_word(t) for t in towns))
    return []
