"""Road travel times from OSRM, in-process through its Python bindings (MLD data)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geodata.travel_fallback import StraightLineProvider
from geodata.travel_types import LatLon, RouteGeometry, TravelError, TravelMatrices

log = logging.getLogger(__name__)


def fill_unreachable(
    raw_dur: list[list[Any]],
    raw_dist: list[list[Any]],
    points: Sequence[LatLon],
) -> tuple[list[list[int]], list[list[int]]]:
    """Round to integers; a pair OSRM cannot connect gets the straight-line estimate."""
    fallback = StraightLineProvider()
    durations: list[list[int]] = []
    distances: list[list[int]] = []
    missing = 0
    for i, (drow, mrow) in enumerate(zip(raw_dur, raw_dist, strict=True)):
        out_d: list[int] = []
        out_m: list[int] = []
        for j, (d, m) in enumerate(zip(drow, mrow, strict=True)):
            if d is None or m is None:
                missing += 1
                out_d.append(fallback.duration_s(points[i], points[j]))
                out_m.append(fallback.distance_m(points[i], points[j]))
            else:
                out_d.append(round(d))
                out_m.append(round(m))
        durations.append(out_d)
        distances.append(out_m)
    if missing:
        log.warning("OSRM found no road route for %d pairs; used straight-line estimates", missing)
    return durations, distances


class OsrmLocalProvider:
    """OSRM in this process; open once per process and share (the engine is read-only)."""

    source = "osrm"

    def __init__(self, osrm_base: Path) -> None:
        import osrm  # imported here so the fallback works where the wheel is missing

        if not Path(f"{osrm_base}.partition").exists():
            raise TravelError(f"No OSRM MLD data at {osrm_base} (run the import first).")
        self._osrm = osrm
        self._engine = osrm.OSRM(
            storage_config=str(osrm_base), use_shared_memory=False, algorithm="MLD"
        )

    def matrices(self, points: Sequence[LatLon]) -> TravelMatrices:
        n = len(points)
        if n == 0:
            return TravelMatrices([], [], source=self.source, is_fallback=False)
        if n == 1:
            return TravelMatrices([[0]], [[0]], source=self.source, is_fallback=False)
        params = self._osrm.TableParameters(
            coordinates=[(float(lon), float(lat)) for lat, lon in points],
            annotations=["duration", "distance"],
        )
        try:
            result = self._engine.Table(params)
        except RuntimeError as exc:
            raise TravelError(f"OSRM table failed: {exc}") from exc
        # fetch each array once: every result["..."] access converts the whole table again
        dur_rows, dist_rows = result["durations"], result["distances"]
        raw_dur = [list(dur_rows[i]) for i in range(n)]
        raw_dist = [list(dist_rows[i]) for i in range(n)]
        durations, distances = fill_unreachable(raw_dur, raw_dist, points)
        return TravelMatrices(durations, distances, source=self.source, is_fallback=False)

    def route_geometry(self, points: Sequence[LatLon]) -> RouteGeometry:
        if len(points) < 2:
            return RouteGeometry([(float(p[0]), float(p[1])) for p in points], is_fallback=False)
        params = self._osrm.RouteParameters(
            coordinates=[(float(lon), float(lat)) for lat, lon in points],
            geometries="geojson",
            overview="full",
        )
        try:
            result = self._engine.Route(params)
        except RuntimeError as exc:
            raise TravelError(f"OSRM route failed: {exc}") from exc
        coords = result["routes"][0]["geometry"]["coordinates"]
        line = [(float(c[1]), float(c[0])) for c in (list(x) for x in coords)]
        return RouteGeometry(line, is_fallback=False)
