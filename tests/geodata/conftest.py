"""Fixtures for the geodata tests: the staged real data, imported once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geodata.geocoder import Geocoder
from geodata.importer import import_area
from geodata.travel import OsrmLocalProvider, make_travel_provider

REPO = Path(__file__).resolve().parents[2]
STAGED_FILES = [
    "hzw_roads_osm2021.osm.pbf",
    "crab_addresses_9220_9240_9250_2013.csv",
    "municipalities_hzw.geojson",
    "hzw_places_osm2021.csv",
    "hzw_road_graph_edges.csv",
]


@pytest.fixture(scope="session")
def geodata_source() -> Path:
    """The staged geodata folder: $DISPATCH_GEODATA_DIR or <repo>/../shared/geodata."""
    folder = Path(os.environ.get("DISPATCH_GEODATA_DIR") or REPO.parent / "shared" / "geodata")
    missing = [f for f in STAGED_FILES if not (folder / f).is_file()]
    if missing:
        pytest.fail(
            f"The staged geodata is missing from {folder} ({', '.join(missing)}). "
            "Set DISPATCH_GEODATA_DIR to the folder holding the shared geodata files.",
            pytrace=False,
        )
    return folder


@pytest.fixture(scope="session")
def imported_dir(geodata_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding one import of the staged Hamme/Zele/Waasmunster data."""
    data_dir = tmp_path_factory.mktemp("geodata-import")
    import_area(geodata_source, data_dir)
    return data_dir


@pytest.fixture(scope="session")
def geocoder(imported_dir: Path) -> Geocoder:
    return Geocoder.load(imported_dir)


@pytest.fixture(scope="session")
def road_provider(imported_dir: Path) -> OsrmLocalProvider:
    provider = make_travel_provider(imported_dir)
    assert isinstance(provider, OsrmLocalProvider)
    return provider
