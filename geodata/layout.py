"""Where an import keeps its files, so the importer and the readers agree on one layout."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

AREA_LINK = "area"  # data_dir/area -> data_dir/versions/<stamp>; swapped atomically on re-import
VERSIONS_DIR = "versions"

# Default file names of a source folder laid out like the staged shared geodata.
SOURCE_PBF = "hzw_roads_osm2021.osm.pbf"
SOURCE_ADDRESSES = "crab_addresses_9220_9240_9250_2013.csv"
SOURCE_BOUNDARIES = "municipalities_hzw.geojson"
SOURCE_PLACES = "hzw_places_osm2021.csv"


@dataclass(frozen=True)
class AreaFiles:
    """The files of one imported area, all inside one folder."""

    root: Path

    @property
    def pbf(self) -> Path:
        return self.root / "roads.osm.pbf"

    @property
    def osrm(self) -> Path:
        """Base name OSRM opens; the engine files are roads.osrm.* next to it."""
        return self.root / "roads.osrm"

    @property
    def addresses(self) -> Path:
        return self.root / "addresses.csv"

    @property
    def boundaries(self) -> Path:
        return self.root / "municipalities.geojson"

    @property
    def places(self) -> Path:
        return self.root / "places.csv"

    @property
    def attributions(self) -> Path:
        return self.root / "attributions.json"

    @property
    def calibration(self) -> Path:
        return self.root / "calibration.json"

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.json"


def area_files(data_dir: Path) -> AreaFiles:
    """The currently active import under data_dir (it may not exist yet)."""
    return AreaFiles(Path(data_dir) / AREA_LINK)
