"""Text helpers for the gazetteer: folding, tokens, Ukrainian/Russian case forms.

Folding maps every spelling of a name that readers meet to one key: case,
diacritics, apostrophes and hyphens go; the transliteration choices that differ
between systems (y/i/ii/iy/yi, ie/e, g/h, j/w, doubled letters, zhzh) collapse.
Cyrillic folds the Ukrainian/Russian letter pairs (і/и/ы/й, є/е/э/ё, ґ/г) and
drops soft signs.  The same fold runs on the index side and on the query side,
so it only has to be consistent, not linguistically exact.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import product
from typing import NamedTuple

APOSTROPHES = "'’ʼ`´ʹ"
_APOS_RE = re.compile(f"[{APOSTROPHES}]")
_NO_APOS = str.maketrans(dict.fromkeys(APOSTROPHES))
_SEP_RE = re.compile(r"[\s\-‐‑–—.,()/]+")
_DOUBLE_RE = re.compile(r"(.)\1+")
_LATIN_MAP = str.maketrans({"y": "i", "j": "i", "w": "v", "g": "h", "ı": "i"})
_CYR_MAP = str.maketrans(
    {"ё": "е", "є": "е", "э": "е", "і": "и", "ї": "и", "ы": "и", "й": "и", "ґ": "г",
     "ь": None, "ъ": None}
)
TOKEN_RE = re.compile(rf"[^\W\d_]+(?:[{APOSTROPHES}][^\W\d_]+)*")


def is_cyrillic(word: str) -> bool:
    return bool(word) and "\u0400" <= word[0] <= "\u04ff"


FOLD_CACHE_SIZE = 200_000
# word -> folded word.  A plain dict of strings, not functools.lru_cache: the garbage
# collector does not track it (an lru_cache entry is a tracked node, and full
# collections walking hundreds of thousands of them cost more than the folding).
_FOLDED: dict[str, str] = {}


def fold_word(word: str) -> str:
    """Fold one word (no spaces) to its lookup form."""
    folded = _FOLDED.get(word)
    if folded is None:
        if len(_FOLDED) >= FOLD_CACHE_SIZE:
            _FOLDED.clear()
        folded = _FOLDED[word] = _fold_word(word)
    return folded


def clear_fold_cache() -> None:
    """Forget every folded word (benchmarks measure first-time folding with it)."""
    _FOLDED.clear()


_ALL_CYRILLIC = re.compile("[\u0400-\u04ff]*\\Z")
_TO_LATIN = str.maketrans("авекмнорстухі", "abekmhopctyxi")
_TO_CYRILLIC = str.maketrans("abekmhopctyxi", "авекмнорстухі")


def _one_script(w: str) -> str:
    """A word typed with look-alike letters of the other script ("Кramatorskyi" with a
    Cyrillic К) is read in the script most of its letters use."""
    if _ALL_CYRILLIC.match(w):  # the usual case, without counting letter by letter
        return w
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in w)
    if cyrillic == 0 or cyrillic == len(w):
        return w
    return w.translate(_TO_CYRILLIC if 2 * cyrillic > len(w) else _TO_LATIN)


def _fold_word(word: str) -> str:
    w = word.lower()
    if not w.isascii() or "'" in w or "`" in w:  # else there is no apostrophe to drop
        w = w.translate(_NO_APOS)
    if not w.isascii():
        w = _one_script(w)
    if "\u0400" <= w[:1] <= "\u04ff":  # Cyrillic
        w = w.translate(_CYR_MAP)
        return _DOUBLE_RE.sub(r"\1", w) if _DOUBLE_RE.search(w) else w
    if not w.isascii():  # ASCII has no diacritics: skip the decomposition
        w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    w = w.replace("zhzh", "zh").translate(_LATIN_MAP)
    if _DOUBLE_RE.search(w):  # a doubled letter as one; most names have none
        w = _DOUBLE_RE.sub(r"\1", w)
    w = w.replace("ie", "e")
    return _DOUBLE_RE.sub(r"\1", w) if _DOUBLE_RE.search(w) else w


def fold(text: str) -> str:
    """Fold a name of one or more words; separators become single spaces."""
    cached = _FOLDED.get
    return " ".join([cached(w) or fold_word(w) for w in _SEP_RE.split(text.strip()) if w])


class Token(NamedTuple):
    start: int
    end: int
    text: str
    key: str  # folded form


_POSSESSIVE = tuple(f"{a}s" for a in APOSTROPHES)
_POSSESSIVE_RE = re.compile(f"[{APOSTROPHES}]s")


def tokens(text: str) -> list[Token]:
    """Word tokens with offsets; an English possessive ("Kharkiv's") is left out."""
    out: list[Token] = []
    for m in TOKEN_RE.finditer(text):
        word, end = m.group(), m.end()
        if word.endswith(_POSSESSIVE) and not is_cyrillic(word):
            word, end = word[:-2], end - 2
        out.append(Token(m.start(), end, word, fold_word(word)))
    return out


def token_arrays(text: str) -> tuple[list[int], list[int], list[str], list[str]]:
    """What :func:`tokens` finds, as parallel lists (starts, ends, words, keys): the
    scanner's form, without a tuple object per word."""
    found = list(TOKEN_RE.finditer(text))
    starts = [m.start() for m in found]
    ends = [m.end() for m in found]
    words = [m.group() for m in found]
    if _POSSESSIVE_RE.search(text):  # rare: only then look at every word's ending
        for k, word in enumerate(words):
            if word.endswith(_POSSESSIVE) and not is_cyrillic(word):
                words[k], ends[k] = word[:-2], ends[k] - 2
    cached = _FOLDED.get
    return starts, ends, words, [cached(w) or fold_word(w) for w in words]


