"""Dates: a regex date finder for English, Ukrainian and Russian news text.

One compiled pattern per document pass, no generic parser per sentence.  It
finds explicit dates ("Jan. 23", "23 January 2025", "22 січня", "2025-01-23",
"23.01.2025"), nights ("on the night of Jan. 22", "у ніч на 22 січня": the
night into that day, dated that day), and relative days ("yesterday",
"overnight", "on Sunday", "вчора") resolved against the publication date.  A
missing year comes from the publication date (a date that would fall after
publication belongs to the year before).  A date right after a verb of saying
("said on Jan. 23") is the day of a statement, not of the incident.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..vocab import DatePrecision
from .document import Document, Span
from .guard import guarded, trie_alternation

STAGE = "dates"

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "january jan січня січень января январь",
        "february feb лютого лютий февраля февраль",
        "march mar березня березень марта март",
        "april apr квітня квітень апреля апрель",
        "may травня травень мая май",
        "june jun червня червень июня июнь",
        "july jul липня липень июля июль",
        "august aug серпня серпень августа август",
        "september sep sept вересня вересень сентября сентябрь",
        "october oct жовтня жовтень октября октябрь",
        "november nov листопада листопад ноября ноябрь",
        "december dec грудня грудень декабря декабрь",
    ],
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _i

WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "monday понеділок понеділка понедельник понедельника",
        "tuesday вівторок вівторка вторник вторника",
        "wednesday середу середа середи среду среда среды",
        "thursday четвер четверга четверг четверга",
        "friday п'ятницю п’ятницю п'ятниця п’ятниця п'ятниці п’ятниці пятницу пятница пятницы",
        "saturday суботу субота суботи субботу суббота субботы",
        "sunday неділю неділя неділі воскресенье воскресенья",
    ]
):
    for _n in _names.split():
        WEEKDAYS[_n] = _i

# Relative day words: offset in days from the publication date.
RELATIVE: dict[str, int] = {
    "today": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier today": 0,
    "tonight": 0,
    "overnight": -1,
    "last night": -1,
    "early this morning": 0,
    "yesterday": -1,
    "the day before yesterday": -2,
    "сьогодні": 0,
    "сьогодні вночі": -1,
    "вночі": -1,
    "цієї ночі": -1,
    "минулої ночі": -1,
    "вранці": 0,
    "зранку": 0,
    "вчора": -1,
    "учора": -1,
    "позавчора": -2,
    "напередодні": -1,
    "минулого вечора": -1,
    "last evening": -1,
    "сегодня": 0,
    "этой ночью": -1,
    "ночью": -1,
    "прошлой ночью": -1,
    "утром": 0,
    "вчера": -1,
    "позавчера": -2,
    "накануне": -1,
    "вчера вечером": -1,
}
PAST_DAY = (
    "over the past day",
    "over the past 24 hours",
    "in the past 24 hours",
    "over the last day",
    "over the last 24 hours",
    "за минулу добу",
    "минулої доби",
    "за добу",
    "протягом доби",
    "за минувшие сутки",
    "за сутки",
    "за прошедшие сутки",
)

# Tries of the words: the same matches as their longest-first alternations, tried a
# character at a time (see guard.trie_alternation).
_MONTH_RE = trie_alternation(sorted(MONTHS))
_WEEKDAY_RE = trie_alternation(sorted(WEEKDAYS))
_REL_RE = trie_alternation(sorted(RELATIVE))
_PAST_RE = trie_alternation(sorted(PAST_DAY))
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
# "the night of X" is dated X; "the night into X" ("у ніч на X") began the day before.
_NIGHT_OF = r"(?:on\s+)?the\s+night\s+of\s+"
_NIGHT_INTO = (
    r"(?:overnight\s+(?:on|into)|(?:on\s+)?the\s+night\s+into|(?:у|в)\s+ніч\s+(?:на|проти)"
    r"|(?:у|в)ночі\s+(?:на|проти)|в\s+ночь\s+на|ночью\s+на)\s+"
)
_NIGHT_FROM = r"(?:(?:у|в)\s+ніч\s+(?:з|із)|в\s+ночь\s+с)\s+(?=\d{1,2}\s+на\s+)"
# Words before a weekday that date the weekday itself: "on Sunday", "early on Sunday",
# "in the early hours of Sunday", "before dawn on Sunday", "late Saturday", "around
# midnight on Friday", "у неділю", "минулої неділі", "в прошлое воскресенье", and the
# night that begins on it ("the night of Saturday", "в ніч із суботи на неділю").
_WD_PRE = (
    r"(?:(?:early|late|earlier|later)\s+(?:in\s+the\s+day\s+)?(?:on\s+)?"
    r"|(?:in\s+|during\s+)?the\s+(?:early|small|late)\s+hours\s+of\s+(?:on\s+)?"
    r"|(?:just\s+|shortly\s+|early\s+|late\s+)?(?:before|after)\s+(?:dawn|daybreak|sunrise|sunset"
    r"|noon|midday|midnight)\s+(?:on\s+)?"
    r"|(?:at\s+|around\s+|about\s+|near\s+|shortly\s+(?:before|after)\s+)?"
    r"(?:midnight|dawn|noon|midday)\s+(?:on\s+)?"
    r"|(?:on\s+|in\s+)?the\s+(?:night|evening|morning|afternoon)\s+of\s+"
    r"|(?:у|в)\s+ніч\s+(?:з|із|зі)\s+|в\s+ночь\s+с\s+"
    r"|(?:у|в)\s+(?:минулу|минулий|останню)\s+|минулої\s+|минулого\s+"
    r"|(?:в|во)\s+(?:прошлое|прошлую|прошлый|минувшее|минувшую|минувший)\s+"
    r"|(?:рано[-\s]*)?(?:вранці|зранку|ввечері|увечері|вдень|удень|опівночі|вночі|уночі|пізно\s+ввечері"
    r"|утром|вечером|днем|днём|ночью|поздно\s+вечером)\s+(?:у|в|во)\s+"
    # "увечері неділі", "ранок суботи": the part of the day, then the weekday in the genitive.
    r"|(?:пізно\s+)?(?:вранці|зранку|ввечері|увечері|вдень|удень|ранку|ранок|вечора|вечір)\s+"
    r"(?=(?:понеділка|вівторка|середи|четверга|п['’]ятниці|суботи|неділі)(?!\w))"
    r"|(?:on|у|в|во)\s+)"
)
# A part of the day after the weekday belongs to it: "у неділю вранці", "Sunday night".
_WD_PART = (
    r"(?:\s+(?:morning|afternoon|evening|night|вранці|зранку|ввечері|увечері|вдень|удень|вночі"
    r"|уночі|утром|вечером|днем|днём|ночью))?"
)
# The night into a weekday began the day before: "overnight into Sunday", "у ніч на неділю".
_WD_INTO = (
    r"(?:overnight\s+(?:on\s+|into\s+|to\s+)?|(?:on\s+|in\s+|during\s+)?the\s+night\s+(?:into|to)\s+"
    r"|(?:у|в)\s+ніч\s+(?:на|проти)\s+|вночі\s+(?:на|проти)\s+|в\s+ночь\s+на\s+|ночью\s+на\s+)"
)
# A bare English weekday ("struck Odesa Sunday", "Sunday morning"), capitalised; not after
# words that make it another day or a name ("since Sunday", "Good Friday", "next Monday").
_BARE_WD = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_NOT_BEFORE_BARE = guarded(
    r"\b(?:since|until|till|by|from|through|next|every|each|this|coming|good|black|bloody|holy"
    r"|palm|easter|super|cyber|ash)\s+$",
    re.IGNORECASE,
)
_NOT_AFTER_BARE = re.compile(
    r"^(?:\s+(?:times|telegraph|mirror|express|post|service|services|mass|school|market"
    r"|edition|paper)\b)",
    re.IGNORECASE,
)

# A part of the date pattern a text cannot match: it never matches, and its groups are
# there (empty), as every caller reads the match by group name.
_MONTH_GROUPS: tuple[str, ...] = ("night", "into", "from", "mdy_m", "mdy_d", "mdy_d2", "mdy_y")
_MONTH_GROUPS += ("btw", "dmy_d", "dmy_d2", "dmy_on", "dmy_m", "dmy_y")
_WEEKDAY_GROUPS = ("last", "wd_into", "wd")


def _never(groups: tuple[str, ...]) -> str:
    return "(?!)" + "".join(f"(?P<{g}>)" for g in groups)


def _date_pattern(months: bool = True, weekdays: bool = True) -> re.Pattern[str]:
    """The date finder.  ``months=False`` leaves out the dates with a month's name,
    ``weekdays=False`` those with a weekday's (for a text that names none; see date_re)."""
    month_dates = (
        rf"""(?:(?P<night>{_NIGHT_OF})|(?P<into>{_NIGHT_INTO})|(?P<from>{_NIGHT_FROM}))?(?:
        (?P<mdy_m>{_MONTH_RE})\.?\s+(?P<mdy_d>{_DAY})(?:\s*[-–]\s*(?P<mdy_d2>{_DAY}))?(?![\w:])(?:,?\s+(?P<mdy_y>{_YEAR}))?
      | (?P<btw>between\s+|між\s+)?(?P<dmy_d>{_DAY})
        (?:(?:\s*[-–]\s*|\s+(?:to|until|till|through|до|по)\s+|(?(btw)\s+(?:and|і|та)\s+|(?!)))
        (?P<dmy_d2>{_DAY})|\s+на\s+(?P<dmy_on>{_DAY}))?
        \s+(?:of\s+)?(?P<dmy_m>{_MONTH_RE})\.?(?![\w])(?:,?\s+(?P<dmy_y>{_YEAR}))?
      )"""
        if months
        else _never(_MONTH_GROUPS)
    )
    weekday_dates = (
        rf"""(?:(?P<last>last)\s+|(?P<wd_into>{_WD_INTO})|{_WD_PRE})(?P<wd>{_WEEKDAY_RE})
      (?:\s+(?:to|into|на)\s+(?:{_WEEKDAY_RE}))?{_WD_PART}"""
        if weekdays
        else _never(_WEEKDAY_GROUPS)
    )
    bare = rf"(?P<bare>{_BARE_WD})" if weekdays else _never(("bare",))
    return guarded(
        rf"""(?<![\w.])(?:
      {month_dates}
    | (?P<iso>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-2]\d|3[01])
    | (?P<num_d>[0-2]?\d|3[01])\.(?P<num_m>0?[1-9]|1[0-2])\.(?P<num_y>{_YEAR}|\d\d)(?![\d.])
    | (?P<past>{_PAST_RE})
    | {weekday_dates}
    | (?P<rel>{_REL_RE})
    | {bare}
    )(?![\w])""",
        re.IGNORECASE | re.VERBOSE,
    )


