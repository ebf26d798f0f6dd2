"""Quality fixes found on news reports: display names, people's names, common words,
districts, lists of regions, villages below the gazetteer's size named with a cue."""

from __future__ import annotations

import json

import pytest

from incidents.errors import GeocodeError
from incidents.geo import get_gazetteer
from incidents.geo.districts import load_city_districts, load_city_sections, town_keys
from incidents.geo.index import plain_display, russian_display
from incidents.geo.text import fold


def _found(text: str) -> list[tuple[str, str, str | None, str | None, str]]:
    return [(m.surface, m.kind, r.settlement, r.region_code, r.precision.value)
            for m, r in get_gazetteer().resolve_all(text)]


# ------------------------------------------------------------ display names


@pytest.mark.parametrize(
    ("query", "display", "code"),
    [
        ("Ryl’sk", "Rylsk", "RU-KRS"), ("Rylsk", "Rylsk", "RU-KRS"), ("L’gov", "Lgov", "RU-KRS"),
        ("Lgov", "Lgov", "RU-KRS"), ("Graivoron", "Graivoron", "RU-BEL"),
        ("Grayvoron", "Graivoron", "RU-BEL"), ("Грайворон", "Graivoron", "RU-BEL"),
        ("Odessa", "Odesa", "UA-51"),
        ("Kiev", "Kyiv", "UA-30"), ("Kharkov", "Kharkiv", "UA-63"),
        ("Nikolaev", "Mykolaiv", "UA-48"), ("Lugansk", "Luhansk", "UA-09"),
        ("Dnepr", "Dnipro", "UA-12"), ("Zaporozhye", "Zaporizhzhia", "UA-23"),
        ("Krivoy Rog", "Kryvyi Rih", "UA-12"), ("Куп'янськ", "Kupiansk", "UA-63"),
        ("Sievierodonetsk", "Sievierodonetsk", "UA-09"),
        ("Severodonetsk", "Sievierodonetsk", "UA-09"),
        ("Siverskodonetsk", "Sievierodonetsk", "UA-09"),
        ("Volodymyr-Volynskyi", "Volodymyr", "UA-07"),
    ],
)
def test_display_name_rule(query: str, display: str, code: str) -> None:
    r = get_gazetteer().resolve(query)
    assert (r.settlement, r.region_code) == (display, code)


def test_no_display_name_keeps_an_apostrophe_or_yo() -> None:
    names = [p[1] for p in get_gazetteer().index.places]
    assert not [n for n in names if any(c in n for c in "'’ʼʹ`´ëË")]


def test_plain_display_drops_soft_signs_only() -> None:
    assert plain_display("Rep’yëvka") == "Repyevka"
    assert plain_display("Bol’shoye Soldatskoye") == "Bolshoye Soldatskoye"
    assert plain_display("Grayvoron") == "Grayvoron"


def test_russian_display_writes_short_i_before_a_consonant() -> None:
    assert russian_display("Grayvoron") == "Graivoron"
    assert russian_display("Krasnaya Yaruga") == "Krasnaya Yaruga"
    assert russian_display("Bol’shoye Soldatskoye") == "Bolshoye Soldatskoye"


# --------------------------------------------------------- people and words


@pytest.mark.parametrize(
    "text",
    [
        "President Volodymyr Zelensky said the strike was deliberate.",
        "Serhii Lysak, the head of the administration, spoke.",
        "Journalist Viktoriia Roshchyna died in Russian captivity.",
        "Ivan Fedorov reported the damage.",
        "Oleh Syniehubov and Vadym Filashkin confirmed it.",
        "Stepan Maselskyi led the search.",
        "Про це заявив президент Володимир Зеленський.",
        "за словами Кирила Тимошенка, загиблих немає",
        "Police said the UN Human Rights Monitoring Mission told Ukrainska Pravda.",
        "NEW YORK — The Security Council met.",
        "Біля школи. Сили оборони. Атаки тривали. Українські військові повернулися.",
        "Mayor Andrii Sadovyi said so.",
    ],
)
def test_no_settlement_in_people_and_common_words(text: str) -> None:
    assert [f for f in _found(text) if f[1] == "settlement"] == []


