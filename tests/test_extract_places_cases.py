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
