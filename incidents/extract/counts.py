"""Victim counts: killed, injured, missing, detained, as reported, with their quotes.

A number counts people only when it is tied to a person noun or stands beside
an outcome word ("killing 6 Ukrainian POWs", "3 killed", "поранено 12
людей"); ages, dates, distances and weapons counts never do.  Sub-counts
("including two children") are inside a total, never added to it.  "The death
toll rose to 14" is a toll update: it wins over earlier figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .dates import MONTHS
from .document import Document, Span
from .guard import guarded, trie_alternation
from .lexicon import CountRules, Rules

STAGE = "counts"
MAX_COUNT = 10_000  # a larger figure is a statistic, not one incident's toll
# "1,250"; "3 664", "8\u00a0210" (thousands grouped by spaces, as Ukrainian and Russian
# texts write them); else plain digits.
_DIGITS = r"\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]?\d)|\d+"
# ("люди погибли весной 2022 года": a year after a season is no count; nor "2 года", "3 години".)
_AGE_OR_UNIT = re.compile(
    r"^\s*(?:-\s*)?(?:year|years|yr|month|months|річн|рок|літн|летн|лет\b|год|%|per\s*cent"
    r"|percent|km|kilomet|metre|meter|m\b|hour|minute|day|week|time)",
    re.IGNORECASE,
)
# "более 120 тысяч российских военных", "120 thousand", "1.5 million": a figure scaled by a
# word of magnitude after it is a statistic, never one incident's toll (read alone, "120"
# would be taken for the count).
_MAGNITUDE = re.compile(
    r"^\s*(?:thousand|million|billion|тисяч|тысяч|мільйон|миллион|мільярд|миллиард|млн|млрд"
    r"|тис\.|тыс\.)",
    re.IGNORECASE,
)


def _scaled(rest: str) -> bool:
    """The figure just read is followed by a word of magnitude (see _MAGNITUDE)."""
    return _MAGNITUDE.match(rest) is not None


_PARTITIVE = re.compile(
    r"^\s+of\s+(?:the|them|those|whom)\b|^\s+з\s+них|^\s+из\s+них", re.IGNORECASE
)
# "One of the men died": a part of a group of people, with an outcome of its own.
# ("two of them" refers to people just counted: never a count of its own.)
_PARTITIVE_GROUP = re.compile(
    r"\s+of\s+(?:the|those)\s+(?P<noun>(?:[\w'’-]+\s+){0,2}[\w'’-]+)", re.IGNORECASE
)
_CLAUSE_END = guarded(r"[.;:!?]|\s[—–]\s|\bbut\b|\bwhile\b|\bwhereas\b|\bале\b|\bа\s+також\b")
# "two volunteers of a charity and a woman": a short "of ..." phrase may sit before the "and".
_COORD = re.compile(
    r"^(?:\s+(?:of|from|with|з|із|зі|из|с)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)?"
    r"\s*(?:,\s*)?(?:and|as\s+well\s+as|та|і|й|и|а\s+також)\s+",
    re.IGNORECASE,
)
# Words that end a noun phrase: "a vehicle of a volunteer group" is not a person.
_PHRASE_BREAK = guarded(
    r"\b(?:of|from|with|in|at|on|to|by|for|the|a|an|and|or|who|that|which|was|were|is|are)\b",
    re.IGNORECASE,
)
# "a volunteer group", "a journalist union": the person noun names an organisation.
_ORGANISATION_AFTER = re.compile(
    r"^\s+(?:group|groups|organi[sz]ations?|foundation|charity|fund|unit|battalion|brigade|centre"
    r"|center|movement|corps|team|network|association|union|hub|point|office|initiative"
    # "a Ukrainian national television channel", "the National Guard": a modifier.
    r"|television|tv|channel|broadcaster|radio|newspaper|agency|outlet|company|council|guard"
    # "the Ukrainian armed forces", "Ukrainian forces": an army, not a Ukrainian.
    r"|armed\s+forces|forces|army|navy)\b",
    re.IGNORECASE,
)
_ONE_WORD = re.compile(r"\s+[\w'’-]+")


def _organisation_after(s: str, end: int) -> bool:
    """ "a Ukrainian national television channel", "a civilian volunteer group": the person
    noun, or it and one more word, describe an organisation named after them."""
    if _ORGANISATION_AFTER.match(s[end : end + 40]):
        return True
    word = _ONE_WORD.match(s, end)
    return word is not None and bool(_ORGANISATION_AFTER.match(s[word.end() : word.end() + 40]))


# "women aged 60 and 78", "жінки віком 56 та 80 років": ages listed after "aged", not counts.
_AGED_BEFORE = guarded(
    r"(?:\baged|\bages|віком|у\s+віці|в\s+віці|в\s+возрасте|возрастом)\s+"
    r"(?:\d{1,3}\s*(?:,|and|та|і|й|и|-|–)\s*)*$",
    re.IGNORECASE,
)
_MONTH_NAMES = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
# "on 23 October left three people injured", "October 23": the day of a date, not a count.
_MONTH_AFTER = re.compile(rf"\s*(?:of\s+)?(?:{_MONTH_NAMES})\.?(?!\w)", re.IGNORECASE)
_MONTH_BEFORE = guarded(rf"(?<!\w)(?:{_MONTH_NAMES})\.?\s*$", re.IGNORECASE)


def _day_of_month(s: str, start: int, end: int) -> bool:
    token = s[start:end]
    if not token.isdigit() or not 1 <= int(token) <= 31:
        return False
    return bool(_MONTH_AFTER.match(s, end) or _MONTH_BEFORE.search(s[max(0, start - 12) : start]))


_AGED_WORD = guarded(r"aged|ages|віком|віці|возраст", re.IGNORECASE)
# "no one was hurt": "one" is not a count.
_NEGATED_NUMBER = guarded(r"\b(?:no|ніхто|никто|ни)\s*$", re.IGNORECASE)
# "None of the three crew members was hurt", "Ніхто з трьох журналістів не постраждав",
# "Никто из троих сотрудников не пострадал": the number counts the people spared, not a toll.
_NONE_OF = guarded(
    r"(?<!\w)(?:none|neither|ніхто|жоден|жодна|жодне|никто|ни\s+один|ни\s+одна|ни\s+одного)"
    r"\s+(?:of|з|із|зі|из)\s+(?:(?:the|them|those|these|its|their|all)\s+)?$",
    re.IGNORECASE,
)
_FILLER_BEFORE = re.compile(
    r"(?:\s+(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to|as\s+many\s+as|"
    r"another|a\s+further|further|also|at\s+least\s+another|щонайменше|понад|близько|ще|"
    # An age before the person noun: "загинув 58-річний чоловік", "killed a 70-year-old".
    r"\d{1,3}\s*-\s*(?:річн|літн|летн|year-old)[\w’'-]*|"
    r"по\s+меньшей\s+мере|не\s+менее|более|еще|ещё|людей|people|was|were|є|:))*\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CountValue:
    field: str  # killed | injured | missing | detained
    value: int
    minimum: bool
    update: bool  # a toll update ("rose to 14")
    sub: bool  # inside a total ("including two children")
    children: bool  # the people counted are children


@dataclass(slots=True)
class _Mention:
    start: int
    end: int  # end of the person noun phrase (or the number)
    value: int
    has_person: bool
    children: bool


# Words that join the parts of a compound number ("two hundred and five",
# "сто і двадцять" is not idiomatic but harmless).
_JOIN = r"(?:\s*-\s*|\s+(?:and\s+)?)"
_JOINERS = re.compile(r"\s*-\s*|\s+and\s+|\s+")


def _number_pattern(rules: Rules) -> re.Pattern[str]:
    # (A trie of the number words: the same matches as their longest-first alternation.)
    alt = trie_alternation(sorted(rules.numbers), space=r"\s+")
    # A run of number words is read whole: "twenty-one" is 21, never a stray 1.
    run = rf"(?:{alt})(?:{_JOIN}(?:{alt})(?![\w'’]))*"
    return guarded(
        rf"(?<![\w.,])(?:{_DIGITS})(?![\w]|[.,]\d)|(?<![\w'’-])(?:{run})(?![\w'’])", re.I
    )


_NUMBER_CACHE: dict[int, re.Pattern[str]] = {}


def number_pattern(rules: Rules) -> re.Pattern[str]:
    key = id(rules)
    if key not in _NUMBER_CACHE:
        _NUMBER_CACHE[key] = _number_pattern(rules)
    return _NUMBER_CACHE[key]


def number_value(rules: Rules, token: str) -> int | None:
    t = " ".join(token.lower().split())
    digits = t.replace(",", "").replace(" ", "")
    if digits.isdigit():
        return int(digits)
    if t in rules.numbers:
        return rules.numbers[t]
    return compound_value(rules, [w for w in _JOINERS.split(t) if w])


def compound_value(rules: Rules, words: list[str]) -> int | None:
    """ "twenty one" -> 21, "two hundred five" -> 205, "сто двадцять" -> 120.

    Multipliers ("hundred", "thousand") scale what came before; every other word
    adds and must be of a lower place than the word before it ("twenty" may be
    followed by "one", "one" by nothing).  Anything else is not one number: None,
    so the run is not counted rather than counted wrongly.
    """
    total, current, ceiling = 0, 0, None
    for word in words:
        value = rules.numbers.get(word)
        if value is None:
            return None
        if word in rules.number_multipliers:
            if current == 0 and total == 0 and ceiling is not None:
                return None
            current = (current or 1) * value
            if value >= 1000:
                total, current = total + current, 0
            ceiling = 100 if value == 100 else 1000
            continue
        if ceiling is not None and value >= ceiling:
            return None
        current += value
        ceiling = _place(value)
    return total + current


def _place(value: int) -> int:
    """The value a following additive word must stay below."""
    if value >= 100:
        return 100 if value % 100 == 0 else (10 if value % 10 == 0 else 1)
    if value >= 20:
        return 10 if value % 10 == 0 else 1
    return 1


_AGES_PLURAL = re.compile(r"\s+(?P<age>\d{1,3})-year-olds(?![\w-])", re.IGNORECASE)
_PERSON_WINDOW = re.compile(r"\s+(?:(?:[\w'’-]+|\(\w+\))\s+){0,3}?", re.UNICODE)


# Up to eight words after a number, stopping at a clause break: where a person noun may be.
_WINDOW = re.compile(r"(?:[^\S\n]*[^\s,.;:!?]+){0,8}")


def _person_after(cr: CountRules, s: str, pos: int) -> re.Match[str] | None:
    """A person noun within three words after ``pos`` (no clause break, no outcome word)."""
    # Only the words up to a clause break can hold it (a cheap cut before the big pattern).
    cut = _WINDOW.match(s, pos)
    window = s[pos : cut.end() if cut else pos]
    m = cr.persons.search(window)
    if not m:
        return None
    between = window[: m.start()]
    if not _PERSON_WINDOW.fullmatch(between or " ") and between.strip():
        return None
    if re.search(r"[,.;:]", between) or cr.any_outcome.search(between):
        return None
    after = pos + m.end()
    if _PHRASE_BREAK.search(between) or _ORGANISATION_AFTER.match(s[after : after + 40]):
        return None
    return m


_SPACES = re.compile(r"[^\S\n]+")


def _noun_after(cr: CountRules, s: str, pos: int) -> re.Match[str] | None:
    """A person noun right after ``pos`` (the word before it is an adjective of it)."""
    gap = _SPACES.match(s, pos)
    return cr.persons.match(s, gap.end()) if gap is not None else None


def _partitive_end(cr: CountRules, s: str, pos: int) -> int | None:
    """End of "of the men" after a number; None unless it names people.

    "Two of the injured are in serious condition" names the people by an
    outcome: a part of another count, never a count of its own.
    """
    m = _PARTITIVE_GROUP.match(s, pos)
    if m is None:
        return None
    noun = m.group("noun")
    person = cr.persons.search(noun)
    if person is None or cr.any_outcome.search(noun[: person.end()]):
        return None
    return m.start("noun") + person.end()


_COUPLE_HINT = guarded(r"(?i)couple|подружж|пар[аиуыеоі]")
_NOT_A_COUPLE = re.compile(r"\s+of\b|[’']s\b", re.IGNORECASE)
# "an elderly couple", "літнє подружжя": the couple's phrase begins before its noun.
_COUPLE_HEAD = guarded(
    r"(?<!\w)(?:(?:an?|the|this|that|elderly|married|young|old|older|retired|літн\w*"
    r"|молод\w*|стар\w*|пожил\w*)\s+){1,3}$",
    re.IGNORECASE,
)


def _mentions(rules: Rules, s: str, lang: str | None) -> list[_Mention]:
    cr = rules.counts
    out: list[_Mention] = []
    ages = _AGED_WORD.search(s) is not None
    for m in number_pattern(rules).finditer(s):
        value = number_value(rules, m.group())
        if value is None or value > MAX_COUNT or _AGE_OR_UNIT.match(s[m.end() :]):
            continue
        if _scaled(s[m.end() : m.end() + 12]):
            continue
        if _NEGATED_NUMBER.search(s[max(0, m.start() - 8) : m.start()]):
            continue
        if _NONE_OF.search(s[max(0, m.start() - 30) : m.start()]):
            continue
        if ages and _AGED_BEFORE.search(s[max(0, m.start() - 40) : m.start()]):
            continue
        if _day_of_month(s, m.start(), m.end()):
            continue
        if _PARTITIVE.match(s[m.end() :]):
            part = _partitive_end(cr, s, m.end())
            if part is not None:
                out.append(_Mention(m.start(), part, value, True, False))
            continue
        person = _person_after(cr, s, m.end())
        end = m.end() + person.end() if person else m.end()
        kids = bool(person and rules.cues["victim.child"].match(person.group()))
        if person is None and (olds := _AGES_PLURAL.match(s, m.end())) is not None:
            # "Two 16-year-olds were injured": people named by their age.
            end, kids = olds.end(), int(olds.group("age")) < rules.victim_limits.adult_from
            out.append(_Mention(m.start(), end, value, True, kids))
            continue
        out.append(_Mention(m.start(), end, value, person is not None, kids))
    for m in cr.determiners.finditer(s):
        person = _person_after(cr, s, m.end())
        if person is None:
            continue
        noun, end = person.group(), m.end() + person.end()
        # "a Ukrainian soldier", "the ... Ukrainian civilians": the first word describes the
        # noun after it, which says whether one person is meant.
        after = _noun_after(cr, s, end)
        if _organisation_after(s, after.end() if after is not None else end):
            continue
        if after is not None:
            noun, end = after.group(), after.end()
        if cr.singular_persons.fullmatch(noun):
            kids = bool(rules.cues["victim.child"].match(noun))
            out.append(_Mention(m.start(), end, 1, True, kids))
    taken_spans = [(x.start, x.end) for x in out]
    for m in cr.couples.finditer(s) if _COUPLE_HINT.search(s) else ():
        # "a couple of days", "the couple's house": no couple of people harmed.
        if _NOT_A_COUPLE.match(s, m.end()) or any(a <= m.start() < b for a, b in taken_spans):
            continue
        head = _COUPLE_HEAD.search(s, max(0, m.start() - 40), m.start())
        out.append(_Mention(head.start() if head else m.start(), m.end(), 2, True, False))
    aged = _age_hint(s)
    if aged and _AGE_LIST_HINT.search(s):
        out.extend(_age_lists(rules, s, out))
    if lang in ("uk", "ru"):
        taken = [(x.start, x.end) for x in out]
        found = list(cr.singular_cyrillic.finditer(s))
        joined_from: int | None = None
        for i, m in enumerate(found):
            if any(a <= m.start() < b for a, b in taken):
                continue
            # "цивільна жінка": the first word describes the second, one person.
            if i + 1 < len(found) and not s[m.end() : found[i + 1].start()].strip():
                joined_from = m.start() if joined_from is None else joined_from
                continue
            start = m.start() if joined_from is None else joined_from
            joined_from = None
            kids = bool(rules.cues["victim.child"].match(m.group()))
            out.append(_Mention(_age_start(s, start), m.end(), 1, True, kids))
    if aged:
        out = [_age_end(s, x) for x in out]
        if _AGE_ADJECTIVE_HINT.search(s):
            out.extend(_bare_ages(rules, s, out))
    out.sort(key=lambda x: x.start)
    return _drop_overlaps(out)


# Quick test: the sentence tells an age somewhere (else none of the age rules apply).
# (A pattern opening with a digit class, which ``re`` skips to quickly: every age rule below
# needs a figure of one of these shapes.)
_AGE_DIGIT_HINT = re.compile(
    r"\d(?:\s*-?\s*(?:річн|літн|летн|year|yr)|\s*(?:років|роки|рік|року|лет|года|год|р\.|г\.\s*р)"
    r"|\s*[,)]|\s+(?:and|та|і|й|и)\s+\d)",
    re.IGNORECASE,
)


def _age_hint(s: str) -> bool:
    return _AGE_DIGIT_HINT.search(s) is not None


_AGE_LIST_HINT = re.compile(r"\d\s*,?\s*(?:and|та|і|й|и)\s+\d", re.IGNORECASE)
_AGE_ADJECTIVE_HINT = re.compile(r"\d\s*-?\s*(?:річн|літн|летн)|-year-old", re.IGNORECASE)
# "38-річну жінку", "62 річна жінка", "його 17-річна донька", "её 40-летний сын": an age
# (and a possessive) before a Cyrillic person noun belongs to its phrase, so "поранено
# 38-річну жінку та 71-річного чоловіка" is one list of two people.
_CYRILLIC_AGE = r"\d{1,3}\s*-?\s*(?:річн|літн|летн)[а-яіїєё]*"
_AGE_WORD = re.compile(r"\d{1,3}-?(?:річн|літн|летн)[а-яіїєё]*", re.IGNORECASE)
_POSSESSIVES = frozenset(
    (
        *("його", "її", "їхній", "їхня", "їхнього", "їхню", "їхні"),
        *("свого", "свою", "свій", "своя", "свої", "своего", "свой", "его", "её", "ее", "их"),
    )
)
_POSSESSIVE = "(?:" + "|".join(sorted(_POSSESSIVES, key=len, reverse=True)) + ")"


def _age_start(s: str, start: int) -> int:
    """Where the phrase of a Cyrillic person noun at ``start`` begins, an age ("38-річну",
    "62 річна") and a possessive ("його", "её") before it included."""
    lo = max(0, start - 30)
    head = s[lo:start]
    if not head[-1:].isspace():
        return start
    words = head.split()[1 if lo else 0 :]  # (a word cut by the window is no word)
    taken = 0
    # "62 річна": the figure and the word apart.
    if len(words) >= 2 and words[-2].isdigit() and _AGE_WORD.fullmatch(words[-2] + words[-1]):
        taken = 2
    elif words and _AGE_WORD.fullmatch(words[-1]):
        taken = 1
    if len(words) > taken and words[-1 - taken].lower() in _POSSESSIVES:
        taken += 1
    pos = start
    for word in words[len(words) - taken :][::-1]:
        pos = s.rfind(word, lo, pos)
    return pos


# "мужчина 65 лет", "чоловік, 45 років,", "жінку 1965 року народження", "a woman, 62, and
# her son, 40": an age told after a person noun belongs to the noun's phrase (read alone,
# "a woman, 62, and her son" is no list).
_AGE_UNIT = r"(?:років|роки|рік|року|лет|года|год|years?\s+old|years?)(?![\w])"
_BIRTH = (
    r"(?:р\.\s*н\.?|р\.?н\.?|року\s+народження|г\.\s*р\.?|г\.?р\.?|года\s+рождения"
    r"|р\.\s*народження)"
)
_AGE_AFTER_NOUN = re.compile(
    rf"\s*[,(]\s*\d{{1,3}}(?:\s*{_AGE_UNIT})?\s*(?=[,);.]|$)\)?"
    rf"|\s*,?\s*\(?\d{{1,3}}\s*{_AGE_UNIT}\)?"
    rf"|\s*,?\s*\(?(?:19|20)\d\d\s*{_BIRTH}\)?",
    re.IGNORECASE,
)


def _age_end(s: str, mention: _Mention) -> _Mention:
    if mention.value != 1 or not mention.has_person:
        return mention
    m = _AGE_AFTER_NOUN.match(s, mention.end)
    return replace(mention, end=m.end()) if m is not None else mention


# "Жінки 85 та 39 років дістали контузії", "women aged 60 and 78 were injured": people
# named by a plural noun and a list of their ages are as many as the ages.
_AGE_LIST = re.compile(
    r"\s*,?\s*(?P<aged>(?:віком|у\s+віці|в\s+віці|aged|ages|в\s+возрасте|возрастом)\s+)?"
    r"\d{1,3}(?P<more>(?:\s*,\s*\d{1,3})*\s*,?\s*(?:and|та|і|й|и)\s+\d{1,3})"
    rf"(?P<unit>\s*{_AGE_UNIT})?",
    re.IGNORECASE,
)
_NUMBER_IN = re.compile(r"\d{1,3}")
_CONJ_BEFORE = re.compile(r"\s+(?:and|та|і|й|и)\s+(?:(?:a|an)\s+)?$", re.IGNORECASE)
_COMMA_BEFORE = re.compile(r",\s?$")


def _age_lists(rules: Rules, s: str, taken: list[_Mention]) -> list[_Mention]:
    out = []
    for m in rules.counts.persons.finditer(s):
        if any(x.start <= m.start() < x.end for x in taken):
            continue
        # "two passengers, women aged 63 and 70, were injured": the ages describe the people
        # just counted.
        comma = _COMMA_BEFORE.search(s, max(0, m.start() - 3), m.start())
        if comma is not None and any(x.end == comma.start() for x in taken):
            continue
        ages = _AGE_LIST.match(s, m.end())
        if ages is None or not (ages.group("aged") or ages.group("unit")):
            continue
        # "Погибли мужчина и женщина 70 и 67 лет", "чоловік і жінка 70 та 67 років": ages
        # after the last noun of a list of people are those of the list, each person
        # counted by its noun.
        if _closes_a_list(rules.counts, s, m):
            continue
        n = len(_NUMBER_IN.findall(ages.group()))
        kids = bool(rules.cues["victim.child"].match(m.group()))
        out.append(_Mention(m.start(), ages.end(), n, True, kids))
    return out


def _closes_a_list(cr: CountRules, s: str, noun: re.Match[str]) -> bool:
    """A singular person noun right after a conjunction that follows another person noun."""
    if not (
        cr.singular_persons.fullmatch(noun.group()) or cr.singular_cyrillic.fullmatch(noun.group())
    ):
        return False
    conj = _CONJ_BEFORE.search(s, max(0, noun.start() - 8), noun.start())
    if conj is None:
        return False
    before = _last(cr.persons, s[max(0, conj.start() - 30) : conj.start()])
    return before is not None and before.end() == min(30, conj.start())


# "A 16-year-old was killed", "16-річний загинув", "ранена 52-летняя": an age with no noun
# after it stands for one person, when what follows it is a verb, a conjunction or the end
# of the clause ("a 70-year-old house", "16-річний юнак" are read otherwise).
_BARE_AGE = guarded(
    r"(?<![\w-])(?:(?:a|an|the|his|her|their)\s+)?(?:\d{1,3}|[a-z]+)-year-old(?![\w-])"
    rf"|(?<![\w-])(?:{_POSSESSIVE}\s+)?{_CYRILLIC_AGE}(?![\w-])",
    re.IGNORECASE,
)
_AFTER_BARE_AGE = re.compile(
    r"\s*(?:[,.;:)!?]|$|[—–]\s|(?:and|or|was|were|is|are|has|had|also|later|died|remains"
    r"|remained|sustained|suffered|received|got|та|і|й|и|а|також|теж|був|була|було"
    r"|также|тоже|был|была|было)(?![\w-]))",
    re.IGNORECASE,
)


# "загинули 45-річний Іван та 40-річна Марія": a Cyrillic age before a name.
_APPOSED = re.compile(r"\w,\s?$")
_NAME_AFTER_AGE = re.compile(r"(?:\s+[А-ЯІЇЄҐЁ][а-яіїєґё'’]+){1,2}")


def _bare_ages(rules: Rules, s: str, taken: list[_Mention]) -> list[_Mention]:
    out = []
    cr = rules.counts
    for m in _BARE_AGE.finditer(s):
        if any(x.start <= m.start() < x.end or m.start() <= x.start < m.end() for x in taken):
            continue
        # "Окупант, 30-річний, вбив цивільного": an age set off by commas after a noun
        # describes that noun.
        if _APPOSED.search(s, max(0, m.start() - 3), m.start()) and s[m.end() : m.end() + 1] == ",":
            continue
        end = m.end()
        name = _NAME_AFTER_AGE.match(s, end) if "-year-old" not in m.group() else None
        if name is not None:
            end = name.end()
        elif not _AFTER_BARE_AGE.match(s, end):
            gap = _SPACES.match(s, end)
            if gap is None or not cr.any_outcome.match(s, gap.end()):
                continue
        out.append(_Mention(m.start(), end, 1, True, False))
    return out


def _drop_overlaps(items: list[_Mention]) -> list[_Mention]:
    kept: list[_Mention] = []
    for item in items:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last match is wanted
        pass
    return found


# "розстріляли українського військовополоненого": up to two adjectives between the
# outcome and the person noun (an outcome word itself is found before it is skipped).
_CYRILLIC_ADJECTIVE = re.compile(
    r"\s+[а-яіїєґё'’-]{2,}(?:ого|ього|ий|ій|ую|юю|ая|яя|ої|ьої|ой|ей|ые|ых|і|их)\s*$",
    re.IGNORECASE,
)
MAX_ADJECTIVES = 2


# "ранены, по меньшей мере, два человека": a qualifier set off by commas between the
# outcome and the figure does not end the clause.
_QUALIFIER_IN_COMMAS = re.compile(
    r",\s*(?:по\s+меньшей\s+мере|как\s+минимум|щонайменше|принаймні|at\s+least)\s*,\s*$",
    re.IGNORECASE,
)


def _outcome_before(cr: CountRules, s: str, start: int) -> str | None:
    before = _QUALIFIER_IN_COMMAS.sub(" ", s[max(0, start - 60) : start])
    cut = max(before.rfind(","), before.rfind(";"), before.rfind("."), before.rfind("("))
    head = before[cut + 1 :] if cut >= 0 else before
    head = _FILLER_BEFORE.sub("", head)
    for _ in range(MAX_ADJECTIVES + 1):
        # (No outcome word of any field in it: none of the fields' own searches finds one.)
        for field, pattern in cr.outcomes.items() if cr.any_outcome.search(head) else ():
            m = _last(pattern, head)
            if m and not head[m.end() :].strip():
                return None if _NEGATED_OUTCOME.search(head, 0, m.start()) else field
        adjective = _CYRILLIC_ADJECTIVE.search(" " + head)
        if adjective is None:
            return None
        head = _FILLER_BEFORE.sub("", head[: max(0, adjective.start() - 1)])
    return None


def _outcome_after(
    cr: CountRules, s: str, end: int, stop: int, *, denied_too: bool = False
) -> str | None:
    """The first outcome word after ``end`` in its clause; None when it is denied ("не
    постраждав"), unless ``denied_too`` ("Жоден із чотирьох журналістів не постраждав")."""
    window = s[end : min(stop, end + 100)]
    brk = _CLAUSE_END.search(window)
    window = window[: brk.start()] if brk else window
    best: tuple[int, str] | None = None
    for field, pattern in cr.outcomes.items() if cr.any_outcome.search(window) else ():
        m = pattern.search(window)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), field)
    if best is None or (not denied_too and _NEGATED_OUTCOME.search(window, 0, best[0])):
        return None
    if _outcome_of_another(cr, window, best[0]):
        return None
    # "A fourth soldier, who was wounded, has not been found": the outcome of the main
    # clause, when it has one, is the count's; the relative clause says what came before.
    rel = _RELATIVE_CLAUSE.match(window)
    if rel is not None and best[0] < rel.end():
        main = _outcome_after(cr, s, end + rel.end(), stop, denied_too=denied_too)
        if main is not None:
            return main
    return best[1]