DATE_RE = _date_pattern()
_DATE_VARIANTS = {(m, w): _date_pattern(m, w) for m in (True, False) for w in (True, False)}
# A date with a month's name needs a figure and the name as a word of its own (after the
# name only a dot or a non-word character: mdy "March 3", dmy "3 March."); one with a
# weekday's, the weekday as a word of its own (after a space or at the match's start).
_DIGIT = re.compile(r"\d")
_MONTH_WORD = guarded(rf"(?<!\w)(?:{_MONTH_RE})(?!\w)", re.IGNORECASE)
_WEEKDAY_NAME = guarded(rf"(?<!\w)(?:{_WEEKDAY_RE}|{_BARE_WD})(?!\w)", re.IGNORECASE)


def date_re(text: str) -> re.Pattern[str]:
    """DATE_RE for ``text``: the same matches, without trying at every word the kinds of
    date the text cannot hold (most sentences name no month and no weekday)."""
    months = _DIGIT.search(text) is not None and _MONTH_WORD.search(text) is not None
    return _DATE_VARIANTS[(months, _WEEKDAY_NAME.search(text) is not None)]


# "повідомила Генеральна прокуратура 6 серпня", "сообщил глава ОВА Иван Федоров 25 сентября":
# a verb of saying, the one who said it, then the day: the day of the statement.  Not when
# the words after the verb open what was said ("повідомив, що 6 серпня ...", "про").
STATEMENT_SUBJECT_BEFORE = guarded(
    r"(?<!\w)(?:повідоми|заяви|написа|інформува|уточни|зазначи|сообщи|уточнил|рассказа|написал)\w*"
    r"\s+(?:(?!(?:що|щоб|про|як|коли|де|что|чтобы|о|об|про|как|когда|где)(?!\w))"
    r"[^\s,.;:!?«»\"“”]+\s+){1,9}$",
    re.IGNORECASE,
)
# "The death toll ... climbed to 43 on Tuesday evening", "кількість загиблих зросла до 5 у
# вівторок": the day the toll was updated, not the day of the attack (a statement day).
TOLL_UPDATE_BEFORE = guarded(
    r"\b(?:rose|risen|rises|climbed|climbs|increased|jumped|зросла|зросло|зріс|возросло|возросла"
    r"|выросло|выросла|увеличилось)\s+(?:to|до)\s+(?:at\s+least\s+|щонайменше\s+)?[\w’'-]+"
    r"(?:\s+(?:people|persons|dead|victims|людей|осіб|человек))?\s*,?\s*"
    r"(?:on|late\s+on|early\s+on|by|у|в|во)?\s*$",
    re.IGNORECASE,
)
# "Сьогодні вранці в лікарні помер чоловік, який дістав поранення", "a woman died in hospital
# on Thursday", "скончалась в больнице утром": the day a wounded person died later, which
# updates the toll (a statement day), not the day of the attack.  Only with the hospital or
# the wounds beside the death: "A man died yesterday when a drone hit his car" is the attack's.
_DIED_LATER = (
    r"(?:(?:у|в)\s+(?:лікарні|больнице|реанімації|реанимации)\s+(?:помер|померла|померли"
    r"|умер|умерла|умерли|скончал\w*)"
    r"|(?:помер|померла|померли|умер|умерла|умерли|скончал\w*)\s+(?:у|в)\s+(?:лікарні"
    r"|больнице|реанімації|реанимации)"
    r"|(?:помер|померла|померли|умер|умерла|умерли|скончал\w*)\s+(?:від|от)\s+(?:отриманих\s+"
    r"|полученных\s+)?(?:поранень|травм|ран|ранений)"
    r"|died\s+in\s+(?:the\s+)?hospital|died\s+(?:of|from)\s+(?:his|her|their)\s+(?:wounds"
    r"|injuries)|succumbed\s+to\s+(?:his|her|their)\s+(?:wounds|injuries))"
)
# The date, up to three words (a part of the day, the subject), then the death.  Not after
# a conjunction or "later": "shelled Kupiansk on Thursday and later died in hospital" dates
# the shelling.
DIED_LATER_AFTER = re.compile(
    r"^\s*,?\s*(?:(?!(?:and|but|then|later|і|й|та|а|але|згодом|пізніше|потім|и|но|позже"
    rf"|впоследствии|затем)(?!\w))[\w’'-]+\s+){{0,3}}?{_DIED_LATER}(?!\w)",
    re.IGNORECASE,
)
# The death, then the date ("died in hospital on Thursday", "помер у лікарні вранці").
DIED_LATER_BEFORE = guarded(
    rf"{_DIED_LATER}\s*,?\s*(?:(?:late|early|вранці|уранці|зранку|увечері|ввечері|вночі"
    r"|утром|вечером|ночью)\s+)?(?:on|у|в|во)?\s*$",
    re.IGNORECASE,
)
_STATEMENT_DAYPART = (
    r"(?:утром|вечером|днем|днём|ночью|вранці|уранці|зранку|увечері|ввечері|вдень|уночі"
    r"|in\s+the\s+(?:morning|afternoon|evening)"
    # "reported on the morning of Oct. 20": the part of the day the date is of.
    r"|(?:on\s+)?the\s+(?:morning|afternoon|evening)\s+of)"
)
# A date right after a verb of saying (or "in a statement on") is a statement day.
STATEMENT_BEFORE = guarded(
    r"(?:\b(?:said|says|reported|announced|stated|wrote|told\s+[\w .’'-]{1,40}?"
    r"|(?:reported|announced|confirmed)\s+by\s+[\w .’'-]{1,50}?|confirmed|posted"
    r"|added|noted|warned|published|released|claimed|informed)(?:\s+(?:late|early))?"
    r"|\b(?:statement|report|post|message|update|briefing|press\s+release|announcement)"
    r"(?:\s+(?:published|released|issued))?"
    r"|(?:повідоми|заяви|написа|інформу|сообщи|написал|уточни)\w*)"
    # "reported on Telegram on", "said in a Facebook post on", "wrote on X late on".
    r"(?:\s+(?:on|in|via|through|at)\s+(?:(?:its|his|her|their|the|a|an|official)\s+){0,2}"
    r"(?:Telegram|Facebook|X|Twitter|Instagram|social\s+media|website|channel|page|briefing"
    r"|TV|television|national\s+television|telethon|video\s+address|evening\s+address|address)"
    r"(?:\s+(?:channel|post|page|account|address|briefing))?)?"
    # "сообщил утром в пятницу, 15 ноября", "повідомив увечері у вівторок, 3 грудня": a part
    # of the day and a weekday apposed to the date between the verb and the date.
    rf"(?:\s+{_STATEMENT_DAYPART})?(?:\s+(?:on|у|в|во)\s+(?:{_WEEKDAY_RE})\s*,)?"
    r"\s*,?\s*(?:on|late\s+on|early\s+on|у|в|во)?\s*$",
    re.IGNORECASE,
)
# "Станом на ранок 16 червня поліція зафіксувала ...", "as of the morning of June 16": the
# day a tally stands at, which is the day of the statement, not of an incident.
STATUS_BEFORE = guarded(
    r"(?<!\w)(?:станом\s+на|по\s+состоянию\s+на|на\s+(?:ранок|утро)|as\s+of)"
    r"(?:\s+(?:ранок|вечір|обід|утро|вечер|the\s+(?:morning|evening)\s+of|(?:the\s+)?morning))?"
    # "станом на 08:00 12 травня", "по состоянию на 9:00 утра", "as of 8 a.m. on": a clock
    # time before the day.
    r"(?:\s+(?:о\s+|в\s+)?\d{1,2}[:.]\d{2}(?:\s+(?:год\.?|ч\.?|утра|ранку))?"
    r"|\s+\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s+on)?)?"
    r"\s*,?\s*$",
    re.IGNORECASE,
)
STATEMENT_AFTER = re.compile(
    r"^\s*,?\s*(?:the\s+)?[^,.;]{0,80}?\b(?:said|reported|announced|stated|wrote|confirmed)\b"
    # "19 листопада поліція Херсонської області та обласна прокуратура повідомили про ...",
    # "20 ноября в полиции сообщили": the day at the head, then who told it and the verb.
    r"|^\s*,?\s*[^,.;:!?]{0,80}?(?<!\w)(?:повідоми|заяви|оприлюдни|поінформува|розповіл"
    r"|розповів|сообщи|заявил|заявила|заявили|рассказал)\w*",
    re.IGNORECASE,
)

