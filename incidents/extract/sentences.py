"""Sentences of the kept lines, by a rule-based splitter that knows abbreviations.

"Jan. 23", "U.N." and initials do not end a sentence.  Very long stretches
without punctuation are cut at whitespace so every later stage does bounded
work per sentence.
"""

from __future__ import annotations

import re

from .document import Document, Sentence

STAGE = "sentences"
MAX_SENTENCE_CHARS = 1_200
_BOUNDARY = re.compile(r"[.!?…]+['\"”»’)]*\s+(?=[\"“«'‘(]?[\w\"“«])")
_ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "vs",
        "gen",
        "lt",
        "col",
        "sgt",
        "maj",
        "capt",
        "gov",
        "rep",
        "sen",
        "prof",
        "approx",
        "incl",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.n",
        "u.k",
        "a.m",
        "p.m",
        "est",
        "р",
        "ст",
        "вул",
        "м",
        "с",
        "смт",
        "обл",
        "ім",
        "див",
        "тис",
        "млн",
        "грн",
        "т.д",
        "пр",
        "просп",
    ]
)


def _ends_with_abbreviation(chunk: str) -> bool:
    tail = chunk.rstrip(".!?…'\"”»’)").rsplit(None, 1)[-1] if chunk.strip() else ""
    tail = tail.lstrip("(\"“«'‘").lower()
    if not tail:
        return False
    if tail in _ABBREVIATIONS:
        return True
    # Single initials ("D. Lubinets") and dotted acronyms ("U.N").
    return len(tail) == 1 and tail.isalpha() or bool(re.fullmatch(r"(\w\.)+\w", tail))


def _cut_long(start: int, end: int, text: str) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


def split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence (start, end) pairs inside ``text[start:end]``, stripped."""
    pieces: list[tuple[int, int]] = []
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.end()
        chunk_end = len(text[cur:stop].rstrip()) + cur
        if _ends_with_abbreviation(text[cur:chunk_end]):
            continue
        pieces.extend(_cut_long(cur, chunk_end, text))
        cur = stop
    tail = len(text[cur:end].rstrip()) + cur
    if tail > cur:
        pieces.extend(_cut_long(cur, tail, text))
    return pieces


def run(doc: Document) -> None:
    for index, line in enumerate(doc.lines):
        if line.excluded:
            continue
        for s, e in split(doc.text, line.start, line.end):
            doc.sentences.append(Sentence(s, e, index, is_title=line.role == "title"))
    if not doc.sentences:
        doc.problem(STAGE, "no sentences to read")