def joinable(text: str, end: int, start: int) -> bool:
    """May two tokens separated by text[end:start] belong to one name?"""
    gap = text[end:start]
    return gap in (" ", "-", "\u00a0", "‑", "–") or (len(gap) <= 3 and gap.strip(" -–") == "")


def iter_words(text: str) -> Iterator[str]:
    yield from (w for w in _SEP_RE.split(text.strip()) if w)


# ----------------------------------------------------------------- case forms

_ALTERNATE_LAST_I = {"і": ("о", "е"), "ї": ("є",), "о": ("і",)}
_PALATAL = {"г": "з", "к": "ц", "х": "с"}


def _vowel_alternations(stem: str) -> set[str]:
    """Харків→Харков, Ріг→Рог, Ірпінь→Ірпен, Київ→Києв: the last vowel alternates."""
    out = {stem}
    for i in range(len(stem) - 1, -1, -1):
        ch = stem[i]
        if ch in "аеєиіїоуюяыэё":
            for alt in _ALTERNATE_LAST_I.get(ch, ()):
                out.add(stem[:i] + alt + stem[i + 1 :])
            break
    return out


def _consonant_forms(stem: str) -> set[str]:
    out: set[str] = set()
    for s in _vowel_alternations(stem):
        out.update(s + e for e in ("а", "у", "і", "ом", "ові", "е", "ем", "я", "ю"))
        if s[-1:] in _PALATAL:
            out.add(s[:-1] + _PALATAL[s[-1]] + "і")
    return out


_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # A noun in -ий declines like one in -й: Стрий -> у Стрию, до Стрия, за Стриєм.
    ("ий", ("ого", "ому", "им", "ім", "ом", "ия", "ию", "иєм")),
    ("ій", ("ього", "ьому", "ім")),
    ("ый", ("ого", "ому", "ым", "ом")),
    ("ой", ("ого", "ому", "ым", "ом")),
    ("ая", ("ой", "ую", "ою", "ей")),
    ("ое", ("ого", "ом", "ому", "ым")),
    ("ее", ("его", "ем", "ему")),
    ("а", ("и", "і", "ы", "е", "у", "ою", "ой", "ої", "ій")),
    ("я", ("і", "ї", "ю", "ею", "єю", "и", "е", "ої", "ій")),
    ("е", ("я", "ю", "і", "ем", "ого", "ому", "им", "ім")),
    ("є", ("я", "ю", "і", "ого", "ому")),
    ("о", ("а", "у", "і", "ом", "ові", "е")),
    ("и", ("ах", "ам", "ами", "ів")),
    ("і", ("ях", "ям", "ями", "ах", "ам", "ів")),
    ("ы", ("ах", "ам", "ами")),
    ("ь", ("я", "ю", "і", "ем", "е")),
    ("й", ("я", "ю", "ї", "і", "ем", "е")),
)


