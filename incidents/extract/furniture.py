"""Page furniture: decide what each line of the page is before anything reads it.

Nothing is deleted.  Lines get a role (title, body, furniture, caption,
related, trailer, duplicate) and parts of lines can be masked (datelines,
inline photo credits), so every later offset still points into the text as
stored.  Once the article body has begun, a feed label ("News Feed",
"Related", "Read more") starts the end-of-page zone: related headlines and
their teasers are not the incident's.
"""

from __future__ import annotations

import re

from .document import Document, Line
from .lexicon import Rules

STAGE = "furniture"
# Work per document is capped; the pipeline reports the cap in problems.
MAX_ANALYSED_CHARS = 200_000
# A site name or tagline above the headline has up to four words ("Global perspective
# Human stories", "Institute of Mass Information").
KICKER_WORDS = 4
# Short label lines that may stand one above another over the headline.
KICKER_STACK = 3
_HEADLINE_END = re.compile(r"[.!?…:;,]['\"”»’)]*$")
_PARAGRAPH_END = re.compile(r"[.!?…]['\"”»’)]*$")


def _words(s: str) -> int:
    """How many words (runs of non-space characters, as \\S+ finds them) ``s`` has."""
    return len(s.split())  # (str.split and \s agree on what is a space)


def split_lines(text: str, limit: int) -> list[Line]:
    """Non-blank lines of ``text[:limit]`` with their stripped offsets."""
    lines: list[Line] = []
    pos = 0
    while pos < limit:
        nl = text.find("\n", pos, limit)
        end = limit if nl < 0 else nl
        start, stop = pos, end
        while start < stop and text[start].isspace():
            start += 1
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            lines.append(Line(start, stop))
        pos = end + 1
    return lines


def headline_like(s: str) -> bool:
    words = _words(s[:400])
    return 0 < words <= 30 and not _HEADLINE_END.search(s)


def paragraph_like(s: str) -> bool:
    return bool(_PARAGRAPH_END.search(s)) and _words(s[:400]) >= 6


def _match_line(rules: Rules, s: str) -> tuple[str, str] | None:
    for rule in rules.line_rules:
        if rule.pattern.search(s):
            return rule.role, rule.id
    return None


def _is_trailer(rules: Rules, s: str) -> str | None:
    if len(s) > 60:
        return None
    for rule in rules.trailer_rules:
        if rule.pattern.search(s):
            return rule.id
    return None


def _mark_related_before(doc: Document, index: int) -> None:
    """Headline-like lines right before a feed label are related-story headlines."""
    for back in range(index - 1, max(index - 3, -1), -1):
        line = doc.lines[back]
        s = doc.text[line.start : line.end]
        if line.role != "body" or not headline_like(s):
            break
        line.role, line.rule_id = "related", "trailer.headline_before_label"


def _is_kicker(doc: Document, index: int, s: str) -> bool:
    """A rubric or place label ("Kharkiv region", "Exclusive") above the headline.

    A site name, a rubric and breadcrumbs may stack above it ("Брянские новости" /
    "Происшествия" / the headline): every short line of the stack is a label.
    """
    if _words(s) > KICKER_WORDS:
        return False
    for nxt in doc.lines[index + 1 : index + 1 + KICKER_STACK]:
        following = doc.text[nxt.start : nxt.end]
        if not headline_like(following):
            return False
        if _words(following) > KICKER_WORDS:
            return True
    return False


def _channel_header(doc: Document, rules: Rules, index: int) -> bool:
    """The first line over a channel's audience count ("Олег Синєгубов | Харківська ОВА" /
    "348 тис. підписників") is the channel's name, the post's author: not breadcrumbs.
    A post's view count under a name with a pipe ("Іван Федоров | Запорізька ОВА" /
    "👁 12.4K") is a channel's header too: site breadcrumbs are no post of their own."""
    if index != 0 or len(doc.lines) < 2:
        return False
    nxt = doc.lines[1]
    hit = _match_line(rules, doc.text[nxt.start : nxt.end])
    if hit == ("furniture", "furniture.audience_count"):
        return True
    line = doc.lines[0]
    return hit == ("furniture", "furniture.views") and " | " in doc.text[line.start : line.end]


