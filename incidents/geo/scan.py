"""Finding place mentions in running text: left to right, longest match wins."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from pydantic import BaseModel

from ..schemas import PlaceCandidate
from .districts import (
    DISTRICT_MIN_POPULATION,
    HROMADA_MIN_POPULATION,
    HROMADA_WORDS,
    PLURAL_DISTRICT_WORDS,
    RAION_WORDS,
    adjective_stem,
    load_city_districts,
    name_stem,
    shchyna_town_keys,
    town_keys,
)
from .index import Index, lookup
from .lexicon import Lexicon
from .plurals import plural_regions
from .text import fold, is_cyrillic, joinable, token_arrays, transliterate_uk

# A city whose name is also its oblast's adjective (Khmelnytskyi): this large at least.
CITY_AS_ADJECTIVE = 10_000
KINDS = ("region", "settlement", "country", "macro_region")
# "near the small frontline town of X": words allowed between a near cue and a settlement cue.
NEAR_GAP_WORDS = 3
# Words that end such a gap: "near the river and the village of X" is not near X; "під час
# окупації села X" ("during the occupation of"): "під" is no near cue before "час".
_GAP_STOPS = frozenset(("and", "or", "but", "in", "at", "to", "from", "of", "with", "і", "й",
                        "та", "а", "в", "у", "з", "и", "или", "або", "час"))
M = TypeVar("M", bound=BaseModel)
# Regions that are a city (Kyiv, Sevastopol): a town there is no raion's centre.
CITY_REGIONS = frozenset(("UA-30", "UA-40"))
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One place named in a text.  ``region_code`` is None when the name exists in
    several regions (then ``candidates`` lists them) or for a macro region/country."""

    start: int
    end: int
    surface: str
    kind: str  # one of KINDS
    region_code: str | None
    settlement: str | None
    near: bool = False
    candidates: tuple[PlaceCandidate, ...] = ()
    key: str = ""  # the folded name that matched
    regions: tuple[str, ...] = ()  # a macro region's possible regions
    country: str | None = None  # a country mention's ISO 3166-1 code
    place_ids: tuple[int, ...] = field(default=(), repr=False)
    inflected: bool = False  # matched through a Cyrillic case form
    cued: bool = False  # introduced by a settlement cue ("the village of", "с.")
    district: bool = False  # "Bakhmut district": a district named after a town
    # A district named like a district of these cities (GeoNames ids; "Київський район":
    # Kharkiv's, Odesa's, ...): which one, or a raion, the rest of the text tells.
    city_districts: tuple[int, ...] = ()
    # A settlement mention with no place ids is a name the gazetteer does not hold,
    # taken only because a settlement cue introduced it; ``settlement`` is as written.


def fast_model(cls: type[M], values: dict[str, Any], fields_set: set[str] | None = None) -> M:
    """What ``model_construct`` does for a model whose every field is given, in a fifth
    of the time (pydantic's own is ~10 µs; resolve() has a budget of ~10 µs in all).
    The values must already have the fields' types; tests compare with validation.

    ``fields_set``, when given, must equal ``set(values)``; it is then shared by every
    model given it (pydantic only reads it, and copies it in ``model_copy``): one object
    less per model for the garbage collector to walk."""
    obj = cls.__new__(cls)
    _set_attr(obj, "__dict__", values)
    _set_fields_set(obj, set(values) if fields_set is None else fields_set)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


# BaseModel's slots, set through their descriptors (a third faster than by name).
_set_attr = object.__setattr__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


_CANDIDATES: dict[int, PlaceCandidate] = {}


def candidate(place: tuple[int, str, str, float, float, int]) -> PlaceCandidate:
    """The candidate for a place (frozen, so one object per place is shared)."""
    found = _CANDIDATES.get(place[0])
    if found is None:
        gid, name, code, lat, lon, pop = place
        found = _CANDIDATES[gid] = fast_model(PlaceCandidate, {
            "settlement": name, "region_code": code, "lat": lat, "lon": lon,
            "population": pop, "geonameid": gid})
    return found