_RELATIVE_CLAUSE = re.compile(
    r"\s*,\s*(?:who|which|that|який|яка|які|яке|котрий|который|которая|которые)\b[^,]{1,80},",
    re.IGNORECASE,
)


_AUX_GAP = re.compile(
    r"\s+(?:(?:is|was|were|are|remains?|remained|also|теж|також|тоже|также)\s+)*",
    re.IGNORECASE,
)


def _outcome_of_another(cr: CountRules, window: str, pos: int) -> bool:
    """ "shoot elderly couple in their yard, third resident missing": after a comma another
    person noun stands right before the outcome word, whose outcome it is."""
    comma = window.rfind(",", 0, pos)
    if comma < 0:
        return False
    person = _last(cr.persons, window[comma:pos])
    if person is None:
        return False
    gap = _AUX_GAP.fullmatch(window, comma + person.end(), pos)
    return gap is not None or not window[comma + person.end() : pos].strip()


# "Водій не постраждав", "Водитель не получил ранений", "The driver was not hurt",
# "wasn't injured": the outcome is denied (at most one word between the negation and it).
_NEGATED_OUTCOME = guarded(
    r"(?:(?<!\w)(?:не|ні|ни|not|never)|n't|n’t)\s+(?:[\w'’]+\s+)?$", re.IGNORECASE
)