# "Про це 13 жовтня повідомив ...", "13 жовтня заявили в ...": the verb right after the date.
STATEMENT_RIGHT_AFTER = re.compile(
    r"^\s*,?\s*(?:[\w’'-]+\s+)?(?:повідоми|заяви|написа|інформува|сообщи|розпові|рассказа"
    r"|уточни|зазначи|поінформува)"
    r"|^\s*(?:[\w’'-]+\s+)?(?:said|reported|announced|stated)\b",
    re.IGNORECASE,
)
# "in this morning's entry", "yesterday's statement", "Monday's update": a report of that
# day, which dates the telling, not the incident.
REPORT_OF_DAY = re.compile(
    r"['’]s?\s+(?:(?:earlier|first|last|latest|previous|own|official)\s+)?(?:entry|update"
    r"|post|report|statement|briefing|bulletin|announcement|press\s+release|address|message"
    r"|summary|roundup|live\s+blog|coverage|edition)s?\b",
    re.IGNORECASE,
)
# "freed in the Aug. 24 prisoner exchange": the date of another event, not the incident's.
OTHER_EVENT_AFTER = re.compile(
    r"^\s*(?:prisoner\s+)?(?:exchange|swap|release|liberation|counteroffensive|summit|meeting"
    r"|referendum|election|elections|vote|talks|hearing|verdict|ruling|sentencing)\b",
    re.IGNORECASE,
)
# "said at the NATO summit on Wednesday": the day of another event named right before it.
OTHER_EVENT_BEFORE = guarded(
    r"\b(?:summit|meeting|talks|negotiations|conference|forum|session|visit|trip|hearing|rally"
    r"|ceremony|vote|election|elections|exchange|swap|parade|concert|match|саміт\w*|зустріч\w*"
    r"|переговор\w*|конференці\w*|засіданн\w*|візит\w*|обмін\w*|саммит\w*|встреч\w*"
    r"|визит\w*)\s+(?:on|in|at|у|в|во)?\s*$",
    re.IGNORECASE,
)
# A line that is only a date, a time and page furniture ("28 марта 2025, 08:15  1 мин").
_DATELINE_REST = re.compile(
    r"^[\s\d:,.|/·•–—-]*(?:\b(?:min|mins|minute|minutes|read|мин|хв|читання|р|г|року|года|am|pm|a\.m|p\.m"
    r"|gmt|utc|eet|eest|cet|msk|updated|published|posted|last\s+modified|created|оновлено"
    r"|опубліковано|обновлено|опубликовано)\b"
    r"[\s\d:,.|/·•–—-]*)*$",
    re.IGNORECASE,
)
# "(Kyiv, July 11, 2025) – Russian forces ...", "KHARKIV, March 3 (Reuters) - ...": a release's
# or a wire's opening dateline, the place and the day it was filed: the statement's day.
_OPENING_DATELINE = re.compile(
    r"^\W{0,3}\(?\s*[A-ZА-ЯІЇЄҐ][\w'’.-]*(?:[\s-]+[A-ZА-ЯІЇЄҐ][\w'’.-]*){0,2}\s*,\s*$"
)
_DATELINE_DASH = re.compile(r"^\s*\)?\s*(?:\([A-Za-zА-Яа-яІіЇїЄєҐґ .]{2,20}\)\s*)?[—–-]")
# "The attack happened on the evening of March 2": a sentence that says when it happened.
OCCURRED = guarded(
    r"\b(?:happened|occurred|took\s+place|сталася|стався|сталось|сталося|відбулася|відбувся"
    r"|произошла|произошел|произошло)\b",
    re.IGNORECASE,
)