@pytest.mark.parametrize(
    ("text", "surface", "settlement"),
    [
        ("A Russian attack on Stanislav killed one woman.", "Stanislav", "Stanislav"),
        ("Shelling of Volodymyr, Volyn Oblast, damaged a school.", "Volodymyr", "Volodymyr"),
        ("Serhii Lysak said Kryvyi Rih was hit.", "Kryvyi Rih", "Kryvyi Rih"),
        ("the village of Stepan, Rivne Oblast", "Stepan", "Stepan"),
    ],
)
def test_given_name_alone_may_still_be_a_place(text: str, surface: str, settlement: str) -> None:
    found = [f for f in _found(text) if f[1] == "settlement"]
    assert [(f[0], f[2]) for f in found] == [(surface, settlement)]


def test_common_word_after_a_cue_is_a_place() -> None:
    found = _found("A drone hit the village of Pravda in Crimea.")
    assert ("Pravda", "settlement", "Pravda", "UA-43", "settlement") in found


# ---------------------------------------------------------------- districts


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Shelling of the Polohy district continued.", "UA-23"),
        ("in the Pokrovsk district", "UA-14"),
        ("in Bucha raion", "UA-32"),
        ("Кramatorskyi raion was hit", "UA-14"),  # a Cyrillic К in a Latin word
        ("Kramatorskyi raion was hit", "UA-14"),
        ("Bakhmutskyi district", "UA-14"),
        ("Synelnykivskyi raion", "UA-12"),
        ("у Синельниківському районі загинув чоловік", "UA-12"),
        ("Синельниківський район", "UA-12"),
        ("в Пологівському районі", "UA-23"),
        ("Бучанського району", "UA-32"),
        ("Kupiansk district, Kharkiv Oblast", "UA-63"),
        ("fighting on the Pokrovsk direction", "UA-14"),
        ("на Покровському напрямку", "UA-14"),
        ("Kupiansk axis", "UA-63"),
    ],
)
def test_district_resolves_to_its_region(text: str, code: str) -> None:
    found = _found(text)
    assert found[0][1:] == ("region", None, code, "region")
    assert [f for f in found if f[1] == "settlement"] == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("У Музиківській громаді поранено жінку", "UA-65"),  # Muzykivka: 2,700 people
        ("Куцурубська громада зазнала обстрілу", "UA-48"),  # Kutsurub: 2,100 people
    ],
)
def test_hromada_named_after_a_village_resolves_to_its_region(text: str, code: str) -> None:
    found = _found(text)
    assert found[0][1:] == ("region", None, code, "region")


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Березанська громада зазнала обстрілу", {"UA-32", "UA-48"}),  # Berezan, Berezanka
        ("у Покровській громаді", {"UA-14", "UA-12"}),  # Pokrovsk, Pokrov
        ("Хотінська громада", {"UA-77", "UA-59"}),  # Khotyn, Khotin
    ],
)
def test_hromada_with_namesakes_in_several_oblasts_names_none(text: str, codes: set[str]) -> None:
    # Every town the adjective may come from is a candidate; the report's region decides.
    (m,) = get_gazetteer().scan(text)
    assert m.region_code is None
    assert codes <= {c.region_code for c in m.candidates}


@pytest.mark.parametrize(
    ("text", "districts"),
    [
        ("атакував Межівську, Покровську та Слов'янську громади",
         ["Межівську", "Покровську", "Слов'янську громади"]),
        ("бив по Межівській та Покровській громадах", ["Межівській", "Покровській громадах"]),
        ("атакував Покровську громаду", ["Покровську громаду"]),
        ("атаковал Покровскую общину", ["Покровскую общину"]),
        ("the Chuhuiv and Izium districts", ["Chuhuiv", "Izium districts"]),
    ],
)
def test_hromadas_in_any_case_and_in_lists_are_districts(
    text: str, districts: list[str]
) -> None:
    found = get_gazetteer().scan(text)
    assert [m.surface for m in found if m.district] == districts
    assert [m.surface for m in found if m.kind == "settlement"] == []


