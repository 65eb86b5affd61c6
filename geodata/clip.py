"""Cut an OSM extract of any size down to the service area plus a margin, keeping whole roads.

Routes leave the three municipalities (E17, Lokeren, Dendermonde), so the margin keeps the
surrounding network; a road touching the box is kept entirely (like `osmium extract
--strategy complete_ways`), so nothing is cut mid-way.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path

import osmium

log = logging.getLogger(__name__)

BBox = tuple[float, float, float, float]  # (min_lat, min_lon, max_lat, max_lon)


def expand_bbox(bbox: BBox, margin_m: float) -> BBox:
    """Grow a (lat, lon) box by margin_m metres on every side."""
    min_lat, min_lon, max_lat, max_lon = bbox
    dlat = margin_m / 111_320.0
    dlon = margin_m / (111_320.0 * math.cos(math.radians((min_lat + max_lat) / 2)))
    return (min_lat - dlat, min_lon - dlon, max_lat + dlat, max_lon + dlon)


def clip_pbf(src: Path, dst: Path, bbox: BBox) -> tuple[int, int]:
    """Write to dst the roads and ferries of src touching bbox; returns (kept, seen) way counts."""
    min_lat, min_lon, max_lat, max_lon = bbox
    kept = seen = 0
    processor = (
        osmium.FileProcessor(str(src), osmium.osm.NODE | osmium.osm.WAY)
        .with_locations()
        .with_filter(osmium.filter.EntityFilter(osmium.osm.WAY))
        .with_filter(osmium.filter.KeyFilter("highway", "route"))
    )
    with osmium.BackReferenceWriter(str(dst), ref_src=str(src), overwrite=True) as writer:
        for way in processor:
            if not isinstance(way, osmium.osm.Way):
                continue
            seen += 1
            if way.tags.get("highway") is None and way.tags.get("route") != "ferry":
                continue
            for node in way.nodes:
                loc = node.location
                if loc.valid() and min_lat <= loc.lat <= max_lat and min_lon <= loc.lon <= max_lon:
                    writer.add_way(way)
                    kept += 1
                    break
    log.info("Clipped %s: kept %d of %d road ways", src.name, kept, seen)
    return kept, seen
