"""The index cache, the data files' validation, and the pieces resolve() relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from incidents.errors import GeocodeError
from incidents.geo import GEONAMES_ATTRIBUTION, distance_km, get_gazetteer, haversine_km, lexicon
from incidents.geo.index import INDEX_FORMAT, index_path, index_signature, load_index
from incidents.geo.scan import fast_model
from incidents.schemas import PlaceResolution
from incidents.vocab import GeoPrecision


def test_fast_model_equals_a_validated_model() -> None:
    values = {"query": "q", "region_code": "UA-14", "settlement": "Bakhmut", "lat": 48.6,
              "lon": 38.0, "precision": GeoPrecision.SETTLEMENT, "ambiguous": False,
              "candidates": [], "source": "gazetteer", "reason": "r"}
    fast = fast_model(PlaceResolution, dict(values))
    assert fast == PlaceResolution(**values)
    assert fast.contract() == PlaceResolution(**values).contract()
    with pytest.raises(Exception, match="frozen"):
        fast.query = "other"  # type: ignore[misc]


def test_index_is_cached_on_disk_and_keyed_by_signature() -> None:
    from incidents.config import get_settings

    cache = get_settings().cache_path
    load_index(cache)
    path = index_path(cache, index_signature(lexicon.load_lexicon()))
    assert path.exists()
    assert "gnc" in path.name and f"-f{INDEX_FORMAT}-" in path.name


def test_unreadable_index_is_rebuilt(tmp_path: Path) -> None:
    path = index_path(tmp_path, index_signature(lexicon.load_lexicon()))
    path.write_bytes(b"not a pickle")
    index = load_index(tmp_path)
    assert len(index.places) > 5000
    assert load_index(tmp_path).signature == index.signature  # now readable


def _with_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, edit: object) -> None:
    for f in lexicon.DATA_FILES:
        (tmp_path / f).write_bytes((lexicon.DATA_DIR / f).read_bytes())
    data = json.loads((tmp_path / name).read_text(encoding="utf-8"))
    edit(data)  # type: ignore[operator]
    (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(lexicon, "DATA_DIR", tmp_path)
    lexicon.load_lexicon.cache_clear()


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        ("regions.json", lambda d: d["regions"].pop("UA-14"), "no entry for UA-14"),
        ("regions.json", lambda d: d["regions"]["UA-14"].update(en_stems="Donetsk"),
         "regions.UA-14.en_stems: must be a list"),
        ("regions.json", lambda d: d["regions"].update({"UA-99": d["regions"]["UA-14"]}),
         "unknown region code 'UA-99'"),
        ("aliases.json", lambda d: d["aliases"].append({"alias": "X", "region": "UA-14"}),
         "aliases.json: aliases"),
        ("stoplist.json", lambda d: d.pop("person_names"), "missing field 'person_names'"),
    ],
)
def test_bad_data_files_name_the_field(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, edit: object, message: str
) -> None:
    _with_data(monkeypatch, tmp_path, name, edit)
    try:
        with pytest.raises(GeocodeError, match=message):
            lexicon.load_lexicon()
    finally:
        lexicon.load_lexicon.cache_clear()


def test_distances() -> None:
    kyiv, kharkiv = (50.4501, 30.5234), (49.9935, 36.2304)
    exact = distance_km(*kyiv, *kharkiv)
    assert 405 < exact < 415
    assert abs(haversine_km(*kyiv, *kharkiv) - exact) / exact < 0.005


def test_region_centre_and_attribution() -> None:
    assert get_gazetteer().region_centre("UA-32") == (50.0529, 30.7667)
    assert "GeoNames" in GEONAMES_ATTRIBUTION and "CC BY 4.0" in GEONAMES_ATTRIBUTION