def test_a_town_before_a_list_of_hromadas_stays_the_town() -> None:
    found = get_gazetteer().scan("Атакував Нікополь, Покровську і Червоногригорівську громади.")
    assert [(m.surface, m.kind) for m in found][0] == ("Нікополь", "settlement")


def test_raion_is_never_named_after_a_village() -> None:
    # A raion's centre is a town: a village's adjective before "району" is no district.
    assert [f for f in _found("Музиківського району") if f[1] == "region"] == []


def test_every_city_with_districts_is_in_the_gazetteer() -> None:
    gz = get_gazetteer()
    found = {gz.index.places[p][1] for ids in gz.scanner.city_stems.values() for p in ids}
    assert found == {city for city, _code, _names in load_city_districts()}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"city": "Kyiv", "region": "UA-99", "uk": [], "ru": []}, "unknown region code"),
        ({"city": "Kyiv", "region": "UA-30", "uk": ["Kyivskyi"], "ru": []}, "Cyrillic"),
        ({"city": "Kyiv", "region": "UA-30", "uk": []}, "exactly the fields"),
    ],
)
def test_city_districts_file_is_validated(tmp_path, row, message) -> None:
    bad = tmp_path / "city_districts.json"
    bad.write_text(json.dumps({"cities": [row]}), encoding="utf-8")
    with pytest.raises(GeocodeError, match=message):
        load_city_districts(bad)


@pytest.mark.parametrize(
    "text",
    ["у Київському районі міста", "в Киевском районе города", "у Дніпровському районі",
     "the Kyivskyi district of the city", "in the city's Dniprovskyi district"],
)
def test_city_district_without_its_city_names_no_region(text: str) -> None:
    # Several cities have a district of this name, and no raion is named after Kyiv.
    assert [f for f in _found(text) if f[3] is not None] == []


@pytest.mark.parametrize(
    ("text", "city", "code"),
    [
        ("на Салтівці", "Kharkiv", "UA-63"),  # GeoNames: Saltivka, 409,300 people
        ("на Північній Салтівці", "Kharkiv", "UA-63"),
        ("на Позняках", "Kyiv", "UA-30"),  # every record in Kyiv is Kyiv
        ("у Дарниці", "Kyiv", "UA-30"),
        ("на Черемушках", "Odesa", "UA-51"),
        ("на Сихові", "Lviv", "UA-46"),
        ("in Pravyi Bereh", "Mariupol", "UA-14"),
        ("in Zarichnyi", "Sumy", "UA-59"),  # a record named like one of Sumy's districts
    ],
)
def test_a_part_of_a_city_is_the_city(text: str, city: str, code: str) -> None:
    assert [(f[2], f[3]) for f in _found(text) if f[1] == "settlement"] == [(city, code)]


@pytest.mark.parametrize(
    ("text", "town", "code"),
    [("у Макіївці", "Makiivka", "UA-14"), ("у Підгородному", "Pidhorodne", "UA-12"),
     ("in Vyshneve", "Vyshneve", "UA-32")],
)
def test_a_town_beside_a_city_stays_a_town(text: str, town: str, code: str) -> None:
    assert [(f[2], f[3]) for f in _found(text) if f[1] == "settlement"] == [(town, code)]


def test_city_sections_file_is_validated(tmp_path) -> None:
    bad = tmp_path / "city_districts.json"
    bad.write_text(json.dumps({"sections": [{"place": "Saltivka", "region": "UA-63"}]}),
                   encoding="utf-8")
    with pytest.raises(GeocodeError, match="exactly the fields"):
        load_city_sections(bad)