# "і 5 — поранені", "and four were injured", "ще семеро - травмовані".
_DASH = re.compile(
    r"\s*(?:[—–-]\s*)?(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been|got)"
    r"(?:\s+(?:also|later|seriously|critically|slightly|lightly))?\s+)?",
    re.IGNORECASE,
)


def _outcome_right_after(cr: CountRules, s: str, end: int) -> str | None:
    """A bare number's outcome word right after it, a dash allowed ("і 5 — поранені")."""
    pos = _DASH.match(s, end)
    at = pos.end() if pos else end
    for field, pattern in cr.outcomes.items():
        if pattern.match(s, at):
            return field
    return None


def _is_sub(cr: CountRules, s: str, start: int) -> bool:
    before = s[max(0, start - 40) : start]
    m = _last(cr.sub_markers, before)
    return bool(m and not re.search(r"[.;,]", before[m.end() :]))


def _minimum(rules: Rules, s: str, start: int) -> bool:
    before = s[max(0, start - 25) : start]
    m = _last(rules.minimum_qualifiers, before)
    return bool(m and not before[m.end() :].strip(" :,"))  # "по меньшей мере, два"


def _groups(cr: CountRules, s: str, mentions: list[_Mention]) -> list[list[_Mention]]:
    """Coordinated person phrases ("two men and a woman") form one group.

    A comma joins the parts of a list closed by a conjunction ("a 62-year-old man, a
    63-year-old man and a 60-year-old woman"); a comma with no conjunction after it
    ("поранено чоловіка, водія автобуса") is no list.
    """
    groups: list[list[_Mention]] = []
    commas: list[list[bool]] = []  # per group: whether each later part joined by a comma
    for mention in mentions:
        if groups and mention.has_person and groups[-1][-1].has_person:
            gap = s[groups[-1][-1].end : mention.start]
            coord = _COORD.match(gap)
            comma = coord is None and _LIST_COMMA.fullmatch(gap) is not None
            # "the driver of the bus was killed and five passengers": an outcome between
            # the two ends the first group.
            if (comma or (coord is not None and not gap[coord.end() :].strip())) and not (
                cr.any_outcome.search(gap)
            ):
                if _own_outcome(cr, s, groups[-1][0], mention):
                    # "Ранена медсестра, водитель и фельдшер контужены": the parts after the
                    # comma are a list of their own, with their own outcome.
                    group, joins = groups[-1], commas[-1]
                    cut = len(group)
                    while cut > 1 and joins[cut - 2]:
                        cut -= 1
                    if comma or cut == len(group) or _own_outcome(cr, s, group[cut], mention):
                        groups.append([mention])
                        commas.append([])
                        continue
                    groups[-1], commas[-1] = group[:cut], joins[: cut - 1]
                    groups.append(group[cut:])
                    commas.append(joins[cut:])
                groups[-1].append(mention)
                commas[-1].append(comma)
                continue
        groups.append([mention])
        commas.append([])
    out: list[list[_Mention]] = []
    for group, joins in zip(groups, commas, strict=True):
        # Parts joined by commas after the list's last conjunction are no list.
        cut = len(group)
        while cut > 1 and joins[cut - 2]:
            cut -= 1
        out.append(group[:cut])
        out.extend([m] for m in group[cut:])
    return out