_ADJECTIVAL_NEUTER = frozenset(("ін", "ин", "ов", "ев", "єв", "ын"))


def word_case_forms(word: str) -> set[str]:
    """Oblique-case forms of one lower-case Cyrillic word (over-generated on purpose:
    the forms only serve as lookup keys, and base names always win over them)."""
    forms = {word}
    if word.endswith("ець") and len(word) > 4:
        # Марганець -> Марганця, у Марганці: the vowel before the last consonant drops.
        forms.update(word[:-3] + "ц" + e for e in ("я", "ю", "і", "ем", "еві"))
    if word[-1:] == "о" and word[-3:-1] in _ADJECTIVAL_NEUTER and len(word) > 4:
        # Шебекіно, Іваново: Ukrainian declines such names as adjectives (у Шебекіному).
        forms.update(word[:-1] + e for e in ("ого", "ому", "им"))
    for ending, replacements in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: -len(ending)]
            forms.update(stem + r for r in replacements)
            if ending == "а" and stem[-1] in _PALATAL:
                forms.add(stem[:-1] + _PALATAL[stem[-1]] + "і")
            if ending in ("и", "ы") and stem.endswith("к"):
                forms.add(stem[:-1] + "ок")  # genitive plural: Кринки -> Кринок
            elif ending in ("и", "ы") and stem[-1] not in "аеєиіїоуюяыэёйь" and len(stem) > 2:
                forms.add(stem)  # genitive plural: Суми -> Сум, Черкаси -> Черкас
            if ending in ("ь", "й"):
                forms.update(a + r for a in _vowel_alternations(stem) for r in replacements)
            return forms
    if len(word) > 2:
        forms.update(_consonant_forms(word))
    return forms


def case_forms(name: str, max_words: int = 2) -> set[str]:
    """Case forms of a Cyrillic name; names longer than ``max_words`` keep one form."""
    words = [w.lower() for w in iter_words(name)]
    if not words or not all(is_cyrillic(w) for w in words) or len(words) > max_words:
        return {" ".join(words)}
    return {" ".join(p) for p in product(*(sorted(word_case_forms(w)) for w in words))}


# ------------------------------------------------------- national transliteration

_KMU = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia",
}
_KMU_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def transliterate_uk(name: str) -> str:
    """Ukrainian Cyrillic to Latin by the national system (KMU 2010), as media use it."""
    out: list[str] = []
    for word in re.split(r"(\s+|-)", name):
        low = _APOS_RE.sub("", word.lower()).replace("зг", "зgh")
        chars: list[str] = []
        for i, ch in enumerate(low):
            table = _KMU_INITIAL if i == 0 and ch in _KMU_INITIAL else _KMU
            chars.append(table.get(ch, ch))
        latin = "".join(chars).replace("зgh", "zgh")
        out.append(latin[:1].upper() + latin[1:] if word[:1].isupper() else latin)
    return "".join(out)


def is_ukrainian_cyrillic(name: str) -> bool:
    return is_cyrillic(name) and any(c in name.lower() for c in "іїєґ")


# ------------------------------------------------ Russian and Ukrainian spellings

# Russian letters whose Ukrainian counterpart cannot be told from the letter alone
# (и: і or и; ё, ы, э, ъ), "е" at a word's start or after a vowel (є), and the roots
# whose "е" is an old "ѣ" (Ukrainian і: Белая -> Біла, Лесное -> Лісне): a stem with one
# is not respelt.  Elsewhere a Russian "е" is a Ukrainian "е" (Шестаково -> Шестакове).
_UNSURE_RU = re.compile(
    "[иёыэъ]|(?:^|[аеоуюя])е|е[аеоуюя]|бел|лес|хлеб|снег|цвет|свет|север|мел|сен|вер[хн]"
)
# Endings of a Russian place name in the nominative and the Ukrainian ending they stand
# for (Одноробовка -> Одноробівка, Граково -> Гракове, Ракитное -> Ракитне, Приморск ->
# Приморськ, Богодухов -> Богодухів), longest first.
_RU_TO_UK_ENDINGS: tuple[tuple[str, str], ...] = (
    ("овка", "івка"), ("ское", "ське"), ("цкое", "цьке"), ("ное", "не"), ("ово", "ове"),
    ("ево", "еве"), ("ск", "ськ"), ("цк", "цьк"), ("ов", "ів"),
)
_RU_ADJECTIVES: tuple[tuple[str, str], ...] = (("яя", "я"), ("ая", "а"), ("ое", "е"), ("ее", "є"))
# Adjectives Russian translates rather than respells (Велика Рогань: Большая Рогань).
_RU_TRANSLATED = {
    "большая": "велика", "большой": "великий", "большое": "велике",
    "белая": "біла", "белый": "білий", "белое": "біле",
}
_CONSONANTS = "бвгджзклмнпрстфхцчшщ"


