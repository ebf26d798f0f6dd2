"""Place classes found on the development set, each on sentences written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from incidents.extract import extract_text

DAY = dt.date(2026, 3, 10)


def _only(text: str):
    result = extract_text(text, published=DAY)
    assert len(result.incidents) == 1, (result.kind, result.problems)
    return result.incidents[0]


def test_na_plus_locative_oblast_centre_is_the_oblast() -> None:
    d = _only(
        "На Запоріжжі дрон атакував автобус.\n\n"
        "Вчора біля села Новоіванівка Василівського району дрон влучив в автобус, "
        "поранено трьох пасажирів, повідомив начальник ОВА."
    )
    assert (d.region_code, d.settlement) == ("UA-23", "Novoivanivka")


def test_na_plus_accusative_is_the_city() -> None:
    d = _only(
        "Росія здійснила ракетну атаку на Одесу: загинули двоє людей.\n\n"
        "Вчора ввечері ракета влучила в житловий будинок, загинули двоє людей, "
        "повідомив начальник ОВА."
    )
    assert (d.region_code, d.settlement) == ("UA-51", "Odesa")


@pytest.mark.parametrize(
    "text",
    [
        "A drone hit a bus in Izium on Monday, injuring four people, the governor said. "
        "The injured were taken to hospital in Kharkiv.",
        "A drone hit a bus in Izium, 120 km south-east of Kharkiv, on Monday, injuring four "
        "people, the governor said.",
    ],
)
def test_hospital_town_and_landmark_are_not_the_place(text: str) -> None:
    d = _only(text)
    assert (d.region_code, d.settlement) == ("UA-63", "Izium")


def test_village_kept_only_when_its_district_follows_it() -> None:
    kept = _only(
        "Russian shelling killed a man in the village of Yablunivka in the Okhtyrka "
        "district of Sumy Oblast on Monday, police said."
    )
    assert (kept.region_code, kept.settlement, kept.lat) == ("UA-59", "Yablunivka", None)
    loose = _only(
        "Russian shelling killed a man in the village of Yablunivka on Monday, police said. "
        "Police in Sumy Oblast are investigating."
    )
    # The oblast named in another sentence places the incident, not the village in it.
    assert (loose.region_code, loose.settlement) == ("UA-59", None)


# --- classes found on real published reports (places, districts, suburbs, names) ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Окупанти обстріляли передмістя Миколаєва, поранено двох людей, повідомив "
            "начальник ОВА.",
            ("UA-48", "Mykolaiv", "near_settlement"),
        ),
        (
            "В пригороде Херсона в результате обстрела ранены два человека, сообщил "
            "глава ОВА.",
            ("UA-65", "Kherson", "near_settlement"),
        ),
        (
            "A Russian drone hit a house in the suburbs of Dnipro on Monday, injuring two "
            "people, the governor said.",
            ("UA-12", "Dnipro", "near_settlement"),
        ),
    ],
)
def test_suburbs_are_near_the_city(text: str, expected: tuple[str, str, str]) -> None:
    d = _only(text)
    assert (d.region_code, d.settlement, d.geo_precision.value) == expected


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Вчора росіяни обстріляли Ізюмщину, загинув чоловік, повідомив начальник ОВА.",
         "UA-63"),
        ("Вчора дрон атакував громаду Криворізького району, поранено жінку, повідомив "
         "начальник ОВА.", "UA-12"),
        ("Вчора окупанти обстріляли Одеський район, поранено двох людей, повідомив "
         "начальник ОВА.", "UA-51"),
    ],
)
def test_district_named_after_a_city_is_its_region_only(text: str, region: str) -> None:
    d = _only(text)
    assert (d.region_code, d.settlement, d.geo_precision.value) == (region, None, "region")


def test_unheld_village_in_an_oblique_case_is_not_transliterated() -> None:
    # 'у селі Рижівці' may be a locative: its transliteration could name no village.
    d = _only(
        "Вчора росіяни обстріляли околиці, у селі Рижівці Куп'янського району поранено "
        "чоловіка, повідомила обласна прокуратура."
    )
    assert (d.region_code, d.settlement) == ("UA-63", None)


def test_unheld_village_never_kept_in_cyrillic() -> None:
    d = _only(
        "Вчера россияне обстреляли село Кутьковка Купянского района, ранен мужчина, "
        "сообщила областная прокуратура."
    )
    assert d.region_code == "UA-63"
    assert d.settlement is None or d.settlement.isascii()


# A city's district ("у Київському районі міста", "в Киевском районе Одессы", "the
# Kyivskyi district of Kharkiv") named like an oblast or a town elsewhere: the place is the
# city the report names (or the one its oblast holds), never the oblast the name resembles.
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Удар по Харкову\n\nВночі росіяни атакували Харків дронами. У Київському районі "
         "поранено двох людей, повідомив Ігор Терехов.", ("UA-63", "Kharkiv")),
        ("Удар по житловому будинку\n\nСьогодні дрон влучив у будинок у Київському районі "
         "міста, поранено двох людей, повідомив начальник Одеської ОВА Олег Кіпер.",
         ("UA-51", "Odesa")),
        ("Удар по житловому будинку\n\nСьогодні дрон влучив у будинок у Київському районі "
         "міста, поранено двох людей, повідомив міський голова.", (None, None)),
        ("Удар по жилому дому\n\nСегодня дрон попал в дом в Днепровском районе города, "
         "ранены два человека, сообщил глава Херсонской ОВА.", ("UA-65", "Kherson")),
        ("Удар по Кривому Рогу\n\nСьогодні ракета влучила в будинок у Центрально-Міському "
         "районі, поранено двох людей, повідомив Олександр Вілкул.", ("UA-12", "Kryvyi Rih")),
        ("Drone hits apartment block\n\nA drone hit an apartment block in the city's "
         "Shevchenkivskyi district on Monday, injuring two people, Zaporizhzhia Oblast "
         "Governor Ivan Fedorov said.", ("UA-23", "Zaporizhzhia")),
        ("Drone hits apartment block\n\nA drone hit an apartment block in the "
         "Nemyshlianskyi district on Monday, injuring two people, the mayor said.",
         ("UA-63", "Kharkiv")),
    ],
)
def test_city_district_is_the_city_never_the_oblast_it_resembles(
    text: str, place: tuple[str | None, str | None]
) -> None:
    d = _only(text)
    assert (d.region_code, d.settlement) == place


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Обстріл громади\n\nСьогодні внаслідок обстрілу у Покровському районі Донецької "
         "області поранено двох людей, повідомила поліція.", "UA-14"),
        ("Обстріл\n\nСьогодні дрон атакував Подільський район Одеської області, поранено двох "
         "людей, повідомив Олег Кіпер.", "UA-51"),
        # Only the oblast names it: the raion (Dnipro's) or Kamianske's district, the old
        # raion (Shevchenkove's) or Kharkiv's district: the oblast, no city guessed.
        ("Удар по району\n\nВночі ворог атакував дронами Дніпровський район, поранено двох "
         "людей, повідомив голова Дніпропетровської ОВА.", "UA-12"),
        ("Удар по району\n\nВночі ворог атакував Шевченківський район, поранено двох людей, "
         "повідомив голова Харківської ОВА.", "UA-63"),
    ],
)
def test_raion_named_like_a_city_district_keeps_its_oblast(text: str, code: str) -> None:
    d = _only(text)
    assert (d.region_code, d.settlement) == (code, None)


# A hromada named after a centre whose name repeats across oblasts ("Березанська": Berezan
# in Kyiv Oblast, Berezanka in Mykolaiv Oblast) is placed by the report's own region, and
# gets none when the report cannot tell: never the first namesake found.
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Обстріл громади\n\nСьогодні внаслідок удару дрона у Березанській громаді поранено "
         "чоловіка, повідомили в Миколаївській ОВА.", "UA-48"),
        ("Обстріл громади\n\nСьогодні внаслідок удару дрона у Березанській громаді поранено "
         "чоловіка, повідомили в Київській ОВА.", "UA-32"),
        ("Обстріл громади\n\nСьогодні внаслідок удару дрона у Березанській громаді поранено "
         "чоловіка, повідомили в ОВА.", None),
        # A regional report whose oblast holds none of the namesakes: the report's oblast,
        # not another's.
        ("Сумщина\n\nСьогодні внаслідок удару дрона у Березанській громаді поранено "
         "чоловіка, повідомили в ОВА.", "UA-59"),
        ("Удар по громаді\n\nСьогодні внаслідок обстрілу у Покровській громаді Синельниківського "
         "району поранено жінку, повідомили в ОВА.", "UA-12"),
        ("Shelling\n\nA drone strike wounded a man in the Berezanska hromada on Monday, the "
         "Mykolaiv Regional Military Administration said.", "UA-48"),
    ],
)
def test_homonym_hromada_takes_the_reports_region_or_none(text: str, code: str | None) -> None:
    d = _only(text)
    assert (d.region_code, d.settlement) == (code, None)


# A hromada or district named in any case ("Покровську громаду", "Покровскую общину",
# "громадах") or in a list closed by a plural district word ("Межівську, Покровську та
# Слов'янську громади", "the Chuhuiv and Izium districts") is a district, never the town
# its name resembles.
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Дрони атакували громади: поранено чоловіка\n\nУпродовж дня ворог атакував "
         "дронами Межівську, Покровську та "
         "Слов'янську громади. Поранено 57-річного чоловіка, пошкоджено два будинки, "
         "повідомив Сергій Лисак.", ("UA-12", None)),
        ("Shelling\n\nRussian forces shelled the Velykyi Burluk and Kupiansk hromadas on "
         "Monday, wounding a woman, police said.", ("UA-63", None)),
        ("Удар\n\nВночі ворог атакував Київський та Шевченківський райони Харкова, поранено "
         "двох людей.", ("UA-63", "Kharkiv")),
    ],
)
def test_districts_in_any_case_and_in_lists_are_districts(
    text: str, place: tuple[str | None, str | None]
) -> None:
    d = _only(text)
    assert (d.region_code, d.settlement) == place


# A Ukrainian neuter name with a soft sign ("Приморське", "Покровське") is the village
# so named, never the "-ськ" town whose vocative the fold makes of it (Prymorsk,
# Pokrovsk); the Russian locative "в Приморске" (no soft sign) may still be the town.
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Атака\n\nУчора ввечері ворог атакував Приморське Запорізького району: поранено "
         "14-річного хлопця, повідомив начальник Запорізької ОВА.", ("UA-23", "Prymorske")),
        ("Удар\n\nУ неділю росіяни скинули авіабомбу на Покровське Донецької області, "
         "поранено двох людей.", ("UA-14", "Pokrovske")),
    ],
)
def test_a_soft_sign_neuter_name_is_the_village_not_a_town(
    text: str, place: tuple[str, str]
) -> None:
    d = _only(text)
    assert (d.region_code, d.settlement) == place


# A village below the gazetteer's size introduced by a settlement cue and placed by its
# district: a masculine name in the nominative ends in a consonant ("Байрак"), and a
# Russian spelling gives the Ukrainian name where no letter is in doubt ("Граково" ->
# Hrakove, "Байрак"); a village in Russia keeps no guessed Ukrainian name.
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Обстріл\n\nУвечері росіяни обстріляли село Байрак Ізюмського району, поранено "
         "жінку, повідомили в поліції.", ("UA-63", "Bairak")),
        ("Обстрел\n\nВечером россияне обстреляли село Байрак Изюмского района, ранена "
         "женщина, сообщили в полиции.", ("UA-63", "Bairak")),
        ("Обстрел\n\nУтром дрон атаковал автомобиль в селе Граково Чугуевского района, "
         "ранен водитель, сообщили в прокуратуре.", ("UA-63", "Hrakove")),
    ],
)
def test_a_cued_village_below_the_gazetteers_size_keeps_its_name(
    text: str, place: tuple[str, str]
) -> None:
    d = _only(text)
    assert (d.region_code, d.settlement) == place


def test_an_unplaced_village_leaves_the_region_not_the_courts_city() -> None:
    # The village the text ties to the killing is unknown to the gazetteer and its sentence
    # names no region: the headline's oblast is kept, never the court's city.
    d = _only(
        "Russian soldier sentenced for killings in Chernihiv region\n\n"
        "A court in Chernihiv sentenced in absentia a Russian soldier who shot dead two "
        "residents of the village of Mriia on March 9, 2022, prosecutors said."
    )
    assert (d.region_code, d.settlement) == ("UA-74", None)


@pytest.mark.parametrize(
    ("text", "settlement"),
    [
        ("Drone strike near Nikopol.\n\nA drone wounded a man in the village of "
         "Chervonohryhorivka in the Nikopol district on Monday, the governor said.",
         "Chervonohryhorivka"),
        ("У Херсоні лікарі рятують чоловіка, якого вчора поранив дрон у селищі Білозерка, "
         "повідомила ОВА.", "Bilozerka"),
    ],
)
def test_a_village_the_text_introduces_outranks_a_bare_town(text: str, settlement: str) -> None:
    assert _only(text).settlement == settlement


@pytest.mark.parametrize(
    "text",
    [
        "Вчора в Херсоні дрон поранив 40-річного чоловіка з села Кізомис, повідомила ОВА.",
        "A drone wounded a man in Kherson on Monday, the governor said. He had moved to the "
        "city from the village of Kizomys.",
    ],
)
def test_the_village_a_victim_comes_from_is_not_the_place(text: str) -> None:
    d = _only(text)
    assert (d.region_code, d.settlement) == ("UA-65", "Kherson")