def test_city_district_after_a_possessive_is_dropped() -> None:
    found = _found("Russian forces shelled Kherson's Dniprovskyi district on Thursday.")
    assert found == [("Kherson", "settlement", "Kherson", "UA-65", "settlement")]


@pytest.mark.parametrize(
    ("adjective", "town"),
    [("Pokrovskyi", "Pokrovsk"), ("Bakhmutskyi", "Bakhmut"), ("Polohivskyi", "Polohy"),
     ("Buchanskyi", "Bucha"), ("Vasylivskyi", "Vasylivka"), ("Dniprovskyi", "Dnipro"),
     ("Synelnykivskyi", "Synelnykove"), ("Lozivskyi", "Lozova"),
     ("Синельниківському", "Синельникове"), ("Пологівського", "Пологи"),
     ("Бучанський", "Буча"), ("Покровському", "Покровськ"),
     ("Синельниковского", "Синельниково"), ("Апостоловского", "Апостолово")],
)
def test_town_keys_follow_the_regular_rules(adjective: str, town: str) -> None:
    assert fold(town) in town_keys(fold(adjective))


def test_town_keys_of_a_non_adjective_are_none() -> None:
    assert town_keys(fold("Kryvyi Rih")) == [] and town_keys(fold("Bakhmut")) == []


# ------------------------------------------------------------ region lists


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Chernihiv, Mykolaiv, Dnipropetrovsk, Luhansk and Odesa oblasts also came under fire",
         ["UA-74", "UA-48", "UA-12", "UA-09", "UA-51"]),
        ("Blasts in the Ternopil, Ivano-Frankivsk and Lviv regions",
         ["UA-61", "UA-26", "UA-46"]),
        ("у Харківській, Херсонській та Запорізькій областях", ["UA-63", "UA-65", "UA-23"]),
        ("Belgorod, Kursk, Bryansk regions", ["RU-BEL", "RU-KRS", "RU-BRY"]),
    ],
)
def test_list_of_regions_is_all_regions(text: str, codes: list[str]) -> None:
    found = _found(text)
    assert [f[1] for f in found] == ["region"] * len(codes)
    assert [f[3] for f in found] == codes


@pytest.mark.parametrize(
    ("text", "code"),
    [("Дніпропетровська ОВА", "UA-12"), ("Донецької ОВА", "UA-14"),
     ("Новини Запорізького краю", "UA-23"), ("Kirovohrad Regional Military Administration",
                                            "UA-35")],
)
def test_administration_names_are_regions(text: str, code: str) -> None:
    assert _found(text)[0][1:] == ("region", None, code, "region")


def test_region_adjective_alone_is_not_a_village() -> None:
    found = _found("Херсонській — 156, Запорізькій — 130 та Київській — 131")
    assert [f for f in found if f[1] == "settlement"] == []


# -------------------------------------------- villages below the gazetteer's size


@pytest.mark.parametrize(
    ("text", "settlement", "code"),
    [
        ("the village of Hroza in Kharkiv Oblast", "Hroza", "UA-63"),
        ("the village of Hrakove, Kharkivshchyna", "Hrakove", "UA-63"),
        ("с. Гроза на Харківщині", "Гроза", "UA-63"),
        ("a drone hit the village of Natalivka in the Kharkov region", "Natalivka", "UA-63"),
        ("Shelling of Sumy Oblast: in the village of Zakitne a man was hurt", "Zakitne",
         "UA-59"),
    ],
)
def test_cued_village_below_size_takes_the_region_of_the_text(
    text: str, settlement: str, code: str
) -> None:
    found = [f for f in _found(text) if f[1] == "settlement"]
    assert found == [(settlement, "settlement", settlement, code, "region")]


def test_cued_village_region_next_to_it_beats_other_regions() -> None:
    text = ("Kyiv Oblast was quiet. The village of Hroza in Kharkiv Oblast was struck; "
            "Odesa Oblast reported no damage.")
    found = [f for f in _found(text) if f[1] == "settlement"]
    assert found == [("Hroza", "settlement", "Hroza", "UA-63", "region")]


