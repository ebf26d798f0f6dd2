"""Settlement spellings across every region: transliterations, former names, Cyrillic,
Ukrainian and Russian case endings."""

from __future__ import annotations

import pytest

from incidents.geo import get_gazetteer
from incidents.vocab import REGIONS

SPELLINGS: list[tuple[str, str]] = [
 ("Cherkasy","UA-71"),("Черкаси","UA-71"),("Uman","UA-71"),("Умані","UA-71"),("Smila","UA-71"),
 ("Chernihiv","UA-74"),("Chernigov","UA-74"),("Чернігові","UA-74"),("Nizhyn","UA-74"),("Pryluky","UA-74"),
 ("Chernivtsi","UA-77"),("Chernovtsy","UA-77"),("Чернівцях","UA-77"),
 ("Simferopol","UA-43"),("Сімферополь","UA-43"),("Kerch","UA-43"),("Yevpatoriia","UA-43"),("Evpatoria","UA-43"),("Dzhankoi","UA-43"),("Feodosiia","UA-43"),
 ("Dnipro","UA-12"),("Dnipropetrovsk","UA-12"),("Дніпрі","UA-12"),("Kryvyi Rih","UA-12"),("Krivoy Rog","UA-12"),("Кривому Розі","UA-12"),("Kamianske","UA-12"),("Nikopol","UA-12"),("Marhanets","UA-12"),("Pavlohrad","UA-12"),
 ("Bakhmut","UA-14"),("Artemivsk","UA-14"),("Бахмуті","UA-14"),("Avdiivka","UA-14"),("Avdiyivka","UA-14"),("Avdeevka","UA-14"),("Авдіївці","UA-14"),("Pokrovsk","UA-14"),("Покровську","UA-14"),("Kramatorsk","UA-14"),("Краматорську","UA-14"),("Sloviansk","UA-14"),("Slavyansk","UA-14"),("Mariupol","UA-14"),("Маріуполі","UA-14"),("Chasiv Yar","UA-14"),("Toretsk","UA-14"),("Vuhledar","UA-14"),("Ugledar","UA-14"),("Kurakhove","UA-14"),("Selydove","UA-14"),("Myrnohrad","UA-14"),("Druzhkivka","UA-14"),("Siversk","UA-14"),("Soledar","UA-14"),("Marinka","UA-14"),("Мар'їнка","UA-14"),("Makiivka","UA-14"),("Horlivka","UA-14"),("Gorlovka","UA-14"),("Donetsk","UA-14"),
 ("Ivano-Frankivsk","UA-26"),("Ivano-Frankovsk","UA-26"),("Kalush","UA-26"),("Kolomyia","UA-26"),
 ("Kharkiv","UA-63"),("Kharkov","UA-63"),("Харкові","UA-63"),("Харкова","UA-63"),("Харькове","UA-63"),("Izium","UA-63"),("Izyum","UA-63"),("Ізюмі","UA-63"),("Kupiansk","UA-63"),("Kupyansk","UA-63"),("Куп'янську","UA-63"),("Vovchansk","UA-63"),("Balakliia","UA-63"),("Chuhuiv","UA-63"),("Lozova","UA-63"),
 ("Kherson","UA-65"),("Херсоні","UA-65"),("Херсоне","UA-65"),("Nova Kakhovka","UA-65"),("Новій Каховці","UA-65"),("Beryslav","UA-65"),("Oleshky","UA-65"),("Hola Prystan","UA-65"),
 ("Khmelnytskyi","UA-68"),("Khmelnitsky","UA-68"),("Kamianets-Podilskyi","UA-68"),("Starokostiantyniv","UA-68"),("Shepetivka","UA-68"),
 ("Kropyvnytskyi","UA-35"),("Kirovohrad","UA-35"),("Kirovograd","UA-35"),("Oleksandriia","UA-35"),
 ("Kyiv","UA-30"),("Kiev","UA-30"),("Київ","UA-30"),("Киев","UA-30"),("Києві","UA-30"),("Киеве","UA-30"),
 ("Bucha","UA-32"),("Бучі","UA-32"),("Irpin","UA-32"),("Ірпені","UA-32"),("Hostomel","UA-32"),("Borodianka","UA-32"),("Brovary","UA-32"),("Bila Tserkva","UA-32"),("Білій Церкві","UA-32"),("Vyshhorod","UA-32"),
 ("Luhansk","UA-09"),("Lugansk","UA-09"),("Sievierodonetsk","UA-09"),("Severodonetsk","UA-09"),("Lysychansk","UA-09"),("Lisichansk","UA-09"),("Rubizhne","UA-09"),("Popasna","UA-09"),("Kreminna","UA-09"),("Svatove","UA-09"),
 ("Lviv","UA-46"),("Lvov","UA-46"),("Львові","UA-46"),("Drohobych","UA-46"),("Yavoriv","UA-46"),("Stryi","UA-46"),
 ("Mykolaiv","UA-48"),("Nikolaev","UA-48"),("Миколаєві","UA-48"),("Ochakiv","UA-48"),("Voznesensk","UA-48"),
 ("Odesa","UA-51"),("Odessa","UA-51"),("Одесі","UA-51"),("Izmail","UA-51"),("Bilhorod-Dnistrovskyi","UA-51"),("Chornomorsk","UA-51"),
 ("Poltava","UA-53"),("Полтаві","UA-53"),("Kremenchuk","UA-53"),("Кременчуці","UA-53"),("Lubny","UA-53"),("Myrhorod","UA-53"),
 ("Rivne","UA-56"),("Rovno","UA-56"),("Dubno","UA-56"),("Varash","UA-56"),
 ("Sevastopol","UA-40"),("Севастополі","UA-40"),("Balaklava","UA-40"),
 ("Sumy","UA-59"),("Сумах","UA-59"),("Okhtyrka","UA-59"),("Shostka","UA-59"),("Konotop","UA-59"),("Romny","UA-59"),("Bilopillia","UA-59"),
 ("Ternopil","UA-61"),("Chortkiv","UA-61"),("Kremenets","UA-61"),
 ("Vinnytsia","UA-05"),("Vinnitsa","UA-05"),("Вінниці","UA-05"),("Zhmerynka","UA-05"),
 ("Lutsk","UA-07"),("Луцьку","UA-07"),("Kovel","UA-07"),
 ("Uzhhorod","UA-21"),("Uzhgorod","UA-21"),("Mukachevo","UA-21"),("Khust","UA-21"),
 ("Zaporizhzhia","UA-23"),("Zaporizhia","UA-23"),("Zaporozhye","UA-23"),("Запоріжжі","UA-23"),("Melitopol","UA-23"),("Мелітополі","UA-23"),("Enerhodar","UA-23"),("Energodar","UA-23"),("Berdiansk","UA-23"),("Berdyansk","UA-23"),("Tokmak","UA-23"),("Huliaipole","UA-23"),("Hulyaypole","UA-23"),("Gulyaipole","UA-23"),("Orikhiv","UA-23"),("Polohy","UA-23"),
 ("Zhytomyr","UA-18"),("Zhitomir","UA-18"),("Житомирі","UA-18"),("Korosten","UA-18"),("Berdychiv","UA-18"),
 ("Kursk","RU-KRS"),("Sudzha","RU-KRS"),("Суджі","RU-KRS"),("Rylsk","RU-KRS"),("Lgov","RU-KRS"),
 ("Belgorod","RU-BEL"),("Белгороде","RU-BEL"),("Shebekino","RU-BEL"),("Valuyki","RU-BEL"),("Graivoron","RU-BEL"),
 ("Bryansk","RU-BRY"),("Klintsy","RU-BRY"),("Starodub","RU-BRY"),
 ("Rostov-on-Don","RU-ROS"),("Taganrog","RU-ROS"),("Таганроге","RU-ROS"),("Novocherkassk","RU-ROS"),
 ("Voronezh","RU-VOR"),("Воронеже","RU-VOR"),("Boguchar","RU-VOR"),
]


