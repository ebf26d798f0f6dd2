"""Every region in every language form resolves to its ISO code, at region precision."""

from __future__ import annotations

import pytest

from incidents.geo import get_gazetteer
from incidents.vocab import REGIONS

# Hand-written forms, one row per region: English, adjectival, "the X region",
# direction, Ukrainian (nominative + oblique cases), Russian, -shchyna forms.
FORMS: dict[str, list[str]] = {
    "UA-71": ["Cherkasy Oblast", "the Cherkasy region", "Cherkaska oblast", "Черкаська область",
              "у Черкаській області", "Черкасская область", "Черкащина", "на Черкащині"],
    "UA-74": ["Chernihiv Oblast", "Chernihiv region", "Chernihivska oblast", "Chernigov region",
              "Чернігівська область", "Чернігівської області", "Черниговская область",
              "Чернігівщина", "на Чернігівщині", "Chernihivshchyna"],
    "UA-77": ["Chernivtsi Oblast", "the Chernivtsi region", "Chernivetska oblast",
              "Чернівецька область", "Черновицкой области"],
    "UA-43": ["Crimea", "Krym", "Autonomous Republic of Crimea", "Крим", "в Криму", "Крым",
              "в Крыму"],
    "UA-12": ["Dnipropetrovsk Oblast", "the Dnipropetrovsk region", "Dnipro region",
              "Dnipropetrovska oblast", "Дніпропетровська область", "Дніпропетровській області",
              "Днепропетровская область", "Дніпропетровщина", "на Дніпропетровщині"],
    "UA-14": ["Donetsk Oblast", "the Donetsk region", "Donetska oblast", "Donetsk direction",
              "Донецька область", "Донецької області", "в Донецькій області",
              "Донецкая область", "в Донецкой области", "Донеччина", "на Донеччині",
              "Donechchyna"],
    "UA-26": ["Ivano-Frankivsk Oblast", "the Ivano-Frankivsk region", "Ivano-Frankivska oblast",
              "Івано-Франківська область", "Ивано-Франковской области"],
    "UA-63": ["Kharkiv Oblast", "Kharkiv region", "Kharkov region", "Kharkivska oblast",
              "Kharkiv direction", "Kharkivshchyna", "Харківська область", "Харківської області",
              "Харьковская область", "Харківщина", "на Харківщині", "Харьковщина",
              "Харківський напрямок"],
    "UA-65": ["Kherson Oblast", "the Kherson region", "Khersonska oblast", "Kherson direction",
              "Херсонська область", "в Херсонській області", "Херсонская область",
              "Херсонщина", "на Херсонщині"],
    "UA-68": ["Khmelnytskyi Oblast", "the Khmelnytskyi region", "Khmelnytska oblast",
              "Khmelnitsky region", "Хмельницька область", "Хмельницкой области", "Хмельниччина"],
    "UA-35": ["Kirovohrad Oblast", "the Kirovohrad region", "Kirovohradska oblast",
              "Кіровоградська область", "Кировоградской области", "Кіровоградщина"],
    "UA-30": ["Kyiv city", "City of Kyiv"],
    "UA-32": ["Kyiv Oblast", "Kyiv region", "the Kyiv region", "Kyivska oblast", "Kiev region",
              "Київська область", "в Київській області", "Киевская область", "Київщина",
              "на Київщині", "Kyivshchyna"],
    "UA-09": ["Luhansk Oblast", "the Luhansk region", "Luhanska oblast", "Lugansk region",
              "Луганська область", "Луганської області", "Луганская область", "Луганщина",
              "на Луганщині"],
    "UA-46": ["Lviv Oblast", "the Lviv region", "Lvivska oblast", "Львівська область",
              "Львовской области", "Львівщина", "на Львівщині"],
    "UA-48": ["Mykolaiv Oblast", "the Mykolaiv region", "Mykolaivska oblast", "Nikolaev region",
              "Миколаївська область", "Николаевской области", "Миколаївщина", "на Миколаївщині"],
    "UA-51": ["Odesa Oblast", "the Odesa region", "Odessa region", "Odeska oblast",
              "Одеська область", "в Одеській області", "Одесская область", "Одещина", "на Одещині"],
    "UA-53": ["Poltava Oblast", "the Poltava region", "Poltavska oblast", "Полтавська область",
              "Полтавской области", "Полтавщина", "на Полтавщині"],
    "UA-56": ["Rivne Oblast", "the Rivne region", "Rivnenska oblast", "Рівненська область",
              "Ровенской области", "Рівненщина"],
    "UA-40": ["Sevastopol city", "City of Sevastopol"],
    "UA-59": ["Sumy Oblast", "the Sumy region", "Sumska oblast", "Sumy direction",
              "Сумська область", "в Сумській області", "Сумская область", "Сумщина",
              "на Сумщині"],
    "UA-61": ["Ternopil Oblast", "the Ternopil region", "Ternopilska oblast",
              "Тернопільська область", "Тернопольской области", "Тернопільщина"],
    "UA-05": ["Vinnytsia Oblast", "the Vinnytsia region", "Vinnytska oblast", "Vinnitsa region",
              "Вінницька область", "у Вінницькій області", "Винницкая область", "Вінниччина",
              "на Вінниччині"],
    "UA-07": ["Volyn Oblast", "the Volyn region", "Volynska oblast", "Volyn",
              "Волинська область", "Волынской области", "на Волині"],
    "UA-21": ["Zakarpattia Oblast", "Zakarpattia", "Transcarpathia", "Zakarpatska oblast",
              "Закарпатська область", "Закарпаття", "на Закарпатті"],
    "UA-23": ["Zaporizhzhia Oblast", "the Zaporizhzhia region", "Zaporizhia region",
              "Zaporozhye region", "Zaporizka oblast", "Zaporizhzhia direction",
              "Запорізька область", "в Запорізькій області", "Запорожская область",
              "Запорізький напрямок"],
    "UA-18": ["Zhytomyr Oblast", "the Zhytomyr region", "Zhytomyrska oblast",
              "Житомирська область", "Житомирской области", "Житомирщина", "на Житомирщині"],
    "RU-KRS": ["Kursk Oblast", "the Kursk region", "Kursk direction", "Курська область",
               "в Курській області", "Курская область", "в Курской области"],
    "RU-BEL": ["Belgorod Oblast", "the Belgorod region", "Бєлгородська область",
               "Белгородская область", "в Белгородской области", "Белгородчина"],
    "RU-BRY": ["Bryansk Oblast", "the Bryansk region", "Брянська область", "Брянской области",
               "Брянщина"],
    "RU-ROS": ["Rostov Oblast", "the Rostov region", "Ростовська область",
               "Ростовской области"],
    "RU-VOR": ["Voronezh Oblast", "the Voronezh region", "Воронезька область",
               "Воронежской области"],
}

