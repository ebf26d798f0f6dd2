"""Per-value stages on sentences written for these tests: dates, counts, types, bodies, lexicons."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from incidents.extract import bodies, counts, dates, kind, types
from incidents.extract.document import Document, Sentence
from incidents.extract.lexicon import (
    PhraseIndex,
    RulesError,
    compile_phrases,
    get_rules,
    phrase_pattern,
)
from incidents.extract.pipeline import analyse

PUB = dt.date(2025, 3, 4)  # a Tuesday
RULES = get_rules()


def _doc(text: str) -> Document:
    """A one-sentence document (no furniture stage needed for a value stage)."""
    doc = Document(text=text, published=PUB, language="en")
    doc.sentences = [Sentence(0, len(text), 0)]
    return doc


# --- dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "statement"),
    [
        ("A drone hit a house yesterday.", dt.date(2025, 3, 3), False),
        ("Вчора ворог обстріляв село.", dt.date(2025, 3, 3), False),
        ("Учора ввечері дрон влучив у будинок.", dt.date(2025, 3, 3), False),
        ("Накануне беспилотник атаковал автомобиль.", dt.date(2025, 3, 3), False),
        ("У ніч на 2 березня дрони атакували місто.", dt.date(2025, 3, 1), False),
        ("В ночь на 2 марта дроны атаковали город.", dt.date(2025, 3, 1), False),
        ("on the night of Feb. 27 a missile struck", dt.date(2025, 2, 27), False),
        ("A missile struck the city on Sunday.", dt.date(2025, 3, 2), False),
        ("Prosecutors said on Feb. 20 that the men were shot.", dt.date(2025, 2, 20), True),
        ("Про це 3 березня повідомили в поліції.", dt.date(2025, 3, 3), True),
        ("The strike on Dec. 30 killed two.", dt.date(2024, 12, 30), False),
    ],
)
def test_date_values(text, expected, statement):
    found = dates.parse(text, PUB)
    assert found, text
    assert found[0][2].date == expected
    assert found[0][2].statement is statement


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("Prosecutors say that on 14 October 2025 soldiers entered the village.", True),
        ("За даними слідства, 14 жовтня окупанти зайшли в село.", True),
        ("Прокурори встановили, що 14 жовтня окупанти зайшли в село.", True),
        ("По данным следствия, 14 октября военные зашли в село.", True),
        ("On 14 October soldiers entered the village, prosecutors said.", False),
        ("14 жовтня поліція повідомила про вбивство.", False),
    ],
)
def test_a_day_told_inside_a_report_dates_the_events(text, told):
    doc = _doc(text)
    dates.run(doc)
    spans = doc.spans_of("date")
    assert spans, text
    assert bool(spans[0].extra.get("told")) is told


# The day a wounded person later died (in hospital, of the wounds) updates the toll: it is
# not the day of the attack.  A death told with the attack itself keeps the attack's day.
@pytest.mark.parametrize(
    ("text", "statement"),
    [
        ("Сьогодні вранці в лікарні помер чоловік, який дістав тяжкі поранення.", True),
        ("Сегодня утром в больнице скончалась женщина.", True),
        ("A woman wounded in the strike died in hospital on Monday.", True),
        ("On Monday, a second victim died of her wounds.", True),
        ("Вчора ввечері дрон атакував автомобіль, водій помер у лікарні.", False),
        ("A man died yesterday when a drone hit his car.", False),
        ("A man was wounded in the shelling on Sunday and later died in hospital.", False),
    ],
)
def test_day_of_a_later_death_is_not_the_incident_day(text, statement):
    found = dates.parse(text, PUB)
    assert found, text
    assert found[0][2].statement is statement


# A day at the head of a sentence whose verb tells who reported: the day of the statement.
@pytest.mark.parametrize(
    ("text", "statement"),
    [
        ("3 березня поліція області та прокуратура повідомили про ексгумацію.", True),
        ("3 марта в полиции сообщили о гибели мужчины.", True),
        ("3 березня російські війська обстріляли Херсон, повідомили в ОВА.", False),
        ("3 березня дрон атакував автобус у Херсоні.", False),
    ],
)
def test_head_day_of_a_report_verb_is_a_statement_day(text, statement):
    found = dates.parse(text, PUB)
    assert found, text
    assert found[0][2].statement is statement


# V1: a weekday with a part of the day, or the night into it, resolves against publication
# (PUB is Tuesday 4 March 2025: Sunday is 2 March, Saturday 1 March, Friday 28 February).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drones hit the port in the early hours of Sunday, killing two.", dt.date(2025, 3, 2)),
        ("Early on Sunday a guided bomb struck a hospital.", dt.date(2025, 3, 2)),
        ("A glide bomb fell on the village before dawn on Sunday.", dt.date(2025, 3, 2)),
        ("A drone hit a minibus late on Saturday.", dt.date(2025, 3, 1)),
        ("The shelling began on Sunday morning.", dt.date(2025, 3, 2)),
        ("Around midnight on Friday, artillery hit two houses.", dt.date(2025, 2, 28)),
        ("Missiles struck the city early Sunday, officials said Monday.", dt.date(2025, 3, 2)),
        ("Shelling killed three people Sunday night.", dt.date(2025, 3, 2)),
        ("Drones attacked the city overnight into Sunday.", dt.date(2025, 3, 1)),
        ("On the night of Saturday to Sunday, drones attacked.", dt.date(2025, 3, 1)),
        ("У ніч на неділю дрони атакували місто.", dt.date(2025, 3, 1)),
        ("У ніч із суботи на неділю дрони атакували місто.", dt.date(2025, 3, 1)),
        ("Вранці в неділю ракета влучила в будинок.", dt.date(2025, 3, 2)),
        ("У неділю ввечері дрон атакував автівку.", dt.date(2025, 3, 2)),
        ("Пізно ввечері в суботу дрон атакував автівку.", dt.date(2025, 3, 1)),
        ("Минулої п'ятниці окупанти обстріляли село.", dt.date(2025, 2, 28)),
        ("В ночь на воскресенье дроны атаковали город.", dt.date(2025, 3, 1)),
        ("Рано утром в воскресенье ракета попала в дом.", dt.date(2025, 3, 2)),
    ],
)
def test_weekday_with_part_of_day(text, expected):
    found = dates.parse(text, PUB)
    assert found, text
    assert (found[0][2].date, found[0][2].statement) == (expected, False), text


@pytest.mark.parametrize(
    "text",
    [
        "The city has been shelled since Sunday.",
        "Good Friday services were cancelled.",
        "The Sunday Times reported the figures.",
        "Evacuation buses will run again next Monday.",
        "the sunday market reopened",
    ],
)
def test_a_weekday_that_is_not_a_past_day(text):
    assert dates.parse(text, PUB) == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("On the night of 2-3 March, drones attacked the port.", dt.date(2025, 3, 2), None),
        ("On the night of March 2-3, drones attacked the port.", dt.date(2025, 3, 2), None),
        (
            "From 1 to 3 March, shelling killed five people.",
            dt.date(2025, 3, 1),
            dt.date(2025, 3, 3),
        ),
        (
            "З 1 по 3 березня окупанти утримували чоловіка.",
            dt.date(2025, 3, 1),
            dt.date(2025, 3, 3),
        ),
        (
            "Between 1 and 3 March, shelling killed five people.",
            dt.date(2025, 3, 1),
            dt.date(2025, 3, 3),
        ),
    ],
)
def test_night_and_range_forms(text, start, end):
    found = dates.parse(text, PUB)
    assert (found[0][2].date, found[0][2].date_end) == (start, end), text


@pytest.mark.parametrize(
    ("text", "expected", "statement"),
    [
        ("Сьогодні, 3 березня, близько 08:15 ракета влучила у двір.", dt.date(2025, 3, 3), False),
        ("Yesterday, March 2, a drone hit a car.", dt.date(2025, 3, 2), False),
        ("On Sunday (March 2) a drone hit a car.", dt.date(2025, 3, 2), False),
        ("Yesterday, March 3, the police said that a man was killed.", dt.date(2025, 3, 3), True),
        # The night into a weekday, then the day it ends in: the night began the day before.
        ("В ніч проти неділі, 2 березня, уламки впали на будинок.", dt.date(2025, 3, 1), False),
        ("В ночь на воскресенье, 2 марта, дроны атаковали город.", dt.date(2025, 3, 1), False),
        ("Overnight into Sunday, March 2, drones hit the port.", dt.date(2025, 3, 1), False),
        # A part of the day and the date, then a verb of telling: the statement's day.
        ("Про наслідки вранці 3 березня розповів голова ОВА.", dt.date(2025, 3, 3), True),
        ("Про це у понеділок, 3 березня, повідомила прокуратура.", dt.date(2025, 3, 3), True),
    ],
)
def test_an_explicit_date_apposed_to_a_relative_one_wins(text, expected, statement):
    found = dates.parse(text, PUB)
    assert [(v.date, v.statement) for _s, _e, v in found] == [(expected, statement)], text


# V2: the day something was told, charged or found out is a statement day, never the
# incident's; a period ("in the summer of 2023") gives no day at all.
@pytest.mark.parametrize(
    "text",
    [
        "On Wednesday, prosecutors charged a soldier with the killing of a man in summer 2023.",
        "Today prosecutors notified a Russian commander of suspicion.",
        "The Security Service identified the soldier on Monday.",
        "Prosecutors opened a criminal case on Monday.",
        "The regional prosecutor's office reported on Telegram on Monday that a man was shot.",
        "Police said in a Facebook post on Monday that the body was found.",
        "Source: Office of the Prosecutor General, 3 March",
        "The prosecutor's office reported, on 3 March, that the soldier had been identified.",
        "The strike was reported by the regional police on 3 March.",
        "Джерело: Офіс Генпрокурора, 3 березня",
        "Сьогодні прокурори повідомили про підозру військовому, який у 2023 році вбив цивільного.",
        "Today, the court sentenced the commander for the killing of a civilian last summer.",
        "Вчора стало відомо, що влітку 2023 року окупанти катували в'язнів.",
    ],
)
def test_a_day_of_telling_is_a_statement_day(text):
    found = dates.parse(text, PUB)
    assert found and all(v.statement for _s, _e, v in found), (text, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A soldier who killed a man on March 2 was charged on Monday.", dt.date(2025, 3, 2)),
        ("A missile struck a school on Sunday, prosecutors opened a case.", dt.date(2025, 3, 2)),
        (
            "The strike on Monday killed three, and police opened a criminal case.",
            dt.date(2025, 3, 3),
        ),
    ],
)
def test_the_incident_day_beside_an_act_of_investigation_stays(text, expected):
    found = dates.parse(text, PUB)
    assert (found[0][2].date, found[0][2].statement) == (expected, False), text


@pytest.mark.parametrize(
    "text",
    [
        "soldiers freed in the Feb. 20 prisoner exchange said",
        "Zelensky said at the NATO summit on Wednesday that Ukraine needed air defence.",
        "Під час зустрічі в понеділок президент заявив про нові санкції.",
    ],
)
def test_date_of_another_event_is_not_the_incident_day(text):
    assert dates.parse(text, PUB) == []


@pytest.mark.parametrize(
    "text",
    [
        "3 березня 2025, 10:40   2 хв",
        "Sunday, 2 March 2025, 10:40",
        "Неділя, 2 березня 2025, 10:40  2 хв",
        "Воскресенье, 2 марта 2025",
    ],
)
def test_dateline_gives_no_date(text):
    doc = _doc(text)
    dates.run(doc)
    assert doc.spans_of("date") == []


def test_occurred_sentence_outranks_time_of_day_elsewhere():
    text = "This morning rescuers found a body. The attack happened on the evening of March 2."
    doc = Document(text=text, published=PUB, language="en")
    cut = text.index("The attack")
    doc.sentences = [Sentence(0, cut - 1, 0), Sentence(cut, len(text), 0)]
    dates.run(doc)
    assert [s.value.date for s in doc.spans_of("date")] == [dt.date(2025, 3, 2)]


# --- counts ----------------------------------------------------------------


def _counts(text: str, lang: str = "en") -> dict[str, tuple[int, bool]]:
    out: dict[str, tuple[int, bool]] = {}
    for _s, _e, v in counts.parse(RULES, text, lang):
        if not v.sub:
            out.setdefault(v.field, (v.value, v.minimum))
    return out


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("At least four people were killed and 12 injured.", "en", {"killed": (4, True)}),
        (
            "A paramedic and the ambulance driver were injured.",
            "en",
            {"injured": (2, False)},
        ),
        (
            "Two volunteers of a local charity and a 70-year-old woman were wounded.",
            "en",
            {"injured": (3, False)},
        ),
        ("Троє людей загинули, ще п'ятеро поранені.", "uk", {"killed": (3, False)}),
        ("A 55-year-old man lost his foot on a mine.", "en", {"injured": (1, False)}),
        ("Russian missile hits school, no one hurt", "en", {"killed": (0, False)}),
        ("Внаслідок артобстрілу загинув 58-річний чоловік.", "uk", {"killed": (1, False)}),
        ("Від удару дрона постраждала 49-річна жінка.", "uk", {"injured": (1, False)}),
        ("Поранення дістали дев'ятеро людей, серед них дитина.", "uk", {"injured": (9, False)}),
        ("One of the men died after repeated beatings.", "en", {"killed": (1, False)}),
        ("Nobody was killed or injured, he said.", "en", {"killed": (0, False)}),
        ("Soldiers were filmed shooting 2 Ukrainian POWs.", "en", {"killed": (2, False)}),
        ("At least 10 residents were held in the basement.", "en", {"detained": (10, True)}),
        # Masculine singular past forms of detention verbs ('затримал*' missed 'затримав').
        ("Окупант затримав 52-річного чоловіка.", "uk", {"detained": (1, False)}),
        ("Військові схопили трьох місцевих жителів.", "uk", {"detained": (3, False)}),
        ("Росіянин викрав 40-річну жінку.", "uk", {"detained": (1, False)}),
        ("У Лимані загинула людина і 5 — поранені.", "uk", {"injured": (5, False)}),
        # Compound number words are one number, never their last word.
        (
            "Twenty-one people were killed and thirty-four injured.",
            "en",
            {"killed": (21, False), "injured": (34, False)},
        ),
        ("Sixty-four people were injured.", "en", {"injured": (64, False)}),
        ("The strike killed two hundred and five people.", "en", {"killed": (205, False)}),
        ("Загинули сорок чотири людини.", "uk", {"killed": (44, False)}),
        # Nobody hurt, in the forms reports use.
        ("Загиблих і травмованих немає, уточнили в ОВА.", "uk", {"killed": (0, False)}),
        ("Люди не постраждали, повідомили в ОВА.", "uk", {"injured": (0, False)}),
        ("Погибших и раненых нет.", "ru", {"killed": (0, False), "injured": (0, False)}),
        # A part of a group with a killing verb is a toll.
        (
            "Two of the prisoners were made to kneel and shot at point-blank range.",
            "en",
            {"killed": (2, False)},
        ),
        # Exhumed and recovered bodies are the killed; oblique numerals count.
        ("З двох ям ексгумовано тіла дев'ятьох людей.", "uk", {"killed": (9, False)}),
        ("Из ямы извлекли тела семи человек.", "ru", {"killed": (7, False)}),
        ("Ексгумовано тіла дванадцяти людей.", "uk", {"killed": (12, False)}),
        # A toll head far from its verb; the figure read whole.
        (
            "Кількість постраждалих унаслідок російської атаки на Кременчук в ніч на 9 квітня "
            "зросла до 19 людей.",
            "uk",
            {"injured": (19, False)},
        ),
        # One person, told by a pronoun.
        (
            "She was taken to hospital with shrapnel wounds and burns.",
            "en",
            {"injured": (1, False)},
        ),
        ("Вона дістала осколкові поранення.", "uk", {"injured": (1, False)}),
        ("Она госпитализирована.", "ru", {"injured": (1, False)}),
    ],
)
def test_count_values(text, lang, expected):
    found = _counts(text, lang)
    for field, value in expected.items():
        assert found.get(field) == value, (text, found)


# V3: a singular victim noun with a killing verb is one person; "nobody was hurt" is 0 and 0.
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Окупанти застрелили 52-річного чоловіка біля його двору.", "uk", {"killed": 1}),
        ("Російські військові застрелили волонтерку на блокпосту.", "uk", {"killed": 1}),
        ("Внаслідок удару загинула медсестра.", "uk", {"killed": 1}),
        ("Унаслідок атаки дрона поранено фельдшера.", "uk", {"injured": 1}),
        ("Військові закатували полоненого.", "uk", {"killed": 1}),
        ("Солдаты застрелили мужчину у подъезда.", "ru", {"killed": 1}),
        ("A French photojournalist has been killed near the front line.", "en", {"killed": 1}),
        ("A volunteer driver was killed when a drone hit his van.", "en", {"killed": 1}),
        ("A paramedic was injured as the ambulance came under fire.", "en", {"injured": 1}),
        ("Russian troops shot dead a teenager on a bicycle.", "en", {"killed": 1}),
        ("A local teacher was gunned down outside her home.", "en", {"killed": 1}),
        ("The occupiers beat a fisherman to death, witnesses said.", "en", {"killed": 1}),
        ("No one was injured.", "en", {"killed": 0, "injured": 0}),
        ("Nobody was wounded in the strike, the mayor said.", "en", {"killed": 0, "injured": 0}),
        ("Ніхто не постраждав.", "uk", {"killed": 0, "injured": 0}),
        ("Обійшлося без постраждалих.", "uk", {"killed": 0, "injured": 0}),
        ("Пострадавших нет.", "ru", {"killed": 0, "injured": 0}),
        ("No one was reported injured.", "en", {"killed": 0, "injured": 0}),
        ("Нікого не поранено.", "uk", {"killed": 0, "injured": 0}),
        ("Інформація про постраждалих уточнюється.", "uk", {}),
        ("There was no immediate information about casualties.", "en", {}),
        ("The fate of a fourth soldier is being established.", "en", {"missing": 1}),
        ("A fourth soldier, whose fate is being established, is missing.", "en", {"missing": 1}),
        ("Доля ще одного військового встановлюється.", "uk", {"missing": 1}),
        ("Снайпер застрелив жінку біля магазину.", "uk", {"killed": 1}),
        ("One person died and four were injured.", "en", {"killed": 1, "injured": 4}),
        ("Окупанти розстріляли українського військовополоненого.", "uk", {"killed": 1}),
        ("Росіяни вбили беззбройного цивільного чоловіка.", "uk", {"killed": 1}),
        ("Загинула цивільна жінка.", "uk", {"killed": 1}),
        ("Унаслідок удару загинув 19-річний військовий.", "uk", {"killed": 1}),
        ("Военные расстреляли украинского военнопленного.", "ru", {"killed": 1}),
        ("Поранено водія та трьох пасажирів.", "uk", {"injured": 4}),
        (
            "The driver of the bus was killed and five passengers were injured.",
            "en",
            {"killed": 1, "injured": 5},
        ),
    ],
)
def test_singular_victims_and_no_casualties(text, lang, expected):
    found = {f: v for f, (v, _m) in _counts(text, lang).items()}
    assert found == expected, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "A man was shot in the leg and taken to hospital.",
        "The identities of two victims are being established.",
        "There were no immediate reports of casualties.",
        # Fatal injuries or a later death: not one injured.
        "Він зазнав травм, несумісних із життям.",
        "She was wounded in the attack and later succumbed to her injuries.",
        # The museum's collection, not people.
        "Колекція музею не постраждала.",
    ],
)
def test_no_count_without_a_clear_outcome(text):
    found = _counts(text)
    assert "killed" not in found and "missing" not in found, (text, found)


def test_no_one_is_not_one_person():
    assert all(v.value == 0 for _s, _e, v in counts.parse(RULES, "no one was hurt", "en"))


def test_a_vehicle_of_a_volunteer_group_is_not_a_person():
    found = counts.parse(RULES, "A drone hit a vehicle of a volunteer group, killing a man.", "en")
    assert [(v.field, v.value) for _s, _e, v in found] == [("killed", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Two of the injured are in serious condition.",
        "Four journalists, two of them working for the agency, were hurt.",
    ],
)
def test_a_part_of_a_group_is_not_a_count_of_its_own(text):
    found = [(v.field, v.value) for _s, _e, v in counts.parse(RULES, text, "en") if not v.sub]
    assert ("injured", 2) not in found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("По данным следствия, люди погибли весной 2022 года.", "ru"),
        ("Мирные жители погибли летом 2022 году во время оккупации.", "ru"),
        ("Люди загинули восени 2022 року.", "uk"),
    ],
)
def test_a_year_after_a_season_is_not_a_count(text, lang):
    assert "killed" not in _counts(text, lang), text


def _totals(text: str, lang: str) -> list[tuple[str, int]]:
    return [(v.field, v.value) for _s, _e, v in counts.parse(RULES, text, lang) if not v.sub]


# Victims listed by age and sex: each age belongs to its noun, a list closed by a conjunction
# counts every part, an age with no noun is one person, a plural noun with its ages is as
# many people as the ages.
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Поранено 38-річну жінку та 71-річного чоловіка.", "uk", [("injured", 2)]),
        ("Загинули 45-річний чоловік і 17-річна дівчина.", "uk", [("killed", 2)]),
        ("Загинула 62 річна жінка.", "uk", [("killed", 1)]),
        ("Ранены 52-летняя женщина и 70-летний мужчина.", "ru", [("injured", 2)]),
        ("Погибли мужчина 45 лет и его 17-летняя дочь.", "ru", [("killed", 2)]),
        ("Ранены женщина 1969 года рождения и мужчина 1958 года рождения.", "ru", [("injured", 2)]),
        ("Поранено жінку 1965 р.н. та чоловіка 1970 р.н.", "uk", [("injured", 2)]),
        ("Поранено жінку, 38 років, та чоловіка, 71 рік.", "uk", [("injured", 2)]),
        ("Поранено 12-річного хлопчика та його 40-річну матір.", "uk", [("injured", 2)]),
        ("A 62-year-old woman and her 40-year-old son were wounded.", "en", [("injured", 2)]),
        ("A woman, 62, and her son, 40, were wounded.", "en", [("injured", 2)]),
        (
            "A 62-year-old woman, a 70-year-old man and a 12-year-old boy were injured.",
            "en",
            [("injured", 3)],
        ),
        (
            "Поранено 38-річну жінку, 71-річного чоловіка та 12-річного хлопчика.",
            "uk",
            [("injured", 3)],
        ),
        ("A man, his wife and their adult son were killed.", "en", [("killed", 3)]),
        ("A 16-year-old was killed.", "en", [("killed", 1)]),
        ("A 16-year-old and a 14-year-old were injured.", "en", [("injured", 2)]),
        ("16-річний загинув на місці.", "uk", [("killed", 1)]),
        ("Загинули 45-річний Іван та 40-річна Марія.", "uk", [("killed", 2)]),
        ("Жінки 85 та 39 років дістали контузії.", "uk", [("injured", 2)]),
        ("Women aged 56, 60 and 80 were injured.", "en", [("injured", 3)]),
        ("Поранено двох чоловіків віком 40 і 55 років.", "uk", [("injured", 2)]),
        ("Пострадали мужчина 1975 г.р. и женщина 1980 г.р.", "ru", [("injured", 2)]),
        ("Two 16-year-olds were injured.", "en", [("injured", 2)]),
        ("Загинуло подружжя 70 і 68 років.", "uk", [("killed", 2)]),
        # The second part's own outcome: not one list.
        (
            "Загинула 45-річна жінка та її 17-річний син отримав поранення.",
            "uk",
            [("killed", 1), ("injured", 1)],
        ),
        (
            "Окупанти вбили 45-річного чоловіка та поранили його 40-річну дружину.",
            "uk",
            [("killed", 1), ("injured", 1)],
        ),
        # A comma with no conjunction after it is no list ("a man, the bus driver").
        ("Поранено чоловіка, водія автобуса.", "uk", [("injured", 1)]),
        # Ages describing people just counted are not counted again.
        (
            "The 57-year-old driver and two passengers, women aged 63 and 70, were injured.",
            "en",
            [("injured", 3)],
        ),
        ("Поранені 2 людей: 57-річна жінка та 60-річний чоловік.", "uk", [("injured", 2)]),
        # Ages in other roles: no person counted.
        ("A 70-year-old house was destroyed in the strike.", "en", []),
        (
            "The 40-year-old commander of the unit said two civilians were wounded.",
            "en",
            [("injured", 2)],
        ),
    ],
)
def test_victims_listed_by_age(text, lang, expected):
    assert _totals(text, lang) == expected, text


# People nouns: feminine forms, camera operators, family and neighbours; a drone's operator
# or a mobile operator is no one harmed; a denied outcome counts no one.
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Поранено кореспондентку та оператора телеканалу.", "uk", [("injured", 2)]),
        ("Загинула кореспондентка агенції.", "uk", [("killed", 1)]),
        ("Поранено фотокореспондентку.", "uk", [("injured", 1)]),
        ("Поранено продюсерку та звукорежисера.", "uk", [("injured", 2)]),
        ("Загинула продавчиня магазину.", "uk", [("killed", 1)]),
        ("Ранена корреспондентка телеканала.", "ru", [("injured", 1)]),
        ("Ранены корреспондент и оператор телеканала.", "ru", [("injured", 2)]),
        ("Погибла журналистка.", "ru", [("killed", 1)]),
        ("Ранены медицинская сестра и фельдшерица.", "ru", [("injured", 2)]),
        ("Водитель и телеоператор контужены.", "ru", [("injured", 2)]),
        ("Погибла учительница.", "ru", [("killed", 1)]),
        ("Пассажирка получила легкие осколочные ранения.", "ru", [("injured", 1)]),
        (
            "Унаслідок атаки 63-річний чоловік загинув, його 65-річний товариш отримав поранення.",
            "uk",
            [("killed", 1), ("injured", 1)],
        ),
        (
            "Ранена медсестра, водитель и фельдшер контужены.",
            "ru",
            [("injured", 1), ("injured", 2)],
        ),
        # A drone's operator is the one who attacks.
        ("Оператор БпЛА скинув вибухівку, поранено жінку.", "uk", [("injured", 1)]),
        ("Оператор російського дрона атакував авто, поранено водія.", "uk", [("injured", 1)]),
        ("Поранено оператора дрона.", "uk", []),
        ("A drone operator was killed.", "en", []),
        # A denied outcome.
        ("Водій не постраждав.", "uk", []),
        ("Водитель не получил ранений.", "ru", []),
        ("Военный корреспондент и оператор не пострадали.", "ru", []),
        ("The journalist was not injured, but a soldier was wounded.", "en", [("injured", 1)]),
        ("Водій не постраждав, а пасажира поранено.", "uk", [("injured", 1)]),
    ],
)
def test_people_nouns(text, lang, expected):
    found = [f for f in _totals(text, lang) if f[1] > 0]
    assert found == expected, text


def test_a_denied_outcome_is_no_injury_beside_a_zero():
    found = _totals("The driver was not hurt.", "en")
    assert ("injured", 1) not in found and ("injured", 0) in found


def test_an_operator_of_a_drone_is_no_journalist_victim():
    doc = Document(
        text="Оператор російського БпЛА скинув вибухівку на авто, поранено водія.", published=PUB
    )
    analyse(doc, RULES, None)
    assert "victim.journalist" not in doc.cues[0]
    assert doc.cues[0].get("victim.civilian")


@pytest.mark.parametrize(
    "text", ["У Чугуєві поранено двох жінок.", "Загинули три жінки.", "Ранены две женщины."]
)
def test_women_in_any_case_are_civilian_victims(text):
    doc = Document(text=text, published=PUB)
    analyse(doc, RULES, None)
    assert doc.cues[0].get("victim.civilian"), text


@pytest.mark.parametrize(
    ("text", "lang", "more"),
    [
        ("Поранено жінку, ще двох людей травмовано.", "uk", True),
        ("Ранена женщина, еще двое мужчин получили ранения.", "ru", True),
        ("A woman was injured and another two people were hurt.", "en", True),
        # Another outcome, or no count before it: nothing to add to.
        ("Загинув чоловік, ще двоє людей поранені.", "uk", False),
        ("Ще двоє людей отримали поранення.", "uk", False),
    ],
)
def test_more_people_of_the_same_outcome_in_one_sentence(text, lang, more):
    doc = Document(text=text, published=PUB, language=lang)
    doc.sentences = [Sentence(0, len(text), 0)]
    counts.run(doc, RULES)
    flagged = [s.value.value for s in doc.spans_of("count") if s.extra.get("also")]
    assert bool(flagged) == more, (text, flagged)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # A statement that nobody was killed is 0, not unknown.
        ("Погибших нет.", "ru", {"killed": 0}),
        ("На щастя, обійшлося без загиблих.", "uk", {"killed": 0}),
        ("Раненых нет.", "ru", {"injured": 0}),
        # Ages after the last of a list of singular nouns are those of the list.
        ("Погибли мужчина и женщина 70 и 67 лет.", "ru", {"killed": 2}),
        ("Загинули чоловік і жінка 70 та 67 років.", "uk", {"killed": 2}),
        ("Жінки 85 та 39 років загинули.", "uk", {"killed": 2}),
        ("Поранено чоловіка та жінок 60 і 65 років.", "uk", {"injured": 3}),
        # A part told without a figure of its own, with its own outcome.
        (
            "Prisoners were beaten, and at least two of them died after beatings.",
            "en",
            {"killed": 2},
        ),
        ("Полонених били, двоє з них згодом померли.", "uk", {"killed": 2}),
        ("Five people were injured, two of them seriously.", "en", {"injured": 5}),
        ("Four people were injured; two of them were hospitalised.", "en", {"injured": 4}),
        # A couple is two people.
        ("Russian soldiers shot dead an elderly couple in their yard.", "en", {"killed": 2}),
        ("Окупанти розстріляли літнє подружжя.", "uk", {"killed": 2}),
        ("Погибла пожилая супружеская пара.", "ru", {"killed": 2}),
        ("A couple of residents were injured.", "en", {"injured": 2}),
        # Another person's outcome after a comma; an apposition names the people counted.
        ("Soldiers shoot elderly couple in their yard, third resident missing", "en", {}),
        ("Two people, a man and a woman, were killed.", "en", {"killed": 2}),
        ("Two men, a woman and a child were injured.", "en", {"injured": 4}),
        # The main clause's outcome, not the relative clause's, when it has one.
        ("A fourth soldier, who was wounded, has not been found.", "en", {"missing": 1}),
        (
            "Two women, who were wounded in the attack, were taken to hospital.",
            "en",
            {"injured": 2},
        ),
        ("Двоє чоловіків досі не знайдені.", "uk", {"missing": 2}),
        # "the Ukrainian armed forces" is an army, not one Ukrainian.
        (
            "It named the two men, both soldiers of the Ukrainian armed forces, and found no"
            " record of their deaths.",
            "en",
            {"killed": 2},
        ),
    ],
)
def test_zeros_couples_parts_and_age_lists(text, lang, expected):
    found = {f: v for f, (v, _m) in _counts(text, lang).items()}
    assert found == expected, (text, found)


def test_a_figure_inside_a_date_is_not_a_count():
    text = "An artillery attack on the evening of July 8 killed a woman."
    doc = _doc(text)
    dates.run(doc)
    counts.run(doc, RULES)
    assert [(s.value.field, s.value.value) for s in doc.spans_of("count")] == [("killed", 1)]


def test_children_inside_a_total_are_a_sub_count():
    found = counts.parse(RULES, "Nine people were killed, including two children.", "en")
    totals = [v.value for _s, _e, v in found if not v.sub]
    assert totals == [9]


@pytest.mark.parametrize(
    "text",
    [
        "The death toll has risen to 14.",
        "The death toll rose to 14, officials said.",
        "Кількість загиблих зросла до 14.",
        "A second victim died in hospital, bringing the death toll to 14.",
        "Rescuers found two more bodies, raising the death toll in the city to 14.",
    ],
)
def test_toll_update_is_marked(text):
    found = [v for _s, _e, v in counts.parse(RULES, text, "en") if v.update]
    assert found and found[0].value == 14 and found[0].field == "killed"


# --- types -----------------------------------------------------------------


def _type_spans(text: str) -> dict[str, int]:
    doc = _doc(text)
    types.run(doc, RULES, _Places())
    return {s.value: s.extra["priority"] for s in doc.spans_of("type")}


def _primary(text: str) -> str | None:
    found = _type_spans(text)
    return max(found, key=lambda t: found[t]) if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A missile struck a hospital in the city, injuring three patients.", "attack_on_medical"),
        ("A missile hit a shopping centre; two wounded died in hospital.", "strike_on_civilians"),
        ("A missile hit a market and 25 people were hospitalised.", "strike_on_civilians"),
        ("The medics were not hurt in the strike.", None),
        (
            "Missiles struck critical infrastructure and a residential building, killing four.",
            "strike_on_civilians",
        ),
        ("Missiles struck a power plant, causing blackouts.", "strike_on_infrastructure"),
        ("Russian forces executed six Ukrainian POWs who had surrendered.", "pow_execution"),
        (
            "Detainees were beaten and threatened with execution to reveal information about"
            " soldiers and volunteers.",
            "torture",
        ),
        ("A drone struck a car with volunteers, killing two of them.", "attack_on_humanitarian"),
        (
            "Occupation authorities have taken 12 children from Oleshky to a camp in Crimea.",
            "deportation",
        ),
        (
            "Children evacuated from the front line were taken to a camp in Crimea.",
            None,
        ),
        ("Russian security forces detained five men at dawn.", "unlawful_detention"),
        ("A video shows Russian soldiers shooting 2 Ukrainian POWs.", "pow_execution"),
        ("Occupiers declared 1,200 apartments ownerless.", "pillage"),
        ("Military police detained 12 men and handed them call-up papers.", "other"),
        ("A missile hit the railway station, killing 50 people.", "strike_on_civilians"),
        (
            "Three Ukrainians working for the International Committee of the Red Cross"
            " were killed when shelling hit their vehicles.",
            "attack_on_humanitarian",
        ),
    ],
)
def test_primary_type(text, expected):
    if expected is None:
        found = _type_spans(text)
        assert "attack_on_medical" not in found and "deportation" not in found
    else:
        assert _primary(text) == expected


class _Places:
    """A gazetteer stand-in: the place names it knows, found by plain search."""

    def __init__(self, *names: str) -> None:
        self.names = names

    def scan(self, text: str) -> list[Sentence]:
        found = []
        for name in self.names:
            at = text.find(name)
            if at >= 0:
                found.append(Sentence(at, at + len(name), 0))  # start/end is all types reads
        return found


# V4: a cue word inside a place name is a name, not what was hit.
@pytest.mark.parametrize(
    ("text", "names", "absent"),
    [
        (
            "Ракета влучила в багатоповерхівку в Білій Церкві, загинули двоє людей.",
            ("Білій Церкві",),
            "attack_on_cultural_property",
        ),
        (
            "Russian drones struck Bila Tserkva Church district, killing two civilians.",
            ("Bila Tserkva Church",),
            "attack_on_cultural_property",
        ),
        (
            "Кілька ракет влучили в Білу Церкву, поранено трьох людей.",
            ("Білу Церкву",),
            "attack_on_cultural_property",
        ),
        (
            "Унаслідок удару по Білій Церкві загинув чоловік.",
            ("Білій Церкві",),
            "attack_on_cultural_property",
        ),
    ],
)
def test_cue_inside_a_place_name_is_no_type(text, names, absent):
    doc = _doc(text)
    types.run(doc, RULES, _Places(*names))
    found = {s.value for s in doc.spans_of("type")}
    assert absent not in found and "strike_on_civilians" in found, (text, found)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Ракета влучила в багатоповерхівку на Соборному проспекті, поранено трьох людей.",
            "attack_on_cultural_property",
        ),
        ("Дрон атакував будинок на вулиці Лікарняній, загинула жінка.", "attack_on_medical"),
        ("Удар по Театральній площі: поранено двох людей.", "attack_on_cultural_property"),
        (
            "A missile hit a building on Theatre Square, injuring two people.",
            "attack_on_cultural_property",
        ),
        (
            "Ракета влучила в будинок на вулиці Університетській, поранено жінку.",
            "attack_on_education",
        ),
    ],
)
def test_a_street_named_after_a_protected_object_is_an_address(text, absent):
    found = _type_spans(text)
    assert absent not in found and "strike_on_civilians" in found, (text, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ракета влучила в лікарню, поранено трьох пацієнтів.", "attack_on_medical"),
        ("Ракета влучила у лікарню на вулиці Шкільній.", "attack_on_medical"),
    ],
)
def test_a_strike_into_the_hospital_is_not_care(text, expected):
    assert _primary(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Дрон атакував маршрутку, поранено чотирьох пасажирів.",
        "Беспилотник атаковал маршрутку, ранены четыре пассажира.",
        "Снаряд влучив у авто, загинув велосипедист поруч.",
    ],
)
def test_passengers_and_passers_by_are_civilian_victims(text):
    doc = _doc(text)
    types.find_cues(doc, RULES)
    assert "victim.civilian" in doc.cues[0], text


def test_taken_to_hospital_is_still_care():
    assert "attack_on_medical" not in _type_spans("Поранених після удару доставили в лікарню.")


def test_the_same_cue_outside_the_place_name_still_counts():
    doc = _doc("Ракета зруйнувала церкву в Білій Церкві.")
    types.run(doc, RULES, _Places("Білій Церкві"))
    assert "attack_on_cultural_property" in {s.value for s in doc.spans_of("type")}


def test_a_sentence_initial_noun_is_a_cue_even_if_a_village_bears_the_name():
    doc = _doc("Церква зруйнована внаслідок удару, поранено чоловіка.")
    types.run(doc, RULES, _Places("Церква"))
    assert "attack_on_cultural_property" in {s.value for s in doc.spans_of("type")}


def test_journalist_among_wounded_civilians_is_secondary():
    found = _type_spans("A strike wounded 60 civilians, among them a child and a journalist.")
    assert found["attack_on_journalists"] < found["strike_on_civilians"]


def _lead_primary(title: str, *body: str) -> str:
    """Primary type over a headline and body sentences (counts and types run)."""
    parts = [title, *body]
    text = "\n".join(parts)
    doc = Document(text=text, published=PUB, language="en")
    start = 0
    for i, part in enumerate(parts):
        doc.sentences.append(Sentence(start, start + len(part), i, is_title=i == 0))
        start += len(part) + 1
    counts.run(doc, RULES)
    types.run(doc, RULES)
    spans = doc.spans_of("type")
    return max(spans, key=lambda s: s.extra["priority"]).value


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (
            (
                "Two ballistic missiles hit military institute: 41 dead",
                "Missiles struck the institute and a nearby hospital on Tuesday.",
            ),
            "strike_on_civilians",
        ),
        (
            (
                "City toll rises to 19",
                "A missile strike on a residential area killed 19 people, nine of them children.",
                "The city was hit by a missile carrying cluster munitions.",
            ),
            "strike_on_civilians",
        ),
        (
            (
                "About 300 died in bombing of drama theatre",
                "About 300 people were killed when an aircraft bombed the theatre on March 16.",
                "More than 1,000 people were sheltering in the theatre when the bomb fell.",
            ),
            "strike_on_civilians",
        ),
        (
            (
                "Two killed, seven children hurt in missile strike on children's hospital",
                "A missile hit the hospital in the morning.",
            ),
            "attack_on_medical",
        ),
        (
            (
                "Russians fire cluster munitions at Ochakiv, one civilian injured",
                "A man was injured by submunition fragments near his house.",
            ),
            "prohibited_weapons",
        ),
    ],
)
def test_primary_type_follows_the_main_harm_in_the_lead(parts, expected):
    assert _lead_primary(*parts) == expected


def test_bodies_under_rubble_are_not_a_mass_grave():
    assert "mass_grave" not in _type_spans("Fragments of human bodies have been found.")


# --- bodies ----------------------------------------------------------------


def _bodies(text: str) -> dict[str, str]:
    """Body roles in one sentence (counts and types first, as in the pipeline)."""
    doc = _doc(text)
    counts.run(doc, RULES)
    types.run(doc, RULES, _Places())
    bodies.run(doc, RULES)
    return {s.value.body_id: s.value.role for s in doc.spans_of("body")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lubinets said he had reached out to the UN and the ICRC.",
            {"ua-ombudsman": "reported", "un-other": "notified", "icrc": "notified"},
        ),
        (
            "The headquarters said it had passed the testimonies to the ICRC.",
            {"icrc": "notified"},
        ),
        ("The Air Force said 30 of 32 drones launched overnight were downed.", {}),
        ("Romania's defence ministry said it was checking the reports.", {}),
        ("Прокурори повідомили про підозру військовослужбовцю збройних сил РФ.", {"ua-pgo": "?"}),
        ("A local human rights group said the men were abducted.", {"ngo-other": "reported"}),
        (
            "The UN Human Rights Monitoring Mission said it documented the case.",
            {"un-hrmmu": "reported"},
        ),
        ("Regional prosecutors have opened proceedings.", {"ua-pgo": "investigates"}),
        ("He said he had raised the case with UNICEF.", {"un-other": "notified"}),
        ("The culture ministry said it would inform UNESCO.", {"un-other": "notified"}),
        ("The nuclear power plant was not affected, the IAEA said.", {}),
        ("Відомо, що підозрюваний служив у мотострілецькій бригаді.", {}),
        (
            "Rescuers of the State Emergency Service pulled two more bodies from the rubble.",
            {"ua-state-emergency": "reported"},
        ),
        (
            "The Mission of the President of Ukraine in Crimea said the detentions were unlawful.",
            {"ua-president": "reported"},
        ),
        # V5: notified, a source line, the president named only as context.
        (
            "Lubinets said he had sent letters about it to the UN and the ICRC.",
            {"ua-ombudsman": "reported", "un-other": "notified", "icrc": "notified"},
        ),
        (
            "The Sumy Regional Military Administration reported this on Telegram, Ukrinform"
            " reports.",
            {"ua-military-admin": "reported"},
        ),
        ("Source: Berdiansk City Military Administration", {"ua-military-admin": "reported"}),
        ("Джерело: Запорізька ОВА", {"ua-military-admin": "reported"}),
        ("The Sumy RMA said a woman was injured.", {"ua-military-admin": "reported"}),
        ("Про це повідомив очільник громади.", {"ua-military-admin": "reported"}),
        ("The drone struck a bus in Kryvyi Rih, Zelenskyy's hometown.", {}),
        ("Zelensky said at the NATO summit that Ukraine needed more air defence.", {}),
        (
            "Zelensky said Russia had killed six civilians in Kharkiv overnight.",
            {"ua-president": "reported"},
        ),
        (
            "Information about the abduction was passed to the Ombudsman's Office.",
            {"ua-ombudsman": "notified"},
        ),
        (
            "Інформацію про викрадення передано Уповноваженому Верховної Ради з прав людини.",
            {"ua-ombudsman": "notified"},
        ),
        (
            "Police said the materials were sent to the ombudsman.",
            {"ua-police": "reported", "ua-ombudsman": "notified"},
        ),
        ("The Ukrainian Red Cross said its volunteers were hurt.", {"ngo-other": "reported"}),
        ("The ombudsman was informed about the abduction.", {"ua-ombudsman": "notified"}),
        (
            "Lubinets said he had written to the UN Secretary-General and the International"
            " Committee of the Red Cross.",
            {"ua-ombudsman": "reported", "un-other": "notified", "icrc": "notified"},
        ),
        (
            "Лубінець заявив, що направив звернення до ООН та Міжнародного комітету Червоного"
            " Хреста.",
            {"ua-ombudsman": "reported", "un-other": "notified", "icrc": "notified"},
        ),
        ("The Ombudsman's Office has been notified of the case.", {"ua-ombudsman": "notified"}),
        ("Омбудсман отримав інформацію про викрадення.", {"ua-ombudsman": "notified"}),
        (
            "The Verkhovna Rada commissioner said he had informed the ICRC.",
            {"ua-ombudsman": "reported", "icrc": "notified"},
        ),
        # A victim's workplace is not a source; the body at work is.
        (
            "Від удару загинула працівниця міської військової адміністрації, повідомила"
            " прокуратура.",
            {"ua-pgo": "reported"},
        ),
        (
            "An employee of the city military administration was killed, police said.",
            {"ua-police": "reported"},
        ),
        (
            "Працівники поліції повідомили, що внаслідок удару поранено двох людей.",
            {"ua-police": "reported"},
        ),
        # An impersonal report verb names no speaker, unless the body is where it was said.
        ("Як зазначається, коли на місце прибули поліцейські, вони допомогли медикам.", {}),
        (
            "Дрон влучив у будинок, поранено двох людей, повідомляється на сайті поліції.",
            {"ua-police": "reported"},
        ),
        (
            "Дрон попал в дом, ранены два человека, сообщается в Telegram-канале ДСНС.",
            {"ua-state-emergency": "reported"},
        ),
        # "head of the regional" names the body that follows it.
        ("The head of the regional police said two women were wounded.", {"ua-police": "reported"}),
        (
            "The head of the regional military administration said two women were wounded.",
            {"ua-military-admin": "reported"},
        ),
        # Bodies only said to be at work on the site are not sources; the teller is.
        (
            "На місці працюють рятувальники та поліція, повідомили в обласній військовій"
            " адміністрації.",
            {"ua-military-admin": "reported"},
        ),
        (
            "Rescuers and police are working at the scene, the military administration said.",
            {"ua-military-admin": "reported"},
        ),
        (
            "Police said rescuers are working at the scene.",
            {"ua-police": "reported"},
        ),
        # The service named as an institution relays its own work; its generic crews do not.
        (
            "State Emergency Service crews extinguished the blaze by morning.",
            {"ua-state-emergency": "reported"},
        ),
        ("Пожежу загасили підрозділи ДСНС.", {"ua-state-emergency": "reported"}),
        ("Рятувальники ДСНС ліквідували пожежу.", {"ua-state-emergency": "reported"}),
        ("Рятувальники загасили пожежу на площі 120 квадратних метрів.", {}),
        ("Пожежі оперативно ліквідували рятувальники.", {}),
        ("На місці працюють підрозділи ДСНС.", {}),
        # A body that condemns this strike states on it; one condemning a wider attack does not.
        ("UNESCO condemned the strike on the museum.", {"un-other": "reported"}),
        ("ВООЗ засудила удар по лікарні.", {"un-other": "reported"}),
        ("ЮНИСЕФ осудил этот удар.", {"un-other": "reported"}),
        (
            "Zelensky condemned the Christmas Day attack, in which Russia fired 70 missiles.",
            {},
        ),
        # A body that came to know of it tells it; "як стало відомо" alone names no speaker.
        (
            "A drone hit the crew's car, the Institute of Mass Information has learned.",
            {"ngo-other": "reported"},
        ),
        ("Як стало відомо ІМІ, дрон атакував автомобіль журналістів.", {"ngo-other": "reported"}),
        ("Поліції стало відомо про затримання трьох людей.", {"ua-police": "reported"}),
        ("Как стало известно полиции, задержаны трое.", {"ua-police": "reported"}),
        ("Як стало відомо, на місце прибули поліцейські.", {}),
        # Bodies listed together share the list's role; one with its own clause keeps its own.
        (
            "The office said it had forwarded the materials to the International Committee of"
            " the Red Cross and the UN.",
            {"icrc": "notified", "un-other": "notified"},
        ),
        (
            "Police said the ICRC and the UN were informed.",
            {"ua-police": "reported", "icrc": "notified", "un-other": "notified"},
        ),
        (
            "The ombudsman sent a letter to the ICRC, and the UN confirmed the deaths.",
            {"ua-ombudsman": "reported", "icrc": "notified", "un-other": "reported"},
        ),
        (
            "Прокуратура передала матеріали до Моніторингової місії ООН з прав людини.",
            {"un-hrmmu": "notified"},
        ),
        # A line that opens with a body and a colon gives what the body says.
        ("Prosecutors: Russian troops shot two civilians near Kupiansk.", {"ua-pgo": "reported"}),
        ("Офіс генпрокурора: у Херсоні внаслідок обстрілу загинула жінка.", {"ua-pgo": "reported"}),
        ("ІМІ: російський дрон поранив журналістку в Херсоні.", {"ngo-other": "reported"}),
        ("Kherson regional prosecutors: a drone killed a man.", {"ua-pgo": "reported"}),
        ("Зеленський: Росія готує новий наступ.", {}),
        # Human rights defenders, unnamed: an NGO.
        (
            "Окупанти затримали трьох жителів Скадовська, повідомили правозахисникам родичі.",
            {"ngo-other": "reported"},
        ),
        (
            "Российские военные задержали трех жителей Каховки, сообщили правозащитники.",
            {"ngo-other": "reported"},
        ),
        # A body appealed to in the clause before it, with its own report verb after it.
        (
            "Ombudsman Dmytro Lubinets sent a letter to the ICRC and the UN said it was alarmed"
            " by the reports.",
            {"ua-ombudsman": "reported", "icrc": "notified", "un-other": "reported"},
        ),
        (
            "Омбудсман надіслав листа до МКЧХ, а ООН заявила про глибоке занепокоєння.",
            {"ua-ombudsman": "reported", "icrc": "notified", "un-other": "reported"},
        ),
        (
            "Ombudsman Dmytro Lubinets sent a letter to the ICRC and the UN, said his office.",
            {"ua-ombudsman": "?", "icrc": "notified", "un-other": "notified"},
        ),
        (
            "Омбудсман звернувся до ООН та МКЧХ з проханням відреагувати.",
            {"un-other": "notified", "icrc": "notified"},
        ),
    ],
)
def test_body_roles(text, expected):
    found = {b: r for b, r in _bodies(text).items() if r != "mentioned"}
    assert set(found) == set(expected), (text, found)
    for body, role in expected.items():
        if role != "?":
            assert found[body] == role


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The attacker as reported, the side blamed or helped: a party, never a source.
        ("ЗСУ атакували автобус, загинув водій, повідомили в поліції.", {"ua-police": "reported"}),
        (
            "Police said a local official blamed the Armed Forces of Ukraine for the strike.",
            {"ua-police": "reported"},
        ),
        (
            "Прокуратура повідомила, що губернатор звинуватив ЗСУ в ударі по автобусу.",
            {"ua-pgo": "reported", "ua-military-admin": "?"},
        ),
        ("The Ukrainian military attacked the bus, police said.", {"ua-police": "reported"}),
        (
            "За даними слідства, окупанти схопили чоловіка, якого запідозрили у передаванні"
            " інформації ЗСУ, повідомили в прокуратурі.",
            {"ua-pgo": "reported"},
        ),
        (
            "За даними слідства, чоловіка катували за «співпрацю з ЗСУ», повідомили в поліції.",
            {"ua-police": "reported"},
        ),
        # A combatant body on its own forces' attack is the attacker.
        (
            "Ukraine's General Staff said its forces had hit an ammunition depot, police said.",
            {"ua-police": "reported"},
        ),
        (
            "Генштаб повідомив про ураження нафтобази, повідомили в поліції.",
            {"ua-police": "reported"},
        ),
        # An ambulance crew is no army brigade.
        (
            "Фельдшерка та медсестра бригади отримали поранення, повідомили в прокуратурі.",
            {"ua-pgo": "reported"},
        ),
        (
            "Бригада скорой доставила раненую в больницу, сообщили в полиции.",
            {"ua-police": "reported"},
        ),
        # Sources stay sources.
        (
            "The Air Force said Russia attacked Odesa with drones, killing a woman.",
            {"ua-armed-forces": "reported"},
        ),
        (
            "Повітряні сили повідомили, що росіяни атакували Одесу, загинула жінка.",
            {"ua-armed-forces": "reported"},
        ),
        (
            "The 3rd Assault Brigade said Russian troops shot three surrendering soldiers.",
            {"ua-armed-forces": "reported"},
        ),
        (
            "Synehubov said it hit a five-storey building, injuring three people.",
            {"ua-military-admin": "reported"},
        ),
        (
            "Regional prosecutors have launched an investigation into the strike.",
            {"ua-pgo": "investigates"},
        ),
    ],
)
def test_a_party_to_the_attack_is_no_source(text, expected):
    found = {b: r for b, r in _bodies(text).items() if r != "mentioned"}
    assert set(found) == set(expected), (text, found)
    for body, role in expected.items():
        if role != "?":
            assert found[body] == role


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Generic crews at work are told by another's verb: not a source.
        (
            "Rescuers pulled two more bodies from the rubble overnight, governor Syniehubov wrote.",
            {"ua-military-admin": "reported"},
        ),
        (
            "Рятувальники дістали з-під завалів тіло жінки, повідомив начальник ОВА.",
            {"ua-military-admin": "reported"},
        ),
        ("Rescuers recovered two more bodies from the rubble overnight.", {}),
        # Crews that speak, and the service named as an institution, report.
        (
            "Рятувальники повідомили, що з-під завалів дістали тіло жінки.",
            {"ua-state-emergency": "reported"},
        ),
        (
            "The State Emergency Service pulled two more bodies from the rubble overnight.",
            {"ua-state-emergency": "reported"},
        ),
        (
            "У ДСНС повідомили, що рятувальники деблокували двох людей.",
            {"ua-state-emergency": "reported"},
        ),
    ],
)
def test_generic_crews_at_work_are_no_source(text, expected):
    doc = _doc(text)
    counts.run(doc, RULES)
    types.run(doc, RULES, _Places())
    bodies.run(doc, RULES)
    found = {
        s.value.body_id: s.value.role for s in doc.spans_of("body") if s.value.role != "mentioned"
    }
    assert found == expected, (text, found)


@pytest.mark.parametrize(
    ("text", "has_figure"),
    [
        ("Prosecutors said Russian forces dropped a FAB-500 bomb with a guidance kit.", False),
        ("Прокурори встановили, що росіяни скинули авіабомбу ФАБ-250 з модулем УМПК.", False),
        ("Росія випустила ракету Х-101 по місту.", False),
        ("Prosecutors said Russian forces dropped 500 bombs on the region.", True),
    ],
)
def test_a_weapon_designation_is_no_figure(text, has_figure):
    doc = _doc(text)
    assert kind.figure(doc, 0, measures=True) is has_figure


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A charity that tells of its people reports; a volunteer's charity in the toll does not.
        (
            "В благотворительном фонде рассказали, что волонтер получил осколочное ранение.",
            {"ngo-other": "reported"},
        ),
        (
            "Ранены трое, среди них волонтер благотворительного фонда, сообщили в полиции.",
            {"ua-police": "reported"},
        ),
        (
            "Two volunteers of a charity foundation were wounded, police said.",
            {"ua-police": "reported"},
        ),
        # Proceedings opened, told in Russian.
        (
            "Полиция открыла уголовное производство по факту обстрела.",
            {"ua-police": "investigates"},
        ),
        # A condemnation of the act itself is a statement on the incident.
        (
            "Министерство иностранных дел Украины осудило задержания и призвало ОБСЕ"
            " отреагировать.",
            {"ua-mfa": "reported", "osce": "notified"},
        ),
        ("The Foreign Ministry condemned the detentions of the three men.", {"ua-mfa": "reported"}),
        (
            "Крымская правозащитная группа назвала задержания преследованием.",
            {"ngo-other": "reported"},
        ),
    ],
)
def test_charities_ministries_and_rights_groups(text, expected):
    found = {b: r for b, r in _bodies(text).items() if r != "mentioned"}
    assert found == expected, (text, found)


def test_the_rights_group_after_a_named_one_is_that_group():
    text = (
        "Prisoners were beaten in the colony, Amnesty International said on Tuesday. In a report"
        " based on 14 interviews, the rights group said guards beat new arrivals."
    )
    doc = Document(text=text, published=PUB)
    analyse(doc, RULES, None)
    said = {s.value.body_id for s in doc.spans_of("body") if s.value.role == "reported"}
    assert said == {"amnesty"}


def _pronoun_bodies(text: str) -> list[tuple[str, str]]:
    """(body id, pronoun phrase) of every speaking pronoun the bodies stage resolved."""
    doc = Document(text=text, published=PUB)
    analyse(doc, RULES, None)
    return [
        (s.value.body_id, text[s.start : s.end])
        for s in doc.spans_of("body")
        if s.rule_id.endswith(".pronoun")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "У Синельниковому поранено двох чоловіків, повідомив голова ОВА. У Апостоловому"
            " поранено жінку, додав він.",
            [("ua-military-admin", "додав він")],
        ),
        (
            "Two people were wounded in Kherson, the police said. A woman was hurt in Bilozerka,"
            " she added.",
            [("ua-police", "she added")],
        ),
        # A speaker that is no body came in between: the pronoun is hers, not the police's.
        (
            "Two people were wounded in Kherson, the police said. A neighbour said she heard"
            " two blasts. A car was burnt, she added.",
            [],
        ),
        # The president's statement on nationwide figures: his next words are on them too.
        (
            "Zelensky said Russia had fired more than 1,000 drones at Ukraine this week."
            ' "Every one of these drones is a reason for more sanctions," he wrote.',
            [],
        ),
    ],
)
def test_a_speaking_pronoun_stands_for_the_body_before_it(text, expected):
    assert _pronoun_bodies(text) == expected, text


# --- lexicon ---------------------------------------------------------------


def test_phrase_index_matches_like_one_regex_per_group():
    index = PhraseIndex.build(
        {"a": ["Russian*", "U.N."], "b": ["Russian forces", "forces"]}, "test"
    )
    text = "Russian forces and U.N. staff; the forces left"
    hits = {(g, text[s:e]) for g, s, e in index.scan(text)}
    assert hits == {("a", "Russian"), ("b", "Russian forces"), ("a", "U.N."), ("b", "forces")}


def test_phrases_factored_by_first_letter_match_like_the_plain_alternation():
    phrases = [
        "=POW",
        "=POWs",
        "power plant*",
        "people",
        "pensioner*",
        "Red Cross",
        "Red Cross worker*",
        "жінка",
        "жінку",
        "чоловік*",
        "a",
        "a further",
    ]
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    plain = re.compile(
        rf"(?<![\w])(?=[\w(])(?:{'|'.join(phrase_pattern(p) for p in ordered)})", re.IGNORECASE
    )
    text = (
        "POWs and pows, a power plant; people, a pensioner. Red Cross workers and the Red"
        " Cross; жінку і чоловіка, a further one"
    )
    factored = compile_phrases(phrases, "test")
    assert [m.span() for m in factored.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_phrase_index_rejects_a_leading_wildcard():
    with pytest.raises(RulesError):
        PhraseIndex.build({"a": ["*ing"]}, "test")


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("twenty-one", 21),
        ("Sixty-four", 64),
        ("one hundred", 100),
        ("hundred", 100),
        ("two hundred and five", 205),
        ("one thousand two hundred", 1200),
        ("сто двадцять п'ять", 125),
        ("двадцять одна", 21),
        ("a dozen", 12),
        # Not one number: left uncounted rather than counted wrongly.
        ("two three", None),
        ("five twenty", None),
        ("twenty thirty", None),
    ],
)
def test_compound_number_words(words, value):
    match = counts.number_pattern(RULES).search(words)
    assert match is not None and match.group() == words
    assert counts.number_value(RULES, match.group()) == value


def test_a_number_word_in_a_compound_adjective_is_not_a_count():
    found = _counts("A missile hit a four-storey block, injuring twenty-two people.", "en")
    assert found.get("injured") == (22, False)


def test_the_same_day_takes_the_date_told_before():
    text = "2 березня дрон атакував Херсон. Того ж дня у Бериславі загинув чоловік."
    doc = Document(text=text, published=PUB, language="uk")
    cut = text.index("Того")
    doc.sentences = [Sentence(0, cut - 1, 0), Sentence(cut, len(text), 1)]
    dates.run(doc)
    found = [(s.sentence, s.value.date) for s in doc.spans_of("date")]
    assert found == [(0, dt.date(2025, 3, 2)), (1, dt.date(2025, 3, 2))]


def test_the_same_day_with_no_date_before_gives_none():
    assert dates.parse("The same day a drone hit a car.", PUB) == []