def ukrainian_from_russian(name: str) -> str | None:
    """The Ukrainian nominative of a Russian spelling of a Ukrainian place name, where the
    Russian letters leave no doubt ("Одноробовка" -> "Одноробівка", "Малая Рогань" ->
    "Мала Рогань", "Граково" -> "Гракове", "Байрак" -> "Байрак"); None when a stem letter
    may be one of two Ukrainian letters ("Ивановка": Іванівка), or the name has a
    Ukrainian letter already."""
    words = name.split()
    if not words or len(words) > 2 or any(c in name.lower() for c in "іїєґ'’ʼ"):
        return None
    out = []
    for n, word in enumerate(words):
        low = word.lower()
        if n == 0 and len(words) == 2 and low in _RU_TRANSLATED:
            uk_word = _RU_TRANSLATED[low]
            out.append(uk_word.capitalize() if word[:1].isupper() else uk_word)
            continue
        ending, uk = next(((e, u) for e, u in _RU_TO_UK_ENDINGS if low.endswith(e)), ("", ""))
        if n == 0 and len(words) == 2:
            ending, uk = next(((e, u) for e, u in _RU_ADJECTIVES if low.endswith(e)), ("", ""))
        stem = low[: len(low) - len(ending)]
        if _UNSURE_RU.search(stem) or not stem:
            return None
        if ending in ("ов", "ск", "цк") and stem[-1:] not in _CONSONANTS + "ь":
            return None
        respelt = stem + uk
        out.append(word[:1] + respelt[1:] if word[:1].isupper() else respelt)
    return " ".join(out)


# Ukrainian endings and the Russian ones news in Russian writes for them (the reverse of
# the above), for names GeoNames lists without a Russian form: Одноробівка -> Одноробовка,
# Гракове -> Граково, Ракитне -> Ракитное, Богодухів -> Богодухов, Мала Рогань -> Малая
# Рогань.  Only a consonant before "-івка"/"-ів"/"-не" (Андріївка is Андреевка).
_UK_TO_RU_ENDINGS: tuple[tuple[str, str], ...] = (
    ("івка", "овка"), ("ське", "ское"), ("цьке", "цкое"), ("ове", "ово"), ("еве", "ево"),
    ("не", "ное"), ("ів", "ов"),
)
_UK_ADJECTIVES: tuple[tuple[str, str], ...] = (("ня", "няя"), ("а", "ая"), ("е", "ое"), ("є", "ее"))


def russian_variants(name: str) -> set[str]:
    """Russian spellings of a Ukrainian Cyrillic place name (see _UK_TO_RU_ENDINGS)."""
    words = name.split()
    if not words or len(words) > 2 or not is_cyrillic(name):
        return set()
    last = words[-1]
    low = last.lower()
    forms = {last}
    for ending, ru in _UK_TO_RU_ENDINGS:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            before = low[-len(ending) - 1]
            if ending in ("івка", "ів", "не") and before not in _CONSONANTS:
                break
            forms.add(last[: len(last) - len(ending)] + ru)
            break
    firsts = {words[0]} if len(words) == 2 else {""}
    if len(words) == 2:
        first = words[0].lower()
        firsts.update(
            ru.capitalize() if words[0][:1].isupper() else ru
            for ru, uk in _RU_TRANSLATED.items()
            if uk == first
        )
        for ending, ru in _UK_ADJECTIVES:
            if first.endswith(ending) and len(first) > len(ending) + 2:
                firsts.add(words[0][: len(words[0]) - len(ending)] + ru)
                break
    out = {f"{f} {w}".strip() for f in firsts for w in forms}
    out.discard(name)
    return out