_LIST_COMMA = re.compile(r"\s*,\s*")


def _own_outcome(cr: CountRules, s: str, first: _Mention, mention: _Mention) -> bool:
    """ "Загинула 45-річна жінка та її 17-річний син отримав поранення": the part after the
    conjunction has an outcome of its own, while the first part's came before it."""
    return (
        _outcome_right_after(cr, s, mention.end) is not None
        and _outcome_before(cr, s, first.start) is not None
    )


def parse(rules: Rules, s: str, lang: str | None) -> list[tuple[int, int, CountValue]]:
    """Counts in one sentence: (start, end, value), offsets within ``s``."""
    cr = rules.counts
    out: list[tuple[int, int, CountValue]] = []
    # Blanked, not cut: every offset still points into the sentence.
    s = cr.not_outcomes.sub(lambda m: " " * len(m.group()), s)
    mentions = _mentions(rules, s, lang)
    groups = _groups(cr, s, mentions)
    subs = [_is_sub(cr, s, g[0].start) for g in groups]
    for gi, group in enumerate(groups):
        first, last = group[0], group[-1]
        # A sub-count ("including two children") does not end the total's clause.
        later = [
            g[0].start for g, sub in zip(groups[gi + 1 :], subs[gi + 1 :], strict=True) if not sub
        ]
        stop = later[0] if later else len(s)
        field = _outcome_before(cr, s, first.start)
        if field is None and not last.has_person:
            field = _outcome_right_after(cr, s, last.end)
        elif field is None:
            field = _outcome_after(cr, s, last.end, stop)
        if field is None:
            continue
        total = sum(m.value for m in group)
        # "Two people, a man and a woman, were killed": the parts set off by commas after a
        # count name the people counted (as many as it says), they do not add to it.
        if (
            len(group) > 2
            and group[0].value > 1
            and _LIST_COMMA.fullmatch(s, group[0].end, group[1].start)
            and sum(m.value for m in group[1:]) == group[0].value
            and s[last.end : last.end + 1] == ","
        ):
            total = group[0].value
        value = CountValue(
            field,
            total,
            _minimum(rules, s, first.start),
            False,
            subs[gi],
            all(m.children for m in group),
        )
        out.append((first.start, last.end, value))
    out.extend(_part_with_own_outcome(rules, s, out))
    out = _died_of_wounds(cr, s, out, mentions)
    out.extend(_toll_updates(rules, s))
    out.extend(_no_casualties(cr, s))
    out.extend(_none_of(rules, s))
    if not out:
        out.extend(_one_injured(cr, s))
    return out


