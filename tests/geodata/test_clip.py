"""Clipping an extract: whole roads near the area stay, with their node tags and restrictions."""

from __future__ import annotations

from pathlib import Path

import osmium

from geodata.clip import clip_pbf, expand_bbox

SMALL_OSM = """<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6" generator="test">
  <node id="1" version="1" lat="51.08" lon="4.10"/>
  <node id="2" version="1" lat="51.09" lon="4.10"><tag k="barrier" v="bollard"/></node>
  <node id="3" version="1" lat="51.30" lon="4.10"/>
  <node id="4" version="1" lat="51.09" lon="4.11"/>
  <node id="5" version="1" lat="50.50" lon="4.50"/>
  <node id="6" version="1" lat="50.51" lon="4.50"/>
  <way id="10" version="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/>
    <tag k="highway" v="residential"/></way>
  <way id="11" version="1"><nd ref="2"/><nd ref="4"/><tag k="highway" v="residential"/></way>
  <way id="12" version="1"><nd ref="5"/><nd ref="6"/><tag k="highway" v="primary"/></way>
  <way id="13" version="1"><nd ref="1"/><nd ref="4"/><tag k="building" v="yes"/></way>
  <relation id="20" version="1">
    <member type="way" ref="10" role="from"/><member type="node" ref="2" role="via"/>
    <member type="way" ref="11" role="to"/>
    <tag k="type" v="restriction"/><tag k="restriction" v="no_left_turn"/>
  </relation>
</osm>
"""


def test_clip_keeps_whole_nearby_roads_their_node_tags_and_restrictions(tmp_path: Path) -> None:
    src = tmp_path / "small.osm"
    src.write_text(SMALL_OSM)
    dst = tmp_path / "clipped.osm.pbf"
    kept, seen = clip_pbf(src, dst, (51.05, 4.05, 51.12, 4.15))
    assert (kept, seen) == (2, 3)  # the building is not even looked at

    ways, nodes, relations = {}, {}, []
    for obj in osmium.FileProcessor(str(dst)):
        if isinstance(obj, osmium.osm.Way):
            ways[obj.id] = [n.ref for n in obj.nodes]
        elif isinstance(obj, osmium.osm.Node):
            nodes[obj.id] = dict(obj.tags)
        elif isinstance(obj, osmium.osm.Relation):
            relations.append(obj.id)
    assert set(ways) == {10, 11}  # the far primary road and the building are gone
    assert ways[10] == [1, 2, 3]  # kept whole, although node 3 lies outside the box
    assert set(nodes) == {1, 2, 3, 4}
    assert nodes[2] == {"barrier": "bollard"}
    assert relations == [20]


def test_expand_bbox_adds_the_margin_in_metres() -> None:
    min_lat, min_lon, max_lat, max_lon = expand_bbox((51.0, 4.0, 51.1, 4.2), 1000)
    assert abs((51.0 - min_lat) * 111_320 - 1000) < 1
    assert min_lon < 4.0 and max_lon > 4.2 and max_lat > 51.1
