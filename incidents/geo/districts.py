"""Adjectival district names: "Bakhmutskyi raion", "Синельниківському районі".

Ukraine's 2020 raions are named after their centres, in the adjective form of the
centre's name.  The forms are derived from the folded names of towns large enough
to be a centre, by the regular Ukrainian rules (-sk + yi, -ka -> -skyi,
-ove/-ova -> -ivskyi, -y -> -ivskyi, -a -> -anskyi, a consonant + skyi); irregular ones
(Zaporizkyi, Kryvorizkyi) are not derived, and a name that does not resolve stays
unresolved.  The keys are read only before a district word, so the rules may
over-generate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from .text import fold_word, is_cyrillic

DISTRICT_MIN_POPULATION = 3_000  # a raion centre is a town, not a hamlet

# Folded adjective endings: Latin -skyi/-sky/-skiy all fold to "ski".
_LATIN_ENDINGS = ("i", "a", "e", "oho", "omu")
_CYRILLIC_ENDINGS = ("и", "ого", "ому", "им", "ом", "а", "ои", "у", "ою", "е", "ое", "ая")


def _latin_stems(k: str) -> list[str]:
    if k.endswith("sk"):
        return [k]
    if k.endswith("ka"):
        return [k[:-2] + "sk"]
    if k.endswith(("ove", "eve", "ova", "ive")):
        return [k[:-3] + "ivsk"]
    if k.endswith("i"):
        return [k[:-1] + "ivsk", k[:-1] + "sk"]
    if k.endswith("a"):
        return [k[:-1] + "ansk", k[:-1] + "sk"]
    if k.endswith("o"):
        return [k + "vsk"]
    if k.endswith("e"):
        return []
    return [k + "sk"]


def _cyrillic_stems(k: str) -> list[str]:
    if k.endswith("ск"):
        return [k]
    if k.endswith("ка"):
        return [k[:-2] + "ск"]
    if k.endswith(("ове", "еве", "ова")):
        return [k[:-3] + "ивск"]
    if k.endswith("и"):
        return [k[:-1] + "ивск", k[:-1] + "ск"]
    if k.endswith(("а", "я")):
        return [k[:-1] + "анск", k[:-1] + "ск"]
    if k.endswith("о"):
        return [k + "вск"]
    if k.endswith("е"):
        return []
    return [k + "ск"]


def adjective_keys(key: str) -> set[str]:
    """Folded adjectival forms of one folded single-word town name."""
    if " " in key or len(key) < 3:
        return set()
    cyrillic = is_cyrillic(key)
    stems = _cyrillic_stems(key) if cyrillic else _latin_stems(key)
    endings = _CYRILLIC_ENDINGS if cyrillic else _LATIN_ENDINGS
    return {fold_word(stem + e) for stem in stems for e in endings}


def district_keys(
    places: list[tuple[int, str, str, float, float, int]], primary: Mapping[str, set[int]]
) -> dict[str, set[int]]:
    """Adjective key -> ids of the towns (population >= DISTRICT_MIN_POPULATION) whose
    primary names (``primary``: folded name -> place ids) it is formed from."""
    out: dict[str, set[int]] = defaultdict(set)
    for key, ids in primary.items():
        big = {p for p in ids if places[p][5] >= DISTRICT_MIN_POPULATION}
        if not big:
            continue
        for form in adjective_keys(key):
            out[form].update(big)
    return out
