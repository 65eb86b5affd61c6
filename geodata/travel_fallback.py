"""Straight-line travel estimates, used only when no road data is imported.

The constants are calibrated against OSRM (car profile, van factor 0.9) on the staged 2021
extract, on random pairs of register addresses; see benchmarks/RESULTS.md (geodata) for the
run. The median of road distance / straight-line distance gives the detour factor, and the
median of road distance / road duration gives the speed.
"""

from __future__ import annotations

from collections.abc import Sequence

from geodata.geometry import haversine_m
from geodata.travel_types import LatLon, RouteGeometry, TravelMatrices

DETOUR_FACTOR = 1.33  # calibrated: median road/straight distance ratio
SPEED_MPS = 10.6  # calibrated: median road distance / road duration (about 38 km/h)
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