def test_spellings_cover_every_region() -> None:
    assert {code for _, code in SPELLINGS} == set(REGIONS) and len(SPELLINGS) >= 100


@pytest.mark.parametrize(("name", "code"), SPELLINGS, ids=[s for s, _ in SPELLINGS])
def test_settlement_spelling_resolves(name: str, code: str) -> None:
    r = get_gazetteer().resolve(name)
    assert (r.region_code, r.precision.value) == (code, "settlement"), r.reason
    assert r.settlement and r.lat is not None and r.lon is not None
    assert r.source == "gazetteer" and not r.ambiguous


# Variant groups the issue names: every spelling in a group lands on one place.
GROUPS = [
    ("Kyiv", ["Kyiv", "Kiev", "Київ", "Киев", "Києві"]),
    ("Izium", ["Izium", "Izyum", "Ізюм", "Изюм"]),
    ("Avdiivka", ["Avdiivka", "Avdiyivka", "Avdeevka", "Авдіївка", "Авдеевка"]),
    ("Kupiansk", ["Kupiansk", "Kupyansk", "Куп'янськ", "Купянск"]),
    ("Huliaipole", ["Huliaipole", "Hulyaypole", "Gulyaipole", "Гуляйполе", "Гуляйполі"]),
    ("Kryvyi Rih", ["Kryvyi Rih", "Kryvyy Rih", "Krivoy Rog", "Кривий Ріг", "Кривой Рог"]),
    ("Bakhmut", ["Bakhmut", "Artemivsk", "Artemovsk", "Бахмут", "Артемівськ"]),
    ("Kropyvnytskyi", ["Kropyvnytskyi", "Kirovohrad", "Kirovograd", "Кропивницький"]),
    ("Dnipro", ["Dnipro", "Dnipropetrovsk", "Dnepropetrovsk", "Дніпро", "Днепр"]),
    ("Zaporizhzhia", ["Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Запоріжжя", "Запорожье"]),
    ("Kharkiv", ["Kharkiv", "Kharkov", "Харків", "Харьков", "Харкові", "Харькове"]),
    ("Kherson", ["Kherson", "Херсон", "Херсоні"]),
    ("Pokrovsk", ["Pokrovsk", "Покровськ", "Покровську", "Krasnoarmeysk"]),
    ("Bucha", ["Bucha", "Буча", "Бучі", "Бучу"]),
]


