"""Report kind and incident segments.

Each sentence gets a role: ``aggregate`` (statistics over many incidents or a
period), ``background`` (law, context), ``incident`` (says what happened: a
type cue or a victim count) or nothing.

The kind is read the way a reader reads a news page: from its headline and
lede.  The first lede sentence that carries a figure or an incident type
decides (the headline only when the lede has none): an aggregate lede makes
the report ``aggregate``; a lede with nothing about an incident makes it
``other``, whatever later paragraphs recall.  A report is a ``roundup`` when
several places each have their own toll.

Roundup entries are split below the sentence too: "In Kharkiv Oblast, X; in
Kherson, Y" gives two entries, each with only its own clause's figures.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..vocab import DatePrecision, ReportKind
from .document import Document, Span
from .guard import guarded
from .lexicon import RULES_DIR, Rules, RulesError, compile_phrases
from .places import _in_region, _region_of, is_district

STAGE = "kind"
LEDE_SENTENCES = 3
# A toll past the lede is the report's incident only when it is this recent.
RECENT_DAYS = 7

Key = tuple[str | None, str | None]

# Where a sentence may be cut into roundup entries: semicolons, and a comma or
# conjunction that opens a new clause.  A clause without its own place stays
# with the entry before it, so over-cutting never moves a figure to another place.
_CLAUSE_CUT = re.compile(
    r";\s*|,\s+(?:and|while|whereas|but|а|і|й|та|и|але|тоді як)\s+|\s+(?:and|і|та|и|а)\s+(?=\w)",
    re.IGNORECASE,
)


_NUMBER = re.compile(r"\d[\d,. ]*\d|\d")
# A day this near a sentence's start opens it ("On Nov. 2, ...", "Увечері 2 листопада").
LEADING_DAY_CHARS = 16


@dataclass
class Segment:
    """The sentences of one incident, in reading order, with its place key.

    ``clip`` limits a sentence to a part of it (a roundup clause): only spans
    inside that part belong to this segment.
    """

    sentences: list[int] = field(default_factory=list)
    key: Key = (None, None)
    clip: dict[int, tuple[int, int]] = field(default_factory=dict)
    opening: set[int] = field(default_factory=set)  # starts of the sentences' leading days

    def covers(self, span: Span) -> bool:
        part = self.clip.get(span.sentence)
        if part is None:
            return True
        inside = part[0] <= span.start and span.end <= part[1]
        # A value found for the whole sentence (a type) holds for each of its clauses.
        if inside or (span.start <= part[0] and part[1] <= span.end):
            return True
        # "On Nov. 2, drones killed a man in Mykolaiv, while two were injured in Ochakiv":
        # the day that opens the sentence holds for its later clauses too.
        return span.label == "date" and span.end <= part[0] and span.start in self.opening

    def add(self, index: int, part: tuple[int, int] | None = None) -> None:
        if index in self.sentences:
            if index in self.clip and part is not None:
                a, b = self.clip[index]
                self.clip[index] = (min(a, part[0]), max(b, part[1]))
            elif part is None:
                self.clip.pop(index, None)
            return
        self.sentences.append(index)
        if part is not None:
            self.clip[index] = part


@lru_cache(maxsize=1)
def _period() -> re.Pattern[str]:
    """Expressions of a period ("in March", "in 2024", "за тиждень") from rules/kind.json."""
    path = RULES_DIR / "kind.json"
    try:
        patterns = json.loads(path.read_text(encoding="utf-8"))["period"]
        return guarded("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except (OSError, ValueError, KeyError, TypeError, re.error) as exc:
        raise RulesError(f"{path}: 'period' must be a list of regular expressions: {exc}") from exc


@lru_cache(maxsize=1)
def _kind_patterns() -> dict[str, re.Pattern[str]]:
    """Back-references, daily-roundup heads and source lines (regular expressions, kind.json)."""
    path = RULES_DIR / "kind.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        out = {
            key: guarded("|".join(f"(?:{p})" for p in data[key]), re.IGNORECASE)
            for key in ("backref", "recall", "day_roundup", "another", "one_suspect")
        }
        for key in ("source_line", "recall_heading", "also", "greeting"):
            out[key] = guarded(data[key], re.IGNORECASE)
        return out
    except (OSError, ValueError, KeyError, TypeError, re.error) as exc:
        raise RulesError(
            f"{path}: 'backref', 'recall', 'day_roundup', 'another' and 'one_suspect' must be "
            "lists of regular expressions and 'source_line', 'recall_heading', 'also' and "
            "'greeting' "
            f"one regular expression each: {exc}"
        ) from exc


def another_incident(text: str) -> bool:
    """The sentence tells of another attack ("In another attack, ...", "в іншій громаді")."""
    return bool(_kind_patterns()["another"].search(text))


# A clause that sets another place's toll beside the first: ", while one person was
# injured in Kharkiv", ", тоді як у Харкові поранено", ", а в Харкові".
_BESIDE = re.compile(
    r"(?i)[,;]\s*(?:while|whereas|тоді\s+як|тогда\s+как|в\s+то\s+время\s+как|а)\s+$")


def _opens_another(doc: Document, index: int, part: tuple[int, int]) -> bool:
    """The entry is told as another attack: its sentence opens with a marker of one
    ("In another attack", "Також", "Увечері" before a place of its own), or its clause
    sets its toll beside the one before (", while ... in Kharkiv")."""
    sent = doc.sentences[index]
    if part[0] > sent.start:
        return bool(_BESIDE.search(doc.text, max(sent.start, part[0] - 30), part[0]))
    text = doc.sentence_text(index)
    return another_incident(text) or bool(_kind_patterns()["also"].match(text))


def backref(text: str) -> bool:
    """The sentence tells what was reported earlier ("As Ukrinform reported earlier, ...")."""
    return bool(_kind_patterns()["backref"].search(text))


def one_suspect(text: str) -> bool:
    """A suspicion served on one person ("повідомила про підозру російському військовому,
    який у 2022 році незаконно позбавив волі трьох жителів"): what that person did over a
    period is one incident, not statistics."""
    return bool(_kind_patterns()["one_suspect"].search(text))


def recall(text: str) -> bool:
    """The sentence opens a recollection of an earlier incident ("Нагадаємо, ...")."""
    return bool(_kind_patterns()["recall"].search(text))


def recall_heading(text: str) -> bool:
    """The line is only a heading over earlier events ("Background:", "Передісторія:")."""
    return bool(_kind_patterns()["recall_heading"].match(text))


_LIST_ITEM = re.compile(r"^\s*[-–—•*·▪►]\s*")


def _recalled_lines(doc: Document) -> set[int]:
    """Lines under a recall heading: the line after it and the list items that follow."""
    out: set[int] = set()
    lines = doc.lines
    for n, line in enumerate(lines):
        if line.excluded or not recall_heading(doc.text[line.start : line.end]):
            continue
        out.add(n)
        body = [k for k in range(n + 1, len(lines)) if not lines[k].excluded]
        for count, k in enumerate(body):
            item = bool(_LIST_ITEM.match(doc.text[lines[k].start : lines[k].end]))
            if count and not item:
                break
            out.add(k)
    return out


def day_roundup(text: str) -> bool:
    """The text speaks of the past day ("over the past day", "протягом доби")."""
    return bool(_kind_patterns()["day_roundup"].search(text))


def source_line(text: str) -> bool:
    """A closing attribution line ("Source: ...", "Джерело: ...")."""
    return bool(_kind_patterns()["source_line"].match(text))


@lru_cache(maxsize=1)
def _total() -> re.Pattern[str]:
    """Words of a sum ("a total of", "загалом") from rules/kind.json."""
    path = RULES_DIR / "kind.json"
    try:
        return compile_phrases(json.loads(path.read_text(encoding="utf-8"))["total"], "kind.json")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RulesError(f"{path}: 'total' must be a list of phrases: {exc}") from exc


def _investigated(doc: Document, index: int) -> bool:
    """A body opens or conducts an investigation here: about this incident, not background."""
    return any(s.value.role == "investigates" for s in doc.spans_of("body", index))


# A body that opens its sentence: "Ukraine's Foreign Ministry said ...", "Ombudsman
# Dmytro Lubinets called the killing ...".
SUBJECT_CHARS = 40


def _body_statement(doc: Document, index: int) -> bool:
    """The sentence is a body's own statement (the body is its subject and said it):
    a legal qualification it gives ("is a grave breach of the Geneva Conventions") is
    that body's word on this incident, not the report's background."""
    start = doc.sentences[index].start
    return any(
        s.value.role == "reported" and s.start - start <= SUBJECT_CHARS
        for s in doc.spans_of("body", index)
    )


def _has(doc: Document, label: str, index: int) -> bool:
    return bool(doc.spans_of(label, index))


def _real_count(doc: Document, index: int) -> bool:
    return any(not s.value.sub and s.value.value > 0 for s in doc.spans_of("count", index))


def _any_count(doc: Document, index: int) -> bool:
    return any(not s.value.sub for s in doc.spans_of("count", index))


def assign_roles(doc: Document, rules: Rules) -> None:
    """Each sentence's role.

    ``total`` is a sum without a period ("A total of 61 people were injured"):
    the incident's own toll in a single-incident report, the roundup's total
    (never an entry) in a roundup.
    """
    markers = rules.kind_markers
    period = _period()
    total = _total()
    recalled_line = -1
    under_heading = _recalled_lines(doc)
    for i, sent in enumerate(doc.sentences):
        text = doc.sentence_text(i)
        if not sent.is_title and sent.line_index in under_heading:
            sent.role = "background"
            continue
        if not sent.is_title and (sent.line_index == recalled_line or recall(text)):
            # "Нагадаємо, ..." and what follows it in its paragraph tell of an earlier incident.
            sent.role, recalled_line = "background", sent.line_index
            continue
        if not sent.is_title and backref(text):
            sent.role = "background"
            continue
        typed = _has(doc, "type", i)
        counted = _any_count(doc, i)
        # (Every test here is free of side effects: the cheap ones go first, the
        # sentence-long pattern searches only where they can still decide.)
        if _aggregate_marker(doc, i, text, markers["aggregate"]) or (
            (_plural_count(doc, i) or figure(doc, i))
            and period.search(text)
            and not _named_again(doc, i)
            and not one_suspect(text)
        ):
            sent.role = "aggregate"
        elif (counted or figure(doc, i)) and total.search(text):
            sent.role = "total"
        elif (
            not counted
            and markers["background"].search(text)
            and not _has(doc, "date", i)
            and not _investigated(doc, i)
            and not _body_statement(doc, i)
        ):
            sent.role = "background"
        elif typed or counted:
            sent.role = "incident"


# "the four men", "цих трьох чоловіків", "этих двоих": a demonstrative or the definite
# article before a group told of earlier.
_DEFINITE = r"(?:the|these|those|ці|цих|тих|ті|эти|этих|те|тех)\s+"


def _named_again(doc: Document, index: int) -> bool:
    """A count of the sentence comes back later as the same group ("detained four men
    between March and May 2023 ... The four men remain in custody"): the sentence tells of
    those people over a period, one incident, not statistics."""
    later = " ".join(doc.sentence_text(j) for j in range(index + 1, len(doc.sentences)))
    if not later:
        return False
    for span in doc.spans_of("count", index):
        if span.value.sub:
            continue
        words = doc.text[span.start : span.end].split()
        if len(words) < 2:
            continue  # a bare number ("263") names no group
        group = r"\s+".join(re.escape(w) for w in words)
        if re.search(rf"(?i)(?<!\w){_DEFINITE}{group}(?!\w)", later):
            return True
    return False


# A relative clause on a place or thing ("the town, which ... has been hit almost daily in
# recent weeks"): what it says of the past is the place's background, not the sentence's.
_RELATIVE = re.compile(
    r"(?i),\s+(?:which|where|де|який|яка|яке|які|который|которая|которое|которые|где)\b[^,;]*"
)


def _aggregate_marker(doc: Document, index: int, text: str, marker: re.Pattern[str]) -> bool:
    """An aggregate marker ("in recent weeks", "since 2022") outside a relative clause, or
    inside one that holds a toll of its own."""
    hits = list(marker.finditer(text))
    if not hits:
        return False
    clauses = [m.span() for m in _RELATIVE.finditer(text)]
    if not clauses:
        return True
    base = doc.sentences[index].start
    for hit in hits:
        inside = next((c for c in clauses if c[0] <= hit.start() and hit.end() <= c[1]), None)
        if inside is None or any(
            base + inside[0] <= s.start < base + inside[1] for s in doc.spans_of("count", index)
        ):
            return True
    return False


def _lede(doc: Document) -> list[int]:
    titles = [i for i, s in enumerate(doc.sentences) if s.is_title]
    body = [i for i, s in enumerate(doc.sentences) if not s.is_title][:LEDE_SENTENCES]
    return titles + body


# A number that names a legal provision, not a quantity ("Article 438", "ст. 438", "ч. 1").
_PROVISION = re.compile(
    r"(?<!\w)(?:article|art\.|part|paragraph|section|статт[іяею]|ст\.|частин[аиою]|ч\.|стать[еяию]|"
    r"пункт[уа]?|п\.|No\.|№)\s*$",
    re.IGNORECASE,
)


# A number that is an age ("43-year-old", "43-річний") or a clock time ("10:30").
_AGE_OR_TIME = re.compile(
    r"(?:[\s-]*(?:year|yr|річн|рiчн|літн|летн|лет\b|рок[иу]\b)|:\d\d)", re.IGNORECASE
)


# After a number: a measure, a clock time or a part of something counted before ("60 square
# metres", "by 8 a.m.", "two of the bodies"): no figure of another event.
# People the response brought to safety ("rescuers led 23 residents out", "евакуювали 40
# мешканців"): what the rescuers did at this incident, not a figure of another event.
_RESCUED_BEFORE = re.compile(
    r"(?i)\b(?:rescued|evacuated|led|saved|врятували|евакуювали|вивели|спасли|эвакуировали"
    r"|вывели)\s+(?:out\s+)?(?:about\s+|близько\s+|около\s+)?$"
)
_MEASURE_AFTER = re.compile(
    r"\s*(?:a\.\s?m\.|p\.\s?m\.|am\b|pm\b|km\b|kilomet|met(?:re|er)|m²|m2\b|sq\.|square"
    r"|hectare|ha\b|tonn?e|tons?\b|%|per\s*cent|percent|hours?\b|minutes?\b|км\b|кілометр"
    r"|километр|метр|м²|кв\.|квадратн|гектар|га\b|тонн|відсот|процент|годин|хвилин|час[аов]?\b"
    r"|минут|of\s+(?:the|them|those|these)\b|(?:з|із|из)\s+(?:них|тих)\b"
    # The response's own strength ("46 рятувальників і 12 одиниць техніки", "60 firefighters"):
    # what the rescuers did about this incident, not a figure of another event.
    r"|(?:rescuers|rescue\s+workers|firefighters|emergency\s+workers|fire\s+engines"
    r"|(?:units|pieces)\s+of\s+(?:equipment|machinery)|рятувальник|пожежник|вогнеборц"
    r"|одиниц\w*\s+(?:техніки|спецтехніки)|спасател|пожарн|единиц\w*\s+(?:техники|спецтехники)))",
    re.IGNORECASE,
)

# A weapon's or model's designation ("FAB-500", "Kh-101", "ФАБ-500", "Shahed-136"): a name.
_DESIGNATION_BEFORE = re.compile(r"(?<!\w)[A-ZА-ЯІЇЄҐ][A-Za-zА-Яа-яІіЇїЄєҐґ]{0,7}-$")


def figure(doc: Document, index: int, measures: bool = False) -> bool:
    """The sentence has a figure of 2 or more that is not a year, a date or an article number
    (with ``measures``, nor a measure, a clock time, a part of a count told before or a
    weapon's designation such as "FAB-500")."""
    sent = doc.sentences[index]
    text = doc.text[sent.start : sent.end]
    for d in doc.spans_of("date", index):
        a, b = d.start - sent.start, d.end - sent.start
        text = text[:a] + " " * (b - a) + text[b:]
    for m in _NUMBER.finditer(text):
        if _PROVISION.search(text, max(0, m.start() - 14), m.start()) or _AGE_OR_TIME.match(
            text, m.end()
        ):
            continue
        if measures and (
            _MEASURE_AFTER.match(text, m.end())
            or _RESCUED_BEFORE.search(text, 0, m.start())
            or _DESIGNATION_BEFORE.search(text, max(0, m.start() - 9), m.start())
        ):
            continue
        raw = m.group()
        digits = re.sub(r"\D", "", raw)
        if not digits or int(digits) < 2:
            continue
        if len(raw) == 4 and raw[:2] in ("19", "20"):
            continue
        return True
    return False


def _plural_count(doc: Document, index: int) -> bool:
    return any(not s.value.sub and s.value.value >= 2 for s in doc.spans_of("count", index))


def _signal(doc: Document, index: int) -> bool:
    """The sentence tells of an incident (type or toll) or gives statistics (a figure)."""
    role = doc.sentences[index].role
    if role in ("incident", "total"):
        return _has(doc, "type", index) or _any_count(doc, index) or figure(doc, index)
    return role == "aggregate" and figure(doc, index)


def _total_is_aggregate(doc: Document, index: int) -> bool:
    """A sum that leads the report is statistics unless it says what happened and when.

    The sentence before it in its paragraph may say so: "В ночь на 22 ноября российские
    войска атаковали Украину 72 дронами ... Всего погиб один человек": the night's attack,
    told on its day, then its toll."""
    dated = any(not d.value.statement for d in doc.spans_of("date", index))
    if _has(doc, "type", index) and dated:
        return False
    line = doc.sentences[index].line_index
    before = [j for j in range(index - 1, -1, -1) if doc.sentences[j].line_index == line]
    return not any(_dated_strike(doc, j) for j in before)


def _dated_strike(doc: Document, index: int) -> bool:
    """A strike told on its day ("У ніч на 12 жовтня росіяни атакували ...")."""
    day = any(
        not d.value.statement and d.value.precision == DatePrecision.DAY
        for d in doc.spans_of("date", index)
    )
    struck = _has(doc, "type", index) or (index < len(doc.cues) and "act.strike" in doc.cues[index])
    return day and struck


def lead_sentence(doc: Document) -> int | None:
    """The sentence that says what the report is about.

    Neither headline nor first sentence about an incident or statistics: the
    report is about something else (None).  Otherwise the first lede sentence
    with a signal, else the headline.
    """
    lede = _lede(doc)
    body = [i for i in lede if not doc.sentences[i].is_title and not stub(doc, i)]
    titles = [i for i in lede if doc.sentences[i].is_title]
    first = body[:1]
    if not any(_signal(doc, i) for i in titles + first) and _general_opening(doc, body):
        # "Russian forces continue to execute POWs ...": a first sentence that speaks of a
        # kind of incident in general leaves the report's subject to the next one.
        body = _body_after_stubs(doc)
        first = body[:2]
    if not any(_signal(doc, i) for i in titles + first):
        if body and _event_lede(doc, body[0]):
            # The lede tells of a dated event at a place in words no stage read as a
            # type or toll: the first sentence that does is the incident's.
            return next((i for i, s in enumerate(doc.sentences) if s.role == "incident"), None)
        toll = _toll_after_strike(doc, titles + first, body)
        return toll if toll is not None else _late_incident(doc)
    return next((i for i in body + titles if _signal(doc, i)), None)


def _toll_after_strike(doc: Document, opening: list[int], body: list[int]) -> int | None:
    """ "Обстріл громад" / "Упродовж дня ворог атакував дронами Нікопольщину. У Марганці
    поранено чоловіка.": a headline or first sentence that tells a strike with no victim,
    and a lede sentence after it with its toll (no type of its own: the strike is told
    apart).  That toll is the report's incident."""
    if not any(i < len(doc.cues) and "act.strike" in doc.cues[i] for i in opening):
        return None
    last = max(opening, default=-1)
    return next(
        (
            i
            for i in body
            if i >= last
            and doc.sentences[i].role == "incident"
            and _real_count(doc, i)
        ),
        None,
    )


def _general_opening(doc: Document, body: list[int]) -> bool:
    """The first lede sentence is background that names a kind of incident."""
    return bool(body) and doc.sentences[body[0]].role == "background" and _has(
        doc, "type", body[0]
    )


def _body_after_stubs(doc: Document) -> list[int]:
    """The first ``LEDE_SENTENCES`` body sentences that are not label lines."""
    body = [i for i, s in enumerate(doc.sentences) if not s.is_title and not stub(doc, i)]
    return body[:LEDE_SENTENCES]


def topic_line(doc: Document, index: int) -> bool:
    """A sentence that names a kind of incident over a whole country, with no toll, no
    incident day and no place of its own ("Ukraine: civilian casualties rose in
    October as long-range strikes intensified"): a topic, not an incident."""
    if _any_count(doc, index) or any(not d.value.statement for d in doc.spans_of("date", index)):
        return False
    return _place_key(doc, index) is None and not _names_settlement(doc, index)


STUB_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?…][\"'”»’)]*\s*$")


def stub(doc: Document, index: int) -> bool:
    """A few words without a sentence's end, figure or type ("⚡️ Synelnykove district"):
    a post's label line, not the sentence that says what happened.  A transcript's
    speaker label with a greeting ("[ANCHOR, STUDIO]: Good evening.") is one too."""
    text = doc.sentence_text(index)
    if _kind_patterns()["greeting"].match(text):
        return True
    return (
        len(text.split()) <= STUB_WORDS
        and not _SENTENCE_END.search(text)
        and not _has(doc, "type", index)
        and not _any_count(doc, index)
    )


def _late_incident(doc: Document) -> int | None:
    """A body sentence past a lede of context that tells of a recent incident.

    Pieces that open with politics or diplomacy report the attack in a later
    paragraph: a sentence with a type, its own toll, a place in a region and a
    day at most ``RECENT_DAYS`` before publication makes the report about it.
    Background (a back-reference, a statistic, an older day) never does.
    """
    for i, sent in enumerate(doc.sentences):
        if sent.is_title or sent.role != "incident":
            continue
        if not (_has(doc, "type", i) and _real_count(doc, i)):
            continue
        key = _place_key(doc, i)
        if key is not None and key[0] is not None and _recent_day(doc, i):
            return i
    return None


def _recent_day(doc: Document, index: int) -> bool:
    """The sentence (or its paragraph before it) dates the incident at most a few days ago."""
    line = doc.sentences[index].line_index
    for i in range(index, -1, -1):
        if doc.sentences[i].line_index != line:
            break
        days = [d.value.date for d in doc.spans_of("date", i) if not d.value.statement]
        if days:
            if doc.published is None:
                return True
            return any(
                dt.timedelta(0) <= doc.published - day <= dt.timedelta(days=RECENT_DAYS)
                for day in days
            )
    return False


_CLOCK = re.compile(r"(?<![\d:.])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])")


def _event_lede(doc: Document, index: int) -> bool:
    """A first sentence with an incident day and a place inside a region.

    A post that opens with the hour of a strike ("Around 07:30 the enemy
    attacked Nikopol with a drone") tells of an event too, though no day is named.
    """
    dated = any(not d.value.statement for d in doc.spans_of("date", index))
    if not dated and index < len(doc.cues) and "act.strike" in doc.cues[index]:
        dated = bool(_CLOCK.search(doc.sentence_text(index)))
    key = _place_key(doc, index)
    return dated and (key is not None and key[0] is not None or _names_settlement(doc, index))


def _place_key(
    doc: Document, index: int, part: tuple[int, int] | None = None, region: str | None = None
) -> Key | None:
    """The place a sentence (or a clause of it) is about: (region, settlement).

    A settlement with namesakes in several regions is taken in the oblast its sentence
    names ("In Donetsk Oblast, one person was killed in Raihorodok"), else in ``region``
    (the report's) when it has a namesake there.
    """
    region_only: Key | None = None
    district: Key | None = None
    own = _own_places(doc, index)
    # "In Zaporizhzhia Oblast, ... in Huliaipole": the oblast the sentence names places
    # its namesakes, before the report's own region.
    named = {
        c
        for span in own
        if span.value.kind == "region" and not is_district(doc, span)
        and (c := _region_of(span.value))
    }
    own_region = named.pop() if len(named) == 1 else None
    home = region if region is not None else own_region
    for span in own:
        if part is not None and not (part[0] <= span.start and span.end <= part[1]):
            continue
        m = span.value
        code = _region_of(m)
        if m.kind == "settlement" and code:
            return code, m.settlement
        namesake = None
        if m.kind == "settlement":
            for where in dict.fromkeys((own_region, region)):
                if where is not None and namesake is None:
                    namesake = _in_region(m, where)
        if namesake is None and m.kind == "settlement" and home is None:
            # The one oblast the report names places a namesake ("Балаклії" beside
            # "Харківської ОВА"); with none named, a town that dwarfs its namesakes.
            oblasts = _named_oblasts(doc)
            if len(oblasts) == 1:
                namesake = _in_region(m, next(iter(oblasts)))
            elif not oblasts:
                namesake = _dominant(m)
        if namesake is not None:
            return namesake.region_code, namesake.settlement
        if m.kind != "region":
            continue
        if is_district(doc, span):
            # A district is a place of its own; when the gazetteer cannot put it in
            # an oblast its region comes from the rest of the report.  A hromada in a
            # raion: the district in the report's region is the one that places it.
            if district is None or (code == home and district[0] != home):
                district = (code, "~" + " ".join(doc.text[span.start : span.end].split()))
        elif code and region_only is None:
            region_only = (code, None)
    return region_only or district


# A town this many times larger than every namesake is the one a text means by the name
# when it names no region (Nikopol, 100,000 people, beside a village in Kharkiv Oblast).
DOMINANT_RATIO = 10
DOMINANT_MIN = 10_000


def _own_places(doc: Document, index: int) -> list[Span]:
    """The sentence's places but those inside a body's name ("начальник Харківської ОВА",
    "Kherson Oblast Governor"): the body's area, not where the sentence's toll was."""
    bodies = doc.spans_of("body", index)
    places = doc.spans_of("place", index)
    if not bodies:
        return places
    return [p for p in places if not any(b.start < p.end and p.start < b.end for b in bodies)]


def _named_oblasts(doc: Document) -> set[str]:
    return {
        c
        for s in doc.spans_of("place")
        if s.value.kind == "region" and not is_district(doc, s) and (c := _region_of(s.value))
    }


def _dominant(m: Any) -> Any | None:
    cands = sorted(getattr(m, "candidates", ()) or (), key=lambda c: -(c.population or 0))
    if len(cands) < 2 or (cands[0].population or 0) < DOMINANT_MIN:
        return None
    if (cands[0].population or 0) >= DOMINANT_RATIO * max(cands[1].population or 0, 1):
        return cands[0]
    return None


def decide(doc: Document, rules: Rules) -> ReportKind:
    assign_roles(doc, rules)
    lead = lead_sentence(doc)
    incident = [i for i, s in enumerate(doc.sentences) if s.role == "incident"]
    if lead is None:
        # A daily digest ("Протягом доби ворог здійснив 412 ударів ...") leads with
        # figures no stage reads as a toll; its places with their own tolls follow.
        if day_head(doc) and _is_roundup(doc, rules, incident):
            return ReportKind.ROUNDUP
        return ReportKind.OTHER
    role = doc.sentences[lead].role
    if role == "incident" and topic_line(doc, lead):
        # A topic headline: the lede's next sentence with a figure says what the report is.
        later = [i for i in _lede(doc) if i > lead and _signal(doc, i)]
        if later and doc.sentences[later[0]].role == "aggregate":
            return ReportKind.AGGREGATE
    if role == "aggregate" or (role == "total" and _total_is_aggregate(doc, lead)):
        return ReportKind.AGGREGATE
    titles = " ".join(doc.sentence_text(i) for i, s in enumerate(doc.sentences) if s.is_title)
    if rules.kind_markers["other"].search(titles) and not _real_count(doc, lead):
        return ReportKind.OTHER
    if _is_roundup(doc, rules, incident):
        return ReportKind.ROUNDUP
    return ReportKind.INCIDENT


def _is_roundup(doc: Document, rules: Rules, incident: list[int]) -> bool:
    places: set[Key] = set()
    # A settlement with namesakes elsewhere is taken in the region the report names first.
    region = _head_region(doc, _lede(doc)) or next(
        (k[0] for i in incident if (k := _place_key(doc, i)) is not None and k[0]), None
    )
    opened: dict[Key, bool] = {}  # place -> its first toll is told as another attack
    leads: dict[Key, bool] = {}  # place -> its paragraph opens with it ("У Балаклії ...")
    for i in incident:
        for part in _clauses(doc, i):
            key = _place_key(doc, i, part, region)
            label = None if key else _label_sentence(doc, i, region)
            key = key or (label[1] if label else None)
            if key and _toll_in(doc, i, part) and key not in places:
                places.add(key)
                opened[key] = _opens_another(doc, i, part) if label is None else \
                    _opens_another(doc, label[0], _clauses(doc, label[0])[0])
                leads[key] = label is not None or _paragraph_opens_with_place(doc, i, part)
    # "... three injured, the governor of Kherson Oblast said": an oblast named beside a
    # settlement of its own is that settlement's, not another entry.
    towns = {k[0] for k in places if k[1] is not None}
    places = {k for k in places if k[1] is not None or k[0] not in towns}
    if len(places) < 2:
        return False
    if len(places) == 2 and [opened[k] for k in opened if k in places][1:] == [True]:
        return True  # "In another attack, ... in Bilozerka": a second entry
    if len(places) == 2 and all(leads[k] for k in places):
        return True  # two paragraphs, each opening with its own town and toll
    return _roundup_head(doc, rules, places)


def _roundup_head(doc: Document, rules: Rules, places: set[Key]) -> bool:
    head = " ".join(doc.sentence_text(i) for i in _lede(doc))
    first = next((i for i, s in enumerate(doc.sentences) if not s.is_title), None)
    return (
        len(places) >= 3
        or bool(rules.kind_markers["roundup"].search(head))
        or (first is not None and summary_lede(doc, first))
    )


# Before a paragraph's place: at most a preposition and a settlement word ("У Балаклії",
# "In the town of Kupiansk,", "В селі Борова").
_PLACE_OPENING = re.compile(
    r"(?i)^[\s\"«„]*(?:(?:у|в|во|на|in|at)\s+)?(?:(?:the\s+)?(?:city|town|village|settlement"
    r"|місті|селі|селищі|громаді|городе|селе|поселке)\s+(?:of\s+)?)?$"
)


def _paragraph_opens_with_place(doc: Document, index: int, part: tuple[int, int]) -> bool:
    """The sentence opens its paragraph with the settlement of its toll ("У Куп'янську
    загинув чоловік."), or follows only the paragraph's place label ("Харківщина. У
    Чугуєві загинув чоловік."): how a roundup entry is written."""
    sent = doc.sentences[index]
    if sent.is_title:
        return False
    if index and doc.sentences[index - 1].line_index == sent.line_index and not _place_label(
        doc, index - 1
    ):
        return False
    first = min(
        (s for s in _own_places(doc, index) if part[0] <= s.start and s.end <= part[1]),
        key=lambda s: s.start,
        default=None,
    )
    return (
        first is not None
        and first.value.kind == "settlement"
        and bool(_PLACE_OPENING.match(doc.text[sent.start : first.start]))
    )


def _place_label(doc: Document, index: int) -> bool:
    """The sentence opens its paragraph and is only a place ("Харківщина.", "Запорожье.")."""
    sent = doc.sentences[index]
    if sent.is_title or (index and doc.sentences[index - 1].line_index == sent.line_index):
        return False
    return (
        len(doc.sentence_text(index).split()) <= STUB_WORDS
        and not _has(doc, "type", index)
        and not _any_count(doc, index)
        and bool(_own_places(doc, index))
    )


def day_head(doc: Document) -> bool:
    """The headline or lede speaks of the past day: a daily roundup's head."""
    return any(day_roundup(doc.sentence_text(i)) for i in _lede(doc))


def _toll_in(doc: Document, index: int, part: tuple[int, int]) -> bool:
    return any(
        not s.value.sub and s.value.value > 0 and part[0] <= s.start and s.end <= part[1]
        for s in doc.spans_of("count", index)
    )


def _clauses(doc: Document, index: int) -> list[tuple[int, int]]:
    """The clauses of a sentence as absolute (start, end) ranges."""
    sent = doc.sentences[index]
    text = doc.text[sent.start : sent.end]
    out, cur = [], 0
    for m in _CLAUSE_CUT.finditer(text):
        if m.start() > cur:
            out.append((sent.start + cur, sent.start + m.start()))
        cur = m.end()
    out.append((sent.start + cur, sent.end))
    return out


def roundup_head(doc: Document, rules: Rules | None = None) -> list[int]:
    """The roundup's opening: headline and lede sentences before the first place entry.

    It gives the roundup's total (never an incident), and the day, region and
    reporting body that hold for every entry.  A line of nationwide figures
    ("Russia launched 97 drones overnight, the Air Force said") past the first
    sentence is not part of it: its day is the night's, not every entry's.
    """
    head = [i for i, s in enumerate(doc.sentences) if s.is_title]
    body = [i for i, s in enumerate(doc.sentences) if not s.is_title][:LEDE_SENTENCES]
    for n, i in enumerate(body):
        key = _place_key(doc, i)
        if n == 0 and summary_lede(doc, i):
            head.append(i)  # the lede's toll is the roundup's total, over the country
            continue
        if key is not None and key[1] is not None and not key[1].startswith("~"):
            break
        region = _head_region(doc, head)
        label = _label_sentence(doc, i, region) if n > 0 else None
        if label is not None and _real_count(doc, i) and not _head_area(label[1], region):
            # "16 травня ... скинули авіабомбу на Костянтинівку. Загинули двоє": the
            # paragraph that names the place and then its toll is the first entry.
            head = [h for h in head if h < label[0]]
            break
        if n > 0 and _real_count(doc, i) and (key is not None or _names_settlement(doc, i)):
            break  # after the lead, a place with its own toll is the first entry
        if n > 0 and _place_label(doc, i):
            break  # "Харківщина." opening a paragraph: the first entry's label
        if _nationwide_figures(doc, rules, i) and (n > 0 or day_head(doc)):
            # The launches of a night told after the lede, or in a past-day digest, give
            # the night's day, not every entry's; as the opening sentence of an overnight
            # roundup ("У ніч на 12 жовтня росіяни атакували Україну 85 дронами") they
            # tell the night the report is about.
            continue
        if doc.sentences[i].role not in ("aggregate", "total"):
            head.append(i)
    return head


def _head_area(key: Key, region: str | None) -> bool:
    """A paragraph that names only the roundup's own oblast ("Станом на ранок ... по
    населених пунктах Донеччини. Двоє цивільних загинули"): its toll is the total of
    the entries below, not an entry."""
    return key[1] is None and region is not None and key[0] == region


def summary_lede(doc: Document, index: int, regions: int = 0) -> bool:
    """"Russia attacked Ukraine overnight, killing four people and injuring eight in Odesa
    and in central Ukraine": a first sentence with a toll that speaks of the country (or a
    macro region) and names at most one settlement is the total of the entries below.
    With ``regions``, only a lede that names at least that many regions."""
    spans = doc.spans_of("place", index)
    if len({c for s in spans if (c := _region_of(s.value))}) < regions:
        return False
    wide = any(s.value.kind in ("country", "macro_region") for s in spans)
    towns = {s.value.settlement for s in spans if s.value.kind == "settlement"}
    if not (wide and _real_count(doc, index) and len(towns) <= 1):
        return False
    if len({k for k, _p in _entries(doc, index) if k is not None}) >= 2:
        return False
    return _sum_of_later(doc, index, next(iter(towns), None))


def _sum_of_later(doc: Document, index: int, town: str | None) -> bool:
    """The sentence's toll is larger than every later toll of the same kind: a total of
    parts told below ("killing four ... in Odesa and in central Ukraine" then "In Odesa,
    two people were killed"), not a toll a later sentence repeats.  A town the sentence
    names must be one of the parts, with a smaller toll of its own."""
    mine: dict[str, int] = {}
    for c in doc.spans_of("count", index):
        if not c.value.sub and c.value.value > 0:
            mine[c.value.field] = max(mine.get(c.value.field, 0), c.value.value)
    parts = town_part = False
    for j in range(index + 1, len(doc.sentences)):
        if doc.sentences[j].role not in ("incident", ""):
            continue
        names_town = town is not None and any(
            p.value.settlement == town for p in doc.spans_of("place", j)
        )
        for c in doc.spans_of("count", j):
            total = mine.get(c.value.field)
            if total is None or c.value.sub or c.value.value <= 0:
                continue
            if c.value.value >= total:
                return False
            parts = True
            town_part = town_part or names_town
    return parts and (town is None or town_part)


def _nationwide_figures(doc: Document, rules: Rules | None, index: int) -> bool:
    """Figures of the night's launches or interceptions, with no casualty of their own."""
    return (
        rules is not None
        and not _any_count(doc, index)
        and bool(rules.unrelated_figures.search(doc.sentence_text(index)))
    )


def _names_settlement(doc: Document, index: int) -> bool:
    return any(s.value.kind == "settlement" for s in doc.spans_of("place", index))


def _head_region(doc: Document, head: list[int]) -> str | None:
    for i in head:
        key = _place_key(doc, i)
        if key is not None and key[0] is not None:
            return key[0]
    return None


def _entries(
    doc: Document, index: int, region: str | None = None
) -> list[tuple[Key | None, tuple[int, int] | None]]:
    """A sentence's roundup entries: (place key, clause range or None for all of it)."""
    parts = _clauses(doc, index)
    keyed = _same_place([(_place_key(doc, index, p, region), p) for p in parts])
    distinct = {k for k, p in keyed if k is not None and _toll_in(doc, index, p)}
    if len(distinct) < 2:
        return [(_place_key(doc, index, None, region) or _label_key(doc, index, region), None)]
    out: list[tuple[Key | None, tuple[int, int] | None]] = []
    for key, part in keyed:
        prev = out[-1][1] if out else None
        if key is None and prev is not None:
            out[-1] = (out[-1][0], (prev[0], part[1]))
        else:
            out.append((key, part))
    return out


def _label_key(doc: Document, index: int, region: str | None) -> Key | None:
    """A sentence that names no place of its own, in a paragraph that opens with one
    ("Нікополь. Учора ... Поранений водій."): the place of the paragraph so far."""
    found = _label_sentence(doc, index, region)
    return found[1] if found else None


def _label_sentence(doc: Document, index: int, region: str | None) -> tuple[int, Key] | None:
    if _own_places(doc, index):
        return None
    line = doc.sentences[index].line_index
    for j in range(index - 1, -1, -1):
        if doc.sentences[j].line_index != line or _real_count(doc, j):
            return None
        key = _place_key(doc, j, None, region)
        if key is not None:
            return j, key
    return None


def _same_place(
    keyed: list[tuple[Key | None, tuple[int, int]]],
) -> list[tuple[Key | None, tuple[int, int]]]:
    """A clause naming only the oblast of the one settlement another clause names is
    about that settlement ("shelled Kherson, killing two | and injuring six, Kherson
    Oblast Governor said")."""
    towns: dict[str | None, set[Key]] = {}
    for key, _part in keyed:
        if key is not None and key[1] is not None:
            towns.setdefault(key[0], set()).add(key)
    out: list[tuple[Key | None, tuple[int, int]]] = []
    for key, part in keyed:
        if key is not None and key[1] is None and len(towns.get(key[0], ())) == 1:
            key = next(iter(towns[key[0]]))
        out.append((key, part))
    return out


def roundup_segments(doc: Document, head: list[int]) -> list[Segment]:
    """One segment per place with its own toll, in the order of the text."""
    segments: dict[Key, Segment] = {}
    current: Segment | None = None
    current_line = -1
    region = _head_region(doc, head)
    for i, sent in enumerate(doc.sentences):
        if sent.role != "incident" or i in head:
            continue
        label = _label_sentence(doc, i, region)
        for key, part in _entries(doc, i, region):
            if key is None:
                if current is not None and sent.line_index == current_line:
                    current.add(i, part)
                continue
            current = segments.setdefault(key, Segment(key=key))
            if part is not None and part[0] > sent.start:
                current.opening.update(
                    d.start for d in doc.spans_of("date", i)
                    if d.start - sent.start <= LEADING_DAY_CHARS
                )
            if label is not None and label[1] == key:
                # The paragraph's place label and what it tells before the toll.
                for j in range(label[0], i):
                    if j not in head and doc.sentences[j].role in ("", "incident"):
                        current.add(j)
            current.add(i, part)
            current_line = sent.line_index
    return [s for s in segments.values() if _has_toll(doc, s)]


def _has_toll(doc: Document, seg: Segment) -> bool:
    return any(
        not s.value.sub and s.value.value > 0 and seg.covers(s)
        for i in seg.sentences
        for s in doc.spans_of("count", i)
    )


def incident_segment(doc: Document) -> Segment:
    """The single incident's sentences: headline and lede first, then the rest.

    Sentences that name only another region than the incident's are left out:
    they usually recall an earlier attack elsewhere.
    """
    lede = _lede(doc)
    own = ("incident", "total")
    order = [i for i in lede if doc.sentences[i].role in own]
    order += [i for i, s in enumerate(doc.sentences) if s.role in own and i not in order]
    main = next((k for i in order if (k := _place_key(doc, i))), None)
    opening = next((i for i in lede if not doc.sentences[i].is_title), None)
    kept = []
    for i in order:
        key = _place_key(doc, i)
        if main and key and key[0] != main[0]:
            continue
        if i != opening and key != main and another_incident(doc.sentence_text(i)):
            continue  # "In another attack, ... two were injured": not this incident's toll
        kept.append(i)
    return Segment(sentences=kept, key=main or (None, None))
