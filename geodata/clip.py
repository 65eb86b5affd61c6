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
    """Write to dst the roads, ferries and turn restrictions of src touching bbox.

    Returns (kept, seen) way counts. Nodes keep their tags (barriers, traffic signals matter
    to OSRM); restriction relations are kept when one of their ways is.
    """
    min_lat, min_lon, max_lat, max_lon = bbox
    kept = seen = 0
    kept_ways: set[int] = set()
    processor = (
        osmium.FileProcessor(str(src), osmium.osm.NODE | osmium.osm.WAY | osmium.osm.RELATION)
        .with_locations()
        .with_filter(osmium.filter.EntityFilter(osmium.osm.WAY | osmium.osm.RELATION))
        .with_filter(osmium.filter.KeyFilter("highway", "route", "restriction"))
    )
    with osmium.BackReferenceWriter(
        str(dst), ref_src=str(src), overwrite=True, remove_tags=False
    ) as writer:
        for obj in processor:
            if isinstance(obj, osmium.osm.Relation):
                if obj.tags.get("type") == "restriction" and any(
                    m.type == "w" and m.ref in kept_ways for m in obj.members
                ):
                    writer.add_relation(obj)
                continue
            if not isinstance(obj, osmium.osm.Way):
                continue
            seen += 1
            if obj.tags.get("highway") is None and obj.tags.get("route") != "ferry":
                continue
            for node in obj.nodes:
                loc = node.location
                if loc.valid() and min_lat <= loc.lat <= max_lat and min_lon <= loc.lon <= max_lon:
                    writer.add_way(obj)
                    kept_ways.add(obj.id)
                    kept += 1
                    break
    log.info("Clipped %s: kept %d of %d road ways", src.name, kept, seen)
    return kept, seen