# "at least two of them died after beatings", "двоє з них згодом померли": a part of people
# told without a figure of their own, with an outcome right after the part.
_PART_OF_THEM = re.compile(
    r"\s+(?:of\s+(?:them|whom)|з\s+них|із\s+них|из\s+них)"
    r"(?:\s+(?:later|subsequently|also|згодом|пізніше|також|позже|впоследствии|также))?\s+"
    r"(?:(?:had|have|were|was|have\s+been|had\s+been)\s+)?",
    re.IGNORECASE,
)


_PART_HINT = re.compile(r"(?i)\s(?:of\s+(?:them|whom)|з\s+них|із\s+них|из\s+них)\s")


def _part_with_own_outcome(
    rules: Rules, s: str, found: list[tuple[int, int, CountValue]]
) -> list[tuple[int, int, CountValue]]:
    """ "Prisoners were beaten, and at least two of them died": the part is the toll of its
    outcome when the sentence gives no other count of that outcome ("Five people were
    injured, two of them seriously" has no outcome after the part; "four were injured, two
    of them were hospitalised" already has its injured)."""
    cr = rules.counts
    out: list[tuple[int, int, CountValue]] = []
    if not _PART_HINT.search(s):
        return out
    for m in number_pattern(rules).finditer(s):
        part = _PART_OF_THEM.match(s, m.end())
        value = number_value(rules, m.group())
        if part is None or value is None or value > MAX_COUNT:
            continue
        field = _outcome_right_after(cr, s, part.end())
        if field is None or any(v.field == field for _a, _b, v in found + out):
            continue
        out.append(
            (
                m.start(),
                m.start() + len(s[m.start() : part.end()].rstrip()),
                CountValue(field, value, _minimum(rules, s, m.start()), False, False, False),
            )
        )
    return out


