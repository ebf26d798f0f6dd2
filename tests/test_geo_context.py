"""Ambiguity, context, villages below the gazetteer's size, near-cues, false positives."""

from __future__ import annotations

import pytest

from incidents.geo import get_gazetteer
from incidents.vocab import REGIONS


@pytest.mark.parametrize(
    ("name", "context", "code"),
    [
        ("Olenivka", "A strike on Olenivka in Donetsk Oblast killed two.", "UA-14"),
        ("Olenivka", "Поліція Одеської області повідомила про вибух в Оленівці.", "UA-51"),
        ("Kostiantynivka", "Kostiantynivka, Донецька область.", "UA-14"),
    ],
)
def test_ambiguous_name_resolved_by_named_region(name: str, context: str, code: str) -> None:
    r = get_gazetteer().resolve(name, context=context)
    assert (r.region_code, r.precision.value, r.ambiguous) == (code, "settlement", False)
    assert "region the text names" in r.reason


@pytest.mark.parametrize(
    ("name", "context", "code"),
    [
        ("Antonivka", "The bridge at Antonivka, Kherson region, was hit again.", "UA-65"),
        ("Mykolaivka", "Shelling of Mykolaivka in the Sumy region damaged homes.", "UA-59"),
    ],
)
def test_named_region_with_two_namesakes_keeps_only_the_region(
    name: str, context: str, code: str
) -> None:
    r = get_gazetteer().resolve(name, context=context)
    assert (r.region_code, r.precision.value, r.ambiguous) == (code, "region", True)
    assert r.settlement == name and len(r.candidates) == 2
    assert {c.region_code for c in r.candidates} == {code}
    assert "the region the text names leaves 2" in r.reason


def test_ambiguous_name_resolved_by_nearby_place() -> None:
    text = "Drones struck Kostiantynivka overnight; Druzhkivka and Kramatorsk were also hit."
    r = get_gazetteer().resolve("Kostiantynivka", context=text)
    assert r.region_code == "UA-14" and not r.ambiguous
    assert "nearest place the text names" in r.reason


@pytest.mark.parametrize("name", ["Olenivka", "Antonivka", "Mykolaivka"])
def test_unresolvable_ambiguity_is_reported(name: str) -> None:
    r = get_gazetteer().resolve(name, context="Officials reported the attack on Tuesday.")
    assert r.ambiguous and r.region_code is None and r.settlement is None
    assert r.lat is None and r.lon is None
    assert len({c.region_code for c in r.candidates}) > 1
    assert "cannot be told apart" in r.reason


def test_namesakes_in_one_region_keep_the_region() -> None:
    r = get_gazetteer().resolve("Hoholeve")  # two villages, both in Poltava Oblast
    assert r.ambiguous and r.region_code == "UA-53" and r.precision.value == "region"
    assert (r.lat, r.lon) == (REGIONS["UA-53"].lat, REGIONS["UA-53"].lon)


def test_dominant_city_wins_and_says_why() -> None:
    r = get_gazetteer().resolve("Avdiivka")
    assert r.region_code == "UA-14" and "tie broken by size" in r.reason


@pytest.mark.parametrize(
    ("village", "context", "code"),
    [
        ("Robotyne", "Fighting continued near Robotyne in the Zaporizhzhia region.", "UA-23"),
        ("Zhytlivka", "У селі Житлівка на Харківщині загинула жінка.", "UA-63"),
        ("Kozyn Yar", "A village, Kozyn Yar, in Chernihiv Oblast was shelled.", "UA-74"),
    ],
)
def test_village_below_gazetteer_size_gets_the_named_region(
    village: str, context: str, code: str
) -> None:
    r = get_gazetteer().resolve(village, context=context)
    assert (r.region_code, r.precision.value, r.settlement) == (code, "region", village)
    assert (r.lat, r.lon) == (REGIONS[code].lat, REGIONS[code].lon)
    assert "not in the gazetteer" in r.reason


def test_village_without_region_in_text_stays_unknown() -> None:
    r = get_gazetteer().resolve("Robotyne", context="Kharkiv Oblast and Sumy Oblast were hit.")
    assert r.region_code is None and r.precision.value == "unknown"
    assert "several regions" in r.reason


