"""Language: English, Ukrainian and Russian are read; anything else is named and refused.

Decided from the article lines only (furniture excluded), by script and by
function words, which is cheap and does not guess: a text with too few words
to tell, or whose function words are another language's, is not analysed.
"""

from __future__ import annotations

import re
from collections import Counter

from .document import Document

STAGE = "language"
SUPPORTED = ("en", "uk", "ru")
SAMPLE_CHARS = 20_000
_WORDS = re.compile(r"[^\W\d_]+")
_UK_LETTERS = frozenset("іїєґ")
_RU_LETTERS = frozenset("ыэъё")

# Frequent function words; a language wins on how many of its words occur.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "in",
            "to",
            "was",
            "were",
            "is",
            "are",
            "that",
            "on",
            "for",
            "with",
            "by",
            "from",
            "at",
            "said",
            "has",
            "have",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "ein",
            "eine",
            "mit",
            "von",
            "den",
            "dem",
            "zu",
            "auf",
            "wurde",
            "sich",
            "des",
            "im",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "est",
            "une",
            "des",
            "du",
            "dans",
            "pour",
            "que",
            "qui",
            "sur",
            "par",
            "au",
            "avec",
            "été",
            "ont",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "es",
            "una",
            "del",
            "en",
            "por",
            "que",
            "con",
            "para",
            "fue",
            "han",
            "sus",
            "al",
            "se",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "gli",
            "le",
            "e",
            "è",
            "una",
            "del",
            "della",
            "che",
            "per",
            "con",
            "sono",
            "stato",
            "nel",
            "di",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "e",
            "é",
            "um",
            "uma",
            "do",
            "da",
            "em",
            "que",
            "para",
            "com",
            "foram",
            "não",
            "no",
            "na",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "is",
            "dat",
            "op",
            "te",
            "zijn",
            "met",
            "voor",
            "werd",
            "niet",
        ]
    ),
    "pl": frozenset(
        [
            "i",
            "w",
            "na",
            "z",
            "że",
            "się",
            "nie",
            "jest",
            "do",
            "przez",
            "został",
            "są",
            "oraz",
            "od",
        ]
    ),
}


def detect(sample: str) -> tuple[str | None, str]:
    """(language code or None, reason when None)."""
    words = _WORDS.findall(sample.lower())
    if len(words) < 3:
        return None, "too little text to tell the language"
    cyr = sum(1 for w in words if "а" <= w[0] <= "я" or w[0] in "іїєґё")
    lat = sum(1 for w in words if "a" <= w[0] <= "z" or w[0] in "äöüéèàçñß")
    if cyr >= max(lat, 1) * 1.5:
        letters = "".join(words)
        uk = sum(letters.count(ch) for ch in _UK_LETTERS)
        ru = sum(letters.count(ch) for ch in _RU_LETTERS)
        # Ukrainian text nearly always has і/ї/є/ґ; Russian has none of them.
        return ("uk", "") if uk > ru else ("ru", "")
    if lat == 0:
        return None, "unsupported language: the text is in neither Latin nor Cyrillic script"
    counts = Counter(words)
    scores = {lang: sum(n for w, n in counts.items() if w in sw) for lang, sw in _STOPWORDS.items()}
    best = max(scores, key=lambda k: (scores[k], k == "en"))
    if best == "en" and scores["en"] > 0:
        return "en", ""
    if scores[best] == 0:
        return None, "unsupported language: no English, Ukrainian or Russian words found"
    return None, f"unsupported language: {best}"


def run(doc: Document) -> None:
    parts: list[str] = []
    size = 0
    for line in doc.lines:
        if line.excluded:
            continue
        parts.append(doc.text[line.start : line.end])
        size += line.end - line.start
        if size >= SAMPLE_CHARS:
            break
    lang, reason = detect("\n".join(parts)[:SAMPLE_CHARS])
    if lang is None:
        doc.stop_reason = reason
        doc.problem(STAGE, reason)
        return
    doc.language = lang