# "She was taken to hospital with shrapnel wounds", "Вона дістала осколкові поранення",
# "Она госпитализирована": a sentence that opens with a singular pronoun and says it was
# injured counts one injured person (the least figure: any other injured figure wins).
_ONE_INJURED = re.compile(
    r"^[\s\"“«(]*(?:"
    r"(?:she|he)\s+(?:was|is|has\s+been|had\s+been)\s+(?:(?:also|later|seriously|critically"
    r"|badly|lightly|slightly)\s+)?(?:injured|wounded|hurt|hospitali[sz]ed|(?:taken|rushed)\s+to"
    r"\s+(?:a\s+|the\s+)?hospital\s+with\s+|treated\s+(?:in\s+hospital\s+)?for\s+)"
    r"|(?:she|he)\s+(?:also\s+)?(?:suffered|sustained|received)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:wounds|injuries|burns|a\s+(?:head\s+)?injury)"
    r"|(?:вона|він)\s+(?:також\s+)?(?:(?:дістала|дістав|отримала|отримав|зазнала|зазнав)\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?:поранен|травм|опік)|(?:була\s+|був\s+)?(?:поранен[аий]|травмован[аий]"
    r"|госпіталізован[аий])(?!\w))"
    r"|(?:її|його)\s+(?:також\s+)?(?:госпіталізували|госпіталізовано)(?!\w)"
    r"|(?:она|он)\s+(?:также\s+)?(?:(?:получила|получил)\s+(?:[\w-]+\s+){0,2}?(?:ранени|травм|ожог)"
    r"|(?:была\s+|был\s+)?(?:ранен[аы]?|травмирован[аы]?|госпитализирован[аы]?)(?!\w))"
    r"|(?:ее|её|его)\s+(?:также\s+)?госпитализировали(?!\w)"
    r")",
    re.IGNORECASE,
)