# Lower-case words a body's name may carry besides its registry phrase.
NAME_GLUE = frozenset(
    (
        *("of", "the", "and", "й", "і", "та", "и", "regional", "city", "oblast", "district"),
        *("обласна", "обласної", "міська", "районна", "селищна", "сільська", "державна"),
        *("областная", "городская", "районная", "военная", "администрация"),
    )
)
_NAME_WORD = re.compile(r"\w[\w'’-]*")


def only_body_names(text: str, spans: list[tuple[int, int]]) -> bool:
    """Besides the body names at ``spans`` (offsets in ``text``), only capitalised words
    (the place in "Kherson Regional Military Administration"), joining words and emoji."""
    rest = list(text)
    for a, b in spans:
        rest[a:b] = " " * (b - a)
    words = _NAME_WORD.findall("".join(rest))
    return all(w[0].isupper() or w.casefold() in NAME_GLUE for w in words)


def _channel_name(rules: Rules, s: str) -> bool:
    """A line that is only a body's name and ends with it ("Сумська ОВА", "Херсонська
    обласна прокуратура"): the channel that posted the page, its author."""
    hits = [(a, b) for _gid, a, b in rules.body_index.scan(s)]
    return (
        bool(hits)
        and not _NAME_WORD.search(s, max(b for _a, b in hits))
        and only_body_names(s, hits)
    )


def classify_lines(doc: Document, rules: Rules) -> None:
    body_started = False
    in_trailer = False
    seen: set[str] = set()
    has_title = False
    for i, line in enumerate(doc.lines):
        s = doc.text[line.start : line.end]
        if in_trailer:
            line.role, line.rule_id = "trailer", "trailer.zone"
            continue
        trailer_id = _is_trailer(rules, s) if body_started else None
        if trailer_id:
            in_trailer = True
            line.role, line.rule_id = "trailer", trailer_id
            _mark_related_before(doc, i)
            continue
        hit = _match_line(rules, s) if len(s) < 600 else None
        if hit and hit[1] == "furniture.breadcrumbs" and _channel_header(doc, rules, i):
            hit = None
        if hit:
            line.role, line.rule_id = hit
            continue
        key = " ".join(s.casefold().split())
        if key in seen:
            line.role, line.rule_id = "duplicate", "furniture.duplicate_line"
            continue
        seen.add(key)
        if not has_title and not body_started and headline_like(s):
            if _is_kicker(doc, i, s):
                if i == 0 and _channel_name(rules, s):
                    # The channel's name over its post's headline names the post's author.
                    line.role, line.rule_id = "title", "furniture.channel_name"
                    continue
                line.role, line.rule_id = "furniture", "furniture.kicker"
                continue
            line.role, line.rule_id = "title", "furniture.title"
            has_title = True
        elif paragraph_like(s):
            body_started = True


def find_masks(doc: Document, rules: Rules) -> None:
    for line in doc.lines:
        if line.excluded:
            continue
        s = doc.text[line.start : line.end]
        for rule in rules.mask_rules:
            for m in rule.pattern.finditer(s):
                if m.end() > m.start():
                    doc.masks.append((line.start + m.start(), line.start + m.end(), rule.id))


def run(doc: Document, rules: Rules) -> None:
    """Split lines, give each a role, and mask furniture inside kept lines."""
    doc.lines = split_lines(doc.text, doc.limit)
    classify_lines(doc, rules)
    find_masks(doc, rules)
    kept = sum(1 for line in doc.lines if not line.excluded)
    if doc.lines and not kept:
        doc.problem(STAGE, "every line looks like page furniture; nothing left to read")