@pytest.mark.parametrize(("display", "spellings"), GROUPS, ids=[g for g, _ in GROUPS])
def test_variant_groups_meet(display: str, spellings: list[str]) -> None:
    gz = get_gazetteer()
    found = {gz.resolve(s).settlement for s in spellings}
    assert found == {display}


@pytest.mark.parametrize(
    ("name", "display"),
    [("Zaporizhzhya", "Zaporizhzhia"), ("Vinnytsya", "Vinnytsia"), ("Kryvyy Rih", "Kryvyi Rih"),
     ("Mykolayiv", "Mykolaiv"), ("Kamyanske", "Kamianske")],
)
def test_display_names_use_the_national_transliteration(name: str, display: str) -> None:
    assert get_gazetteer().resolve(name).settlement == display


@pytest.mark.parametrize(
    ("name", "display"),
    [("в Харкові", "Kharkiv"), ("у Херсоні", "Kherson"), ("в Покровську", "Pokrovsk"),
     ("у Бучі", "Bucha"), ("біля Ізюма", "Izium"), ("в Ірпені", "Irpin"),
     ("у Миколаєві", "Mykolaiv"), ("у Львові", "Lviv"), ("в Одесі", "Odesa"),
     ("в Маріуполі", "Mariupol"), ("в Авдіївці", "Avdiivka"), ("в Краматорске", "Kramatorsk"),
     ("в Мариуполе", "Mariupol"), ("в Бахмуте", "Bakhmut"), ("в Сумах", "Sumy")],
)
def test_case_endings_in_running_text(name: str, display: str) -> None:
    gz = get_gazetteer()
    mentions = [m for m in gz.scan(f"Вибух пролунав {name} вранці.") if m.kind == "settlement"]
    assert len(mentions) == 1
    assert gz.resolve_mention(mentions[0]).settlement == display