_FATAL = guarded(
    r"несумісн|не\s+сумісн|несовместим|incompatible\s+with\s+life|fatal|смертельн", re.I
)


def _one_injured(cr: CountRules, s: str) -> list[tuple[int, int, CountValue]]:
    m = _ONE_INJURED.match(s)
    # "He was wounded and later died": the killed, which the died-of-wounds rule tells;
    # "Він зазнав травм, несумісних із життям": fatal injuries.
    if m is None or any(
        p.search(s, m.end()) for p in (cr.outcomes["killed"], cr.died_of_wounds, _FATAL)
    ):
        return []
    return [(m.start(), m.end(), CountValue("injured", 1, False, False, False, False))]


# "two were injured, one of whom later died": part of the injured died, not all of them.
_PART_OF = guarded(
    r"\b(?:of\s+(?:whom|them)|one\s+of|з\s+(?:них|яких)|із\s+(?:них|яких)|из\s+(?:них|которых))\b",
    re.IGNORECASE,
)
DIED_WINDOW = 120


def _died_of_wounds(
    cr: CountRules,
    s: str,
    found: list[tuple[int, int, CountValue]],
    mentions: list[_Mention],
) -> list[tuple[int, int, CountValue]]:
    """An injured count whose people then died of the injuries ("a man was wounded ... and
    later died in hospital", "отримав поранення, від яких помер") counts the killed."""
    out = []
    for start, end, value in found:
        if value.field == "injured" and not value.sub and value.value > 0:
            m = cr.died_of_wounds.search(s, end, end + DIED_WINDOW)
            gap = s[end : m.start()] if m else ""
            if (
                m is not None
                and not any(end <= x.start < m.start() for x in mentions)
                and not _PART_OF.search(gap)
                and not re.search(r"[.;]", gap)
            ):
                value = CountValue(
                    "killed", value.value, value.minimum, False, False, value.children
                )
        out.append((start, end, value))
    return out


# "..., bringing the death toll to 11": the verb before the toll.
_TOLL_AFTER_VERB = guarded(
    r"\b(?:bringing|raising|pushing|taking|brings|raises|raised|brought|pushed|took"
    r"|increasing|increased)\s+(?:the\s+)?(?:overall\s+|total\s+|confirmed\s+)?"
    r"(?P<head>death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|victims|fatalities"
    r"|injured|wounded|casualties))(?:\s+[\w’'-]+){0,4}?\s+to\s+(?P<least>at\s+least\s+)?",
    re.IGNORECASE,
)


def _toll_after_verb(rules: Rules, s: str) -> list[tuple[int, int, CountValue]]:
    out = []
    for m in _TOLL_AFTER_VERB.finditer(s):
        num = number_pattern(rules).match(s, m.end())
        value = number_value(rules, num.group()) if num else None
        if num is None or value is None or value > MAX_COUNT or _scaled(s[num.end() :]):
            continue
        field = "injured" if re.search(r"injur|wound", m.group("head"), re.I) else "killed"
        value_ = CountValue(field, value, bool(m.group("least")), True, False, False)
        out.append((m.start(), num.end(), value_))
    return out


TOLL_VERB_WINDOW = 160  # characters between a toll's head and its verb


def _toll_updates(rules: Rules, s: str) -> list[tuple[int, int, CountValue]]:
    cr = rules.counts
    out = _toll_after_verb(rules, s)
    for head in cr.toll_heads.finditer(s):
        # "Кількість постраждалих унаслідок російської атаки на Кременчук в ніч на 9 квітня
        # зросла до 19": the verb may come long after the head; the figure is read whole
        # from the sentence, never cut at the window's edge.
        window = s[head.end() : head.end() + TOLL_VERB_WINDOW]
        verb = cr.toll_verbs.search(window)
        if not verb or re.search(r"[.;]", window[: verb.start()]):
            continue
        window = s[head.end() : head.end() + verb.end() + 40]
        num = number_pattern(rules).search(window, verb.end())
        if not num or window[verb.end() : num.start()].strip(" ,:").lower() not in (
            "",
            "to",
            "до",
            "at",
            "at least",
            "to at least",
            "щонайменше",
            "до щонайменше",
        ):
            continue
        value = number_value(rules, num.group())
        if value is None or value > MAX_COUNT or _scaled(s[head.end() + num.end() :]):
            continue
        field = (
            "injured"
            if re.search(r"injur|wound|поранен|постражд|ранен|пострадав", head.group(), re.I)
            else "killed"
        )
        minimum = (
            "least" in window[verb.end() : num.start()]
            or "щонайменше" in window[verb.end() : num.start()]
        )
        out.append(
            (
                head.start(),
                head.end() + num.end(),
                CountValue(field, value, minimum, True, False, False),
            )
        )
    return out


def _no_casualties(cr: CountRules, s: str) -> list[tuple[int, int, CountValue]]:
    out: list[tuple[int, int, CountValue]] = []
    if cr.any_no_casualties.search(s) is None:  # one search for the three lists
        return out
    for key, pattern in cr.no_casualties.items():
        for m in pattern.finditer(s):
            fields = ("killed", "injured") if key == "both" else (key,)
            for field in fields:
                out.append((m.start(), m.end(), CountValue(field, 0, False, False, False, False)))
    return out


_NONE_WORD = guarded(r"(?i)(?<!\w)(?:none|neither|ніхто|жод|никто|ни\s)")


def _none_of(rules: Rules, s: str) -> list[tuple[int, int, CountValue]]:
    """ "None of the three crew members was hurt": zero for the outcome said of them (an
    injury word, like "nobody was hurt", says that nobody was killed either)."""
    cr = rules.counts
    out: list[tuple[int, int, CountValue]] = []
    if _NONE_WORD.search(s) is None:
        return out
    for m in number_pattern(rules).finditer(s):
        head = _NONE_OF.search(s[max(0, m.start() - 30) : m.start()])
        if head is None:
            continue
        brk = _CLAUSE_END.search(s, m.end())
        field = _outcome_after(cr, s, m.end(), brk.start() if brk else len(s), denied_too=True)
        if field not in ("killed", "injured"):
            continue
        start = m.start() - (len(head.group()))
        fields = ("killed", "injured") if field == "injured" else ("killed",)
        for f in fields:
            out.append((start, m.end(), CountValue(f, 0, False, False, False, False)))
    return out