@pytest.mark.parametrize(
    "text",
    ["Shelling near Krynky on Sunday.", "on the outskirts of Krynky", "біля Кринок",
     "поблизу Кринок", "near the small frontline village of Krynky", "біля села Кринки"],
)
def test_near_cue_gives_near_settlement(text: str) -> None:
    gz = get_gazetteer()
    [m] = [m for m in gz.scan(text) if m.kind == "settlement"]
    assert m.near
    r = gz.resolve_mention(m, text)
    expected = ("near_settlement", "UA-65", "Krynky")
    assert (r.precision.value, r.region_code, r.settlement) == expected


@pytest.mark.parametrize(
    "text",
    ["in the village of Krynky near the river", "near Kherson, the village of Krynky",
     "near the front. The village of Krynky", "near the river and the village of Krynky",
     "near a bridge and the village of Krynky"],
)
def test_near_cue_must_stand_before_the_settlement_cue(text: str) -> None:
    [m] = [m for m in get_gazetteer().scan(text) if m.settlement == "Krynky"]
    assert not m.near


def test_resolve_with_near_prefix() -> None:
    r = get_gazetteer().resolve("near Bakhmut")
    assert (r.precision.value, r.settlement) == ("near_settlement", "Bakhmut")


@pytest.mark.parametrize(
    "text",
    [
        "Ombudsman Dmytro Lubinets said the prisoners were executed.",
        "Prosecutor General Andrii Kostin opened a case.",
        "President Zelensky condemned the attack.",
        "Дмитро Лубінець заявив про порушення.",
        "The bar was closed and the mall was empty.",
        "Mala and her brother were evacuated.",
        "Sloboda was a word the officials used.",
    ],
)
def test_false_positive_guards(text: str) -> None:
    assert [m for m in get_gazetteer().scan(text) if m.kind == "settlement"] == []


@pytest.mark.parametrize("name", ["Lubinets", "Kostin", "Zelensky", "Лубінець"])
def test_person_names_never_resolve(name: str) -> None:
    r = get_gazetteer().resolve(name, context="Strikes on Kharkiv Oblast")
    assert r.precision.value == "unknown" and r.region_code is None


def test_common_word_counts_after_a_place_cue() -> None:
    mentions = get_gazetteer().scan("Two people were wounded in Bar on Friday.")
    assert [(m.settlement, m.region_code) for m in mentions] == [("Bar", "UA-05")]


def test_district_is_the_region_not_the_town() -> None:
    [m] = get_gazetteer().scan("Strikes hit the Bakhmut district overnight.")
    assert (m.kind, m.region_code, m.settlement) == ("region", "UA-14", None)


def test_scan_offsets_order_and_longest_match() -> None:
    text = ("Russian forces shelled Kherson and the Kherson region; in Kryvyi Rih, "
            "Dnipropetrovsk Oblast, and near Kupiansk, Kharkiv Oblast, homes burned.")
    mentions = get_gazetteer().scan(text)
    assert [(m.surface, m.kind, m.region_code, m.near) for m in mentions] == [
        ("Kherson", "settlement", "UA-65", False),
        ("Kherson region", "region", "UA-65", False),
        ("Kryvyi Rih", "settlement", "UA-12", False),
        ("Dnipropetrovsk Oblast", "region", "UA-12", False),
        ("Kupiansk", "settlement", "UA-63", True),
        ("Kharkiv Oblast", "region", "UA-63", False),
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.surface


def test_resolve_all_uses_the_whole_text() -> None:
    text = "Оленівка, Донецька область: обстріл. Also hit: Kharkiv's outskirts."
    results = get_gazetteer().resolve_all(text)
    by_surface = {m.surface: r for m, r in results}
    assert by_surface["Оленівка"].region_code == "UA-14"
    assert by_surface["Kharkiv"].settlement == "Kharkiv"


def test_empty_name() -> None:
    r = get_gazetteer().resolve("   ")
    assert r.precision.value == "unknown" and r.source == "none" and "empty" in r.reason


@pytest.mark.parametrize("text", ["Слов'янськ", "у Слов'янську", "Словʼянськ", "зі Слов'янська"])
def test_a_towns_own_name_is_not_shared_with_another_towns_old_name(text: str) -> None:
    """GeoNames lists "Слов'янськ" among Nikopol's alternate (historic) names; the town
    whose own name it is, and its case forms, are Sloviansk's alone."""
    gz = get_gazetteer()
    [m] = [m for m in gz.scan(text) if m.kind == "settlement"]
    r = gz.resolve_mention(m, text)
    assert (r.region_code, r.settlement) == ("UA-14", "Sloviansk")