# "Prosecutors say that on 14 October 2025 a group of servicemen entered the village", "За
# даними слідства, 14 жовтня окупанти ...", "Прокурори встановили, що 14 жовтня ...": a day
# told inside what was reported or established is a day of the events told.
TOLD_BEFORE = guarded(
    r"(?i)(?:\b(?:say|says|said|stated|established|found|allege|alleges|alleged)\s+that"
    r"|\baccording\s+to\s+(?:the\s+)?(?:investigation|investigators|prosecutors)\s*,"
    r"|(?<!\w)(?:повідоми\w*|заяви\w*|встанови\w*|з'ясува\w*|з’ясува\w*|сообщи\w*"
    r"|заяви\w*|установи\w*|выясни\w*)\s*,\s*(?:що|что)"
    r"|(?<!\w)(?:за\s+даними|по\s+данным)\s+(?:слідства|следствия|прокуратури|прокуратуры)\s*,)"
    r"\s*(?:on\s+)?$"
)

# "Source: Prosecutor General's Office, 26 March": the line gives who and when it was told.
_SOURCE_LINE = re.compile(r"^\W{0,3}(?:sources?|джерел[оа]|источники?)\s*[:—–-]", re.IGNORECASE)
# Acts of an investigation or a court: their day is a day of reporting, not of the incident.
_PROCEDURAL = (
    r"(?:charged|indicted|sentenced|convicted|notified\s+(?:\w+\s+){0,4}?of\s+suspicion"
    r"|served\s+(?:\w+\s+){0,3}?(?:a\s+)?(?:notice\s+of\s+)?suspicion|identified"
    r"|opened\s+(?:a\s+)?(?:criminal\s+)?(?:case|proceedings|investigation|probe)"
    r"|launched\s+(?:a\s+|an\s+)?(?:criminal\s+)?(?:investigation|probe|proceedings)"
    r"|повідоми\w*\s+(?:\w+\s+){0,3}?про\s+підозру|оголоси\w*\s+(?:\w+\s+){0,3}?підозру"
    r"|вручи\w*\s+(?:\w+\s+){0,3}?підозру|засуди\w*|засуджен\w*|встанови\w*\s+особу"
    r"|відкри\w*\s+(?:кримінальне\s+)?провадження|розпочал\w*\s+(?:досудове\s+)?розслідування"
    r"|сообщил\w*\s+(?:\w+\s+){0,3}?о\s+подозрении|осуди\w*|осужден\w*|приговори\w*)"
)
PROCEDURAL_BEFORE = guarded(
    rf"\b{_PROCEDURAL}(?P<gap>(?:\s+[\w’'-]+){{0,5}}?)\s*(?:on|у|в|во)?\s*$", re.IGNORECASE
)
PROCEDURAL_AFTER = re.compile(rf"^(?P<gap>[^.;]{{0,80}}?)\b{_PROCEDURAL}", re.IGNORECASE)
# What happened to people or places: a harm verb between a date and an act of a court
# keeps the date the incident's ("killed a man on March 2 and was charged").
HARM_VERB = guarded(
    r"\b(?:kill|shot|shoot|execut|tortur|wound|injur|struck|strike|hit|attack|abduct|detain"
    r"|deport|murder|beat|rap|died|dead|загин|вбил|вбив|розстріл|катува|поранен|вдари|атакува"
    r"|обстріл|викра|затрима|депорт|убил|убит|погиб|ранен|обстрел|похит|задерж)\w*",
    re.IGNORECASE,
)
# "in the summer of 2023", "in March 2023", "in 2022", "влітку 2023 року": a period, not a
# day.  A relative day in its sentence is when it was told ("today prosecutors said ...").
PERIOD = guarded(
    r"\b(?:(?:in|during)\s+(?:the\s+)?(?:(?:early|late|mid)[-\s]+)?(?:(?:spring|summer|autumn|fall"
    r"|winter)\s+(?:of\s+)?|(?:january|february|march|april|may|june|july|august|september"
    r"|october|november|december)\s+(?:of\s+)?)?(?:19|20)\d\d"
    r"|last\s+(?:year|spring|summer|autumn|fall|winter)"
    r"|(?:навесні|влітку|улітку|восени|взимку|узимку|весною|летом|осенью|зимой|весной)\s+"
    r"(?:(?:19|20)\d\d|минулого\s+року|прошлого\s+года)"
    r"|(?:у|в)\s+(?:(?:січні|лютому|березні|квітні|травні|червні|липні|серпні|вересні|жовтні"
    r"|листопаді|грудні|январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре"
    r"|ноябре|декабре)\s+)?(?:19|20)\d\d\s+(?:році|року|году|года|г\.|р\.))",
    re.IGNORECASE,
)