# "A local resident who had been driving the crew was also injured", "Водій також був
# поранений", "Водитель также был ранен": people counted besides those already counted.
_ALSO_AFTER = re.compile(
    r"[^.;:!?]{0,80}?(?:\b(?:was|were|has\s+been|have\s+been|got)\s+also|\balso\s+(?:was|were"
    r"|got|been))\s+(?:(?:seriously|critically|slightly|lightly|badly)\s+)?(?:injured|wounded"
    r"|hurt|killed)\b"
    r"|\s+(?:також|также)\s+(?:(?:був|була|були|был|была|были|отримав|отримала|получил"
    r"|получила)\s+)?(?:поранен|травмован|постражда|загину|ранен|пострада|погиб|травм)",
    re.IGNORECASE,
)


# "Поранено жінку, ще двох людей травмовано", "Ранена женщина, еще двое мужчин получили
# ранения", "a woman was injured and another two people were hurt": a count told as more
# people besides a count of the same outcome earlier in the sentence.
_MORE_BEFORE = guarded(
    r"(?<!\w)(?:ще|еще|ещё|another|also|також|также|і\s+ще|и\s+еще)\s+$", re.IGNORECASE
)


def _more_of(
    text: str, start: int, value: CountValue, earlier: list[tuple[int, CountValue]]
) -> bool:
    if value.update or value.sub or not _MORE_BEFORE.search(text, max(0, start - 12), start):
        return False
    return any(
        v.field == value.field and not v.sub and not v.update and v.value > 0 for _s, v in earlier
    )


def _in_date(dates: list[Span], start: int, end: int) -> bool:
    """The figure of a count lies inside a date ("on the evening of July 8 killed a woman")."""
    return any(d.start <= start and end <= d.end for d in dates)


def run(doc: Document, rules: Rules) -> None:
    for index, sent in enumerate(doc.sentences):
        text = doc.text[sent.start : sent.end]
        dates = doc.spans_of("date", index)
        # "Загалом за минулу добу ... поранено дев'ятеро людей": a figure of a sentence that
        # speaks of a wider scope; a sum holding it is no single incident's toll (drafts).
        # (Searched once the sentence has a count to mark: most have none.)
        wider: bool | None = None
        earlier: list[tuple[int, CountValue]] = []
        for s, e, value in parse(rules, text, doc.language):
            a, b = sent.start + s, sent.start + e
            if doc.masked(a, b) or _in_date(dates, a, b):
                continue
            if wider is None:
                wider = rules.counts.wider_scope.search(text) is not None
            rule = (
                "count.update"
                if value.update
                else "count.sub"
                if value.sub
                else f"count.{value.field}"
            )
            conf = 0.9 if value.update else 0.85
            extra: dict[str, bool] = {"wider_scope": True} if wider else {}
            if value.value > 0 and not value.update and _ALSO_AFTER.match(text, e):
                extra["also"] = True
            elif value.value > 0 and _more_of(text, s, value, earlier):
                extra["also"] = True  # "Поранено жінку, ще двох людей травмовано"
            earlier.append((s, value))
            doc.spans.append(Span(a, b, "count", value, STAGE, rule, index, conf, extra))
            if value.update:
                _update_days(rules, doc, dates, b)
    _pronoun_deaths(doc)


# "У Куп'янську поранено жінку. Згодом вона померла в лікарні.", "In Bilozerka a woman was
# injured. She died of her injuries in hospital.", "Позже он скончался": a sentence that
# opens with a singular pronoun and says it died tells that the one person just counted as
# injured was killed.
PRONOUN_DEATH = "count.died.pronoun"  # the rule of a death told only by a pronoun
_ONE_DIED = re.compile(
    r"[\s\"“«(]*(?:(?:от\s+полученных\s+(?:травм|ранений)|від\s+(?:отриманих\s+)?(?:травм"
    r"|поранень)|of\s+(?:her|his)\s+(?:injuries|wounds)),?\s+)?(?:"
    r"(?:(?:later|subsequently|sadly|tragically),?\s+)?(?:she|he)\s+(?:later\s+|subsequently"
    r"\s+|has\s+since\s+|since\s+|then\s+)?(?:died|passed\s+away|succumbed)"
    r"|(?:(?:згодом|пізніше|невдовзі|потім|на\s+жаль),?\s+)?(?:вона|він)\s+(?:згодом\s+|пізніше"
    r"\s+|невдовзі\s+|потім\s+)?(?:померла|помер)"
    r"|(?:(?:позже|впоследствии|вскоре|затем|потом|к\s+сожалению),?\s+)?(?:она|он)\s+"
    r"(?:позже\s+|впоследствии\s+|вскоре\s+|затем\s+)?(?:скончалась|скончался|умерла|умер)"
    r")(?!\w)",
    re.IGNORECASE,
)


def _pronoun_deaths(doc: Document) -> None:
    """The one injured person of the sentence before a pronoun's death (same paragraph)
    is counted as killed: counted once, never as both injured and killed.  When the
    sentence before counts nobody, the pronoun's death counts one killed.  Nothing when
    it counts more than one injured (which of them died is not told)."""
    for index in range(1, len(doc.sentences)):
        sent, prev = doc.sentences[index], doc.sentences[index - 1]
        if sent.line_index != prev.line_index or doc.spans_of("count", index):
            continue
        m = _ONE_DIED.match(doc.text, sent.start, sent.end)
        if m is None or doc.masked(m.start(), m.end()):
            continue
        before = doc.spans_of("count", index - 1)
        if not before:
            # "под обстрел попала 56-летняя женщина. От полученных травм она скончалась":
            # the one person told before, counted nowhere else, was killed.
            value = CountValue("killed", 1, False, False, False, False)
            span = Span(m.start(), m.end(), "count", value, STAGE, PRONOUN_DEATH, index, 0.75)
            doc.spans.append(span)
            continue
        injured = [
            c
            for c in before
            if c.value.field == "injured" and not c.value.sub and not c.value.update
        ]
        if len(injured) != 1 or injured[0].value.value != 1:
            continue
        span = injured[0]
        span.value = replace(span.value, field="killed")
        span.rule_id = "count.died_of_wounds.pronoun"


def _update_days(rules: Rules, doc: Document, dates: list[Span], end: int) -> None:
    """ "The toll ... climbed to seven on Monday, after crews recovered two more bodies
    overnight": a day told after a toll update's figure is the day of the update, not of
    the attack, unless a strike is told between them ("rose to 7 after a missile hit the
    town on Saturday").  Such a day counts as a statement's day."""
    strike = rules.cues["act.strike"]
    for span in dates:
        if span.start < end or span.value.statement:
            continue
        if strike.search(doc.text, end, span.start):
            continue
        span.value = replace(span.value, statement=True)
        span.rule_id = f"{span.rule_id}.update_day"
