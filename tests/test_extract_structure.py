"""Document structure: page furniture, report kind, roundup entries and the incident's place.

Every sample text here was written for this test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from incidents.extract import extract_text
from incidents.extract.document import Document
from incidents.extract.furniture import run as furniture_run
from incidents.extract.lexicon import get_rules
from incidents.extract.places import _first_name

PUBLISHED = dt.date(2025, 3, 10)


def _roles(text: str) -> list[tuple[str, str]]:
    doc = Document(text=text)
    doc.limit = len(text)
    furniture_run(doc, get_rules())
    return [(doc.text[ln.start : ln.end], ln.role) for ln in doc.lines]


def _check_quotes(text: str, result) -> None:
    for draft in result.incidents:
        for ev in draft.evidence.values():
            assert text[ev.start : ev.end] == ev.quote


@pytest.mark.parametrize(
    "line",
    [
        "March 9, 2025   3 min read",
        "By Desk Staff   March 9, 2025   2 min read",
        "9 березня 2025, 10:00   Читати 3 хв",
        "March 9, 2025   By Desk Staff",
        "Home  /  World  /  Europe",
        "Editor's note: this story was updated with the regional governor's figures.",
    ],
)
def test_furniture_lines_are_excluded(line):
    text = (
        "Drone strike hits a bakery in a northern town\n"
        f"{line}\n"
        "The body of the report follows here with a full sentence.\n"
    )
    roles = dict(_roles(text))
    assert roles[line] == "furniture"


def test_short_rubric_above_the_headline_is_not_the_title():
    text = (
        "Crimea\n"
        "Russian police detain four men at a market in a northern town\n"
        "First paragraph of the report, with a full stop at the end.\n"
    )
    roles = _roles(text)
    assert roles[0] == ("Crimea", "furniture")
    assert roles[1][1] == "title"


def test_first_name_before_a_surname_is_not_a_place():
    text = "regional governor Ivan Fedorov said"
    end = text.index("Ivan") + len("Ivan")
    assert _first_name(text, end)
    assert not _first_name("in Kharkiv Oblast on Monday", len("in Kharkiv"))
    assert not _first_name("in Kharkiv on Monday", len("in Kharkiv"))
    assert not _first_name("the Kharkiv OVA said", len("the Kharkiv"))


def test_statistics_for_a_month_are_aggregate():
    text = (
        "Monitors: 120 civilians killed in Ukraine in February\n"
        "At least 120 civilians were killed and 540 injured in Ukraine in February, "
        "a monitoring group said in its monthly update.\n"
        "Most casualties were caused by missiles and drones, the group said.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.kind.value == "aggregate"
    assert result.incidents == []


def test_politics_piece_recalling_a_strike_late_is_other():
    text = (
        "Leaders meet in a European capital to discuss security guarantees\n"
        "Leaders of several European states met on Sunday to discuss guarantees for Ukraine.\n"
        "They agreed to keep aid flowing and to meet again next month.\n"
        "The finance ministers will prepare a plan before the summer.\n"
        "One speaker recalled the missile strike that killed 20 people in Sumy in April.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.kind.value == "other"
    assert result.incidents == []


def test_single_incident_is_an_incident_with_its_own_place():
    text = (
        "Russian drone strike kills two in Kherson\n"
        "A Russian drone strike on a bus stop in Kherson killed two people and injured three "
        "on March 9, regional governor Oleksandr Prokudin said.\n"
        "A caption-like sentence about Odesa is not here; the city was shelled often before.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.kind.value == "incident"
    [draft] = result.incidents
    assert draft.region_code == "UA-65"
    assert draft.settlement == "Kherson"
    _check_quotes(text, result)


def test_roundup_sentence_with_two_places_gives_two_entries_each_with_its_own_toll():
    text = (
        "Russian attacks kill 3, injure 5 over past day\n"
        "Russian attacks across Ukraine killed three people and injured five over the past day, "
        "regional authorities said on March 10.\n"
        "In Kharkiv Oblast, shelling of Kupiansk killed two people; in Kherson, a drone strike "
        "killed one man and injured five people.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.kind.value == "roundup"
    got = {(d.region_code, d.settlement): (d.killed, d.injured) for d in result.incidents}
    assert got == {("UA-63", "Kupiansk"): (2, None), ("UA-65", "Kherson"): (1, 5)}
    _check_quotes(text, result)


def test_roundup_total_and_no_casualty_regions_give_no_entry():
    text = (
        "Russian attacks kill 3 over past day\n"
        "Russian attacks across Ukraine killed three people over the past day, officials said.\n"
        "In Donetsk Oblast, shelling of Pokrovsk killed two people.\n"
        "A Russian strike on Nikopol in Dnipropetrovsk Oblast killed one man.\n"
        "Russian forces also attacked Sumy and Chernihiv oblasts; no casualties were reported.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.kind.value == "roundup"
    assert [(d.region_code, d.killed) for d in result.incidents] == [("UA-14", 2), ("UA-12", 1)]


@pytest.mark.parametrize(
    "line",
    [
        "12 апреля 2025, 07:50   2 мин",
        "Время чтения: 3 минуты",
        "Долучайтеся до нашого каналу в Telegram",
        # A byline without a name, and an author's name before the day and hour.
        "By a special correspondent",
        "By our correspondent, Kharkiv",
        "Iryna Kovalenko — Tuesday, 21 October 2025, 12:18",
        "Ірина Коваленко — Вівторок, 21 жовтня 2025, 12:18",
    ],
)
def test_more_furniture_lines_are_excluded(line):
    text = (
        "Drone strike hits a bakery in a northern town\n"
        f"{line}\n"
        "The body of the report follows here with a full sentence.\n"
    )
    assert dict(_roles(text))[line] == "furniture"


def test_a_paragraph_asking_people_to_donate_blood_is_body_text():
    para = (
        "Doctors at the regional hospital asked residents to donate blood after the attack, "
        "saying that several of the wounded needed surgery overnight and supplies were short."
    )
    text = f"Missile strike hits apartment block in a central city\n{para}\n"
    assert dict(_roles(text))[para] == "body"


def test_a_sum_without_a_period_is_the_incidents_own_toll():
    text = (
        "Missile strike on Dnipro kills 5\n"
        "A Russian missile hit an apartment block in Dnipro on March 8, killing five people, "
        "the regional governor said.\n"
        "A total of 27 people were injured, 11 of them children.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert [(d.settlement, d.killed, d.injured) for d in result.incidents] == [("Dnipro", 5, 27)]
    _check_quotes(text, result)


def test_a_sum_since_the_invasion_stays_statistics():
    text = (
        "Russian attacks have killed 2,400 civilians in the oblast\n"
        "A total of 2,400 civilians have been killed in Kharkiv Oblast since the full-scale "
        "invasion began, regional prosecutors said.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.kind.value == "aggregate" and not result.incidents


def test_prosecutors_opening_an_investigation_report_the_incident():
    text = (
        "Drone strike on Sumy injures 4\n"
        "A Russian drone hit a residential street in Sumy on March 9, injuring four people, "
        "the city military administration said.\n"
        "Regional prosecutors have opened an investigation into a violation of the laws and "
        "customs of war.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    (draft,) = result.incidents
    assert "ua-pgo" in draft.reporting_bodies


def test_a_body_beside_a_date_or_an_article_number_still_reports():
    text = (
        "Bodies of 9 civilians found in a forest near Izium\n"
        "Investigators exhumed the bodies of nine civilians from a burial site near Izium, "
        "Kharkiv Oblast, police said on March 9.\n"
        "Prosecutors opened proceedings under Article 438 of the Criminal Code.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    (draft,) = result.incidents
    assert "ua-pgo" in draft.reporting_bodies


def test_a_deportation_is_placed_where_people_were_taken_from():
    text = (
        "Russia takes 15 children from occupied Kakhovka to a camp in Crimea\n"
        "Russian occupation authorities took 15 children from the occupied town of Kakhovka "
        "in Kherson Oblast to a so-called health camp in Crimea, the ombudsman said on March 9.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    (draft,) = result.incidents
    assert draft.type.value == "deportation"
    assert (draft.region_code, draft.settlement) == ("UA-65", "Kakhovka")


def test_a_city_district_named_elsewhere_does_not_move_the_settlement():
    text = (
        "Missile strike on Zaporizhzhia kills 3\n"
        "A Russian missile hit a courtyard in Zaporizhzhia on March 8, killing three people, "
        "the governor said.\n"
        "The missile struck between apartment blocks in the Shevchenkivskyi district.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    (draft,) = result.incidents
    assert (draft.region_code, draft.settlement) == ("UA-23", "Zaporizhzhia")


def test_a_regional_office_names_the_oblast_not_the_place():
    text = (
        "Prosecutors probe shooting of two surrendering soldiers\n"
        "Russian troops shot dead two Ukrainian soldiers who had surrendered, the Kharkiv "
        "Regional Prosecutor's Office said on March 9.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    (draft,) = result.incidents
    assert draft.settlement is None and draft.region_code == "UA-63"


def test_roundup_entry_with_only_a_toll_takes_the_roundups_type():
    text = (
        "Russian attacks kill 3 in Kharkiv Oblast over past day\n"
        "Russian attacks killed three people in Kharkiv Oblast over the past day, Governor "
        "Oleh Syniehubov said on March 9.\n"
        "Russian shelling of Kupiansk killed two people.\n"
        "A drone attack on Balakliia injured four residents.\n"
        "In Izium, one man was killed.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.kind.value == "roundup"
    got = [(d.settlement, d.type.value, d.killed, d.injured) for d in result.incidents]
    assert got == [
        ("Kupiansk", "strike_on_civilians", 2, None),
        ("Balakliia", "strike_on_civilians", None, 4),
        ("Izium", "strike_on_civilians", 1, None),
    ]
    _check_quotes(text, result)


def test_roundup_clause_naming_the_oblast_stays_with_its_settlement():
    text = (
        "Russian attacks kill 4, injure 9 over past day\n"
        "Russian attacks killed four people and injured nine over the past day, regional "
        "authorities said on March 9.\n"
        "Russian forces shelled the city of Kherson, killing two people and injuring six, "
        "Kherson Oblast Governor Oleksandr Prokudin said.\n"
        "A drone attack on Nikopol in Dnipropetrovsk Oblast killed two men and injured three "
        "people, Governor Serhii Lysak said.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    got = [(d.settlement, d.killed, d.injured) for d in result.incidents]
    assert got == [("Kherson", 2, 6), ("Nikopol", 2, 3)]


# S1: the incident comes after paragraphs of political context.
def test_incident_after_a_context_lede_is_an_incident():
    text = (
        "Allies weigh new air-defence aid as truce talks stall\n"
        "Foreign ministers met in Brussels on Sunday to discuss further deliveries of "
        "air-defence systems, as efforts to arrange a ceasefire showed little progress.\n"
        "Diplomats said no agreement on new sanctions had been reached.\n"
        "Meanwhile, Russian glide bombs struck Kharkiv on Sunday, killing at least five "
        "people and injuring 30, the regional governor Oleh Syniehubov said.\n"
        "A shop and an apartment block were hit, he added.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.kind.value == "incident"
    (draft,) = result.incidents
    assert (draft.region_code, draft.settlement) == ("UA-63", "Kharkiv")
    assert (draft.killed, draft.injured, draft.date) == (5, 30, dt.date(2025, 3, 9))
    assert draft.type.value == "strike_on_civilians"
    assert "ua-military-admin" in draft.reporting_bodies
    _check_quotes(text, result)


def test_an_old_strike_recalled_after_a_context_lede_is_not_an_incident():
    text = (
        "Parliament debates a new mobilisation law\n"
        "Lawmakers spent Monday arguing over the draft, which would lower the call-up age.\n"
        "The speaker said a vote could come within weeks.\n"
        "On March 2, 2024, a Russian drone hit an apartment block in Odesa, killing 12 people.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.kind.value == "other"
    assert result.incidents == []


# S2: a governor's Telegram post, with no headline and a signature line.
def test_telegram_post_without_a_headline_is_an_incident_signed_by_its_body():
    text = (
        "Today at about 09:15, the Russian military dropped explosives from a drone on a "
        "tram stop in the Korabelnyi district of Kherson.\n"
        "Two women were injured. Both were taken to hospital.\n"
        "🔴 Stay in shelters while the alarm lasts!\n"
        "Kherson Regional Military Administration\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.kind.value == "incident"
    (draft,) = result.incidents
    assert (draft.region_code, draft.settlement, draft.injured) == ("UA-65", "Kherson", 2)
    assert draft.date == PUBLISHED
    assert draft.reporting_bodies == ["ua-military-admin"]
    _check_quotes(text, result)


def test_a_closing_line_that_is_a_sentence_does_not_sign_the_post():
    text = (
        "Today at about 09:15, a Russian drone hit a tram stop in Kherson.\n"
        "Two women were injured.\n"
        "Our thoughts are with the Kherson Regional Military Administration staff\n"
    )
    (draft,) = extract_text(text, published=PUBLISHED).incidents
    assert draft.reporting_bodies == []


# S3: an oblast digest over the past day, in Ukrainian.
def test_ukrainian_oblast_digest_is_a_roundup_with_one_entry_per_place():
    text = (
        "Протягом доби ворог завдав 390 ударів по 12 населених пунктах Запорізької області.\n"
        "У Степногірську загинув чоловік.\n"
        "Вчора ввечері в Запоріжжі поранено двох людей.\n"
        "У Гуляйполі внаслідок удару дрона поранено жінку.\n"
        "Про це повідомив начальник Запорізької ОВА Іван Федоров.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.kind.value == "roundup"
    got = [(d.region_code, d.settlement, d.killed, d.injured) for d in result.incidents]
    assert got == [
        ("UA-23", "Stepnohirsk", 1, None),
        ("UA-23", "Zaporizhzhia", None, 2),
        ("UA-23", "Huliaipole", None, 1),
    ]
    assert all(d.type.value == "strike_on_civilians" for d in result.incidents)
    assert all(d.reporting_bodies == ["ua-military-admin"] for d in result.incidents)
    _check_quotes(text, result)


def test_a_digest_head_without_tolls_in_several_places_is_not_a_roundup():
    text = (
        "Протягом доби ворог завдав 390 ударів по 12 населених пунктах Запорізької області.\n"
        "Пошкоджено кілька приватних будинків і господарських споруд.\n"
        "Інформації про постраждалих не надходило.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.incidents == []


# S4: each roundup entry's day is its own or the head's, never another entry's.
def test_roundup_entry_dates_come_from_their_own_clause_or_the_head():
    text = (
        "Russian attacks kill 4, injure 15 over past day\n"
        "Russian attacks over the past day killed four people and injured 15 in several "
        "regions, local officials reported on March 10.\n"
        "Russia launched 97 drones and two missiles at Ukraine overnight, the Air Force said, "
        "adding that 60 drones were shot down.\n"
        "In Kherson Oblast, Russian shelling killed two people and injured seven.\n"
        "In Sumy Oblast, a drone struck a car late on Sunday, killing the driver, the regional "
        "administration said.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.kind.value == "roundup"
    got = [(d.region_code, d.date, d.date_reported) for d in result.incidents]
    assert got == [("UA-65", None, PUBLISHED), ("UA-59", dt.date(2025, 3, 9), None)]
    _check_quotes(text, result)


def test_past_day_roundup_entry_without_its_own_day_is_reported_on_the_report_day():
    text = (
        "Протягом доби ворог завдав 390 ударів по 12 населених пунктах Запорізької області.\n"
        "У Степногірську загинув чоловік.\n"
        "Вчора ввечері в Запоріжжі поранено двох людей.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    got = [(d.settlement, d.date, d.date_reported) for d in result.incidents]
    assert got == [("Stepnohirsk", None, PUBLISHED), ("Zaporizhzhia", dt.date(2025, 3, 9), None)]
    evidence = result.incidents[0].evidence["date_reported"]
    assert evidence.quote.startswith("Протягом доби")


# S5: back-references tell of an earlier incident.
@pytest.mark.parametrize(
    "recalled",
    [
        "As Ukrinform reported earlier, on March 2 Russian artillery shelled Marhanets, "
        "killing three civilians.",
        "Earlier, on March 2, Russian shelling of Marhanets killed three civilians.",
        "Recall that on March 2 a Russian strike on Marhanets killed three civilians.",
    ],
)
def test_a_back_reference_gives_no_figures_to_the_incident(recalled):
    text = (
        "Russian drone hits a car in Nikopol, injuring two\n"
        "A Russian drone struck a car in Nikopol on Sunday, injuring two men, the "
        "Dnipropetrovsk Regional Military Administration said.\n"
        f"{recalled}\n"
    )
    result = extract_text(text, published=PUBLISHED)
    (draft,) = result.incidents
    assert (draft.settlement, draft.killed, draft.injured) == ("Nikopol", None, 2)
    assert draft.date == dt.date(2025, 3, 9)


def test_a_ukrainian_reminder_paragraph_is_background_to_its_end():
    text = (
        "Російський дрон атакував автомобіль у Нікополі, поранено двох\n"
        "9 березня російський дрон атакував автомобіль у Нікополі, поранено двох чоловіків, "
        "повідомила Дніпропетровська ОВА.\n"
        "Нагадаємо, 2 березня росіяни обстріляли Марганець. Загинули троє цивільних.\n"
    )
    (draft,) = extract_text(text, published=PUBLISHED).incidents
    assert (draft.settlement, draft.killed, draft.injured) == ("Nikopol", None, 2)


def test_an_earlier_lower_toll_of_the_same_attack_does_not_hide_the_rest_of_its_paragraph():
    text = (
        "Кількість загиблих унаслідок удару по Сміли зросла до чотирьох\n"
        "Кількість загиблих унаслідок удару російського дрона по багатоповерхівці у Смілі "
        "зросла до чотирьох, повідомив начальник Черкаської ОВА.\n"
        "Раніше повідомлялося про трьох загиблих. Поранення дістали восьмеро людей.\n"
    )
    (draft,) = extract_text(text, published=PUBLISHED).incidents
    assert (draft.killed, draft.injured) == (4, 8)


# S6: "Source:" lines name who reported.
@pytest.mark.parametrize(
    "source",
    [
        "Source: Berdiansk City Military Administration",
        "Джерело: Бердянська міська військова адміністрація",
    ],
)
def test_a_source_line_names_the_reporting_body(source):
    text = (
        "Russian drone strikes minibus near Berdiansk, one killed\n"
        "A Russian drone struck a minibus near Berdiansk on Sunday, killing the driver and "
        "injuring two passengers.\n"
        f"{source}\n"
    )
    (draft,) = extract_text(text, published=PUBLISHED).incidents
    assert draft.reporting_bodies == ["ua-military-admin"]
    assert draft.evidence["reporting_bodies"].quote == source


def test_a_post_opening_with_the_hour_of_a_strike_is_an_incident_without_a_day():
    text = (
        "⚡️ Around 07:30 the enemy attacked Nikopol with a kamikaze drone.\n"
        "A 48-year-old man was injured\n"
        "He is in hospital in moderate condition\n"
        "Stay safe! 🙏\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.kind.value == "incident"
    (draft,) = result.incidents
    assert (draft.region_code, draft.settlement, draft.injured) == ("UA-12", "Nikopol", 1)
    assert draft.date is None  # the hour names no day: never guessed


def test_a_ukrainian_post_signed_by_the_oblast_administration():
    text = (
        "Сьогодні близько 10:40 російські військові скинули вибухівку з дрона на маршрутний "
        "автобус у Дніпровському районі Херсона.\n"
        "Поранено трьох пасажирів.\n"
        "Херсонська обласна військова адміністрація\n"
    )
    (draft,) = extract_text(text, published=PUBLISHED).incidents
    assert (draft.settlement, draft.injured) == ("Kherson", 3)
    assert draft.reporting_bodies == ["ua-military-admin"]


def test_a_clock_time_without_a_strike_does_not_make_an_incident():
    text = (
        "At 07:30 the council of Nikopol met to discuss the repair of shelters.\n"
        "Members approved the budget for the spring.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    assert result.incidents == []


def test_regional_report_never_places_an_entry_in_a_namesake_of_another_oblast():
    # The lede names Kherson Oblast and no other region.  Tokarivka's only entry
    # in the gazetteer is in Mykolaiv Oblast: the entry keeps the report's region,
    # at region precision, rather than a settlement in the wrong oblast.
    text = (
        "Kherson: strikes on a bus stop and a village, three dead\n"
        "Russian shelling of Kherson, Kherson Oblast, on Tuesday killed two people at a bus "
        "stop and injured three, head of the regional military administration said.\n"
        "Russian forces also shelled villages across the oblast. In Tokarivka a 60-year-old "
        "woman was killed in her garden, and a resident of Ivanivka was injured, he said.\n"
    )
    result = extract_text(text, published=PUBLISHED)
    places = {(d.region_code, d.settlement, d.geo_precision.value) for d in result.incidents}
    assert all(code == "UA-65" for code, _, _ in places), places
    assert ("UA-48", "Tokarivka", "settlement") not in places
    _check_quotes(text, result)


def test_furniture_counts_words_as_runs_of_non_spaces():
    import re
    import sys

    from incidents.extract.furniture import _words

    # str.split() splits on exactly the characters \s matches.
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert re.findall(r"\s", every) == [ch for ch in every if ch.isspace()]
    assert "".join(every.split()) == re.sub(r"\s", "", every)
    text = "Kharkiv\u00a0region \u2003 Exclusive\n— 21 October 2025"
    assert _words(text) == len(re.findall(r"\S+", text)) == 7