_WEEKDAY_WORD = guarded(rf"(?<!\w)(?:{_WEEKDAY_RE})(?!\w)", re.IGNORECASE)
DATELINE_MAX = 120  # a longer line is a sentence, not a publication line
_LEADING_ON = re.compile(r"^\s*(?:on|late\s+on|early\s+on|у|в|во)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateValue:
    date: dt.date
    date_end: dt.date | None
    precision: DatePrecision
    relative: bool
    statement: bool


def _year_for(month: int, day: int, published: dt.date) -> int | None:
    for year in (published.year, published.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate <= published + dt.timedelta(days=2):
            return year
    return None


def _explicit(
    m: re.Match[str], published: dt.date | None
) -> tuple[dt.date | None, dt.date | None] | None:
    g = m.groupdict()
    if g["iso"]:
        return _safe(int(g["iso"]), int(g["iso_m"]), int(g["iso_d"])), None
    if g["num_y"]:
        short = int(g["num_y"])
        return _safe(short + 2000 if short < 100 else short, int(g["num_m"]), int(g["num_d"])), None
    prefix = "mdy" if g["mdy_m"] else "dmy"
    month = MONTHS[g[f"{prefix}_m"].lower()]
    day = int(re.sub(r"\D", "", g[f"{prefix}_d"]))
    day2 = g[f"{prefix}_d2"]
    year_text = g[f"{prefix}_y"]
    year: int | None = (
        int(year_text) if year_text else (_year_for(month, day, published) if published else None)
    )
    if year is None:
        return None
    start = _safe(year, month, day)
    end = _safe(year, month, int(re.sub(r"\D", "", day2))) if day2 else None
    return start, end if end and start and end > start else None


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _relative(m: re.Match[str], published: dt.date) -> tuple[dt.date, dt.date | None]:
    g = m.groupdict()
    if g["rel"]:
        return published + dt.timedelta(days=RELATIVE[g["rel"].lower()]), None
    weekday = WEEKDAYS[(g["wd"] or g["bare"]).lower()]
    back = (published.weekday() - weekday) % 7
    if g["last"] and back == 0:
        back = 7
    if g["wd_into"]:
        back += 1
    return published - dt.timedelta(days=back), None


def _bare_weekday_ok(sentence: str, m: re.Match[str]) -> bool:
    """A bare weekday is a date only capitalised and not another day or a name."""
    word = m.group("bare")
    return (
        word[0].isupper()
        and not _NOT_BEFORE_BARE.search(sentence[max(0, m.start() - 12) : m.start()])
        and not _NOT_AFTER_BARE.match(sentence[m.end() : m.end() + 12])
    )


def _is_statement(sentence: str, start: int, end: int, relative: bool = False) -> bool:
    before = sentence[max(0, start - 60) : start]
    right_after = STATEMENT_RIGHT_AFTER.match(sentence[end:])
    # "поранена увечері неділі, повідомив начальник ОВА": after a comma the verb of saying
    # closes the clause the date belongs to (the incident's); without one ("Про це 13 жовтня
    # повідомив") the date is the statement's.
    if right_after and "," in right_after.group() and _clause_before(sentence, start):
        right_after = None
    if STATEMENT_BEFORE.search(before) or right_after:
        return True
    if STATEMENT_SUBJECT_BEFORE.search(sentence[max(0, start - 140) : start]):
        return True
    if TOLL_UPDATE_BEFORE.search(before) or STATUS_BEFORE.search(before):
        return True
    if DIED_LATER_AFTER.match(sentence[end:]) or DIED_LATER_BEFORE.search(before):
        return True
    if _OPENING_DATELINE.match(sentence[:start]) and _DATELINE_DASH.match(sentence[end:]):
        return True
    if _SOURCE_LINE.match(sentence) or _procedural(sentence, start, end):
        return True
    if relative and PERIOD.search(sentence):
        return True
    # "On Jan. 23, the prosecutor's office said ..." at the head of a sentence.
    # ("Yesterday, March 3, the police said ...": another date before it is part of the head.)
    head = _LEADING_ON.sub("", _without_dates(sentence[:start]) if start else "")
    return not head.strip(' "“(,') and bool(STATEMENT_AFTER.match(sentence[end:].lstrip(", ")))


def _without_dates(text: str) -> str:
    return date_re(text).sub(" ", text)


def _clause_before(sentence: str, start: int) -> bool:
    """Words of the sentence's own before the date (not only a date, "on", a quote mark or
    "Про це": "Про це у середу, 14 січня, повідомила прокуратура" dates the statement)."""
    head = _LEADING_ON.sub("", _without_dates(sentence[:start]) if start else "")
    return bool(_ABOUT_THIS.sub("", head.strip(' "“«(,')).strip(' "“«(,'))


_ABOUT_THIS = re.compile(r"^(?:про\s+це|об\s+этом|о\s+том)(?!\w)", re.IGNORECASE)


def _procedural(sentence: str, start: int, end: int) -> bool:
    """The date is the day of an act of an investigation or court ("charged on Wednesday").

    Not when the clause tells of harm between the act and the date ("charged with
    killing a man on March 2"), or before the date ("killed a man on March 2 and was
    later charged").
    """
    clause_start = max(sentence.rfind(".", 0, start), sentence.rfind(";", 0, start)) + 1
    before = PROCEDURAL_BEFORE.search(sentence[max(clause_start, start - 80) : start])
    if before is not None and not HARM_VERB.search(before.group("gap")):
        return True
    after = PROCEDURAL_AFTER.match(sentence[end:])
    if after is None or HARM_VERB.search(sentence[clause_start:start]):
        return False
    return not HARM_VERB.search(after.group("gap"))


def parse(sentence: str, published: dt.date | None) -> list[tuple[int, int, DateValue]]:
    """(start, end, value) for each date in ``sentence`` (offsets within it)."""
    out: list[tuple[int, int, DateValue]] = []
    into: set[int] = set()  # indices of nights into a weekday
    for m in date_re(sentence).finditer(sentence):
        g = m.groupdict()
        relative = not (g["mdy_m"] or g["dmy_m"] or g["iso"] or g["num_y"])
        if g["past"]:
            # "Over the past day" spans two days: it gives no incident day.
            continue
        if g["bare"] and not _bare_weekday_ok(sentence, m):
            continue
        if relative:
            if published is None:
                continue
            start, end = _relative(m, published)
            precision = DatePrecision.RANGE if g["past"] else DatePrecision.DAY
        else:
            found = _explicit(m, published)
            if found is None or found[0] is None:
                continue
            if found[0] is None:
                continue
            start, end = found[0], found[1]
            if g["into"]:
                start, end = start - dt.timedelta(days=1), None
            elif g["night"]:
                end = None  # "the night of 2-3 March" began on the 2nd
            precision = DatePrecision.RANGE if end else DatePrecision.DAY
        if OTHER_EVENT_AFTER.match(sentence[m.end() :]) or OTHER_EVENT_BEFORE.search(
            sentence[max(0, m.start() - 40) : m.start()]
        ):
            continue
        night = g["night"] or g["into"] or g["from"] or g["wd_into"]
        statement = not night and (
            _is_statement(sentence, m.start(), m.end(), relative)
            or bool(REPORT_OF_DAY.match(sentence, m.end()))
        )
        if g["wd_into"]:
            into.add(len(out))
        out.append((m.start(), m.end(), DateValue(start, end, precision, relative, statement)))
    return _drop_apposed(sentence, out, into)


def _drop_apposed(
    sentence: str, found: list[tuple[int, int, DateValue]], into: set[int]
) -> list[tuple[int, int, DateValue]]:
    """ "Сьогодні, 4 березня,", "Yesterday, March 3,", "вранці 12 березня": the explicit
    date says which day.  After the night into a weekday ("В ніч проти неділі, 14 грудня",
    "overnight into Sunday, March 2") it names the day the night ends in: the night, and
    the incident, began the day before."""
    out = list(found)
    drop = set()
    for i, (_s, e, v) in enumerate(found[:-1]):
        s2, e2, v2 = found[i + 1]
        if not v.relative or v2.relative or sentence[e:s2].strip() not in APPOSED:
            continue
        drop.add(i)
        if i in into and v2.date_end is None:
            day = v2.date - dt.timedelta(days=1)
            out[i + 1] = (found[i][0], e2, DateValue(day, None, v2.precision, False, False))
    return [f for i, f in enumerate(out) if i not in drop]


APPOSED = ("", ",", "(", "—", "–", "-")


# "Того ж дня", "the same day", "в тот же день": the day of the date told before it.
SAME_DAY = guarded(
    r"(?<!\w)(?:того\s+(?:ж|же|самого)\s+дня|(?:у|в)\s+(?:той\s+же|цей\s+же|тот\s+же|этот\s+же)"
    r"\s+день|(?:on\s+|later\s+)?(?:the|that)\s+same\s+day)(?!\w)",
    re.IGNORECASE,
)


def _same_day(
    sentence: str, found: list[tuple[int, int, DateValue]], before: DateValue | None
) -> list[tuple[int, int, DateValue]]:
    """The sentence's dates with each "the same day" dated as the date told before it."""
    if not SAME_DAY.search(sentence):
        return found
    out = list(found)
    for m in SAME_DAY.finditer(sentence):
        earlier = [v for s, _e, v in found if s < m.start()]
        prior = earlier[-1] if earlier else before
        if prior is None:
            continue
        statement = _is_statement(sentence, m.start(), m.end())
        out.append(
            (m.start(), m.end(), DateValue(prior.date, None, prior.precision, False, statement))
        )
    return sorted(out, key=lambda x: x[0])


def run(doc: Document) -> None:
    found: list[Span] = []
    last: DateValue | None = None
    for index, sent in enumerate(doc.sentences):
        text = doc.text[sent.start : sent.end]
        for s, e, value in _same_day(text, parse(text, doc.published), last):
            a, b = sent.start + s, sent.start + e
            if doc.masked(a, b) or is_dateline(text, s, e):
                continue
            if value.date_end is None:
                last = value
            rule = (
                "date.statement"
                if value.statement
                else "date.relative"
                if value.relative
                else "date.explicit"
            )
            span = Span(a, b, "date", value, STAGE, rule, index, 0.9 if value.relative else 0.95)
            span.extra["occurred"] = bool(OCCURRED.search(text))
            span.extra["told"] = not value.relative and bool(TOLD_BEFORE.search(text, 0, s))
            found.append(span)
    doc.spans.extend(_prefer_occurred(found))


def is_dateline(sentence: str, start: int, end: int) -> bool:
    """A line that is only a date, a time and page furniture: the publication line.

    Other dates on the line ("Sunday, 2 March 2025, 10:40") are part of it.  So is a
    byline or a live page's stamp that gives a clock time beside the date: "Olha
    Hlushchenko — Tuesday, 18 February 2025, 15:47", "LIVE  Updated 11:22 Kyiv time,
    June 14, 2025" (only names and furniture words besides the date and the time).
    """
    rest = sentence[:start] + " " + sentence[end:]
    if len(rest) > DATELINE_MAX:
        return False
    rest = _WEEKDAY_WORD.sub(" ", _without_dates(rest))
    if _DATELINE_REST.match(rest):
        return True
    if not _CLOCK.search(rest) or rest.rstrip().endswith((".", "!", "?", ":")):
        return False
    words = _STAMP_WORD.sub(" ", _CLOCK.sub(" ", rest))
    names = re.findall(r"[^\W\d_][\w'’-]*", words)
    return len(names) <= BYLINE_NAMES and all(w[0].isupper() for w in names)


_CLOCK = guarded(r"(?<![\d:])(?:[01]?\d|2[0-3])[:.][0-5]\d(?![\d:])")
# Page words of a stamp beside the names: "Updated 11:22 Kyiv time", "by", "оновлено о".
_STAMP_WORD = guarded(
    r"(?<!\w)(?:updated|published|posted|last\s+updated|local\s+time|time|by|at|and"
    r"|оновлено|опубліковано|обновлено|опубликовано|о|об|в|у|автор|від|от)(?!\w)",
    re.IGNORECASE,
)
BYLINE_NAMES = 4  # a byline names one or two people; more capitalised words are a title


def _prefer_occurred(spans: list[Span]) -> list[Span]:
    """A sentence saying when the attack happened outranks a time-of-day word elsewhere.

    "Rescuers found another body this morning ... The attack happened on the
    evening of March 2": the relative word dates the search, not the attack.
    """
    anchored = any(s.extra["occurred"] and not s.value.relative for s in spans)
    if not anchored:
        return spans
    return [s for s in spans if s.value.statement or not s.value.relative or s.extra["occurred"]]