CASES = [(code, form) for code, forms in FORMS.items() for form in forms]


def test_every_region_has_forms() -> None:
    assert set(FORMS) == set(REGIONS)


@pytest.mark.parametrize(("code", "form"), CASES, ids=[f"{c}:{f}" for c, f in CASES])
def test_region_form_resolves(code: str, form: str) -> None:
    r = get_gazetteer().resolve(form)
    assert (r.region_code, r.precision.value, r.ambiguous) == (code, "region", False), r.reason
    assert r.settlement is None
    assert (r.lat, r.lon) == (REGIONS[code].lat, REGIONS[code].lon)


@pytest.mark.parametrize(("code", "form"), CASES, ids=[f"{c}:{f}" for c, f in CASES])
def test_region_form_found_in_text(code: str, form: str) -> None:
    text = f"Officials said the strike hit {form} overnight."
    regions = [m for m in get_gazetteer().scan(text) if m.kind == "region"]
    assert [m.region_code for m in regions] == [code]
    assert text[regions[0].start : regions[0].end] == regions[0].surface


@pytest.mark.parametrize("form", ["Donbas", "Donbass", "Донбас", "на Донбасі", "Донбасс"])
def test_donbas_says_the_region_is_unknown(form: str) -> None:
    r = get_gazetteer().resolve(form)
    assert r.region_code is None and r.ambiguous
    assert {c.region_code for c in r.candidates} == {"UA-14", "UA-09"}
    assert "unknown between" in r.reason


def test_kyiv_city_is_not_kyiv_oblast() -> None:
    gz = get_gazetteer()
    assert gz.resolve("Kyiv").region_code == "UA-30"
    assert gz.resolve("Київ").region_code == "UA-30"
    assert gz.resolve("у Києві").region_code == "UA-30"
    for form in ("Kyiv Oblast", "Kyiv region", "Київщина", "Київська область"):
        assert gz.resolve(form).region_code == "UA-32"


def test_kherson_in_kherson_oblast_is_the_region() -> None:
    mentions = get_gazetteer().scan("Shelling was reported across Kherson Oblast on Monday.")
    assert [(m.kind, m.region_code, m.surface) for m in mentions] == [
        ("region", "UA-65", "Kherson Oblast")
    ]


@pytest.mark.parametrize(("form", "country"), [("Ukraine", "UA"), ("в Україні", "UA"),
                                                ("Russia", "RU"), ("Росії", "RU")])
def test_country_mentions(form: str, country: str) -> None:
    r = get_gazetteer().resolve(form)
    assert r.precision.value == "country" and r.region_code is None and country in r.reason
