"""Lists of regions with one plural word: "Chernihiv, Mykolaiv and Odesa oblasts",
"у Харківській, Херсонській та Запорізькій областях".

The scanner reads the last item with the plural word as a region phrase; the items
before it, joined by commas and "and", are the same kind of thing, so each is read as
a region when its name with the word for oblast is one ("Mykolaiv oblast"), replacing
the settlement the bare name would otherwise be.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .index import Index
    from .lexicon import Lexicon
    from .scan import PlaceMention, _Tokens

_LIST_GAP = re.compile(r"^\s*,?\s*(?:(?:and|or|та|і|й|и|або|или)\s+)?$", re.IGNORECASE)
_CONJUNCTIONS = frozenset({"and", "or", "та", "и", "і", "й", "або", "или"})
_MAX_WORDS = 2  # "Ivano-Frankivsk" is two tokens


def plural_regions(ix: Index, lex: Lexicon, t: _Tokens, out: list[PlaceMention]) -> None:
    """Rewrite ``out`` in place: the list items before a plural region phrase."""
    for k in range(len(out) - 1, -1, -1):
        m = out[k]
        if m.kind != "region" or m.key.rsplit(" ", 1)[-1] not in lex.plural_region_words:
            continue
        _rewrite_list(ix, t, out, m)


def _rewrite_list(ix: Index, t: _Tokens, out: list[PlaceMention], last: PlaceMention) -> None:
    from .scan import PlaceMention

    word = last.key.rsplit(" ", 1)[-1]
    first = bisect_left(t.starts, last.start)
    while True:
        item = _item_before(ix, t, first, word)
        if item is None:
            return
        i, length, code = item
        start, end = t.starts[i], t.ends[i + length - 1]
        region = PlaceMention(start, end, t.text[start:end], "region", code, None,
                              key=" ".join(t.keys[i : i + length]), regions=(code,))
        _put(out, region)
        first = i


def _item_before(ix: Index, t: _Tokens, first: int, word: str) -> tuple[int, int, str] | None:
    """(token, length, region code) of the region name listed just before token ``first``."""
    last = first - 1
    if last >= 0 and t.words[last].lower() in _CONJUNCTIONS:
        last -= 1
    if last < 0 or not _LIST_GAP.match(t.text[t.ends[last] : t.starts[first]]):
        return None
    for length in range(1, _MAX_WORDS + 1):
        i = last - length + 1
        if i < 0 or (length > 1 and not t.joined(i)):
            continue
        phrase = ix.phrases.get(" ".join(t.keys[i : last + 1]) + f" {word}")
        if phrase is not None and phrase[0] == "region" and t.words[i][0].isupper():
            return i, length, phrase[1][0]
    return None


def _put(out: list[PlaceMention], region: PlaceMention) -> None:
    """Replace the mention covering the same text, or insert in text order (``out`` is
    sorted by start and its mentions do not overlap)."""
    k = bisect_left(out, region.start, key=_start)
    for j in (k - 1, k):
        if 0 <= j < len(out) and out[j].start < region.end and region.start < out[j].end:
            out[j] = region
            return
    out.insert(k, region)


def _start(m: PlaceMention) -> int:
    return m.start
