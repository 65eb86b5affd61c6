"""The import: what it writes, and that a re-import is atomic."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geodata.attribution import ATTRIBUTIONS, attributions
from geodata.geocoder import AddressQuery, Geocoder
from geodata.importer import GeodataImportError, import_area, is_imported
from geodata.layout import area_files
from geodata.travel import OsrmLocalProvider, make_travel_provider

DEPOT_HAMME = (51.0734943, 4.1335252)
KRINGWINKEL_ZELE = (51.0706852, 4.0529466)


def test_the_import_writes_a_complete_area(imported_dir: Path) -> None:
    files = area_files(imported_dir)
    assert is_imported(imported_dir)
    manifest = json.loads(files.manifest.read_text())
    assert manifest["complete"] is True
    assert manifest["van_speed_factor"] == 0.9
    assert set(manifest["sources"]) >= {
        "hzw_roads_osm2021.osm.pbf",
        "crab_addresses_9220_9240_9250_2013.csv",
        "municipalities_hzw.geojson",
    }
    assert manifest["counts"]["addresses"] == 23546
    assert Path(f"{files.osrm}.partition").exists()
    assert files.addresses.exists() and files.boundaries.exists() and files.places.exists()


def test_attributions_name_every_source(imported_dir: Path, tmp_path: Path) -> None:
    credits = attributions(imported_dir)
    assert "© OpenStreetMap contributors" in credits
    assert any("CRAB" in c for c in credits)
    assert any("Datafable" in c for c in credits)
    assert attributions(tmp_path) == ATTRIBUTIONS  # before any import


def test_an_empty_data_dir_is_not_imported(tmp_path: Path) -> None:
    assert not is_imported(tmp_path)


def _copy_sources(src: Path, dst: Path) -> Path:
    dst.mkdir()
    for name in (
        "hzw_roads_osm2021.osm.pbf",
        "crab_addresses_9220_9240_9250_2013.csv",
        "municipalities_hzw.geojson",
        "hzw_places_osm2021.csv",
    ):
        shutil.copyfile(src / name, dst / name)
    return dst


def test_a_failed_reimport_keeps_the_previous_data(geodata_source: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    import_area(geodata_source, data_dir)
    before = area_files(data_dir).root.resolve()

    broken = _copy_sources(geodata_source, tmp_path / "broken")
    (broken / "hzw_roads_osm2021.osm.pbf").write_bytes(b"this is not a pbf file")
    with pytest.raises(GeodataImportError):
        import_area(broken, data_dir)

    assert area_files(data_dir).root.resolve() == before
    assert is_imported(data_dir)
    provider = make_travel_provider(data_dir)
    assert isinstance(provider, OsrmLocalProvider)
    assert provider.matrices([DEPOT_HAMME, KRINGWINKEL_ZELE]).distances[0][1] > 5000
    result = Geocoder.load(data_dir).geocode(AddressQuery("Zwaarveld", "57", "9220", "Hamme"))
    assert result.status == "located"
    leftovers = [p for p in (data_dir / "versions").iterdir() if p.name.startswith(".building")]
    assert leftovers == []

    # a successful re-import switches to new data, here with slower vans
    import_area(geodata_source, data_dir, van_speed_factor=0.7)
    assert area_files(data_dir).root.resolve() != before
    slow = make_travel_provider(data_dir).matrices([DEPOT_HAMME, KRINGWINKEL_ZELE])
    assert slow.durations[0][1] > provider.matrices([DEPOT_HAMME, KRINGWINKEL_ZELE]).durations[0][1]


def test_missing_or_wrong_source_files_are_named(geodata_source: Path, tmp_path: Path) -> None:
    with pytest.raises(GeodataImportError, match="address register"):
        import_area(geodata_source, tmp_path / "d1", addresses=tmp_path / "nope.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(GeodataImportError, match="unknown address register format"):
        import_area(geodata_source, tmp_path / "d2", addresses=bad)
    assert not is_imported(tmp_path / "d2")


def test_the_extract_is_clipped_to_the_area_plus_margin(
    geodata_source: Path, tmp_path: Path
) -> None:
    """The staged extract reaches 5-9 km past the area; with no margin much of it is cut."""
    report = import_area(geodata_source, tmp_path / "tight", margin_m=0)
    assert 0 < report.ways_kept < 0.6 * report.ways_seen