def test_cued_village_without_a_single_region_stays_unresolved() -> None:
    text = "The village of Hroza was struck; Kyiv Oblast and Odesa Oblast also reported damage."
    found = [f for f in _found(text) if f[1] == "settlement"]
    assert found == [("Hroza", "settlement", None, None, "unknown")]


def test_unknown_capitalised_name_without_a_cue_is_no_mention() -> None:
    assert _found("Hroza residents gathered in Kharkiv Oblast.") == [
        ("Kharkiv Oblast", "region", None, "UA-63", "region")]


@pytest.mark.parametrize(
    ("text", "settlement", "code"),
    [("Mala Tokmachka, Zaporizhzhia Oblast", "Mala Tokmachka", "UA-23"),
     ("the village of Viroliubivka, Donetsk Oblast", "Viroliubivka", "UA-14"),
     ("посёлок Климово Брянской области", "Klimovo", "RU-BRY"),
     ("Климово находится у границы", "Klimovo", "RU-BRY")],
)
def test_villages_in_the_gazetteer_stay_settlements(text: str, settlement: str, code: str) -> None:
    found = [f for f in _found(text) if f[1] == "settlement"]
    assert found[0][2:] == (settlement, code, "settlement")


def test_case_form_of_a_town_competes_with_a_village_base_name() -> None:
    """'У Лимані' is Lyman's locative and also the name of villages (Лимани)."""
    found = _found("Донецька ОВА повідомила: у Лимані загинула людина.")
    assert found[-1] == ("Лимані", "settlement", "Lyman", "UA-14", "settlement")


@pytest.mark.parametrize(
    ("text", "town", "with_town"),
    [
        ("Приморське", "Prymorsk", False),  # the village's nominative, soft sign and all
        ("Покровське", "Pokrovsk", False),
        ("в Приморске", "Prymorsk", True),  # the Russian locative may be the town
        ("в Покровске", "Pokrovsk", True),
    ],
)
def test_a_soft_sign_before_the_ending_keeps_the_town_out(
    text: str, town: str, with_town: bool
) -> None:
    [m] = [m for m in get_gazetteer().scan(text) if m.kind == "settlement"]
    assert (town in {c.settlement for c in m.candidates}) is with_town


# ------------------------------------------ Russian spellings of Ukrainian names


@pytest.mark.parametrize(
    ("russian", "ukrainian"),
    [
        ("Одноробовка", "Одноробівка"), ("Граково", "Гракове"), ("Шестаково", "Шестакове"),
        ("Байрак", "Байрак"), ("Малая Рогань", "Мала Рогань"), ("Богодухов", "Богодухів"),
        ("Большая Рогань", "Велика Рогань"),  # an adjective Russian translates
        # A letter with two Ukrainian counterparts, or an old "ѣ" root: no guess.
        ("Ивановка", None), ("Белая", None), ("Лесное", None), ("Андреевка", None),
        ("Енакиево", None), ("Балаклея", None),
    ],
)
def test_ukrainian_name_from_a_russian_spelling(russian: str, ukrainian: str | None) -> None:
    from incidents.geo.text import ukrainian_from_russian

    assert ukrainian_from_russian(russian) == ukrainian


@pytest.mark.parametrize(
    ("text", "settlement"),
    [
        ("в селе Малая Рогань", "Mala Rohan"),  # not Rohan, the village beside it
        ("в Малой Рогани", "Mala Rohan"),
        ("в Борисовке", "Borisovka"),  # a Russian town's own form beats the guessed ones
    ],
)
def test_russian_spelling_of_a_ukrainian_village_is_found(text: str, settlement: str) -> None:
    [m] = [m for m in get_gazetteer().scan(text) if m.kind == "settlement"]
    assert {c.settlement for c in m.candidates} == {settlement}
