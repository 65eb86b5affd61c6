"""Straight-line travel estimates, used only when no road data is imported.

The constants are calibrated against OSRM (car profile, van factor 0.9) on the staged 2021
extract, on random pairs of register addresses; see benchmarks/RESULTS.md (geodata) for the
run (benchmarks/matrix_bench.py: 300 addresses, 87,226 pairs at least 500 m apart). The
median of road distance / straight-line distance gives the detour factor; the speed is the one
that makes the median fallback duration equal the median OSRM duration. On other pairs the
fallback time is within -20 %/+25 % of OSRM's for about three pairs in four; short trips with
one-way streets or a river crossing are off by much more (road/straight up to 6x).
"""

from __future__ import annotations

from collections.abc import Sequence

from geodata.geometry import haversine_m
from geodata.travel_types import LatLon, RouteGeometry, TravelMatrices

DETOUR_FACTOR = 1.45  # calibrated: median road/straight distance ratio (pairs >= 500 m)
SPEED_MPS = 10.2  # calibrated: makes the median fallback time match OSRM (36.8 km/h)
FALLBACK_SOURCE = "straight-line (fallback)"


class StraightLineProvider:
    """Haversine distance x detour factor at a constant speed; says it is the fallback."""

    def __init__(self, detour_factor: float = DETOUR_FACTOR, speed_mps: float = SPEED_MPS) -> None:
        if detour_factor < 1.0:
            raise ValueError("The detour factor must be at least 1 (roads are never shorter).")
        if speed_mps <= 0:
            raise ValueError("The fallback speed must be positive.")
        self.detour_factor = detour_factor
        self.speed_mps = speed_mps

    def distance_m(self, a: LatLon, b: LatLon) -> int:
        return round(haversine_m(a, b) * self.detour_factor)

    def duration_s(self, a: LatLon, b: LatLon) -> int:
        return round(haversine_m(a, b) * self.detour_factor / self.speed_mps)

    def matrices(self, points: Sequence[LatLon]) -> TravelMatrices:
        dist = [[self.distance_m(a, b) for b in points] for a in points]
        dur = [[round(d / self.speed_mps) for d in row] for row in dist]
        return TravelMatrices(dur, dist, source=FALLBACK_SOURCE, is_fallback=True)

    def route_geometry(self, points: Sequence[LatLon]) -> RouteGeometry:
        return RouteGeometry([(float(p[0]), float(p[1])) for p in points], is_fallback=True)
