"""A light map background without tiles: the main roads of the imported OSM data as GeoJSON.

Map pages may have no tile server to reach; the main roads (motorway to tertiary) give the
dispatcher enough context to read where a route goes. They are read once from the imported,
clipped extract, merged per road class, simplified and cached next to it, so a re-import (a new
area folder) gets a fresh cache. GeoJSON coordinates are [lon, lat], as that format wants.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

import osmium
from shapely.geometry import LineString, MultiLineString, mapping
from shapely.ops import linemerge

from geodata.layout import area_files

log = logging.getLogger(__name__)

ROAD_CLASSES = ("motorway", "trunk", "primary", "secondary", "tertiary")
CACHE_NAME = "basemap-roads.geojson"
SIMPLIFY_DEGREES = 0.00008  # about 6-9 m here: invisible at the zoom a day's map is read at
DECIMALS = 5  # about 1 m


def _road_class(highway: str | None) -> str | None:
    """motorway_link counts as motorway, and so on; anything else is not a main road."""
    if not highway:
        return None
    base = highway.removesuffix("_link")
    return base if base in ROAD_CLASSES else None


def extract_main_roads(pbf: Path) -> dict[str, Any]:
    """The main roads of an OSM extract as a FeatureCollection, one feature per road class."""
    lines: dict[str, list[LineString]] = {c: [] for c in ROAD_CLASSES}
    processor = (
        osmium.FileProcessor(str(pbf), osmium.osm.NODE | osmium.osm.WAY)
        .with_locations()
        .with_filter(osmium.filter.EntityFilter(osmium.osm.WAY))
        .with_filter(osmium.filter.KeyFilter("highway"))
    )
    for way in processor:
        if not isinstance(way, osmium.osm.Way):
            continue
        road_class = _road_class(way.tags.get("highway"))
        if road_class is None:
            continue
        points = [(n.location.lon, n.location.lat) for n in way.nodes if n.location.valid()]
        if len(points) >= 2:
            lines[road_class].append(LineString(points))
    features = []
    for road_class, parts in lines.items():
        if not parts:
            continue
        merged = linemerge(MultiLineString(parts)).simplify(SIMPLIFY_DEGREES)
        features.append(
            {
                "type": "Feature",
                "properties": {"class": road_class},
                "geometry": _rounded(mapping(merged)),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _rounded(geometry: Any) -> Any:
    def walk(value: Any) -> Any:
        if isinstance(value, float):
            return round(value, DECIMALS)
        if isinstance(value, list | tuple):
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def main_roads(data_dir: Path) -> dict[str, Any] | None:
    """The cached main roads of the current import (built on first use); None when not imported."""
    files = area_files(data_dir)
    cache = files.root / CACHE_NAME
    if cache.is_file():
        data: dict[str, Any] = json.loads(cache.read_text(encoding="utf-8"))
        return data
    if not files.pbf.is_file():
        return None
    data = extract_main_roads(files.pbf)
    text = json.dumps(data, separators=(",", ":"))
    try:
        fd, tmp = tempfile.mkstemp(dir=files.root.resolve(), suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, cache)
    except OSError as error:  # a read-only import still gets its roads, only not cached
        log.warning("could not cache the main roads in %s: %s", files.root, error)
    return data