class _Tokens:
    """One text's tokens as parallel lists, and which neighbours join (on demand)."""

    __slots__ = ("text", "starts", "ends", "words", "keys", "joins", "n", "lists", "districts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts, self.ends, self.words, self.keys = token_arrays(text)
        self.n = len(self.keys)
        self.joins: list[bool | None] = [None] * self.n
        self.lists = False  # a plural region phrase was found ("... and Odesa oblasts")
        self.districts = False  # a district mention was made

    def joined(self, j: int) -> bool:
        """Are tokens j and j+1 parts of one name (only a space or hyphen between)?"""
        if j + 1 >= self.n:
            return False
        known = self.joins[j]
        if known is None:
            known = self.joins[j] = joinable(self.text, self.ends[j], self.starts[j + 1])
        return known


class Scanner:
    """Tokenises once, then tries the longest name at each capitalised token."""

    def __init__(self, index: Index, lexicon: Lexicon) -> None:
        self.ix = index
        self.lex = lexicon
        self.near_by_last: dict[str, list[tuple[str, ...]]] = {}
        for cue in lexicon.near_cues:
            self.near_by_last.setdefault(cue[-1], []).append(cue)
        # last word -> settlement cues ending in it (a dotted cue's last word is before ".")
        # (adjective, smallest centre, every derivation) -> towns
        self._district_memo: dict[tuple[str, int, bool], tuple[int, ...]] = {}
        self.plural_words = lexicon.plural_region_words
        self.settlement_cues_by_last: dict[str, list[tuple[str, ...]]] = {}
        for cue in lexicon.settlement_cues:
            last = cue[-2] if cue[-1] == "." else cue[-1]
            self.settlement_cues_by_last.setdefault(last, []).append(cue)
        # 'Херсонській — 156, Запорізькій — 130': a region's adjective without the word for
        # oblast is not the village whose case form it resembles.
        oblast_words = set(lexicon.oblast_words)
        self.city_stems = _city_stems(index)
        self.region_adjectives: dict[str, frozenset[str]] = {}
        for k, p in index.phrases.items():
            if p[0] == "region" and k.count(" ") == 1 and k.rsplit(" ", 1)[1] in oblast_words:
                adjective = k.rsplit(" ", 1)[0]
                self.region_adjectives[adjective] = \
                    self.region_adjectives.get(adjective, frozenset()) | frozenset(p[1])

    def scan(self, text: str) -> list[PlaceMention]:
        t = _Tokens(text)
        words = t.words
        out: list[PlaceMention] = []
        i, n = 0, t.n
        while i < n:
            if not words[i][0].isupper():
                i += 1
                continue
            found, step = self._match_at(t, i)
            if found is not None:
                out.append(found)
            i += step
        if t.lists:
            plural_regions(self.ix, self.lex, t, out)
        return _drop_city_districts(text, out) if t.districts else out

    def _match_at(self, t: _Tokens, i: int) -> tuple[PlaceMention | None, int]:
        """The mention at token i (or None) and how many tokens to move on."""
        most = self.ix.starts.get(t.keys[i], 1)
        limit = 1
        while limit < most and t.joined(i + limit - 1):
            limit += 1
        for length in range(limit, 1, -1):
            mention = self._lookup(t, i, length, " ".join(t.keys[i : i + length]))
            if mention is not None:
                return mention, length
        if t.keys[i] in self.lex.given_names and self._capital_follows(t, i):
            return None, self._person_length(t, i)
        mention = self._lookup(t, i, 1, t.keys[i])
        if mention is not None:
            return mention, 1
        if i and t.keys[i - 1] in self.settlement_cues_by_last:
            return self._unverified(t, i)
        return None, 1

    def _capital_follows(self, t: _Tokens, i: int) -> bool:
        return i + 1 < t.n and t.words[i + 1][0].isupper() and t.joined(i)

    def _person_length(self, t: _Tokens, i: int) -> int:
        """'Volodymyr Zelensky', 'Іван Іванович Федоров': the given name, then up to two
        capitalised words joined to it (patronymic, surname) are one person."""
        length = 1
        while length < 3 and self._capital_follows(t, i + length - 1):
            length += 1
        return length

    def _unverified(self, t: _Tokens, i: int) -> tuple[PlaceMention | None, int]:
        """A capitalised name the gazetteer does not hold, right after a settlement cue
        ("the village of Hroza", "с. Гроза"): a settlement mention without places."""
        if not self._after_settlement_cue(t, i) or t.keys[i] in self.lex.common_words:
            return None, 1
        length = 1
        while length < 3 and self._capital_follows(t, i + length - 1) and \
                not self._qualifier_at(t, i + length):
            length += 1
        key = " ".join(t.keys[i : i + length])
        if key in self.lex.person_names or key in self.ix.phrases:
            return None, length
        start, end = t.starts[i], t.ends[i + length - 1]
        surface = t.text[start:end]
        return PlaceMention(start, end, surface, "settlement", None, surface, key=key,
                            near=self._near(t, i), cued=True), length

    def _qualifier_at(self, t: _Tokens, j: int) -> bool:
        """Token j opens the district or oblast a village lies in ("с. Рижівка Сумського
        району", "Котлине Донецької області"): not part of the village's name."""
        if j + 1 >= t.n:
            return False
        nxt = t.keys[j + 1]
        return nxt in self.lex.district_words or \
            f"{t.keys[j]} {nxt}" in self.ix.phrases

    def _after_settlement_cue(self, t: _Tokens, i: int) -> bool:
        keys = t.keys
        if i == 0:
            return False
        for cue in self.settlement_cues_by_last.get(keys[i - 1], ()):
            dotted = cue[-1] == "."
            words = cue[:-1] if dotted else cue
            k = len(words)
            if i < k or keys[i - k : i] != list(words):
                continue
            if not dotted or t.text[t.ends[i - 1] : t.starts[i]].strip().startswith("."):
                return True
        return False

    def _lookup(self, t: _Tokens, i: int, length: int, key: str) -> PlaceMention | None:
        start, end = t.starts[i], t.ends[i + length - 1]
        phrase = self.ix.phrases.get(key)
        if phrase is not None:
            kind, codes, label = phrase
            if kind == "region" and length > 1 and t.keys[i + length - 1] in self.plural_words:
                t.lists = True
            return PlaceMention(
                start, end, t.text[start:end], kind,
                region_code=codes[0] if kind == "region" else None, settlement=None,
                key=key, regions=codes, country=label if kind == "country" else None,
            )
        # The district word after the name ("Синельниківський район"); or, for a name
        # in a list the word closes ("Межівську, Покровську та Слов'янську громади"),
        # the district is the name alone.
        word: str | None = None
        own = length
        nxt = i + length
        if nxt < t.n:
            k = t.keys[nxt]
            if k in self.lex.district_words:
                if t.joined(nxt - 1):
                    word = k
            elif k in _LIST_JOINS or t.text[t.ends[nxt - 1]] == ",":
                word = self._listed_district_word(t, nxt - 1)
                own = length - 1
        before_district = word is not None
        ids, tier = lookup(self.ix, key)
        if word is not None and word in RAION_WORDS:
            found = self._city_district(t, i, length, own, key, ids, tier)
            if found is not None:
                return found
        hromada = word is not None and word in HROMADA_WORDS
        if before_district and (not ids or tier >= 2):
            # A raion's centre is a town; a hromada's may be a village.
            smallest = HROMADA_MIN_POPULATION if hromada else DISTRICT_MIN_POPULATION
            towns = self._district_towns(key, smallest, every=hromada)
            if towns:
                return self._district(t, i, own, key, towns, strict=hromada)
            # 'Запорізького району' is no case form of the village Zaporizke's.
            ids = tuple(p for p in ids if self.ix.places[p][5] >= smallest)
        if not ids and length == 1:
            towns = self._shchyna_towns(key)
            if towns:
                return self._district(t, i, 0, key, towns)
        if not ids or not self._plausible(t, i, length, key):
            return None
        if before_district:
            return self._district(t, i, own, key, ids, strict=hromada)
        if length == 1 and key in self.region_adjectives and \
                not self._city_named_as_adjective(t.words[i], key, ids, tier):
            return None
        if tier < 2 and len(ids) > 1 and _SOFT_NEUTER.search(t.words[i + length - 1]):
            ids = _named_so(self.ix, t.text[start:end], ids)
        return settlement_mention(self.ix, t.text[start:end], start, end, key, ids,
                                  self._near(t, i), tier >= 2, self._after_settlement_cue(t, i))

    def _listed_district_word(self, t: _Tokens, i: int) -> str | None:
        """The plural district word that closes a list of names whose item ends at token
        i ("Межівську, Покровську та Слов'янську громади", "the Kyivskyi and
        Shevchenkivskyi districts", "the Velykyi Burluk and Kupiansk communities"), or
        None.  In Cyrillic only adjectives ('-ський', '-цький', '-ний' forms) make such
        a list: "Нікополь, Покровську і Червоногригорівську громади" names the town
        Nikopol; English names a hromada by its centre."""
        j = i
        for _ in range(LIST_MAX_ITEMS):
            if j + 1 >= t.n:
                return None
            nxt = t.keys[j + 1]
            last = nxt in PLURAL_DISTRICT_WORDS and t.joined(j)
            step = 0
            if not last:
                gap = t.text[t.ends[j] : t.starts[j + 1]]
                if gap.strip() == ",":
                    step = 2 if nxt in _LIST_JOINS and t.joined(j + 1) else 1
                elif gap.isspace() and nxt in _LIST_JOINS and t.joined(j + 1):
                    step = 2
                else:
                    return None
            if is_cyrillic(t.keys[j]) and not _district_adjective(t.keys[j]):
                return None
            if last:
                return nxt if j > i else None  # the last item has the word itself
            j += step
            if j >= t.n or not t.words[j][:1].isupper():
                return None
            while j + 1 < t.n and t.words[j + 1][:1].isupper() and t.joined(j):
                j += 1  # an item of several words ("Velykyi Burluk")
        return None

    def _city_district(
        self, t: _Tokens, i: int, length: int, own: int, key: str, ids: tuple[int, ...],
        tier: int,
    ) -> PlaceMention | None:
        """'Київському районі', 'Kholodnohirskyi district', 'Центрально-Міському районі':
        a name some city gives one of its districts.  Its candidates are those cities and
        the town a raion of that name would be named after (none in Kyiv or Sevastopol:
        cities without raions); the region only when all lie in one."""
        if length != 1:
            return None
        start = i
        cities = self.city_stems.get(adjective_stem(key), ())
        if i and t.joined(i - 1) and t.text[t.ends[i - 1] : t.starts[i]] == "-":
            # 'Центрально-Міському': the hyphenated name's first word is part of it
            longer = self.city_stems.get(f"{t.keys[i - 1]} {adjective_stem(key)}", ())
            if longer:
                cities, start = longer, i - 1
            elif cities:
                return None  # 'Xyz-Міському': some other name
        if not cities:
            return None
        # Every town a raion of that name could be named after ('Дніпровський': Dnipro
        # as well as Dniprovka): with a city of the same name in its oblast, the text
        # cannot tell the raion from the city's district.
        raion = self._district_towns(key, every=True)
        if ids and tier < 2:
            raion += tuple(p for p in ids if self.ix.places[p][5] >= DISTRICT_MIN_POPULATION)
        towns = cities + tuple(dict.fromkeys(
            p for p in raion if p not in cities and self.ix.places[p][2] not in CITY_REGIONS))
        mention = self._district(t, start, i - start + own, key, towns, strict=True)
        return None if mention is None else replace(
            mention, city_districts=tuple(self.ix.places[p][0] for p in cities))

    def _district_towns(
        self, key: str, smallest: int = DISTRICT_MIN_POPULATION, every: bool = False
    ) -> tuple[int, ...]:
        """Towns (primary names, of at least ``smallest`` people: a raion's or a
        hromada's centre) an adjectival district name is formed from.  For a raion (or
        a direction) the most literal derivation that names a town wins: 'Pokrovskyi' ->
        Pokrovsk before Pokrov, raions being named after their towns.  ``every`` (a
        hromada, often named after a village whose name repeats across oblasts): every
        derivation counts, 'Березанська' -> Berezan and Berezanka, and the text tells
        which one is meant."""
        found = self._district_memo.get((key, smallest, every))
        if found is None:
            if len(self._district_memo) >= 10_000:
                self._district_memo.clear()
            found = self._district_memo[key, smallest, every] = self._derive_district_towns(
                key, smallest, every
            )
        return found

    def _derive_district_towns(self, key: str, smallest: int, every: bool) -> tuple[int, ...]:
        # A town's own name first; then its other names ('Купянского района': GeoNames
        # keeps the Russian spelling among Kupiansk's alternate names).
        for wanted in (0, 1):
            found: dict[int, None] = {}
            for town in town_keys(key):
                ids, tier = lookup(self.ix, town)
                if tier == wanted:
                    found.update((p, None) for p in ids if self.ix.places[p][5] >= smallest)
                    if found and not every:
                        break
            if found:
                return tuple(found)
        return ()

    def _city_named_as_adjective(
        self, word: str, key: str, ids: tuple[int, ...], tier: int
    ) -> bool:
        """'Хмельницький атакували': a city of the oblast whose adjective its own name is,
        written in the masculine nominative (the city's name), not 'Хмельницькій' (the
        oblast's feminine form: folding makes the two one key)."""
        codes = self.region_adjectives[key]
        return tier == 0 and word[-2:].lower() in ("ий", "ый") and any(
            self.ix.places[p][5] >= CITY_AS_ADJECTIVE and self.ix.places[p][2] in codes
            for p in ids)

    def _shchyna_towns(self, key: str) -> tuple[int, ...]:
        """'Нікопольщина': the towns (raion centres) a '-щина' word is formed from."""
        for town in shchyna_town_keys(key):
            ids, tier = lookup(self.ix, town)
            found = tuple(p for p in ids if self.ix.places[p][5] >= DISTRICT_MIN_POPULATION)
            if tier == 0 and found:
                return found
        return ()

    def _plausible(self, t: _Tokens, i: int, length: int, key: str) -> bool:
        if key in self.lex.person_names:
            return False
        if length > 1 and not t.words[i + length - 1][0].isupper():
            return False
        if key in self.lex.common_words:
            return self._after_place_cue(t.keys, i)
        return True

    def _after_place_cue(self, keys: list[str], i: int) -> bool:
        cues = self.lex.place_cues
        if i >= 1 and keys[i - 1] in cues:
            return True
        return i >= 2 and keys[i - 1] == "of" and keys[i - 2] in cues

    def _near(self, t: _Tokens, i: int) -> bool:
        if i == 0:
            return False
        if self._near_cue_ends_at(t, i):
            return True
        # "near the small town of Zolochiv", "біля села Гроза": a near cue, then the
        # settlement cue (with an article and up to two lower-case words between).
        for cue in self.settlement_cues_by_last.get(t.keys[i - 1], ()):
            words = cue[:-1] if cue[-1] == "." else cue
            j = i - len(words)
            if j < 1 or t.keys[j:i] != list(words):
                continue
            for skip in range(NEAR_GAP_WORDS + 1):
                k = j - skip
                if k < 1 or not all(t.joined(m) for m in range(k - 1, j)):
                    break
                if skip and (not t.words[k].islower() or t.keys[k] in _GAP_STOPS):
                    break
                if self._near_cue_ends_at(t, k):
                    return True
        return False

    def _near_cue_ends_at(self, t: _Tokens, i: int) -> bool:
        """A near cue ("near", "outskirts of", "біля") ends right before token i."""
        keys = t.keys
        for cue in self.near_by_last.get(keys[i - 1], ()):
            k = len(cue)
            if i >= k and all(keys[i - k + j] == cue[j] for j in range(k)) and \
                    all(t.joined(i - k + j) for j in range(k)):
                return True
        return False

    def _district(
        self, t: _Tokens, i: int, length: int, key: str, ids: tuple[int, ...],
        strict: bool = False,
    ) -> PlaceMention | None:
        """'Bakhmut district', 'Синельниківський район': the region of the town the
        district is named after, not the town.  Namesakes in several regions leave the
        region open (the gazetteer then asks the text), unless one town dwarfs the rest:
        a raion's centre is a town, its namesakes villages.  ``length`` 0 is a
        district told in one word ('Нікопольщина').  ``strict``: no town dwarfs the
        rest (the candidates are not one place's namesakes), and the candidates are
        kept even when they share a region, for the text to weigh."""
        places = [self.ix.places[p] for p in ids]
        start, end = t.starts[i], t.ends[i + length]
        t.districts = True
        regions = {p[2] for p in places}
        code = (next(iter(regions)) if len(regions) == 1 else None) if strict \
            else district_region(places)
        keep = strict or not code
        cands = tuple(candidate(p) for p in places) if keep else ()
        return PlaceMention(start, end, t.text[start:end], "region", code, None,
                            candidates=cands, key=key, regions=(code,) if code else (),
                            place_ids=ids if keep else (), district=True)


def _city_stems(index: Index) -> dict[str, tuple[int, ...]]:
    """Folded stem of a city district's name -> the cities (index ids) with such a district."""
    out: dict[str, tuple[int, ...]] = {}
    for city, code, names in load_city_districts():
        ids, _tier = lookup(index, fold(city))
        found = sorted((p for p in ids if index.places[p][2] == code),
                       key=lambda p: -index.places[p][5])
        if not found:
            log.warning("city_districts.json: %s (%s) is not in the gazetteer", city, code)
            continue
        for name in names:
            stem = name_stem(name)
            if stem and found[0] not in out.get(stem, ()):
                out[stem] = (*out.get(stem, ()), found[0])
    return out


LIST_MAX_ITEMS = 8
_LIST_JOINS = frozenset(("та", "і", "й", "и", "and", "or", "або", "или"))
# Folded stem endings of a district adjective: -ськ-, -цьк-, -зьк- and -н- ('Соборний').
_ADJECTIVE_STEM_ENDS = ("ск", "цк", "зк", "н", "sk", "tsk", "zk", "n")


def _district_adjective(key: str) -> bool:
    return adjective_stem(key).endswith(_ADJECTIVE_STEM_ENDS)


_OWNER_BEFORE = re.compile(r"^[’'ʼ]s\s+(?:the\s+)?$")
# Between a city's district and the city: "у Шевченківському районі Запоріжжя",
# "Dniprovskyi district of Kherson", "in the Dniprovskyi district of the city of Kherson".
_CITY_AFTER = re.compile(
    r"(?i)\s+(?:(?:of|in)\s+(?:the\s+(?:city|town)\s+of\s+)?|міста\s+|города\s+)?")
# A city's district named as such without the city's name: "у Київському районі міста",
# "в Киевском районе города", "у Дніпровському районі столиці", "the Kyivskyi district of
# the city", "in the city's Kyivskyi district".
_CITY_WORD_AFTER = re.compile(
    r"(?i)\s+(?:міста|місті|города|столиці|столицы|обласного\s+центру|облцентру"
    r"|областного\s+центра|облцентра|(?:of|in)\s+the\s+(?:(?:southern|northern|eastern"
    r"|western|central|port|frontline|front-line|regional|same)\s+)?(?:city|capital)"
    r"|(?:of|in)\s+the\s+regional\s+(?:centre|center))\b")
_CITY_WORD_BEFORE = re.compile(r"(?i)\b(?:city|capital)[’'ʼ]s\s+(?:the\s+)?$")


def _drop_city_districts(text: str, out: list[PlaceMention]) -> list[PlaceMention]:
    """"Kherson's Dniprovskyi district", "у Шевченківському районі Запоріжжя": a city's
    own district, not a raion; the city's mention says where, the district is dropped."""
    keep: list[PlaceMention] = []
    for k, m in enumerate(out):
        if m.district:
            before = out[k - 1] if k else None
            after = out[k + 1] if k + 1 < len(out) else None
            if before is not None and before.kind == "settlement" and \
                    _OWNER_BEFORE.match(text[before.end : m.start]):
                continue
            if after is not None and after.kind == "settlement" and \
                    _CITY_AFTER.fullmatch(text, m.end, after.start):
                continue
            if _CITY_WORD_AFTER.match(text, m.end) or \
                    _CITY_WORD_BEFORE.search(text, max(0, m.start - 12), m.start):
                # Some city's district, not a raion: only its cities are candidates.
                city = _only_cities(m)
                if city is not None:
                    keep.append(city)
                continue
        keep.append(m)
    return keep


def _only_cities(m: PlaceMention) -> PlaceMention | None:
    """The district mention with only the cities that have a district of its name as
    candidates (None when no city is known to have one)."""
    kept = [(c, p) for c, p in zip(m.candidates, m.place_ids, strict=False)
            if c.geonameid in m.city_districts]
    if not kept:
        return None
    regions = {c.region_code for c, _p in kept}
    code = next(iter(regions)) if len(regions) == 1 else None
    return replace(m, region_code=code, regions=(code,) if code else (),
                   candidates=tuple(c for c, _p in kept), place_ids=tuple(p for _c, p in kept))


DISTRICT_DOMINANT_RATIO = 5  # a district's centre is this many times its largest namesake


# A Ukrainian neuter name with a soft sign before its last consonant ("Приморське",
# "Покровське", "Слов'янське"): the nominative of the places so named.  The fold drops
# the soft sign, so the key also holds the form "-ське" of a "-ськ" town (Prymorsk,
# Pokrovsk: joined for the Russian locative "в Приморске"); but with the soft sign it is
# only that town's vocative, never its locative ("у Приморську").
_SOFT_NEUTER = re.compile(r"(?i)[сцз]ьке$")


def _named_so(ix: Index, surface: str, ids: tuple[int, ...]) -> tuple[int, ...]:
    """The places whose name the surface is (its transliteration), when any are."""
    key = fold(transliterate_uk(surface))
    own = tuple(p for p in ids if fold(ix.places[p][1]) == key)
    return own or ids


def district_region(places: list[tuple[int, str, str, float, float, int]]) -> str | None:
    regions = {p[2] for p in places}
    if len(regions) == 1:
        return regions.pop()
    ranked = sorted(places, key=lambda p: -p[5])
    if ranked[0][5] >= DISTRICT_DOMINANT_RATIO * max(ranked[1][5], 1):
        return ranked[0][2]
    return None


def settlement_mention(
    ix: Index, surface: str, start: int, end: int, key: str, ids: tuple[int, ...],
    near: bool, inflected: bool, cued: bool = False,
) -> PlaceMention:
    places = [ix.places[p] for p in ids]
    regions = {p[2] for p in places}
    names = {p[1] for p in places}
    return PlaceMention(
        start, end, surface, "settlement",
        region_code=next(iter(regions)) if len(regions) == 1 else None,
        settlement=next(iter(names)) if len(names) == 1 else surface,
        near=near,
        candidates=tuple(candidate(p) for p in places),
        key=key, place_ids=ids, inflected=inflected, cued=cued,
    )
