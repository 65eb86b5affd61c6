"""The service area: which points we deliver to, and the municipality a point lies in."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.prepared import PreparedGeometry, prep

from geodata.layout import area_files

SERVICE_POSTCODES: dict[str, str] = {"9220": "Hamme", "9240": "Zele", "9250": "Waasmunster"}

# Postcodes of the neighbouring municipalities, so a refusal can name where the address is.
NEIGHBOUR_POSTCODES: dict[str, str] = {
    "9160": "Lokeren",
    "9290": "Berlare",
    "2880": "Bornem",
    "9255": "Buggenhout",
    "9200": "Dendermonde",
    "2890": "Sint-Amands",
    "9100": "Sint-Niklaas",
    "9140": "Temse",
    "9150": "Kruibeke",
    "9230": "Wetteren",
    "9080": "Lochristi",
    "9190": "Stekene",
}


@dataclass(frozen=True)
class _Municipality:
    name: str
    in_service_area: bool
    geometry: BaseGeometry
    prepared: PreparedGeometry = field(compare=False)


class ServiceArea:
    """Polygons of the served municipalities and their neighbours (points are (lat, lon))."""

    postcodes: frozenset[str] = frozenset(SERVICE_POSTCODES)

    def __init__(self, municipalities: list[_Municipality]) -> None:
        if not any(m.in_service_area for m in municipalities):
            raise ValueError("The boundaries file has no municipality flagged service_area=true.")
        self._municipalities = municipalities

    @classmethod
    def from_geojson(cls, path: Path) -> ServiceArea:
        """Read a FeatureCollection whose features have `name` and `service_area` properties."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        munis = []
        for feature in data["features"]:
            props = feature.get("properties") or {}
            geom = shape(feature["geometry"])
            munis.append(
                _Municipality(
                    name=str(props["name"]),
                    in_service_area=bool(props.get("service_area")),
                    geometry=geom,
                    prepared=prep(geom),
                )
            )
        return cls(munis)

    @classmethod
    def load(cls, data_dir: Path) -> ServiceArea:
        """The service area of the current import under data_dir."""
        return cls.from_geojson(area_files(data_dir).boundaries)

    @property
    def municipality_names(self) -> list[str]:
        """All municipalities the boundaries know, served or not."""
        return [m.name for m in self._municipalities]

    @property
    def served_municipalities(self) -> list[str]:
        return [m.name for m in self._municipalities if m.in_service_area]

    def municipality_at(self, lat: float, lon: float) -> str | None:
        """Name of the municipality containing the point, or None outside the known ones."""
        point = Point(lon, lat)
        for m in self._municipalities:
            if m.prepared.contains(point):
                return m.name
        return None

    def contains(self, lat: float, lon: float) -> bool:
        """True when the point lies in a served municipality."""
        point = Point(lon, lat)
        return any(m.in_service_area and m.prepared.contains(point) for m in self._municipalities)

    def is_served(self, municipality: str) -> bool:
        return any(m.in_service_area and m.name == municipality for m in self._municipalities)

    def bounds(self, served_only: bool = True) -> tuple[float, float, float, float]:
        """(min_lat, min_lon, max_lat, max_lon) of the served municipalities (or all)."""
        geoms = [m.geometry for m in self._municipalities if m.in_service_area or not served_only]
        min_lon = min(g.bounds[0] for g in geoms)
        min_lat = min(g.bounds[1] for g in geoms)
        max_lon = max(g.bounds[2] for g in geoms)
        max_lat = max(g.bounds[3] for g in geoms)
        return (min_lat, min_lon, max_lat, max_lon)

    def refusal_reason(self, lat: float, lon: float) -> str:
        """A sentence saying why a point is not delivered to, naming where it is when known."""
        name = self.municipality_at(lat, lon)
        served = ", ".join(self.served_municipalities)
        if name:
            return f"The point lies in {name}, outside the delivery area ({served})."
        return f"The point lies outside the delivery area ({served})."
