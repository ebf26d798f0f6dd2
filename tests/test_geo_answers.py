"""The index's precomputed context-free answers give what the full path gives."""

from __future__ import annotations

from dataclasses import replace

import pytest

from incidents.geo import Gazetteer, get_gazetteer
from incidents.geo.answers import QUERY, SURFACE
from incidents.schemas import PlaceResolution
from incidents.vocab import GeoPrecision

STEP = 23  # a spread sample of the ~155,000 keys keeps the test to a few seconds


def _forms(key: str) -> list[str]:
    title = key.title()
    return [key, title, f"near {title}", f"the village of {title}", f"с. {title}",
            f"  {title.upper()}, ", f"біля {title}"]


def _fresh(gz: Gazetteer) -> Gazetteer:
    return Gazetteer(gz.index, gz.lexicon)


def _same(fast: PlaceResolution, full: PlaceResolution) -> None:
    assert fast.model_dump() == full.model_dump()
    assert fast == PlaceResolution.model_validate(full.model_dump())


def test_only_macro_regions_and_person_names_lack_a_row() -> None:
    gz = get_gazetteer()
    ix = gz.index
    left_out = (set(ix.names) | set(ix.phrases)) - set(ix.answers)
    assert left_out  # "Donbas": its candidates are regions, not places
    for key in left_out:
        phrase = ix.phrases.get(key)
        assert (phrase is not None and phrase[0] == "macro_region") or (
            phrase is None and key in gz.lexicon.person_names), key


def test_rows_answer_as_the_full_path_does() -> None:
    gz = _fresh(get_gazetteer())
    keys = sorted(gz.index.answers)[::STEP]
    checked = 0
    for key in keys:
        for name in _forms(key):
            _same(gz.resolve(name), gz._resolve(name, None))
            checked += 1
    assert checked > 40_000


@pytest.mark.parametrize("name", [
    "Olenivka", "olenivka", "near Olenivka", "the village of Mykolaivka", "Antonivka",
    "Donbas", "Kharkiv Oblast", "the Donetsk region", "на Харківщині", "Ukraine",
    "Харкові", "near Bakhmut", "Kyiv", "Kiev", "city of Kyiv", "Nowhere Known", "",
    "Zelensky", "Olenivka, Donetsk Oblast", "near", "с. Гроза",
])
def test_named_cases_answer_as_the_full_path_does(name: str) -> None:
    gz = _fresh(get_gazetteer())
    _same(gz.resolve(name), gz._resolve(name, None))


def test_the_surface_is_quoted_as_written() -> None:
    gz = _fresh(get_gazetteer())
    answer = gz.resolve("olenivka")
    assert answer.ambiguous and "'olenivka'" in answer.reason
    assert SURFACE not in answer.reason and QUERY not in answer.reason
    assert answer.query == "olenivka"


def test_near_cue_changes_precision_and_reason_only() -> None:
    gz = _fresh(get_gazetteer())
    plain, near = gz.resolve("Bakhmut"), gz.resolve("near Bakhmut")
    assert plain.precision is GeoPrecision.SETTLEMENT
    assert near.precision is GeoPrecision.NEAR_SETTLEMENT
    assert "'near' cue" in near.reason and "'near' cue" not in plain.reason
    assert (near.region_code, near.lat, near.lon) == (plain.region_code, plain.lat, plain.lon)


def test_an_index_without_rows_gives_the_same_answers() -> None:
    gz = get_gazetteer()
    bare = Gazetteer(replace(gz.index, answers={}), gz.lexicon)
    for key in sorted(gz.index.answers)[::STEP * 20]:
        for name in _forms(key):
            _same(_fresh(gz).resolve(name), bare.resolve(name))


def test_person_names_take_the_full_path() -> None:
    gz = get_gazetteer()
    people = [k for k in gz.lexicon.person_names if k in gz.index.names
              and k not in gz.index.phrases]
    assert people, "the stop-list should hold a name that is also a settlement's"
    for key in people:
        assert key not in gz.index.answers
        assert _fresh(gz).resolve(key.title()).source == "none"


def test_a_name_is_cached_from_its_second_asking() -> None:
    gz = _fresh(get_gazetteer())
    first, second, third = (gz.resolve("Kupiansk") for _ in range(3))
    assert first == second == third
    assert second is third  # cached at the second asking
    assert first is not second  # a name asked once is only noted


def test_the_caches_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from incidents.geo import gazetteer

    monkeypatch.setattr(gazetteer, "ASKED_SIZE", 3)
    monkeypatch.setattr(gazetteer, "RESOLVE_CACHE_SIZE", 2)
    gz = _fresh(get_gazetteer())
    names = ["Kyiv", "Lviv", "Odesa", "Sumy", "Izium"]
    for name in names * 2:
        gz.resolve(name)
    assert len(gz._asked) <= 3 and len(gz._answers) <= 2
    for name in names:
        _same(gz.resolve(name), gz._resolve(name, None))
